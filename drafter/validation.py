"""Validate loaded YAML data against an input model, in Chinese, with YAML positions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from . import mistakes
from .errors import InputError, InputErrors, Position
from .source import Source, field_label

_TYPE_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为文字",
    "list_type": "应为列表（每项另起一行，以“- ”开头）",
    "model_type": "应为一组“字段名: 值”",
    "model_attributes_type": "应为一组“字段名: 值”",
    "dict_type": "应为一组“字段名: 值”",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期，写成 2024-01-25",
    "too_short": "不能为空",
}
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")
# Errors saying a group or a list was expected: a text there is often a mistyped line.
_STRUCTURE_TYPES = frozenset({"list_type", "model_type", "model_attributes_type", "dict_type"})


def field_path(loc: tuple[Any, ...]) -> str:
    """('leaders', 0, 'name') -> 'leaders.0.name', the form table headers are written in
    (messages name fields with source.field_label, counting items from 1)."""
    return ".".join(str(part) for part in loc) or "（顶层）"


def require_mapping(source: Source) -> dict:
    if not isinstance(source.data, dict):
        raise InputError("文件顶层应为一组“字段名: 值”，例如 unit: 和 speaker:", source.position_of(()))
    return source.data


def validate(source: Source, model: type[BaseModel]) -> BaseModel:
    require_mapping(source)
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        errors = [_translate(error, source, model) for error in exc.errors(include_url=False)]
        errors.sort(key=lambda e: (e.position.line, e.position.column) if e.position else (0, 0))
        raise InputErrors(errors) from None


def _translate(error: dict[str, Any], source: Source, model: type[BaseModel]) -> InputError:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal["))))
    kind = error["type"]
    if kind == "extra_forbidden":
        mistake = mistakes.value_mistake(str(loc[-1]))  # `{name:李}` makes a field called "name:李"
        message = mistake or f"不认识的{field_label(loc)}{_did_you_mean(loc, model)}"
        return InputError(message, source.key_position_of(loc))
    indented = _indented_under(loc, kind, error.get("input"), source, model)
    if indented is not None:
        return indented
    label = field_label(loc, _title(loc, model))
    if kind == "missing":
        message = f"缺少必填{label}"
    elif kind == "value_error":
        message = f"{label}：{error['ctx']['error']}"
    elif kind == "literal_error":
        message = f"{label}只能是以下之一：{_choices(error['ctx']['expected'])}"
    else:
        message = _wrong_type(label, kind, error.get("input"))
    return InputError(message, source.position_of(loc))


def _indented_under(loc: tuple[Any, ...], kind: str, value: Any, source: Source,
                    model: type[BaseModel]) -> InputError | None:
    """The error for a field of the group indented more than the field above it, which YAML
    reads as a group inside that field (`short_name:` then `   kind: 村`): a text field, say,
    that got a group of fields of its own group. Groups where a group belongs are never this."""
    if kind in _STRUCTURE_TYPES or not isinstance(value, dict) or not loc or isinstance(loc[-1], int):
        return None
    key, first = source.key_positions.get(loc), source.positions.get(loc)
    if type(key) is not Position or type(first) is not Position or first.line <= key.line:
        return None  # a cell of a table, or a group written in braces on the key's line
    siblings = _known_fields(loc[:-1], model)
    if first.column <= key.column or not any(name in siblings for name in value):
        return None
    nested = next(iter(value))
    message = mistakes.indented_more(first.line, key.line, str(nested), str(loc[-1]), key.column - 1)
    return InputError(f"{message}；现在“{nested}”被读成了{field_label(loc)}下面的一层",
                      Position(first.file, first.line, key.column))


def _wrong_type(label: str, kind: str, value: Any) -> str:
    expected = _TYPE_MESSAGES.get(kind, "取值不正确")
    if value is None:
        return f"{label}没有填写（{expected}）"
    if kind in _STRUCTURE_TYPES and isinstance(value, str):
        mistake = mistakes.value_mistake(value)
        if mistake:
            return f"{label}{expected}：{mistake}"
    if isinstance(value, bool):  # YAML reads yes/no/true/false/on/off as 是/否
        return (f"{label}{expected}（现在是“{'是' if value else '否'}”：YAML 把 yes、no、true、false、on、off"
                "读作是或否，要当作文字请加引号）")
    return f"{label}{expected}（现在是{_show(value)}）"


def _show(value: Any) -> str:
    """A value as the user wrote it, never in Python's notation."""
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "一组“字段名: 值”"
    if isinstance(value, (dt.date, dt.datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    return "“" + (text if len(text) <= 30 else text[:30] + "…") + "”"


def _choices(expected: str) -> str:
    """pydantic's "'甲', '乙' or '丙'" as 甲、乙、丙."""
    names = [single or double for single, double in _QUOTED.findall(expected)]
    return "、".join(names) if names else expected


def _did_you_mean(loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    """Suggest the closest known field name of the same level."""
    known = _known_fields(loc[:-1], model)
    import difflib  # only when a field name is wrong

    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    if close:
        return f"，是不是“{close[0]}”？"
    return f"（可以用的字段：{'、'.join(known)}）" if known else ""


def _known_fields(parent: tuple[Any, ...], model: type[BaseModel]) -> list[str]:
    return list(getattr(_model_at(parent, model), "model_fields", {}))


def _title(loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    """The Chinese title (pydantic Field title) of the last named field of `loc`, or ""."""
    names = [i for i, part in enumerate(loc) if not isinstance(part, int)]
    if not names:
        return ""
    parent, name = loc[: names[-1]], loc[names[-1]]
    info = getattr(_model_at(parent, model), "model_fields", {}).get(name)
    return (info.title or "") if info is not None else ""


def _model_at(path: tuple[Any, ...], model: type[BaseModel]) -> Any:
    """The model class of the group at `path` (list items skipped), or None."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current


def _inner_model(annotation: Any) -> Any:
    """The model class inside list[Model] / Optional[Model] annotations."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
