"""The input form of a template, built from the JSON Schema `drafter schema` gives.

Nothing here knows a template by name: a template a user wrote in templates/ gets its
form the same way. Each field of the schema becomes a `FormField` with its Chinese
title, help text, placeholder, whether it is required and the widget that fits it:
choices as a select, dates as a date input, multi-paragraph text as a text area, lists
of texts or of groups (leaders, tasks …) as rows that can be added, removed and moved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..scaffold import json_schema
from ..templates import Template

# Fields the page shows elsewhere, not in the form.
HIDDEN = {"template"}
# Words in a description that say a text may have several paragraphs.
_MULTILINE_HINT = "多段"
_TITLE_END = re.compile("[，：；（(]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class FormField:
    key: str | int | None  # None for the item of a list
    title: str
    widget: str  # text, textarea, date, number, flag, select, group, list
    help: str = ""
    required: bool = False
    placeholder: str = ""
    choices: list[str] = field(default_factory=list)
    children: list["FormField"] = field(default_factory=list)  # of a group
    item: "FormField | None" = None  # of a list: how each row looks


def build_form(template: Template) -> FormField:
    """The whole form of `template`: a group of its top-level fields."""
    schema = json_schema(template)
    multiline = {spec.name for spec in template.fields if spec.type == "multiline"}
    builder = _Builder(schema, multiline)
    root = builder.group(None, schema, "")
    root.children = [child for child in root.children if child.key not in HIDDEN]
    return root


def date_paths(template: Template) -> set[tuple[str, ...]]:
    """Paths (list indexes left out) of the fields that hold a date."""
    found: set[tuple[str, ...]] = set()

    def walk(node: FormField, path: tuple[str, ...]) -> None:
        if node.widget == "date":
            found.add(path)
        for child in node.children:
            walk(child, path + (str(child.key),))
        if node.item is not None:
            walk(node.item, path)

    walk(build_form(template), ())
    return found


def is_date_path(dates: set[tuple[str, ...]], path: tuple[Any, ...]) -> bool:
    return tuple(str(p) for p in path if not isinstance(p, int)) in dates


class _Builder:
    def __init__(self, schema: dict[str, Any], multiline: set[str]):
        self.defs = schema.get("$defs", {})
        self.multiline = multiline

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """`node` with its $ref followed and an Optional's null branch removed."""
        if "$ref" in node:
            target = self.defs.get(node["$ref"].rsplit("/", 1)[-1], {})
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        if "anyOf" in node:
            branches = [b for b in node["anyOf"] if b.get("type") != "null"]
            if len(branches) == 1:
                merged = {k: v for k, v in node.items() if k != "anyOf"}
                return self.resolve({**branches[0], **merged})
        return node

    def field(self, key: Any, node: dict[str, Any], required: bool, top: bool) -> FormField:
        resolved = self.resolve(node)
        title, help_text = _title_and_help(key, node, resolved)
        kind = resolved.get("type")
        if kind == "object" or "properties" in resolved:
            form = self.group(key, resolved, title)
            form.help, form.required = help_text, required
            return form
        if kind == "array":
            items = self.resolve(resolved.get("items", {}))
            item = self.field(None, items, True, False)
            return FormField(key, title, "list", help_text, required, item=item)
        form = FormField(key, title, _widget(resolved, help_text, top and key in self.multiline),
                         help_text, required, _placeholder(resolved))
        if form.widget == "select":
            form.choices = [str(c) for c in resolved.get("enum", [resolved.get("const")])]
            listed = "：" + "、".join(form.choices)  # the select shows them: the help need not
            form.help = form.help[: -len(listed)] if form.help.endswith(listed) else form.help
        return form

    def group(self, key: Any, node: dict[str, Any], title: str) -> FormField:
        required = node.get("required", [])
        children = [self.field(name, prop, name in required, key is None)
                    for name, prop in node.get("properties", {}).items()]
        return FormField(key, title, "group", children=children)


def _widget(node: dict[str, Any], help_text: str, declared_multiline: bool) -> str:
    if "enum" in node or "const" in node:
        return "select"
    if node.get("format") == "date":
        return "date"
    if node.get("type") == "integer":
        return "number"
    if node.get("type") == "boolean":
        return "flag"
    if declared_multiline or _MULTILINE_HINT in help_text or _MULTILINE_HINT in node.get("description", ""):
        return "textarea"
    return "text"


def _title_and_help(key: Any, node: dict[str, Any], resolved: dict[str, Any]) -> tuple[str, str]:
    """The field's Chinese title and the help under it. A schema title in Chinese is used as
    is; otherwise (pydantic's “Short Name”) the title is the first phrase of the Chinese
    description, “单位全称，如：……” → 单位全称 with help “如：……”."""
    description = node.get("description") or resolved.get("description") or ""
    title = node.get("title") or resolved.get("title") or ""
    if title and not title.isascii():  # “单位全称” with “单位全称，如：……”: the help is “如：……”
        if description.startswith(title) and description[len(title):len(title) + 1] in ("，", "：", "；"):
            description = description[len(title) + 1:]
        return title, description
    if description:
        cut = _TITLE_END.search(description)
        if cut is None:
            return description, ""
        rest = description[cut.end():] if cut.group() in "，：；" else description[cut.start():]
        return description[: cut.start()], rest
    return str(key) if key is not None else "", ""


def _placeholder(node: dict[str, Any]) -> str:
    examples = node.get("examples") or []
    if examples and isinstance(examples[0], (str, int)):
        return f"例如：{examples[0]}"
    default = node.get("default")
    if isinstance(default, (str, int)) and not isinstance(default, bool) and default != "":
        return f"不填则为：{default}"
    return ""


# -- values as the form shows them: whatever a file holds, never Python's notation -------

def child_value(value: Any, key: Any) -> Any:
    """The value of `key` in a group; nothing when the file has no group there."""
    return value.get(key) if isinstance(value, dict) else None


def rows_of(value: Any) -> list[Any]:
    """The items of a list; none when the file has no list there."""
    return value if isinstance(value, list) else []


def scalar_text(value: Any) -> str:
    """The text of a value in an input box; a group or a list where text belongs shows
    empty (its message says what was found)."""
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value)


def fits_widget(widget: str, text: str) -> bool:
    """Whether a date or number box can hold `text`; a value it cannot show (2024年1月25日,
    三) is put in a plain text box instead, so that nothing in the file is lost unseen."""
    if not text:
        return True
    if widget == "date":
        return _ISO_DATE.fullmatch(text) is not None
    if widget == "number":
        return re.fullmatch(r"-?\d+", text) is not None
    return True


FORM_HELPERS = {"child_value": child_value, "rows_of": rows_of, "scalar_text": scalar_text,
                "fits_widget": fits_widget}


def to_json(value: Any) -> Any:
    """Loaded YAML data as JSON for the page: dates as 2024-01-25."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value
