"""Fields a template declares in its manifest, turned into a pydantic model.

A template's manifest lists the data it needs beyond the shared fields of
`model.SpeechInput`; `input_model()` builds one model class from the shared model
plus those declarations, so validation, error messages and the JSON Schema treat
template fields exactly like shared ones.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from .model import CnDate, Item, RequiredText, SpeechInput, Text

# type name in a manifest -> (annotation, empty default, Chinese name for docs)
FIELD_TYPES: dict[str, tuple[Any, Any, str]] = {
    "text": (Text, None, "一行文字"),
    "multiline": (Text, None, "多段文字（用 | 换行书写，每行一段）"),
    "list": (list[RequiredText], [], "文字列表（每项以“- ”开头）"),
    "items": (list[Item], [], "条目列表（每项有 title 和 detail）"),
    "date": (CnDate, None, "日期（2024-01-25）"),
    "choice": (Text, None, "从给定选项中选一个"),
    "number": (int, None, "整数"),
    "flag": (bool, None, "是/否（true/false）"),
}
SHARED_FIELDS = frozenset(SpeechInput.model_fields)


class FieldSpec(BaseModel):
    """One field as a manifest declares it (`name` comes from its key in `fields:`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    name: str = Field("", exclude=True)
    type: str = "text"
    title: str = ""
    help: str = ""
    required: bool = False
    default: Any = None
    example: Any = None
    choices: tuple[str, ...] = ()

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in FIELD_TYPES:
            raise ValueError(f"字段类型只能是：{'、'.join(FIELD_TYPES)}")
        return value

    def annotation(self) -> Any:
        if self.type == "choice":
            return Literal[self.choices]  # type: ignore[valid-type]
        return FIELD_TYPES[self.type][0]

    def pydantic_field(self) -> tuple[Any, Any]:
        description = "：".join(p for p in (self.title, self.help) if p)
        extra: dict[str, Any] = {"title": self.title or None, "description": description or None}
        if self.example is not None:
            extra["examples"] = [self.example]
        if self.required:
            return self.annotation(), Field(..., **extra)
        default = self.default if self.default is not None else FIELD_TYPES[self.type][1]
        annotation = self.annotation() if default is not None else Optional[self.annotation()]
        if isinstance(default, (list, dict)):
            return annotation, Field(default_factory=lambda d=default: _copy(d), **extra)
        return annotation, Field(default, **extra)


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def input_model(template_name: str, specs: list[FieldSpec]) -> type[SpeechInput]:
    """The full input model of one template: shared fields plus its declared ones."""
    if not specs:
        return SpeechInput
    fields = {spec.name: spec.pydantic_field() for spec in specs}
    model_name = "Input_" + "".join(c if c.isalnum() else "_" for c in template_name)
    return create_model(model_name, __base__=SpeechInput, **fields)
