"""The document model: a flat list of typed blocks, heading numbers filled in by level.

Writers (docx, text, markdown) only ever see this model; templates never type
heading numbers, `number_headings` computes them from the levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as _dt
from enum import Enum

CN_DIGITS = "零一二三四五六七八九"


class Kind(str, Enum):
    TITLE = "title"
    BYLINE = "byline"
    SALUTATION = "salutation"
    HEADING = "heading"
    BODY = "body"
    CLOSING = "closing"
    SIGNATURE = "signature"


@dataclass(slots=True)
class Block:
    """One paragraph of the document: title, byline, heading, body text …."""

    kind: Kind
    text: str
    level: int = 0  # 1–4 for headings
    number: str = ""  # 一、 （一） 1. （1）, filled in by number_headings

    @property
    def display(self) -> str:
        return self.number + self.text


@dataclass
class Document:
    """A rendered text as blocks, with what the writers put in the file's properties."""

    blocks: list[Block]
    title: str
    author: str = ""
    subject: str = ""
    date: _dt.date | None = None
    kind: str = "讲话"  # 讲话 or 汇报
    meta: dict[str, str] = field(default_factory=dict)

    def paragraphs(self) -> list[str]:
        """The text of every block as a reader sees it, numbers included."""
        return [block.display for block in self.blocks]


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    return str(n)


def heading_number(level: int, n: int) -> str:
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def number_headings(blocks: list[Block]) -> None:
    """Fill in heading numbers; each level restarts under its parent."""
    counters = [0, 0, 0, 0]
    for block in blocks:
        if block.kind is not Kind.HEADING:
            continue
        index = block.level - 1
        counters[index] += 1
        for deeper in range(index + 1, 4):
            counters[deeper] = 0
        block.number = heading_number(block.level, counters[index])
