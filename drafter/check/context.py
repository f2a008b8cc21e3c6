"""What the checker knows about the unit and the meeting: CheckContext and helpers."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drafter import dates
from drafter.errors import InputError
from drafter.unit_types import UNIT_TYPES

if TYPE_CHECKING:
    from drafter.source import Source


class ContextError(InputError):
    """Bad unit data or date given to the checker: the same messages render gives."""


@dataclass
class CheckContext:
    """What the checker knows about the unit and the meeting (all optional)."""

    unit_name: str | None = None  # 镇沅县地方志办公室
    unit_short_name: str | None = None  # 县地方志办 / 志办
    unit_kind: str | None = None  # a key of drafter.unit_types.UNIT_TYPES
    speaker_title: str | None = None  # 党组书记、主任
    date: _dt.date | None = None  # the meeting date
    party_org: str | None = None  # 党组 / 党委 / 党支部 …, when the unit data says

    def __post_init__(self) -> None:
        if self.unit_kind is not None and self.unit_kind not in UNIT_TYPES:
            from drafter.model import known_kind  # its message, the one render gives

            try:
                known_kind(self.unit_kind)
            except ValueError as exc:
                raise ContextError(str(exc)) from None
        if isinstance(self.date, _dt.datetime):
            self.date = self.date.date()

    @classmethod
    def from_data(cls, data: Any) -> "CheckContext":
        """Build from the engine's loaded input (data.unit / data.speaker / data.meeting)."""
        unit = getattr(data, "unit", None)
        speaker = getattr(data, "speaker", None)
        meeting = getattr(data, "meeting", None)
        return cls(
            unit_name=_str_or_none(getattr(unit, "name", None)),
            unit_short_name=_str_or_none(getattr(unit, "short_name", None)),
            unit_kind=_str_or_none(getattr(unit, "kind", None)),
            speaker_title=_str_or_none(getattr(speaker, "title", None)),
            date=getattr(meeting, "date", None),
            party_org=_str_or_none(getattr(unit, "party_org", None)),
        )

    @classmethod
    def from_source(cls, source: "Source") -> "CheckContext":
        """Build from an input YAML's unit:/speaker:/meeting: parts, checked by the same rules
        as for rendering (InputErrors with the YAML positions), none of them required."""
        from drafter.check.facts import UnitFacts
        from drafter.validation import validate

        facts = validate(source, UnitFacts)
        unit = facts.unit
        kind = unit.kind or (kind_from_name(unit.name) if unit.name else None)
        return cls(
            unit_name=_str_or_none(unit.name),
            unit_short_name=_str_or_none(unit.short_name),
            unit_kind=kind,
            speaker_title=_str_or_none(facts.speaker.title),
            date=facts.meeting.date,
            party_org=_str_or_none(unit.party_org),
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


def parse_date(value: Any) -> _dt.date:
    """drafter.dates.parse_date, with its message as a ContextError."""
    try:
        return dates.parse_date(value)
    except ValueError as exc:
        raise ContextError(str(exc)) from None


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
    for kind in sorted(UNIT_TYPES, key=len, reverse=True):
        if name.endswith(kind) and len(name) > len(kind):
            return kind
    return None
