"""What each paragraph of a user's file is: title, byline, 主送, salutation, heading of a
level, body, 附件, closing phrase, 落款 and its date, table.

Text patterns are the evidence (numbers, parentheses, dates, set phrases); Word's hints
(heading styles, centring, bold) decide only where the text says nothing. A heading
swallowed into the middle of a paragraph is split out when its number is the next one
of its level; a heading that runs on into body text keeps that text as `run_in`.

Half-width punctuation is corrected before the roles are sought, so that "…制度.二、存在问题"
is read as "…制度。二、存在问题" would be; the 版头 and the 落款 keep theirs as typed, table
cells are corrected like body text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from drafter.check.document import ATTACHMENT, FAMILY_RANK, parse_heading
from drafter.document import cn_to_int
from drafter.wordin.masthead import joint_lines, masthead
from drafter.wordin.punctuation import describe, full_width
from drafter.wordin.source import Cell, SourceParagraph

ROLE_LABELS = {
    "title": "标题", "byline": "署名/日期", "addressee": "主送", "salutation": "称呼",
    "heading": "标题", "body": "正文", "attachment": "附件", "closing": "结束语",
    "signature": "落款", "date": "成文日期", "table": "表格", "attachment_label": "附件标识",
    "copy_number": "份号", "secrecy": "密级", "urgency": "紧急程度", "issuer_mark": "发文机关标志",
    "doc_number": "发文字号", "signer": "签发人",
}
_BEFORE_BODY = {"title", "byline", "addressee", "salutation", "copy_number", "secrecy", "urgency", "issuer_mark",
                "doc_number", "signer"}
LEVEL_LABELS = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}

_SENTENCE_END = "。！？!?"
_CN_NUM = "〇○零一二三四五六七八九十"
_DATE = re.compile(rf"^[（(]?\s*(?:\d{{4}}|[{_CN_NUM}]{{4}})\s*年\s*[\d{_CN_NUM}]{{1,2}}\s*月"
                   rf"\s*[\d{_CN_NUM}]{{1,3}}\s*日\s*[）)]?$")
_PARENTHESISED = re.compile(r"^[（(].{2,40}[）)]$")
_SALUTATION = re.compile(r"^(尊敬的)?(同志们|各位[^，。：]{0,12}|女士们、?先生们|朋友们)[：:，,！!]?$")
# The set phrases that close a report, a 请示, a notice or a speech, one list for all of them:
# 特此报告 / 特此汇报 / 专此请示, 以上报告，请审阅 / 以上请示如无不妥，请批准, 妥否，请批示, 谢谢大家！
# A line asking for a decision (请审阅, 请批示) closes the text only when it is the whole line.
_THE_ABOVE = r"(?:以上(?:报告|汇报|请示|意见|方案)[，,]?)?"
_CLOSING = re.compile(
    r"^(?:(?:特此|专此)(?:报告|汇报|请示|通知|函告|函复|函达|说明|批复|公告|通告|报送)"
    rf"|{_THE_ABOVE}(?:妥否|当否|可否)[，,]?请"
    rf"|{_THE_ABOVE}(?:(?:如无不妥|是否妥当|是否可行)[，,]?)?请[^。！？]{{0,6}}?"
    r"(?:审阅|审议|审定|审批|批示|批复|批准|核准|指示|阅示|指正)[。！!]?$"
    r"|谢谢(?:大家)?[！!。]?$)")
# The line at the top of an attachment's page: 附件1, 附件 2, 附件： on a line of its own
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[：:]?$")
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]")
_REPORTING = re.compile(r"如下[：:]$")  # 现将有关情况报告如下：, 为……，现通知如下： open the body
# A title is complete when it ends like a document's name; a line after that is no title line.
_TITLE_END = re.compile(r"(讲话|报告|通知|意见|方案|总结|发言|请示|决定|办法|规定|计划|要点|纪要|函|汇报|提纲|致辞|讲稿)$")
# A number then a space, no punctuation: "一 坚持", "1 加强" (short lines only)
_SPACED = re.compile(rf"^([{_CN_NUM}]{{1,3}}|\d{{1,2}})[ \t\u3000]+(?=\S)")
# Where a swallowed heading may start: after a sentence's end
_EMBEDDED = re.compile(rf"(?<=[。！？；!?;])[ \u3000]*(?=[（(]?[{_CN_NUM}\d]{{1,3}}[）)]?[、.．，,]?)")


@dataclass(slots=True)
class Item:
    """One paragraph of the result and where it came from."""

    source: int  # 1-based paragraph number in the file (as drafter check counts)
    role: str
    text: str  # without the heading number
    level: int = 0
    marker: str = ""  # the heading number as written ("" when none was typed)
    number: int = 0  # the number as written
    run_in: str = ""  # body text run on after a heading
    rows: list[list[str]] = field(default_factory=list)  # table cells
    table: int = -1  # which table of the file the cells come from
    merges: tuple[tuple[int, int, int, int], ...] = ()  # merged cells: (row, column, rows, columns)
    notes: list[str] = field(default_factory=list)  # what will change
    original: str = ""  # the paragraph (or the part split out of one) as written
    page_break: bool = False  # the user started a new page before it

    def __post_init__(self) -> None:
        self.original = self.original or self.text

    @property
    def label(self) -> str:
        return LEVEL_LABELS.get(self.level, "标题") if self.role == "heading" else ROLE_LABELS[self.role]


@dataclass(slots=True)
class _Marker:
    level: int
    number: int
    marker: str
    rest: str
    standard: bool


def parse_marker(text: str) -> _Marker | None:
    """A heading number at the start of text: 一、 （一） 1. （1）, half-width brackets, 1、,
    or a number followed by a space."""
    heading = parse_heading(0, text)
    if heading is not None:
        rest = text[len(heading.marker):].lstrip(" \t\u3000")
        if rest:
            return _Marker(FAMILY_RANK[heading.family] + 1, heading.number, heading.marker.strip(), rest,
                           heading.standard)
        return None
    spaced = _SPACED.match(text)
    if spaced and len(text) <= 40:
        digits = spaced.group(1)
        number = cn_to_int(digits)
        if number:
            return _Marker(3 if digits.isdigit() else 1, number, digits, text[spaced.end():], False)
    return None


def detect(paragraphs: list[SourceParagraph]) -> list[Item]:
    """The items of the document, in order (a table is one item)."""
    items: list[Item] = []
    plain: list[tuple[int, SourceParagraph]] = []
    for index, paragraph in enumerate(paragraphs, 1):
        if paragraph.cell is not None:
            _add_cell(items, index, paragraph.cell, paragraph.text)
        else:
            items.append(Item(index, "", paragraph.text, page_break=paragraph.page_break))
            plain.append((index, paragraph))
    hints = {index: paragraph for index, paragraph in plain}
    items = _mark_table_as_lines(items, paragraphs, hints)
    untyped = [item for item in items if item.role == ""]
    top = masthead(untyped, hints)
    typed = _full_width(untyped[top:], hints)
    _back(untyped, top + _front(untyped[top:], hints), hints)
    _note_corrections(untyped[top:], typed)
    numbered = any(parse_marker(item.text) or hints[item.source].auto_number for item in untyped if item.role == "")
    counters = [0, 0, 0, 0, 0]
    ahead = _numbers_ahead(untyped)
    result: list[Item] = []
    for item in items:
        if item.role == "":  # neither front matter, nor 落款, nor a table
            _middle(item, hints[item.source], numbered, counters, result, ahead)
        else:
            if item.role == "attachment_label":
                counters = [0, 0, 0, 0, 0]  # an attachment numbers its headings anew
            result.append(item)
    for item in result:
        if item.role == "table":
            _full_width_cells(item)
    _attachment_lists(result)
    _number_as_the_file(result, paragraphs)
    return result


def _number_as_the_file(items: list[Item], paragraphs: list[SourceParagraph]) -> None:
    """Items were keyed by their place in the list read; show the file's paragraph number
    (the lines of a paragraph broken with Shift+Enter share it, as split headings do)."""
    for item in items:
        item.source = paragraphs[item.source - 1].paragraph or item.source


def _mark_table_as_lines(items: list[Item], paragraphs: list[SourceParagraph],
                         hints: dict[int, SourceParagraph]) -> list[Item]:
    """A joint 发文机关标志 set as a table at the top (the issuers down the left column, 文件 in a
    merged cell on the right, as Word's 联合行文 templates and format's own output have it):
    its lines, read column by column, as if typed one a line."""
    for position, item in enumerate(items[:_MARK_TABLE_WITHIN]):
        if item.role != "table":
            continue
        width = max(map(len, item.rows))
        lines = [row[c].strip() for c in range(width) for row in item.rows if c < len(row) and row[c].strip()]
        if len(lines) < 3 or joint_lines(lines) != len(lines):
            return items
        hints[item.source] = paragraphs[item.source - 1]
        return items[:position] + [Item(item.source, "", line) for line in lines] + items[position + 1:]
    return items


_MARK_TABLE_WITHIN = 4  # 份号, 密级, 紧急程度 may come before it


def _full_width(items: list[Item], hints: dict[int, SourceParagraph]) -> dict[int, tuple[str, Counter]]:
    """Correct the half-width punctuation of the paragraphs after the 版头 (and their hints'
    text, which the title and heading tests read); for each corrected one, its text as typed
    and the corrections. A heading number keeps its form ((一)), which layout renumbers."""
    typed: dict[int, tuple[str, Counter]] = {}
    for item in items:
        heading = parse_heading(0, item.text)
        keep = len(heading.marker) if heading else 0
        corrected, changes = full_width(item.text[keep:])
        if changes:
            typed[item.source] = item.text, changes
            item.text = item.text[:keep] + corrected
            hints[item.source] = replace(hints[item.source], text=item.text)
    return typed


def _note_corrections(items: list[Item], typed: dict[int, tuple[str, Counter]]) -> None:
    """Note each paragraph's corrections once, on its first item; the 落款 keeps its text as
    typed (a 成文日期 can only have had brackets corrected, and _back takes them off)."""
    for item in items:
        if item.source not in typed:
            continue
        text, changes = typed[item.source]
        if item.role == "signature":
            item.text = text
        elif item.role != "date":
            item.notes.extend(describe(changes))


def _full_width_cells(table: Item) -> None:
    """Chinese text in table cells gets the corrections body text gets (已完成,整改率100%);
    numbers, times and the like are left as punctuation.py leaves them."""
    changes: Counter = Counter()
    for row in table.rows:
        for column, cell in enumerate(row):
            row[column], found = full_width(cell)
            changes.update(found)
    table.notes.extend(describe(changes))


def _add_cell(items: list[Item], index: int, cell: Cell, text: str) -> None:
    table = items[-1] if items and items[-1].role == "table" and items[-1].table == cell.table else None
    if table is None:
        table = Item(index, "table", "", table=cell.table, merges=cell.merges,
                     notes=["保留为表格，单元格文字用仿宋" + ("，合并的单元格照旧合并" if cell.merges else "")])
        items.append(table)
    while len(table.rows) <= cell.row:
        table.rows.append([])
    row = table.rows[cell.row]
    while len(row) <= cell.column:
        row.append("")
    row[cell.column] = (row[cell.column] + "\n" + text) if row[cell.column] else text


def _front(items: list[Item], hints: dict[int, SourceParagraph]) -> int:
    """Mark the title lines and bylines at the start; the index after them."""
    first = items[0].text if items else ""
    if not first or parse_marker(first) or _SALUTATION.match(first) or len(first) > 60 \
            or first.endswith(tuple(_SENTENCE_END + "；;")):
        return 0
    items[0].role = "title"
    title_lines = 1
    position = 1
    while position < len(items) and position < 6:
        item, hint = items[position], hints[items[position].source]
        text = item.text
        if _begins_text(hints[items[0].source], hint):
            break
        if _PARENTHESISED.match(text) or _DATE.match(text) or text.startswith(("——", "—", "--")) \
                or _TITLE_END.search(items[position - 1].text) or title_lines == 3:
            item.role = "byline"
        elif items[position - 1].role == "title" and _continues_title(hints[items[0].source], hint):
            item.role = "title"
            title_lines += 1
        elif len(text) <= 12:  # a name under the title
            item.role = "byline"
        else:
            break
        position += 1
    if title_lines > 1:
        items[0].notes.append(f"原标题分 {title_lines} 段，合为一个标题，按 GB/T 9704 重新分行")
    return position


def _begins_text(first: SourceParagraph, line: SourceParagraph) -> bool:
    """The line under the title lines and bylines: a heading, a salutation, a sentence."""
    text = line.text
    return bool(parse_marker(text) or _SALUTATION.match(text) or text.endswith(tuple("。；：:")) or len(text) > 40
                or (line.heading_level and not line.title_style) or line.auto_number
                or _left_where_title_centred(first, line))


def _left_where_title_centred(first: SourceParagraph, line: SourceParagraph) -> bool:
    """Under a centred title, title lines and bylines are centred too; a line that is not
    (a bold short line, a date in parentheses aside) begins the text."""
    if _PARENTHESISED.match(line.text) or _DATE.match(line.text):
        return False
    return (first.centered and not line.centered) or (line.bold and not line.centered)


def _continues_title(first: SourceParagraph, line: SourceParagraph) -> bool:
    """A second title line looks like the first (centred, same size) or, in plain text, is
    simply a short line right under it."""
    if first.centered or first.size or first.title_style:
        return line.centered == first.centered and (not first.size or line.size == first.size)
    return True


def _back(items: list[Item], start: int, hints: dict[int, SourceParagraph]) -> None:
    """Mark 落款 and its date at the end (附件 lines, or the attachments themselves, may
    follow them)."""
    end = _appended_attachments(items, start)
    _attachment_pages(items[end:], hints)
    while end > start and ATTACHMENT.match(items[end - 1].text):
        end -= 1  # 附件 lines after the date are left to the middle
    position = end
    if position > start and _DATE.match(items[position - 1].text):
        date = items[position - 1]
        date.role = "date"
        if date.text.startswith(("（", "(")):
            date.notes.append("去掉日期外的括号")
            date.text = date.text.strip("（）() ")
        position -= 1
        for _ in range(2):
            text = items[position - 1].text if position > start else ""
            if text and len(text) <= 30 and not text.endswith(tuple("。！？；：:，,")) \
                    and not parse_marker(text) and not _CLOSING.match(text) and not ATTACHMENT.match(text):
                items[position - 1].role = "signature"
                position -= 1
            else:
                break


def _appended_attachments(items: list[Item], start: int) -> int:
    """Where the attachments appended to the text begin: a 附件1 line standing alone right
    after a date or on a new page (a 附件： line before a list of attachments in the text
    is neither); len(items) when there are none."""
    for position in range(start + 1, len(items)):
        item = items[position]
        if _ATTACHMENT_LABEL.match(item.text) and (item.page_break or _DATE.match(items[position - 1].text)):
            return position
    return len(items)


def _attachment_pages(items: list[Item], hints: dict[int, SourceParagraph]) -> None:
    """In the appended attachments, each 附件N line and the title under it (up to three
    lines, as a document's title); the rest is left to the middle."""
    for position, item in enumerate(items):
        if not _ATTACHMENT_LABEL.match(item.text):
            continue
        item.role = "attachment_label"
        item.notes.append("附件另起一页，“附件”及序号用黑体顶格，附件标题居中")
        title = items[position + 1:position + 4]
        for index, line in enumerate(title):
            if not _attachment_title_line(line, title[index - 1] if index else None, hints):
                break
            line.role = "title"


def _attachment_title_line(line: Item, previous: Item | None, hints: dict[int, SourceParagraph]) -> bool:
    text = line.text
    if _ATTACHMENT_LABEL.match(text) or parse_marker(text) or len(text) > 60 \
            or text.endswith(tuple(_SENTENCE_END + "；;：:，,")):
        return False
    if previous is None:
        return True
    return not _TITLE_END.search(previous.text) and _continues_title(hints[previous.source], hints[line.source])


def _numbers_ahead(items: list[Item]) -> dict[int, dict[int, int]]:
    """For each paragraph, the number of the next heading typed on its own line at each level,
    before a heading of a higher level ends the section: （三） ahead makes a swallowed （二）
    a heading even where （一） was never typed."""
    ahead: dict[int, dict[int, int]] = {}
    upcoming: dict[int, int] = {}
    for item in reversed(items):
        ahead[item.source] = upcoming
        marker = parse_marker(item.text) if item.role == "" else None
        if marker is not None:
            upcoming = {level: number for level, number in upcoming.items() if level < marker.level}
            upcoming[marker.level] = marker.number
    return ahead


def _middle(item: Item, hint: SourceParagraph, numbered: bool, counters: list[int], result: list[Item],
            ahead: dict[int, dict[int, int]]) -> None:
    """Body, headings and set lines; a paragraph may become several items."""
    text = item.text
    before_body = all(i.role in _BEFORE_BODY for i in result)
    if _SALUTATION.match(text):
        item.role = "salutation"
    elif before_body and len(text) <= 40 and text.endswith(("：", ":")) and not _REPORTING.search(text) \
            and not parse_marker(text) and not any(i.role == "addressee" for i in result):
        item.role = "addressee"
    elif _CLOSING.match(text):
        item.role = "closing"
    elif ATTACHMENT.match(text):
        item.role = "attachment"
    else:
        _heading_or_body(item, hint, numbered, counters, result, ahead)
        return
    result.append(item)


def _heading_or_body(item: Item, hint: SourceParagraph, numbered: bool, counters: list[int],
                     result: list[Item], ahead: dict[int, dict[int, int]]) -> None:
    marker = parse_marker(item.text)
    if marker is not None:
        if marker.level == 1 and marker.number == 1 and counters[1] and _new_part(result):
            _count(counters, 1, 0)
        item.role, item.level, item.number, item.marker = "heading", marker.level, marker.number, marker.marker
        _heading_parts(item, marker.rest)
        _count(counters, marker.level, marker.number)
    elif hint.auto_number:
        item.role, item.level = "heading", hint.auto_number
        item.notes.append("Word 自动编号改为按层级写出的编号")
        _heading_parts(item, item.text)
        _count(counters, item.level, counters[item.level] + 1)
    elif hint.heading_level and len(item.text) <= 40:
        item.role, item.level = "heading", min(hint.heading_level, 4)
        item.notes.append("按“标题”样式识别")
        _heading_parts(item, item.text)
        _count(counters, item.level, counters[item.level] + 1)
    elif not numbered and hint.bold and not hint.centered and len(item.text) <= 30 \
            and not item.text.endswith(tuple(_SENTENCE_END + "；，,")):
        item.role, item.level = "heading", 1
        item.notes.append("加粗短句，按一级标题排")
        _count(counters, 1, counters[1] + 1)
    else:
        item.role = "body"
    result.append(item)
    # a heading swallowed by this paragraph (its body or the heading's run-on text)
    field_name = "run_in" if item.role == "heading" else "text"
    split = _swallowed(getattr(item, field_name), counters, ahead.get(item.source, {}))
    if split is not None:
        kept, rest = split
        setattr(item, field_name, kept)
        tail = Item(item.source, "", rest, notes=["原连在上一段末尾，拆为单独的小标题"])
        _heading_or_body(tail, SourceParagraph(rest), numbered, counters, result, ahead)


def _new_part(result: list[Item]) -> bool:
    """一、 again after a short line standing alone (no sentence) among the body paragraphs
    since the last heading: that line is the title of a new part (an attachment, a second
    text in the same file), whose numbers start anew."""
    for item in reversed(result):
        if item.role != "body":
            return False
        if len(item.text) <= 40 and not item.text.endswith(tuple("。！？；：，,;:!?")):
            item.role = "title"
            item.notes.append("其后小标题从“一、”重新编号：按新一部分的标题排")
            return True
    return False


def _heading_parts(item: Item, rest: str) -> None:
    """Heading text up to its first sentence end or colon; what follows runs on as body text."""
    cut = next((i for i, ch in enumerate(rest) if ch in _SENTENCE_END + "：:"), -1)
    if 0 <= cut < len(rest) - 1:
        item.text, item.run_in = rest[:cut + 1], rest[cut + 1:].lstrip(" \u3000")
    else:
        item.text = rest


def _count(counters: list[int], level: int, number: int) -> None:
    counters[level] = number
    for deeper in range(level + 1, len(counters)):
        counters[deeper] = 0


def _swallowed(text: str, counters: list[int], upcoming: dict[int, int]) -> tuple[str, str] | None:
    """Split text before a heading number that continues the numbering: the next number of
    a level already begun, or the first of the level under the current one; or a later
    number that the next heading typed on its own line continues."""
    depth = max((level for level in range(1, 5) if counters[level]), default=0)
    for match in _EMBEDDED.finditer(text):
        rest = text[match.end():]
        marker = parse_marker(rest)
        # "一、二季度" and "三、四月份" are numbers in a sentence, not a heading
        if marker is None or marker.level > depth + 1 or marker.rest[0] in _CN_NUM or marker.rest[0].isdigit():
            continue
        expected = counters[marker.level] + 1 if marker.level <= depth else 1
        fills_gap = expected < marker.number and upcoming.get(marker.level) == marker.number + 1
        if (marker.number == expected or fills_gap) and (marker.level <= depth or marker.level == depth + 1):
            return text[:match.start()].rstrip(), rest
    return None


def _attachment_lists(items: list[Item]) -> None:
    """附件：1.…… then 2.…… lines: the numbered lines belong to the attachment list."""
    for previous, item in zip(items, items[1:]):
        if previous.role == "attachment" and item.role == "heading" and item.level == 3 and not item.run_in \
                and _LIST_ITEM.match(item.marker + item.text):
            item.role, item.text, item.level, item.marker = "attachment", item.original, 0, ""
