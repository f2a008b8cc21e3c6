"""Dates as users write them (2024-01-25, 2024/1/25, 2024.1.25, 2024年1月25日).

The one parser of such dates: the input model and the checker both use it, so the
same text gets the same message everywhere.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

_FORMS = [
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
]


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
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                raise ValueError(f"“{text}”不是一个存在的日期") from None
    raise ValueError(f"“{text}”不是日期，请写成 2024-01-25 或 2024年1月25日")
