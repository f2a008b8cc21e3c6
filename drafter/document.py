"""The document model: a flat list of typed blocks, heading numbers filled in by level.

Writers (docx, text, markdown) only ever see this model; templates never type
heading numbers, `number_headings` computes them from the levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as _dt
from enum import Enum

CN_DIGITS = "零一二三四五六七八九"


class BlockType(str, Enum):
    TITLE = "title"
    BYLINE = "byline"
    SALUTATION = "salutation"
    HEADING = "heading"
    BODY = "body"
    CLOSING = "closing"
    SIGNATURE = "signature"
    TABLE = "table"  # rows of cells; a cell's paragraphs are separated by "\n"
    ATTACHMENT = "attachment"  # 附件说明: "附件：1.……" and the list lines under it
    # 附件1 at the top left of an attachment's own page (GB/T 9704 8.4), its title a TITLE after it
    ATTACHMENT_LABEL = "attachment_label"
    # 版头 (GB/T 9704 7.2), above the title, as drafter format finds them in users' files
    COPY_NUMBER = "copy_number"  # 份号: 000123
    SECRECY = "secrecy"  # 密级和保密期限: 秘密★1年
    URGENCY = "urgency"  # 紧急程度: 特急
    ISSUER_MARK = "issuer_mark"  # 发文机关标志: 清河县人民政府文件
    DOC_NUMBER = "doc_number"  # 发文字号, with "\t签发人：……" after it in 上行文



@dataclass(slots=True)
class Block:
    """One paragraph of the document: title, byline, heading, body text …."""

    type: BlockType
    text: str
    level: int = 0  # 1–4 for headings
    number: str = ""  # 一、 （一） 1. （1）, filled in by number_headings
    run_in: str = ""  # body text run on in a heading's paragraph ("（三）加强阵地管理。要……")
    rows: list[list[str]] = field(default_factory=list)  # TABLE: the cells, row by row
    # TABLE: merged cells as (row, column, rows, columns) of the first cell; the cells it
    # covers stay in `rows`, empty
    merges: tuple[tuple[int, int, int, int], ...] = ()
    page_break: bool = False  # starts a new page (a break the user typed; an ATTACHMENT_LABEL always does)

    @property
    def display(self) -> str:
        return self.number + self.text + self.run_in


@dataclass
class Document:
    """A rendered text as blocks, with what the writers put in the file's properties."""

    blocks: list[Block]
    title: str
    author: str = ""
    subject: str = ""
    date: _dt.date | None = None
    genre: str = "讲话"  # 讲话 or 汇报
    meta: dict[str, str] = field(default_factory=dict)

    def paragraphs(self) -> list[str]:
        """The text of every block as a reader sees it, numbers included; a table's
        non-empty cells one by one, row by row (as drafter check reads a .docx)."""
        texts: list[str] = []
        for block in self.blocks:
            if block.type is BlockType.TABLE:
                texts.extend(line for row in block.rows for cell in row for line in cell.split("\n") if line)
            else:
                texts.append(block.display)
        return texts


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 100 -> 一百, 105 -> 一百零五, 110 -> 一百一十.

    The one int → Chinese numeral of drafter: heading numbers, the cn_number filter and
    the checker's expected markers all come from here. 10 000 and more stay in digits."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return CN_DIGITS[n]
    if n >= 10_000:
        return str(n)
    parts: list[str] = []
    zero_pending = False  # a zero digit between two others is read: 一百零五
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(CN_DIGITS[digit] + name)
    text = "".join(parts)
    return text[1:] if n < 20 else text  # 十二, not 一十二


# The digits a Chinese numeral is written with (〇 and 两 as people type them too).
_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(text: str) -> int | None:
    """Read a Chinese numeral (一, 十, 十二, 二十, 一百零五, 一千零一十 …): the inverse of
    cn_number. Arabic digits are read too; anything else gives None."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total = 0
    current = 0
    seen = False
    for ch in text:
        if ch in _CN_DIGIT:
            current = _CN_DIGIT[ch]
            seen = True
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def heading_number(level: int, n: int) -> str:
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def number_headings(blocks: list[Block]) -> None:
    """Fill in heading numbers; each level restarts under its parent, and every level after
    a title (a second part in one file, as drafter format finds them)."""
    counters = [0, 0, 0, 0]
    for block in blocks:
        if block.type is BlockType.TITLE:
            counters = [0, 0, 0, 0]
        if block.type is not BlockType.HEADING:
            continue
        index = block.level - 1
        counters[index] += 1
        for deeper in range(index + 1, 4):
            counters[deeper] = 0
        block.number = heading_number(block.level, counters[index])
