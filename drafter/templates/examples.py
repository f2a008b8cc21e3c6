"""Example input for a template: what `drafter init` writes and `templates show` renders."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..fields import FieldSpec
from .context import render_context

if TYPE_CHECKING:
    from .template import Template


def example_data(template: "Template") -> dict[str, Any]:
    """Input data that renders the template as is: shared examples plus each field's example."""
    data: dict[str, Any] = {
        "template": template.name,
        "unit": {"name": "某某县某某局", "short_name": "县某某局", "kind": "局"},
        "speaker": {"title": "党组书记", "name": "张某某"},
        "meeting": {"date": date.today()},
    }
    for spec in template.fields:
        value = spec.example if spec.example is not None else spec.default
        if value is None and spec.required:
            value = _placeholder(spec)
        if value is not None:
            data[spec.name] = value
    return data


def _placeholder(spec: FieldSpec) -> Any:
    """A value that validates, for a required field that declares no example."""
    label = f"（请填写{spec.title or spec.name}）"
    return {
        "list": [label], "items": [{"title": label}], "date": date.today(), "number": 1, "flag": True,
        "choice": spec.choices[0] if spec.choices else label,
    }.get(spec.type, label)


def example_context(template: "Template") -> dict[str, Any]:
    model = template.input_model.model_validate(example_data(template))
    return render_context(template, model)
