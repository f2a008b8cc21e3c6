"""The proposals as a YAML file a user edits (`drafter learn --proposals FILE`): delete the
entries to keep as written, change `field:` to put a text into another field.

    proposals:
      - text: 清河县档案馆        # 单位全称；第 3、15 段，共 2 处
        field: unit.name
      - list: 17                # 第 17 段：一是……四是……（4 项）
        field: points_1
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import InputError, Position
from drafter.wordin.proposals import Proposal, field_title

# Fields a found text may be moved to (their value is the text itself).
_PLAIN = {"unit.name", "unit.short_name", "speaker.title", "speaker.name", "meeting.name", "place"}
_PLAIN_PATTERN = re.compile(r"^(?:alias_[1-9]\d*|leaders\.\d{1,2}\.(?:name|post)|superiors\.\d{1,2})$")
# Fields whose value is derived from the text: they stay as proposed, or are deleted.
_FIXED = ("unit.self_ref", "unit.whole", "unit.divisions", "unit.party", "unit.government", "meeting.date",
          "meeting.date_hanzi", "meeting.year", "meeting.year-1", "meeting.year+1", "quarter", "quarter.next",
          "era.congress", "place.bare")
_RESERVED = {"place", "quarter", "superiors"}


def proposals_yaml(proposals: list[Proposal], command: str) -> str:
    """The file a user edits: every proposal with a comment saying what and where it is."""
    text = ("# drafter learn 的替换建议：原稿中可以换成字段的文字，每项一条。\n"
            "# 不要替换的：整条删除（连同 field 一行），这段文字就照原样留在模板里。\n"
            "# 要换成别的字段：改 field，可用的有 unit.name、unit.short_name、speaker.title、speaker.name、\n"
            "#   meeting.name、place、alias_1、leaders.0.name、leaders.0.post、superiors.0 ……\n"
            "#   （“一是……二是……”列举的各项可以改成别的字段名，用英文字母、数字和下划线）。\n"
            f"# 改好后运行：\n#   {command}\n\nproposals:\n")
    for proposal in proposals:
        where = "、".join(str(n) for n in proposal.where)
        if proposal.is_list:
            text += f"  - list: {proposal.where[0]}    # 第 {where} 段：{proposal.shown}\n"
        else:
            text += (f"  - text: {_scalar(proposal.text)}    # {field_title(proposal.field)}；"
                     f"第 {where} 段，共 {proposal.count} 处\n")
        text += f"    field: {proposal.field}\n"
    return text


def _scalar(text: str) -> str:
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1000)
    return dumped.split("\n...")[0].strip()


def read_proposals(path: Path, found: list[Proposal]) -> list[Proposal]:
    """The accepted proposals, as the edited file says; Chinese errors with the file's lines."""
    from drafter.source import load_file

    if not path.is_file():
        raise InputError(f"找不到替换建议文件：{path}（它由不带 --accept 和 --proposals 的 drafter learn 写出）")
    source = load_file(path)
    data = source.data
    if isinstance(data, dict) and set(data) == {"proposals"}:
        entries = data["proposals"] or []
    else:
        raise InputError("替换建议文件应只有一个字段 proposals:，下面每项写 text（或 list）和 field",
                         source.position_of(()))
    if not isinstance(entries, list):
        raise InputError("proposals: 下面应是列表，每项以“- ”开头", source.position_of(("proposals",)))
    texts = {p.text: p for p in found if not p.is_list}
    lists = {p.where[0]: p for p in found if p.is_list}
    accepted: list[Proposal] = []
    taken: dict[str, tuple[Proposal, Position | None]] = {}
    for index, entry in enumerate(entries):
        where = source.position_of(("proposals", index))
        proposal = _entry(entry, where, texts, lists)
        new_field = _field(entry.get("field"), proposal, source.position_of(("proposals", index, "field")))
        moved = _moved(proposal, new_field)
        _no_clash(moved, taken, where, accepted)
        accepted.append(moved)
    return accepted


