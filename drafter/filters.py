"""Filters templates use to turn lists into Chinese prose.

    {{ channels | cn_join }}              门户网站、微信公众号和工作群
    {{ measures | points }}               一是……；二是……；三是……。
    {{ leaders | with_role("分管") | map(attribute="name") | cn_join }}
    {{ text | sentence }}                 adds 。 when the text has no closing punctuation
    {{ doc_name | book }}                 《…》 unless already there
    {{ 3 | cn_number }}                   三
    {{ meeting.date | numeric_date }}     2024.3.5 (numeric_date("-", true): 2024-03-05)
    {{ "清河县" | bare_place }}             清河 (the place without its level: 美丽清河)
    {{ "县委" | government }}               县政府 (full=true: 县人民政府), the same level's government
    {{ "一" | next_quarter }}               二 (四 → 一): 第{{ quarter | next_quarter }}季度工作打算
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from .document import cn_number

_CLOSING = "。！？；…"
_TRAILING = "。；，、,;.！!？? \u3000"


class TemplateUsage(Exception):
    """A template used data in a way that cannot work (a list printed as is …)."""


def _texts(items: Any, filter_name: str) -> list[str]:
    """Texts of a list, tuple or generator (map(attribute=…) gives one); blanks dropped."""
    if items is None:
        return []
    if isinstance(items, str):
        return [items] if items.strip() else []
    if isinstance(items, dict) or not hasattr(items, "__iter__"):
        raise TemplateUsage(f"{filter_name} 需要一个文字列表")
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def cn_join(items: Any, last: str = "和") -> str:
    texts = _texts(items, "cn_join")
    if len(texts) <= 1:
        return "".join(texts)
    return "、".join(texts[:-1]) + last + texts[-1]


def points(items: Any, marker: str = "是", end: str = "。") -> str:
    """一是A；二是B；三是C。 — the way speeches enumerate inside one paragraph."""
    texts = [t.rstrip(_TRAILING) for t in _texts(items, "points")]
    if not texts:
        return ""
    if len(texts) == 1:  # "一是" with nothing after it reads wrong
        return texts[0] + end
    return "；".join(f"{cn_number(i)}{marker}{t}" for i, t in enumerate(texts, 1)) + end


def sentence(text: Any) -> str:
    text = "" if text is None else str(text).strip()
    if text and text[-1] not in _CLOSING and text[-1] not in "”’）)":
        text += "。"
    return text


def book(title: Any) -> str:
    title = str(title).strip()
    return title if title.startswith("《") else f"《{title}》"


def with_role(leaders: Iterable[dict[str, Any]], role: str) -> list[dict[str, Any]]:
    """Leaders whose role mentions `role` (第一责任人, 分管, 班子成员 …)."""
    items = list(leaders) if hasattr(leaders, "__iter__") and not isinstance(leaders, (str, dict)) else None
    if leaders is not None and (items is None or not all(isinstance(leader, dict) for leader in items)):
        raise TemplateUsage("with_role 需要领导名单（如 leaders），每项有 name 和 role")
    return [leader for leader in items or [] if role in (leader.get("role") or "")]


def cn_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def numeric_date(value: date, separator: str = ".", padded: bool = False) -> str:
    """2024-03-05 → 2024.3.5 (padded: 2024.03.05): a date as a byline typed in digits shows it."""
    if not isinstance(value, date):
        raise TemplateUsage("numeric_date 需要一个日期，如 meeting.date")
    month, day = (f"{value.month:02d}", f"{value.day:02d}") if padded else (str(value.month), str(value.day))
    return separator.join((str(value.year), month, day))


def _cn_number(value: Any) -> str:
    try:
        return cn_number(int(value))
    except (TypeError, ValueError):
        raise TemplateUsage("cn_number 需要一个整数") from None


# Levels a place name ends with, longest first (自治县 before 县).
_PLACE_LEVELS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "街道", "新区", "省", "市", "县", "区", "州",
                 "盟", "旗", "镇", "乡")


def bare_place(place: Any) -> str:
    """清河县 → 清河, 平安区 → 平安; 沛县 stays 沛县: one character alone does not name a place."""
    text = "" if place is None else str(place).strip()
    for level in _PLACE_LEVELS:
        if text.endswith(level) and len(text) - len(level) >= 2:
            return text[: -len(level)]
    return text


def government(committee: Any, full: bool = False) -> str:
    """县委 → 县政府 (县人民政府 with full): the government beside a party committee of a
    place (省委 … 旗委, 镇党委, 乡党委; 街道党工委 → 街道办事处); other text is returned as it is."""
    text = "" if committee is None else str(committee).strip()
    if len(text) == 2 and text.endswith("委") and text[0] in "省市州县区旗" or text in ("镇党委", "乡党委"):
        return text[0] + ("人民政府" if full else "政府")
    if text == "街道党工委":
        return "街道办事处"
    return text


_QUARTERS = "一二三四"


def next_quarter(quarter: Any) -> str:
    """一 → 二, 四 → 一 (the next year's first): the quarter a report plans for."""
    text = "" if quarter is None else str(quarter).strip()
    if text in _QUARTERS:
        return _QUARTERS[(_QUARTERS.index(text) + 1) % 4]
    raise TemplateUsage("next_quarter 需要季度的序数：一、二、三或四")


FILTERS = {
    "cn_join": cn_join,
    "points": points,
    "sentence": sentence,
    "book": book,
    "with_role": with_role,
    "cn_date": cn_date,
    "numeric_date": numeric_date,
    "cn_number": _cn_number,
    "bare_place": bare_place,
    "government": government,
    "next_quarter": next_quarter,
}
