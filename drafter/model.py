"""The input model shared by every template (pydantic v2).

Template manifests add their own fields on top of `SpeechInput` (see fields.py).
Every message a validator raises is Chinese: it ends up in front of the user.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Optional

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, WithJsonSchema,
                      computed_field, model_validator)

from .dates import hanzi_date, parse_date
from .era import era_for
from .unit_types import UNIT_TYPES, common_name, kind_from_name, party_org_for, unit_type_names

# Characters XML 1.0 (and so Word) cannot store; tab, LF and CR are fine. The
# noncharacters U+FDD0–U+FDEF are refused too: templates use them as markers.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def _as_text(value: Any) -> Any:
    """Numbers are fine where text is expected (a unit called 110, a year); dates are not."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _clean_text(value: str) -> str:
    bad = UNSTORABLE.search(value)
    if bad:
        raise ValueError(f"含有 Word 无法保存的控制字符 U+{ord(bad.group()):04X}，请删除")
    return value.strip()


def known_kind(value: str) -> str:
    """The unit kind `value`, or the one message every command gives for an unknown kind."""
    if value not in UNIT_TYPES:
        raise ValueError(f"不认识的单位类型“{value}”，可选：{unit_type_names()}")
    return value


def _not_empty(value: str) -> str:
    if not value:
        raise ValueError("不能为空")
    return value


Text = Annotated[str, BeforeValidator(_as_text), AfterValidator(_clean_text)]
RequiredText = Annotated[Text, AfterValidator(_not_empty)]
CnDate = Annotated[date, BeforeValidator(parse_date)]
# The schema lists the kinds, so that editors and `drafter serve` offer them as choices.
KindName = Annotated[Text, AfterValidator(known_kind), WithJsonSchema({"type": "string", "enum": list(UNIT_TYPES)})]


class InputModel(BaseModel):
    """Base of every input model: unknown fields refused, an empty field takes its default."""

    model_config = ConfigDict(extra="forbid", strict=False, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_default(cls, data: Any) -> Any:
        """A field written with nothing after its colon (`channels:` with its items deleted, as
        the examples' comments allow) is the same as a field left out: it gets its default."""
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {key: value for key, value in data.items()
                if not (value is None and key in fields and not fields[key].is_required())}


class Unit(InputModel):
    name: RequiredText = Field(title="单位全称", description="单位全称，如：某某县机关事务管理局")
    short_name: Optional[Text] = Field(None, title="单位简称", description="单位简称，如：县机关事务局；不填则用全称")
    kind: Optional[KindName] = Field(None, title="单位类型", description=f"单位类型，决定“我局”“我村”等称谓：{unit_type_names()}；不填按单位全称推定（柳湾村为村）")
    party_org: Optional[Text] = Field(None, title="党组织", description="本单位党组织的称呼，如：党组、党委、党支部；不填按讲话人职务（如社区党委书记）或单位类型推定")
    # The speaker's title, set by SpeechInput: it may name the party organisation (社区党委书记).
    _speaker_title: Optional[str] = PrivateAttr(None)

    @model_validator(mode="after")
    def _kind_from_name(self) -> "Unit":
        """A unit written without its kind still gets 我村, 全村 … when its name tells the kind."""
        if self.kind is None:
            self.kind = kind_from_name(self.name)
        return self

    @computed_field
    @property
    def short(self) -> str:
        return self.short_name or common_name(self.name)

    @computed_field
    @property
    def self_ref(self) -> str:
        return UNIT_TYPES[self.kind].self_ref if self.kind else "我单位"

    @computed_field
    @property
    def whole(self) -> str:
        return UNIT_TYPES[self.kind].whole if self.kind else "全单位"

    @computed_field
    @property
    def divisions(self) -> str:
        return UNIT_TYPES[self.kind].divisions if self.kind else "各部门"

    @computed_field
    @property
    def org(self) -> str:
        return self.party_org or party_org_for(self.kind, self._speaker_title)


class Speaker(InputModel):
    title: RequiredText = Field(title="讲话人职务", description="讲话人职务，如：党委书记、党组书记、村党支部书记")
    name: Optional[Text] = Field(None, title="讲话人姓名", description="讲话人姓名，写在标题下的署名行")


class Meeting(InputModel):
    name: Optional[Text] = Field(None, title="会议名称", description="会议名称，如：2024年意识形态工作会议；不填用模板的默认名称")
    date: CnDate = Field(default_factory=date.today, title="会议日期", description="会议日期，写成 2024-01-25（也可写 2024年1月25日 或 二〇二四年一月二十五日）；不填用今天")

    @computed_field
    @property
    def date_cn(self) -> str:
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"

    @computed_field
    @property
    def date_hanzi(self) -> str:
        """二〇二四年一月二十五日: the date in Chinese numerals, as older documents write it."""
        return hanzi_date(self.date)

    @computed_field
    @property
    def year(self) -> int:
        return self.date.year


class Leader(InputModel):
    name: RequiredText = Field(title="姓名")
    post: Optional[Text] = Field(None, title="职务", description="职务，如：党组副书记、副局长")
    role: Optional[Text] = Field(None, title="责任", description="在本项工作中的责任，如：第一责任人、分管领导、班子成员")
    duty: Optional[Text] = Field(None, title="分管工作", description="分管或负责的具体工作")


class Item(InputModel):
    title: RequiredText = Field(title="标题或要点")
    detail: Optional[Text] = Field(None, title="具体内容", description="具体内容，可写多段")


class SpeechInput(InputModel):
    """Fields every template shares. Templates add theirs through their manifest."""

    template: Optional[Text] = Field(None, title="模板", description="使用的模板名称（命令行 -t 可覆盖）")
    title: Optional[Text] = Field(None, title="文稿标题", description="文稿标题；不填由模板按讲话人和会议生成")
    unit: Unit = Field(title="本单位")
    speaker: Speaker = Field(title="讲话人")
    meeting: Meeting = Field(default_factory=Meeting, title="会议")
    # Plain [] rather than default_factory=list: pydantic copies a mutable default for
    # every instance anyway, and inspecting list's signature costs ~2 ms at each start.
    leaders: list[Leader] = Field(default=[], title="领导班子", description="领导班子成员及其责任")
    tasks: list[Item] = Field(default=[], title="重点工作任务")

    @model_validator(mode="after")
    def _unit_knows_speaker(self) -> "SpeechInput":
        """unit.org follows the speaker's title (社区党委书记 → 党委) when party_org is not given."""
        self.unit._speaker_title = self.speaker.title
        return self

    def context(self) -> dict[str, Any]:
        """Plain data for the template: dicts and lists only, nothing with methods to reach."""
        data = self.model_dump(mode="python")
        data["era"] = era_for(self.meeting.date)
        return data

