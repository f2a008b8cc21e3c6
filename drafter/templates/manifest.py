"""A template's manifest: the YAML in its leading `{#--- … ---#}` comment.

    {#---
    title: 意识形态工作会议讲话
    description: 按“四抓”结构……
    kind: 讲话            # the document genre: 讲话 or 汇报 (`genre:` is accepted too)
    fields: {...}        # the data the template needs beyond the shared fields
    ---#}
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from ..errors import InputError, InputErrors, Position, TemplateError
from ..fields import SHARED_FIELDS, FieldSpec
from ..source import Source, load_text
from ..validation import validate
from .context import CONTEXT_EXTRAS

GENRES = ("讲话", "汇报")
_FRONT_MATTER = re.compile(r"\A\{#---[ \t]*\n(.*?)\n---#\}", re.S)


class _ManifestModel(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    title: str
    description: str
    # Manifests written so far say `kind:`; in code the word is kept for unit types.
    genre: str = Field(GENRES[0], validation_alias=AliasChoices("genre", "kind"))
    abstract: bool = False
    meeting: Optional[str] = None  # default meeting name
    fields: dict[str, FieldSpec] = {}  # pydantic copies it for every instance

    @field_validator("genre")
    @classmethod
    def _known_genre(cls, value: str) -> str:
        if value not in GENRES:
            raise ValueError(f"文稿类型只能是“{GENRES[0]}”或“{GENRES[1]}”")
        return value


class Manifest(NamedTuple):
    title: str
    description: str
    genre: str = GENRES[0]
    abstract: bool = False
    meeting: str | None = None
    fields: tuple[FieldSpec, ...] = ()


def read_manifest(text: str, file: str) -> Manifest:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise TemplateError("模板开头缺少说明块：第一行应为“{#---”，说明写完后以“---#}”结束", Position(file, 1, 1))
    if not match.group(1).strip():
        raise TemplateError("模板的说明块是空的：至少要有 title 和 description", Position(file, 1, 1))
    # A leading newline keeps YAML line numbers equal to the template's.
    try:
        source = load_text("\n" + match.group(1) + "\n", file)
        raw = validate(source, _ManifestModel)
    except InputErrors as exc:
        raise _manifest_error(exc.errors) from None
    except InputError as exc:
        raise _manifest_error([exc]) from None
    specs = tuple(_field_spec(name, decl, source) for name, decl in raw.fields.items())
    return Manifest(raw.title, raw.description, raw.genre, raw.abstract, raw.meeting, specs)


def read_builtin_manifest(text: str, file: str) -> Manifest:
    """The manifest of one of drafter's own templates, read without the validating models.

    The tests read every built-in and example manifest both ways and require the same Manifest
    (test_startup.py), so a start is spared building and running the models."""
    import yaml

    raw = yaml.load(_FRONT_MATTER.match(text).group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    specs = tuple(_builtin_field_spec(name, decl) for name, decl in (raw.get("fields") or {}).items())
    return Manifest(raw["title"], raw["description"], raw.get("genre", raw.get("kind", GENRES[0])),
                    raw.get("abstract", False), raw.get("meeting"), specs)


def _builtin_field_spec(name: str, decl: dict) -> FieldSpec:
    if "choices" in decl:
        decl = {**decl, "choices": tuple(decl["choices"])}
    return FieldSpec.model_construct(name=name, **decl)


def _manifest_error(errors: list[InputError]) -> TemplateError:
    """The first problem at its line in the template; any others listed after it."""
    first, *others = errors
    message = "模板说明块有误：" + first.message + "".join("\n" + str(other) for other in others)
    return TemplateError(message, first.position)


def _field_spec(name: str, decl: FieldSpec, source: Source) -> FieldSpec:
    where = source.position_of(("fields", name))
    if not name.isidentifier() or name.startswith("_"):
        raise TemplateError(f"字段名“{name}”只能由字母、数字和下划线组成，且不能以数字或下划线开头", where)
    if name in SHARED_FIELDS or name in CONTEXT_EXTRAS:
        raise TemplateError(f"字段名“{name}”是公共字段，模板不能重新声明", where)
    if decl.type == "choice" and not decl.choices:
        raise TemplateError(f"字段“{name}”的类型是 choice，需要用 choices 列出选项", where)
    spec = decl.model_copy(update={"name": name})
    for label, value in (("default", decl.default), ("example", decl.example)):
        if value is not None:
            try:
                TypeAdapter(spec.annotation()).validate_python(value)
            except ValidationError:
                raise TemplateError(f"字段“{name}”的 {label} 与类型 {decl.type} 不符",
                                    source.position_of(("fields", name, label))) from None
    return spec
