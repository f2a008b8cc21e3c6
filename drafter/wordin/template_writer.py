"""A laid-out document and the accepted proposals → a user template and its input file.

The template extends a frame (base-speech or base-report by default) and fills its blocks:
title, byline, salutation, opening, body (one block per heading, nested by level),
closing and signature. Every line is the original paragraph with the accepted proposals
turned into fields; nothing else is changed, nothing is invented. Headings are written
without numbers (the writer numbers them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator

import yaml

from drafter.document import Block, BlockType, Document, number_headings
from drafter.wordin.proposals import (MASTHEAD, Facts, Proposal, field_title, is_body_name, names_another_body,
                                      pattern_of, short_field_title)

FRAME = ("title", "byline", "salutation", "opening", "body", "closing", "signature")
_PART_OF = {BlockType.TITLE: "title", BlockType.BYLINE: "byline", BlockType.SALUTATION: "salutation",
            BlockType.CLOSING: "closing", BlockType.SIGNATURE: "signature", BlockType.HEADING: "body"}
_DIRECTIVE = {BlockType.TITLE: "@title ", BlockType.BYLINE: "@byline ", BlockType.SALUTATION: "@salutation ",
              BlockType.CLOSING: "@closing ", BlockType.SIGNATURE: "@signature "}
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")
_NOT_NAME = re.compile(r"[^\w]+")
_NAME_CUT = re.compile(r"[，、。：；！？,.:;!?（）()“”‘’《》\s]")
_DEFAULT_SPEAKER = "主要负责人"


@dataclass
class Learned:
    template: str  # the template file's text
    data: dict[str, Any]  # the input file's values
    yaml: str  # the input file's text (with comments)
    expected: Document  # what rendering the template with the data must give
    corrections: list[tuple[int, str]] = field(default_factory=list)  # (paragraph, what changed)


def write(document: Document, sources: list[int], accepted: list[Proposal], rejected: list[Proposal],
          facts: Facts, *, name: str, base: str, base_blocks: set[str]) -> Learned:
    blocks, sources, corrections = _normalised(document, sources)
    expected = Document([_copy(b) for b in blocks], title=document.title, genre=document.genre)
    number_headings(expected.blocks)
    writer = _Lines(accepted, rejected)
    parts = _parts(blocks, sources, base_blocks)
    body = _section_lines(writer, expected.blocks, parts)
    template = _manifest(writer, expected, facts, name, accepted) + f'{{% extends "{base}" %}}\n'
    template += _outline_comment(writer, expected.blocks)
    for part in FRAME:
        if part == "body":
            template += "\n{# 正文：每个小标题是一个 block，可以在继承本模板的模板里单独改写 #}\n"
            template += "{% block body %}\n" + body + "{% endblock %}\n"
        elif part in base_blocks:  # every frame block is written, so the frame adds no text of its own
            lines = [writer.line(b, s) for b, s in parts.get(part, [])]
            template += f"\n{_PART_COMMENTS[part]}\n{{% block {part} %}}\n" + "".join(l + "\n" for l in lines)
            template += "{% endblock %}\n"
    data = input_data(accepted, facts, name)
    return Learned(template, data, input_yaml(data, accepted, name), expected, corrections)


_PART_COMMENTS = {
    "title": "{# 标题 #}", "byline": "{# 署名、日期 #}", "salutation": "{# 称呼或主送机关 #}",
    "opening": "{# 开头：第一个小标题之前的段落 #}", "closing": "{# 结束语 #}", "signature": "{# 落款 #}",
}


# ---------------------------------------------------------------- structure


def _copy(block: Block) -> Block:
    return Block(block.type, block.text, level=block.level)


def _normalised(document: Document, sources: list[int]) -> tuple[list[Block], list[int], list[tuple[int, str]]]:
    """What a template can say: tables as one paragraph per cell, 附件 lines and a second
    title as body text, run-in text as its own paragraph, no heading deeper than one level
    below the one before."""
    blocks: list[Block] = []
    numbers: list[int] = []
    corrections: list[tuple[int, str]] = []
    open_levels: list[tuple[int, int]] = []  # (level as found, level written) of the open headings
    titled = False
    for block, source in zip(document.blocks, sources):
        if block.type in MASTHEAD:
            corrections.append((source, f"版头的“{block.text.split(chr(9))[0]}”不写入模板（每份文件不同）"))
            continue
        if block.type is BlockType.TABLE:
            cells = [line for row in block.rows for cell in row for line in cell.split("\n") if line]
            blocks.extend(Block(BlockType.BODY, line) for line in cells)
            numbers.extend([source] * len(cells))
            corrections.append((source, "模板不能写表格：表格的单元格逐个写成正文段落"))
            continue
        copy = Block(block.type, block.text, level=block.level)
        if copy.type is BlockType.ATTACHMENT:
            copy.type = BlockType.BODY
            corrections.append((source, "附件说明按正文写入模板"))
        if copy.type is BlockType.TITLE:
            if titled and blocks and blocks[-1].type is not BlockType.TITLE:
                copy.type = BlockType.BODY
                corrections.append((source, "文中第二个标题按正文写入模板（一个模板只有一个标题）"))
            titled = True
        if copy.type is BlockType.HEADING:
            level = _effective_level(copy.level, open_levels)
            if level != copy.level:
                corrections.append((source, f"{_LEVELS[copy.level]}级标题的上一级没有标题，改为{_LEVELS[level]}级标题"))
                copy.level = level
        blocks.append(copy)
        numbers.append(source)
        if block.run_in:
            blocks.append(Block(BlockType.BODY, block.run_in))
            numbers.append(source)
            corrections.append((source, "小标题与后面的正文拆为两段"))
    return blocks, numbers, corrections


_LEVELS = "零一二三四"


def _effective_level(level: int, open_levels: list[tuple[int, int]]) -> int:
    """A heading at most one level below the one it is under; its siblings follow it (two
    1. headings right under 一、 both become （一）-level headings)."""
    sibling = None
    while open_levels and open_levels[-1][0] >= level:
        found, written = open_levels.pop()
        if found == level:
            sibling = written
    written = sibling if sibling is not None else min(level, (open_levels[-1][1] if open_levels else 0) + 1)
    open_levels.append((level, written))
    return written


def _parts(blocks: list[Block], sources: list[int], base_blocks: set[str]) -> dict[str, list[tuple[Block, int]]]:
    """Each block into the frame block it belongs to; a block out of the frame's order stays
    where it is (a salutation after the first heading is written in the body)."""
    parts: dict[str, list[tuple[Block, int]]] = {}
    current = 0
    for block, source in zip(blocks, sources):
        natural = _PART_OF.get(block.type, "opening" if current <= FRAME.index("opening") else FRAME[current])
        if natural == "signature" and "signature" not in base_blocks:
            natural = "closing"
        index = max(current, FRAME.index(natural))
        current = index
        parts.setdefault(FRAME[index], []).append((block, source))
    return parts


def _section_lines(writer: "_Lines", numbered: list[Block], parts: dict[str, list[tuple[Block, int]]]) -> str:
    """The body: a block per heading, nested by level, named after the heading; a list of
    sub-headings accepted as a field is one loop."""
    numbers = iter([b.number for b in numbered if b.type is BlockType.HEADING])
    text = ""
    open_levels: list[int] = []
    names: set[str] = set()
    skip = 0
    for block, source in parts.get("body", []):
        if skip:
            skip -= 1
            next(numbers)
            continue
        if block.type is BlockType.HEADING:
            while open_levels and open_levels[-1] >= block.level:
                open_levels.pop()
                text += "{% endblock %}\n"
            listed = writer.lists.get((source, block.text))
            if listed is not None and listed.is_headings:
                next(numbers)
                skip = len(listed.items) - 1
                text += (f"{{# 以下 {len(listed.items)} 个小标题来自字段 {listed.field}，每项一个 #}}\n"
                         f"{{% for item in {listed.field} %}}\n{'#' * block.level} {{{{ item }}}}\n{{% endfor %}}\n")
                continue
            label = next(numbers) + writer.label(block.text)
            text += f"{{# {label} #}}\n{{% block {_block_name(writer.label(block.text), names)} %}}\n"
            open_levels.append(block.level)
        text += writer.line(block, source) + "\n"
    text += "{% endblock %}\n" * len(open_levels)
    return text


def _block_name(heading: str, taken: set[str]) -> str:
    """A block name from the heading's words before its first punctuation (Jinja takes
    Chinese names); 节_… when nothing usable is left, _2, _3 … when taken."""
    words = _NAME_CUT.split(heading.replace("【", "").replace("】", ""))
    name = _NOT_NAME.sub("_", next((w for w in words if w), ""))[:16].strip("_")
    if not name or not name.isidentifier() or name in FRAME or name == "more_sections":
        name = "节_" + name if name and ("节_" + name).isidentifier() else "节"
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}_{number}", number + 1
    taken.add(candidate)
    return candidate


def _outline_comment(writer: "_Lines", numbered: list[Block]) -> str:
    lines = [f"  {'  ' * (b.level - 1)}{b.number}{writer.label(b.text)}" for b in numbered
             if b.type is BlockType.HEADING]
    return ("{#\n  本模板由 drafter learn 从一份已有的文稿生成：原文照录，因单位、年份而异的文字换成了字段，\n"
            "  模板里写作 {{ 字段 }}，下面的提纲里写作【字段】。每个小标题是一个 block，继承本模板\n"
            "  （{% extends \"本模板名\" %}）时写同名"
            " block 就能替换、删除（写空 block）或补充（先写 {{ super() }}）这一节。\n"
            "  标题的编号由程序按层级生成，模板里不写编号。提纲：\n" + "\n".join(lines) + "\n#}\n")


class _Lines:
    """Markup lines with the accepted proposals turned into fields."""

    def __init__(self, accepted: list[Proposal], rejected: list[Proposal]):
        self.by_text = {p.text: p for p in accepted if not p.is_list}
        self.lists = {(p.where[0], p.text): p for p in accepted if p.is_list}
        # rejected texts take part in matching, so that their words are kept whole
        self.pattern = pattern_of([p.text for p in accepted + rejected if not p.is_list])

    def line(self, block: Block, source: int) -> str:
        if block.type is BlockType.HEADING:
            return "#" * block.level + " " + self.text(block.text)
        listed = self.lists.get((source, block.text)) if block.type is BlockType.BODY else None
        if listed is not None:
            from drafter.wordin.proposals import enumeration

            before, marker, _, after = enumeration(block.text)
            loop = (f"{{% for item in {listed.field} %}}{{{{ loop.index | cn_number }}}}{marker}"
                    f"{{{{ item }}}}{{% endfor %}}")
            line = self.text(before, start=True) + loop + self.text(after)
            return line + ("\n" if line.endswith("%}") else "")  # Jinja's trim_blocks eats one line break
        prefix = _DIRECTIVE.get(block.type, "")
        return prefix + self.text(block.text, start=not prefix)

    def fields(self, text: str) -> Iterator[tuple[re.Match[str], Proposal]]:
        """(match, accepted proposal) for each place in `text` that becomes a field."""
        for match in self.pattern.finditer(text) if self.pattern is not None else ():
            proposal = self.by_text.get(match.group())
            if proposal is None:
                continue  # rejected: stays as written
            if is_body_name(proposal.field) and names_another_body(text, match.start(), match.end()):
                continue  # 乡镇人民政府 is another body: stays as written
            yield match, proposal

    def text(self, text: str, start: bool = False) -> str:
        """Jinja source that prints `text` with accepted proposals as fields."""
        pieces: list[str] = []
        position = 0
        for match, proposal in self.fields(text):
            pieces.append(_literal(text[position:match.start()]))
            pieces.append(expression(proposal.field, proposal.text))
            position = match.end()
        pieces.append(_literal(text[position:]))
        source = "".join(pieces)
        if start and source[:1] in ("#", "@"):  # a paragraph that begins like markup stays a paragraph
            source = f'{{{{ "{source[0]}" }}}}' + source[1:]
        return source

    def label(self, text: str, short: bool = False) -> str:
        """The heading as the template's comments show it: fields as 【名称】 (with its explanation,
        or `short`, as in the one-line description, without: 【地名】)."""
        title = short_field_title if short else field_title
        pieces, position = [], 0
        for match, proposal in self.fields(text):
            pieces.append(text[position:match.start()] + f"【{title(proposal.field)}】")
            position = match.end()
        return ("".join(pieces) + text[position:]).replace("#}", "# }")


def _literal(text: str) -> str:
    return _JINJA_OPEN.sub('{{ "{" }}', text)


def expression(name: str, text: str = "") -> str:
    """What the template prints for a field name of the proposals (`text`: as the file wrote it)."""
    if name == "unit.government":  # 乡政府 / 乡人民政府: the kind, then the words as written
        return "{{ unit.kind }}" + text[1:]
    digits = re.fullmatch(r"\d{4}([.\-/])(\d{1,2})\1(\d{1,2})", text) if name == "meeting.date" else None
    if digits:  # 2024.3.5 in a byline stays in that form
        padded = ", true" if len(digits.group(2)) == 2 or len(digits.group(3)) == 2 else ""
        return f'{{{{ meeting.date | numeric_date("{digits.group(1)}"{padded}) }}}}'
    fixed = {
        "unit.short_name": "{{ unit.short }}", "unit.party": "{{ unit.kind }}{{ unit.org }}",
        "meeting.date": "{{ meeting.date_cn }}", "meeting.date_hanzi": "{{ meeting.date_hanzi }}",
        "place.bare": "{{ place | bare_place }}", "meeting.year-1": "{{ meeting.year - 1 }}",
        "meeting.year+1": "{{ meeting.year + 1 }}", "quarter": "{{ quarter }}季度",
        "quarter.next": "{{ quarter | next_quarter }}季度",
    }
    if name in fixed:
        return fixed[name]
    parts = name.split(".")
    if parts[0] in ("leaders", "superiors"):
        index = f"{parts[0]}[{parts[1]}]"
        if parts[0] == "superiors" and len(parts) == 3:  # the government beside that committee
            return f"{{{{ {index} | government{'(full=true)' if parts[2] == 'people_government' else ''} }}}}"
        if parts[0] == "leaders" and len(parts) == 2:
            return f"{{{{ {index}.post }}}}{{{{ {index}.name }}}}"
        return f"{{{{ {index}{'.' + parts[2] if len(parts) == 3 else ''} }}}}"
    return f"{{{{ {name} }}}}"


# ---------------------------------------------------------------- manifest


def _manifest(writer: _Lines, expected: Document, facts: Facts, name: str, accepted: list[Proposal]) -> str:
    headings = [writer.label(b.text, short=True) for b in expected.blocks
                if b.type is BlockType.HEADING and b.level == 1]
    outline = "；".join(headings)
    description = f"由已有的{facts.genre}稿生成，{len(headings)} 个部分：{outline}" if headings else \
        f"由已有的{facts.genre}稿生成"
    header = {"title": name, "description": description[:200], "kind": facts.genre}
    fields = declared_fields(accepted)
    text = ("{#---\n# 由 drafter learn 生成。原稿中因单位、年份而异的文字已换成字段（见下面的 fields 和\n"
            "# 公共字段 unit、speaker、meeting、leaders），其余文字照原稿保留。\n")
    text += _dump(header)
    if fields:
        text += "# 本模板特有的字段：\n" + _dump({"fields": fields})
    return text + "---#}\n"


def declared_fields(accepted: list[Proposal]) -> dict[str, dict[str, Any]]:
    """Manifest declarations of the fields the template uses beyond the shared ones."""
    fields: dict[str, dict[str, Any]] = {}
    accepted = sorted(accepted, key=lambda p: _extra_order(p.field))
    superiors = sorted({int(p.field.split(".")[1]) for p in accepted if p.field.startswith("superiors.")})
    for proposal in accepted:
        name = proposal.field
        if name in ("place", "place.bare"):
            fields["place"] = {"type": "text", "title": "地名", "required": True,
                               "help": "本单位所在地的名称，带“县”“区”等字，如：清河县"}
        elif name.startswith("alias_"):
            fields[name] = {"type": "text", "title": "单位的其他简称", "required": True,
                            "help": "原稿中单位的另一种简称，换成本单位相应的简称"}
        elif name in ("quarter", "quarter.next"):
            fields["quarter"] = {"type": "choice", "choices": list("一二三四"), "title": "季度", "required": True,
                                 "help": "季度的序数：一、二、三或四（写成“一”，模板里是“一季度”）"}
        elif proposal.is_headings:
            fields[name] = {"type": "list", "title": f"第 {proposal.where[0]} 段起并列的小标题",
                            "help": "每项一个小标题，不写编号（编号由程序按层级生成）", "default": list(proposal.items)}
        elif proposal.is_list:
            fields[name] = {"type": "list", "title": f"第 {proposal.where[0]} 段列举的各项",
                            "help": f"每项依次写成“一{proposal.marker}……二{proposal.marker}……”，"
                                    "连同句末的标点照写",
                            "default": list(proposal.items)}
    if superiors:
        fields["superiors"] = {"type": "list", "title": "上级党委", "required": True,
                               "help": f"按层级从高到低填写 {len(superiors)} 项，如：省委、市委、县委",
                               "example": ["省委", "市委", "县委", "区委"][:len(superiors)]}
    return fields


# ---------------------------------------------------------------- input file


def input_data(accepted: list[Proposal], facts: Facts, name: str) -> dict[str, Any]:
    """The values that make the template give back the original text."""
    unit: dict[str, Any] = {"name": facts.unit_name}
    speaker: dict[str, Any] = {"title": _DEFAULT_SPEAKER}
    meeting: dict[str, Any] = {}
    leaders: dict[int, dict[str, Any]] = {}
    superiors: dict[int, str] = {}
    extra: dict[str, Any] = {}
    if facts.kind:
        unit["kind"] = facts.kind
    for proposal in accepted:
        parts = proposal.field.split(".")
        if proposal.field == "unit.party":
            unit["party_org"] = proposal.value
        elif parts[0] == "unit" and parts[1] in ("name", "short_name"):
            unit[parts[1]] = proposal.value
        elif parts[0] == "speaker":
            speaker[parts[1]] = proposal.value
        elif proposal.field == "meeting.name":
            meeting["name"] = proposal.value
        elif parts[0] == "leaders":
            person = leaders.setdefault(int(parts[1]), {})
            person.update(proposal.value if len(parts) == 2 else {parts[2]: proposal.value})
        elif parts[0] == "superiors":
            superiors[int(parts[1])] = proposal.value
        elif parts[0] in ("place", "quarter") or parts[0].startswith(("alias_", "points_")) or proposal.is_list:
            extra[parts[0] if parts[0] in ("place", "quarter") else proposal.field] = proposal.value
    if facts.meeting_date is not None:
        meeting["date"] = facts.meeting_date
    data: dict[str, Any] = {"template": name, "unit": unit, "speaker": speaker}
    if meeting:
        data["meeting"] = meeting
    if leaders:
        data["leaders"] = [_leader(leaders.get(i, {})) for i in range(max(leaders) + 1)]
    if superiors:
        data["superiors"] = [superiors.get(i, "") for i in range(max(superiors) + 1)]
    data.update(sorted(extra.items(), key=lambda item: _extra_order(item[0])))
    return data


def _extra_order(name: str) -> tuple[int, int]:
    head, _, number = name.partition("_")
    groups = ("place", "alias", "quarter", "points", "subheadings")
    return (groups.index(head) if head in groups else len(groups), int(number) if number.isdigit() else 0)


def _leader(person: dict[str, Any]) -> dict[str, Any]:
    return {"name": person.get("name", ""), **({"post": person["post"]} if person.get("post") else {})}


_SECTION_COMMENTS = {
    "unit": "# 本单位：换成别的单位时改这里",
    "speaker": "# 讲话人",
    "meeting": "# 会议：名称和日期（日期决定文中的年份）",
    "leaders": "# 文中点名的班子成员，按出现的先后；模板用到几位，这里至少要写几位",
    "superiors": "# 上级党委，按层级从高到低",
}


def input_yaml(data: dict[str, Any], accepted: list[Proposal], name: str) -> str:
    """The input file with Chinese comments."""
    text = (f"# 《{name}》的输入文件，由 drafter learn 生成：用它生成的文稿与原稿的文字相同。\n"
            "# 换成别的单位、别的年份：改下面的单位、讲话人、会议、班子成员和本模板的字段，然后运行\n"
            f"#   drafter render 本文件名.yaml\n\n")
    for key, value in data.items():
        if key in _SECTION_COMMENTS:
            text += _SECTION_COMMENTS[key] + "\n"
        elif key != "template":
            listed = next((p for p in accepted if p.field == key), None)
            title = field_title(key) if listed is None else field_title(listed.field)
            text += f"# {title}\n"
        if key == "speaker" and value.get("title") == _DEFAULT_SPEAKER:
            text += "# （原稿中没有找到讲话人，本模板用不到它，照这样填写即可）\n"
        text += _dump({key: value})
        if key != "template":
            text += "\n"
    return text


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_date(dumper: yaml.SafeDumper, value: date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(date, _represent_date)


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1000)