def _entry(entry: Any, where: Position | None, texts: dict[str, Proposal],
           lists: dict[int, Proposal]) -> Proposal:
    if not isinstance(entry, dict) or "field" not in entry or ("text" in entry) == ("list" in entry):
        raise InputError("每项应写成“- text: 原文”（或“- list: 段号”）再加一行“field: 字段”", where)
    unknown = set(entry) - {"text", "list", "field"}
    if unknown:
        raise InputError(f"不认识的键“{'、'.join(sorted(map(str, unknown)))}”：每项只有 text（或 list）和 field", where)
    if "text" in entry:
        proposal = texts.get(str(entry["text"]))
        if proposal is None:
            raise InputError(f"“{entry['text']}”不是 drafter learn 建议替换的文字（原文不能改，只能删除整项或改 field）",
                             where)
        return proposal
    proposal = lists.get(entry["list"]) if isinstance(entry["list"], int) else None
    if proposal is None:
        raise InputError(f"第 {entry['list']} 段没有建议的列举（一是……二是……）", where)
    return proposal


def _field(value: Any, proposal: Proposal, where: Position | None) -> str:
    name = str(value or "").strip()
    if proposal.is_list:
        if not name.isidentifier() or not name.isascii() or name.startswith("_") or "." in name \
                or name in _RESERVED or name.startswith("alias_") or name in ("era", "doc"):
            raise InputError(f"列举的字段名“{name}”不能用：请用英文字母、数字和下划线，不以数字或下划线开头，"
                             "也不能与公共字段同名（如 points_1）", where)
        from drafter.fields import SHARED_FIELDS

        if name in SHARED_FIELDS:
            raise InputError(f"字段名“{name}”是公共字段，列举的各项请用别的名字（如 points_1）", where)
        return name
    if name == proposal.field:
        return name
    if proposal.field in _FIXED or proposal.field.count(".") == 1 and proposal.field.startswith("leaders.") \
            or proposal.field.endswith("government"):
        raise InputError(f"“{proposal.text}”只能对应字段 {proposal.field}（{field_title(proposal.field)}）；"
                         "不要替换就删除这一项", where)
    if name in _PLAIN or _PLAIN_PATTERN.match(name):
        return name
    known = "、".join(sorted(_PLAIN)) + "、alias_1、leaders.0.name、leaders.0.post、superiors.0"
    raise InputError(f"不认识的字段“{name}”，可用：{known}", where)


def _moved(proposal: Proposal, name: str) -> Proposal:
    if name == proposal.field:
        return proposal
    return Proposal(proposal.text, name, proposal.text, proposal.where, proposal.count, proposal.items,
                    proposal.marker)


def _no_clash(proposal: Proposal, taken: dict, where: Position | None, accepted: list[Proposal]) -> None:
    if proposal in accepted or any(p.text == proposal.text and not p.is_list and not proposal.is_list
                                   for p in accepted):
        raise InputError(f"“{proposal.shown}”写了两次", where)
    if proposal.field in ("unit.party",) or proposal.field.startswith("meeting.year"):
        return  # several texts may give the same derived value
    earlier = taken.get(proposal.field)
    if earlier is not None and earlier[0].value != proposal.value:
        line = f"（{earlier[1]}）" if earlier[1] else ""
        raise InputError(f"字段 {proposal.field} 已经对应“{earlier[0].shown}”{line}，不能再对应“{proposal.shown}”：",
                         where)
    taken[proposal.field] = (proposal, where)


def compact(accepted: list[Proposal]) -> list[Proposal]:
    """Leaders, superiors and other short names numbered from the first without gaps, once
    some were deleted (the input file's lists cannot have holes); the order stays."""
    def group_of(proposal: Proposal) -> tuple[str, int] | None:
        parts = proposal.field.split(".")
        if parts[0] in ("leaders", "superiors") and len(parts) >= 2 and parts[1].isdigit():
            return parts[0], int(parts[1])
        if parts[0].startswith("alias_") and len(parts) == 1:
            return "alias", int(parts[0].split("_")[1])
        return None

    olds: dict[str, set[int]] = {}
    for proposal in accepted:
        key = group_of(proposal)
        if key is not None:
            olds.setdefault(key[0], set()).add(key[1])
    mapping = {(group, old): new for group, numbers in olds.items() for new, old in enumerate(sorted(numbers))}
    result = []
    for proposal in accepted:
        key = group_of(proposal)
        if key is None:
            result.append(proposal)
            continue
        new = mapping[key]
        parts = proposal.field.split(".")
        name = f"alias_{new + 1}" if key[0] == "alias" else ".".join([parts[0], str(new)] + parts[2:])
        result.append(proposal if name == proposal.field else
                      Proposal(proposal.text, name, proposal.value, proposal.where, proposal.count,
                               proposal.items, proposal.marker))
    return result
