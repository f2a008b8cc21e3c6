"""Dates as users write them (2024-01-25, 2024/1/25, 2024.1.25, 2024年1月25日, and in
Chinese numerals 二〇二四年一月二十五日, as older documents and many bylines do).

The one parser of such dates: the input model and the checker both use it, so the
same text gets the same message everywhere.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from .document import CN_DIGITS, cn_number, cn_to_int

_FORMS = [
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
]
# 二〇二四年一月二十五日: the year digit by digit (○ and 零 are typed for 〇), month and day as numbers.
_YEAR_DIGITS = {"〇": 0, "○": 0, "零": 0, **{digit: value for value, digit in enumerate(CN_DIGITS) if value}}
_HANZI_YEAR, _HANZI_NUMBER = f"[{''.join(_YEAR_DIGITS)}]{{4}}", "[一二三四五六七八九十]{1,3}"
# Patterns as text: re compiles them on first use, so a start that never meets such a date does not pay.
HANZI_DATE = f"({_HANZI_YEAR})年({_HANZI_NUMBER})月({_HANZI_NUMBER})日"
# A date in running text: 2024年1月25日, in Chinese numerals, or 2024.1.25 / 2024-01-25 / 2024/1/25.
DATE_IN_TEXT = (rf"\d{{4}}年\d{{1,2}}月\d{{1,2}}日|{_HANZI_YEAR}年{_HANZI_NUMBER}月{_HANZI_NUMBER}日|"
                r"(?<![\d.])\d{4}([.\-/])\d{1,2}\1\d{1,2}(?![\d.])")


def hanzi_date(value: date) -> str:
    """2024-01-25 → 二〇二四年一月二十五日."""
    year = "".join("〇" if digit == "0" else CN_DIGITS[int(digit)] for digit in str(value.year))
    return f"{year}年{cn_number(value.month)}月{cn_number(value.day)}日"


def _hanzi_parts(match: re.Match[str]) -> tuple[int, int, int]:
    year = int("".join(str(_YEAR_DIGITS[digit]) for digit in match.group(1)))
    return year, cn_to_int(match.group(2)) or 0, cn_to_int(match.group(3)) or 0


def parse_date(value: Any) -> date:
    """A date from a date object or a text in one of the forms above; ValueError (Chinese) otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for form in _FORMS:
        match = form.fullmatch(text)
        if match:
            return _existing(text, *map(int, match.groups()))
    match = re.fullmatch(HANZI_DATE, text)
    if match:
        return _existing(text, *_hanzi_parts(match))
    raise ValueError(f"“{text}”不是日期，请写成 2024-01-25 或 2024年1月25日")


def _existing(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"“{text}”不是一个存在的日期") from None
