"""What the checker knows about the unit and the meeting: CheckContext and helpers."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drafter import dates
from drafter.errors import InputError
from drafter.unit_types import UNIT_TYPES, kind_from_name, party_org_for

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
            party_org=_party_org(getattr(unit, "party_org", None), getattr(unit, "kind", None),
                                 getattr(speaker, "title", None)),
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
            party_org=_party_org(unit.party_org, kind, facts.speaker.title),
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


def _party_org(given: Any, kind: str | None, speaker_title: Any) -> str | None:
    """The unit's party organisation as the rendered text has it: the one given, or the one the
    speaker's title names where it differs from the kind's usual one (社区党委书记 → 党委);
    None leaves it to the kind, as before."""
    if _str_or_none(given):
        return _str_or_none(given)
    if kind not in UNIT_TYPES:
        return None
    from_title = party_org_for(kind, _str_or_none(speaker_title))
    return from_title if from_title != UNIT_TYPES[kind].party_org else None
