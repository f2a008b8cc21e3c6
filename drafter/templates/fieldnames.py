"""Field names a template can reach (unit.name, leader.role, era.congress …), checked at load time."""

from __future__ import annotations

import difflib
import types
from datetime import date
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from jinja2 import nodes
from pydantic import BaseModel

from ..era import era_for
from ..errors import TemplateError
from .context import document_info
from .sources import Parsed

if TYPE_CHECKING:
    from .template import Template

# Filters that keep the items of a list as they are: a loop over their result is a loop over the list.
_ITEM_KEEPING_FILTERS = frozenset({"with_role", "reverse", "sort", "unique", "list", "selectattr", "rejectattr"})
_DICT_METHODS = frozenset(name for name in dir(dict) if not name.startswith("_"))


class Shapes:
    """The field names of each group a template can reach: unit.name, leader.role, era.congress …"""

    def __init__(self, template: "Template"):
        model = template.input_model
        self.groups = {name: keys for name, info in model.model_fields.items()
                       if (keys := _model_keys(info.annotation)) is not None}
        self.groups["era"] = frozenset(era_for(date.today()))
        self.groups["doc"] = frozenset(document_info(template))
        self.items = {name: keys for name, info in model.model_fields.items()
                      if (keys := _item_keys(info.annotation)) is not None}

    def of_items(self, iterable: nodes.Node) -> frozenset[str] | None:
        """The field names of the items a `{% for %}` goes over, when it goes over a known list."""
        while isinstance(iterable, nodes.Filter) and iterable.name in _ITEM_KEEPING_FILTERS:
            iterable = iterable.node
        return self.items.get(iterable.name) if isinstance(iterable, nodes.Name) else None


def check_fields(parsed: Parsed, shapes: Shapes) -> None:
    """`{{ unit.nmae }}`, `{{ leader.nmae }}` in a loop over leaders: name the field that exists."""
    rebound = {n.name for n in parsed.tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    groups = {name: keys for name, keys in shapes.groups.items() if name not in rebound}
    _check_lookups(parsed, parsed.tree, groups)
    for loop in parsed.tree.find_all(nodes.For):
        keys = shapes.of_items(loop.iter)
        if keys is not None and isinstance(loop.target, nodes.Name):
            for node in loop.body:
                _check_lookups(parsed, node, {loop.target.name: keys})


def _check_lookups(parsed: Parsed, tree: nodes.Node, groups: dict[str, frozenset[str]]) -> None:
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if not isinstance(node.node, nodes.Name) or node.node.name not in groups:
            continue
        field = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        keys = groups[node.node.name]
        if not isinstance(field, str) or field in keys or field in _DICT_METHODS:
            continue
        group = node.node.name
        close = difflib.get_close_matches(field, sorted(keys), n=1, cutoff=0.6)
        advice = f"是不是“{group}.{close[0]}”？" if close else f"{group} 的字段有：{'、'.join(sorted(keys))}"
        raise TemplateError(f"字段“{group}.{field}”不存在，{advice}", parsed.at(node))


def _model_keys(annotation: Any) -> frozenset[str] | None:
    annotation = _without_none(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return frozenset(annotation.model_fields) | frozenset(annotation.model_computed_fields)
    return None


def _item_keys(annotation: Any) -> frozenset[str] | None:
    annotation = _without_none(annotation)
    if get_origin(annotation) is list:
        return _model_keys(get_args(annotation)[0])
    return None


def _without_none(annotation: Any) -> Any:
    """X from Optional[X]."""
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation
