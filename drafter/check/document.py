"""The draft as the rules see it: paragraphs, front matter (title, byline) and headings."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import re

from drafter.document import cn_to_int, heading_number

# Heading families in GB/T 9704 order: 一、 → （一） → 1. → （1）
FAMILIES = ("cn", "cn-paren", "arabic", "arabic-paren")
FAMILY_RANK = {name: rank for rank, name in enumerate(FAMILIES)}
FAMILY_LABEL = {
    "cn": "一级标题（一、）",
    "cn-paren": "二级标题（（一））",
    "arabic": "三级标题（1.）",
    "arabic-paren": "四级标题（（1））",
}

_CN = "一二三四五六七八九十百千零"
_HEADING_RES = [
    ("cn-paren", re.compile(rf"^([（(])\s*([{_CN}]+)\s*([）)])([、，,.．]?)")),
    ("arabic-paren", re.compile(r"^([（(])\s*([0-9]{1,3})\s*([）)])([、，,.．]?)")),
    ("cn", re.compile(rf"^([{_CN}]+)\s*([、，,.．])")),
    ("arabic", re.compile(r"^([0-9]{1,3})\s*([.．、])(?![0-9])")),
]
_NEXT_NUMERAL = re.compile(rf"[{_CN}]+")
# 附件：…… (or 附件1：……) opens the list of attachments at the end of a text
ATTACHMENT = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[：:]")


class Heading(NamedTuple):
    index: int  # 0-based paragraph index
    family: str
    number: int
    marker: str  # as written: "（一）", "(二)", "1、"
    standard: bool  # written as GB/T 9704 wants
    variant: str  # the written form with the number abstracted: "（X）", "(X)", "X、"

    def standard_marker(self) -> str:
        return standard_marker(self.family, self.number)


def standard_marker(family: str, number: int) -> str:
    """The marker drafter's writer gives heading `number` of this family (its level)."""
    return heading_number(FAMILY_RANK[family] + 1, number)


def parse_heading(index: int, text: str) -> Heading | None:
    parts = _heading_parts(text)
    return Heading(index, *parts) if parts is not None else None


@lru_cache(maxsize=512)  # a batch's documents share most paragraphs
def _heading_parts(text: str) -> tuple[str, int, str, bool, str] | None:
    """(family, number, marker, standard, variant) of the heading text opens with."""
    for family, regex in _HEADING_RES:
        m = regex.match(text)
        if not m:
            continue
        if family in ("cn-paren", "arabic-paren"):
            opening, num, closing, trailing = m.group(1), m.group(2), m.group(3), m.group(4)
            number = cn_to_int(num) if family == "cn-paren" else int(num)
            if not number:
                return None
            variant = f"{opening}X{closing}{trailing}"
            standard = opening == "（" and closing == "）" and not trailing
            marker = m.group(0)
        else:
            num, sep = m.group(1), m.group(2)
            number = cn_to_int(num) if family == "cn" else int(num)
            if not number:
                return None
            # "一是"/"一要" and friends are not headings; neither are years (2022、).
            if family == "arabic" and number > 200:
                return None
            if family == "cn" and sep == "、" and enumerates_from(text, m.end(), number):
                return None
            variant = f"X{sep}"
            standard = sep == ("、" if family == "cn" else ".")
            marker = m.group(0)
        return family, number, marker, standard, variant
    return None


def enumerates_from(text: str, end: int, number: int) -> bool:
    """二、三季度, 一、二年级: the numeral before 、 and the next one counted in a row name
    two quarters, two grades, not heading 二 titled 三季度. (一、三项重点任务 stays a heading.)"""
    m = _NEXT_NUMERAL.match(text, end)
    return m is not None and cn_to_int(m.group(0)) == number + 1


def attachment_list(paragraphs: list[str]) -> set[int]:
    """The lines of an attachment list: 附件：1.…… and the numbered lines that continue it
    (2.…… 3.……)."""
    listed: set[int] = set()
    in_list = False
    for index, text in enumerate(paragraphs):
        if ATTACHMENT.match(text):
            listed.add(index)
            in_list = True
            continue
        heading = _heading_parts(text) if in_list else None
        in_list = heading is not None and heading[0] in ("arabic", "arabic-paren")
        if in_list:
            listed.add(index)
    return listed


class Draft(NamedTuple):
    """The paragraphs of a draft, with its front matter and headings found."""

    paragraphs: list[str]
    front: list[int]  # title and byline lines (0-based)
    headings: dict[int, Heading]

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str]) -> "Draft":
        paragraphs = [p.strip() for p in paragraphs]
        front = _front_matter(paragraphs)
        skipped = set(front)
        headings = {}
        for i, text in enumerate(paragraphs):
            if i in skipped:
                continue
            heading = parse_heading(i, text)
            if heading is not None:
                headings[i] = heading
        return cls(paragraphs, front, headings)

    @property
    def body_indices(self) -> list[int]:
        front = set(self.front)
        return [i for i in range(len(self.paragraphs)) if i not in front]


_SALUTATION = re.compile(r"^(同志们|各位[^，。]{0,10}|女士们|先生们)[：:，,！!]?$")


def _front_matter(paragraphs: list[str]) -> list[int]:
    """Title (first paragraph) and the short lines under it (byline, date, second title line).

    Stops at the salutation, the first heading or the first sentence-like paragraph."""
    front: list[int] = []
    for i, text in enumerate(paragraphs[:5]):
        if not text:
            continue
        if parse_heading(i, text) is not None or _SALUTATION.match(text):
            break
        limit = 60 if i == 0 else 40
        if len(text) > limit or text.endswith(("。", "；", "！", "？", "：", ":")):
            break
        if i > 0 and len(front) >= 4:
            break
        front.append(i)
    return front
