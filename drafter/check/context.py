"""What the checker knows about the unit and the meeting: CheckContext and helpers."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Mapping

from drafter.kinds import KINDS, kind_names


class ContextError(ValueError):
    """Bad unit data or date given to the checker (message in Chinese)."""


@dataclass
class CheckContext:
    """What the checker knows about the unit and the meeting (all optional)."""

    unit_name: str | None = None  # 镇沅县地方志办公室
    unit_short_name: str | None = None  # 县地方志办 / 志办
    unit_kind: str | None = None  # a key of drafter.kinds.KINDS
    speaker_title: str | None = None  # 党组书记、主任
    date: _dt.date | None = None  # the meeting date
    party_org: str | None = None  # 党组 / 党委 / 党支部 …, when the unit data says

    def __post_init__(self) -> None:
        if self.unit_kind is not None and self.unit_kind not in KINDS:
            raise ContextError(f"未知的单位类型“{self.unit_kind}”；可用的类型：{kind_names()}")
        if isinstance(self.date, _dt.datetime):
            self.date = self.date.date()

    @classmethod
    def from_data(cls, data: Any) -> "CheckContext":
        """Build from the engine's loaded input (data.unit / data.speaker / data.meeting)."""
        unit = getattr(data, "unit", None)
        speaker = getattr(data, "speaker", None)
        meeting = getattr(data, "meeting", None)
        date = getattr(meeting, "date", None)
        return cls(
            unit_name=_str_or_none(getattr(unit, "name", None)),
            unit_short_name=_str_or_none(getattr(unit, "short_name", None)),
            unit_kind=_str_or_none(getattr(unit, "kind", None)),
            speaker_title=_str_or_none(getattr(speaker, "title", None)),
            date=parse_date(date) if date is not None else None,
            party_org=_str_or_none(getattr(unit, "party_org", None)),
        )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "CheckContext":
        """Build from an input YAML read with safe_load (its unit:/speaker:/meeting: parts)."""
        if not isinstance(data, Mapping):
            raise ContextError("输入文件的顶层应为键值对（unit:、speaker:、meeting: …）")
        unit = data.get("unit") or {}
        speaker = data.get("speaker") or {}
        meeting = data.get("meeting") or {}
        for key, part in (("unit", unit), ("speaker", speaker), ("meeting", meeting)):
            if not isinstance(part, Mapping):
                raise ContextError(f"输入文件中的 {key}: 应为键值对")
        date = meeting.get("date")
        kind = _str_or_none(unit.get("kind"))
        name = _str_or_none(unit.get("name"))
        if kind is None and name:
            kind = kind_from_name(name)
        return cls(
            unit_name=name,
            unit_short_name=_str_or_none(unit.get("short_name")),
            unit_kind=kind,
            speaker_title=_str_or_none(speaker.get("title")),
            date=parse_date(date) if date not in (None, "") else None,
            party_org=_str_or_none(unit.get("party_org")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit_name": self.unit_name,
            "unit_short_name": self.unit_short_name,
            "unit_kind": self.unit_kind,
            "speaker_title": self.speaker_title,
            "date": self.date.isoformat() if self.date else None,
            "party_org": self.party_org,
        }


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


_DATE_PATTERNS = [
    re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$"),
    re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$"),
    re.compile(r"^\s*(\d{4})\.(\d{1,2})\.(\d{1,2})\s*$"),
    re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$"),
]


def parse_date(value: Any) -> _dt.date:
    """A date from a date object or a string (2022-01-25, 2022/1/25, 2022年1月25日)."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
    raise ContextError(f"无法识别的日期“{text}”，请写成 2022-01-25 或 2022年1月25日")


# Endings of full unit names that hide the kind (街道办事处, 村民委员会 …), longest first.
_NAME_ENDINGS = [
    ("街道办事处", "街道"), ("街道党工委", "街道"), ("居民委员会", "社区"),
    ("村民委员会", "村"), ("村委会", "村"), ("居委会", "社区"), ("人民政府", None),
    ("办公室", "办"), ("委员会", "委"), ("有限公司", "公司"), ("有限责任公司", "公司"),
    ("中学", "学校"), ("小学", "学校"), ("大学", "学校"), ("学院", "学校"), ("学校", "学校"),
    ("党支部", None), ("党总支", None), ("党委", None), ("党组", None),
]


def kind_from_name(name: str) -> str | None:
    """Guess a unit's kind from its full name: 垛团村 → 村, XX街道办事处 → 街道, XX镇人民政府 → 镇."""
    name = name.strip()
    for _ in range(3):
        for ending, kind in _NAME_ENDINGS:
            if name.endswith(ending):
                if kind is not None:
                    return kind
                name = name[: -len(ending)]
                break
        else:
            break
    for kind in sorted(KINDS, key=len, reverse=True):
        if name.endswith(kind) and len(name) > len(kind):
            return kind
    return None
