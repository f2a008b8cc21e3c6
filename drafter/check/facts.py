"""What `drafter check --unit-yaml` reads from an input YAML, with render's fields and rules.

Kept out of drafter.model so that `render`, which never needs it, does not build its four
models at every start.
"""

from __future__ import annotations

from typing import Optional

from pydantic import ConfigDict, Field

from drafter.model import CnDate, InputModel, KindName, Text


class UnitFacts(InputModel):
    """What `drafter check --unit-yaml` reads from an input YAML: unit:, speaker: and meeting:
    with the same fields, rules and messages as for rendering, but nothing required (the
    checker uses whatever is there) and the template's own fields ignored."""

    model_config = ConfigDict(extra="ignore")

    class PartialUnit(InputModel):
        name: Optional[Text] = None
        short_name: Optional[Text] = None
        kind: Optional[KindName] = None
        party_org: Optional[Text] = None

    class PartialSpeaker(InputModel):
        title: Optional[Text] = None
        name: Optional[Text] = None

    class PartialMeeting(InputModel):
        name: Optional[Text] = None
        date: Optional[CnDate] = None

    unit: PartialUnit = Field(default_factory=PartialUnit)
    speaker: PartialSpeaker = Field(default_factory=PartialSpeaker)
    meeting: PartialMeeting = Field(default_factory=PartialMeeting)
