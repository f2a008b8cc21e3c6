"""Example input for a template: what `drafter init` writes and `templates show` renders."""

from __future__ import annotations

import re
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
    leaders = _example_leaders(template)
    if leaders:
        data["leaders"] = leaders
    for spec in template.fields:
        value = spec.example if spec.example is not None else spec.default
        if value is None and spec.required:
            value = _placeholder(spec)
        if value is not None:
            data[spec.name] = value
    return data


# A leader named by position, as the templates `drafter learn` writes do: {{ leaders[1].post }}
_LEADER_BY_POSITION = re.compile(r"\bleaders\s*\[\s*(\d+)\s*\]")
_EXAMPLE_LEADERS = (("李某某", "党组成员、副局长"), ("王某某", "副局长"), ("赵某某", "纪检组长"), ("陈某某", "副局长"))


def _example_leaders(template: "Template") -> list[dict[str, str]]:
    """As many example leaders as the template names by position, so its example renders."""
    positions = [int(n) for file in template.chain for n in _LEADER_BY_POSITION.findall(file.text)]
    if not positions:
        return []
    people = (_EXAMPLE_LEADERS[i % len(_EXAMPLE_LEADERS)] for i in range(max(positions) + 1))
    return [{"name": name, "post": post} for name, post in people]


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
