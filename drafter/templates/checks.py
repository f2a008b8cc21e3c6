"""Checks of a template's source, done when it is loaded, before any data is rendered.

What users write is checked: control characters, full-width template signs, unknown filters and tests,
undeclared variables, misspelt fields, includes of missing files. drafter's own
templates are not checked at each start: the tests run these checks on them.
"""

from __future__ import annotations

import difflib
import re
import types
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Union, get_args, get_origin

import jinja2
from jinja2 import meta, nodes
from pydantic import BaseModel

from ..era import era_for
from ..errors import Position, TemplateError
from ..fields import SHARED_FIELDS
from ..model import _UNSTORABLE  # the characters users' data may not hold either
from .context import CONTEXT_EXTRAS, document_info
from .files import LINE_BREAK, SUFFIX, TemplateFile, read_template
from .jinja_errors import template_error

if TYPE_CHECKING:
    from .library import Library
    from .template import Template

_FULL_WIDTH_SIGN = re.compile(r"[{｛][{｛%％#＃]|[}｝%％#＃][}｝]")
_HALF_WIDTH = str.maketrans("｛｝％＃", "{}%#")
# Filters that keep the items of a list as they are: a loop over their result is a loop over the list.
_ITEM_KEEPING_FILTERS = frozenset({"with_role", "reverse", "sort", "unique", "list", "selectattr", "rejectattr"})
_DICT_METHODS = frozenset(name for name in dir(dict) if not name.startswith("_"))


class Parsed:
    """One template file read and parsed."""

    def __init__(self, path: Path, tree: nodes.Template, builtin: bool):
        self.path = path
        self.tree = tree
        self.builtin = builtin

    def at(self, node: nodes.Node) -> Position:
        return Position(str(self.path), node.lineno, 1)


class _Reader:
    """Reads and parses the files one template check needs, each once."""

    def __init__(self, library: "Library", check_all: bool):
        self.library = library
        self.check_all = check_all  # built-in files too (the tests do)
        self.parsed: dict[Path, Parsed] = {}

    def read(self, name: str, where: Position | None = None) -> Parsed:
        path = _resolve(self.library, name, where)
        if path not in self.parsed:
            builtin = self.library.is_builtin(path) and not self.check_all
            text = read_template(path)
            if not builtin:
                _check_text(text, path)
            try:
                tree = self.library.env.parse(text, name, str(path))
            except jinja2.TemplateSyntaxError as exc:
                raise template_error(exc) from None
            self.parsed[path] = Parsed(path, tree, builtin)
        return self.parsed[path]


def _resolve(library: "Library", name: str, where: Position | None) -> Path:
    """The file a name refers to; an error is placed where the name was written."""
    try:
        return library.find_path(name)
    except TemplateError as exc:
        raise TemplateError(exc.message, exc.position or where) from None


def check_template(template: "Template", check_all: bool = False) -> None:
    """Set the template's extends chain and check every file it uses that a user wrote."""
    reader = _Reader(template.library, check_all)
    template.chain = _extends_chain(template, reader)
    if all(f.builtin for f in template.chain) and not check_all:
        return  # includes of drafter's own templates are drafter's own too
    used = list(_reachable(template.name, reader))
    known = (SHARED_FIELDS | CONTEXT_EXTRAS | {f.name for f in template.fields}
             | set(template.library.env.globals))
    for parsed in used:  # top-level {% set %} and macros are shared by every block
        known |= _top_level_names(parsed.tree)
    shapes = _Shapes(template)
    for parsed in used:
        if not parsed.builtin:
            _check_filters_and_tests(parsed, template.library.env)
            _check_variables(parsed, known)
            _check_fields(parsed, shapes)


# ---------------------------------------------------------------- files used --


def _extends_chain(template: "Template", reader: _Reader) -> list[TemplateFile]:
    library = template.library
    chain = [template.file]
    parsed = reader.read(template.name)
    while True:
        extends = next(parsed.tree.find_all(nodes.Extends), None)
        if extends is None:
            return chain
        if not isinstance(extends.template, nodes.Const) or not isinstance(extends.template.value, str):
            raise TemplateError("extends 的目标必须是写定的模板名，如 {% extends \"base-speech\" %}", parsed.at(extends))
        target = extends.template.value
        target = target[: -len(SUFFIX)] if target.endswith(SUFFIX) else target
        parent = library.files.get(target)
        if parent is None:
            _resolve(library, target, parsed.at(extends))  # a bad name gets its own message
            raise TemplateError(f"继承的“{target}”不是模板文件夹里的模板。可用的模板：{library.names()}",
                                parsed.at(extends))
        if parent in chain:
            cycle = " → ".join(f.name for f in chain + [parent])
            raise TemplateError(f"模板继承出现循环：{cycle}", parsed.at(extends))
        parent.manifest  # a parent's manifest errors are reported with its file
        chain.append(parent)
        parsed = reader.read(target, parsed.at(extends))


def _reachable(name: str, reader: _Reader) -> Iterator[Parsed]:
    """This template and every template it extends, includes or imports."""
    pending: list[tuple[str, Position | None]] = [(name, None)]
    seen: set[Path] = set()
    while pending:
        parsed = reader.read(*pending.pop())
        if parsed.path in seen:
            continue
        seen.add(parsed.path)
        yield parsed
        for node in parsed.tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            pending.extend((target, parsed.at(node)) for target in _targets(node, parsed, reader))


def _targets(node: Any, parsed: Parsed, reader: _Reader) -> list[str]:
    """The names an extends/include/import refers to; of a list, the first that exists."""
    expression = node.template
    items = expression.items if isinstance(expression, (nodes.List, nodes.Tuple)) else [expression]
    if not all(isinstance(item, nodes.Const) and isinstance(item.value, str) for item in items) or not items:
        raise TemplateError("extends、include、import 的目标必须是写定的模板名，如 {% include \"_partial\" %}",
                            parsed.at(node))
    names = [item.value for item in items]
    optional = getattr(node, "ignore_missing", False)
    for target in names:
        try:
            _resolve(reader.library, target, parsed.at(node))
        except TemplateError:
            if target == names[-1] and not optional:
                raise
            continue
        return [target]
    return []


# ---------------------------------------------------------------- the checks --


def _check_text(text: str, path: Path) -> None:
    """Characters that would pass Jinja unnoticed and spoil the document."""
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        unstorable = _UNSTORABLE.search(line)
        if unstorable:
            raise TemplateError(
                f"模板里有 Word 无法保存的控制字符 U+{ord(unstorable.group()):04X}，请删除",
                Position(str(path), number, unstorable.start() + 1))
        # `{％ ％}` or `｛｛ ｝｝` is plain text to Jinja and would be printed into the document.
        for match in _FULL_WIDTH_SIGN.finditer(line):
            sign = match.group()
            if not sign.isascii():
                raise TemplateError(
                    f"模板标记里有全角符号“{sign}”：{{{{ }}}}、{{% %}}、{{# #}} 都要用半角字符，"
                    f"请改成“{sign.translate(_HALF_WIDTH)}”", Position(str(path), number, match.start() + 1))


def _check_filters_and_tests(parsed: Parsed, env: jinja2.Environment) -> None:
    for node in parsed.tree.find_all((nodes.Filter, nodes.Test)):
        is_filter = isinstance(node, nodes.Filter)
        known = env.filters if is_filter else env.tests
        if node.name in known:
            continue
        what = "过滤器" if is_filter else "判断（is 后面的词）"
        close = difflib.get_close_matches(node.name, list(known), n=1, cutoff=0.6)
        if close:
            advice = f"，是不是“{close[0]}”？"
        elif is_filter:
            advice = f"。drafter 的过滤器有：{'、'.join(_drafter_filters(env))}"
        else:
            advice = ""
        raise TemplateError(f"{what}“{node.name}”不存在{advice}", parsed.at(node))


def _drafter_filters(env: jinja2.Environment) -> list[str]:
    from ..filters import FILTERS

    return [name for name in FILTERS if name in env.filters]


def _check_variables(parsed: Parsed, known: set[str]) -> None:
    try:
        undeclared = meta.find_undeclared_variables(parsed.tree) - known
    except jinja2.TemplateSyntaxError as exc:  # found when the tree is compiled (a block defined twice …)
        raise template_error(exc, str(parsed.path)) from None
    for variable in sorted(undeclared):
        uses = [n for n in parsed.tree.find_all(nodes.Name) if n.name == variable]
        where = parsed.at(min(uses, key=lambda n: n.lineno)) if uses else Position(str(parsed.path), 1, 1)
        close = difflib.get_close_matches(variable, sorted(known), n=1, cutoff=0.6)
        advice = f"是不是“{close[0]}”？如果是新的字段，" if close else ""
        raise TemplateError(
            f"使用了未声明的变量“{variable}”：{advice}请在模板开头说明块的 fields 里声明它，"
            f"或改用已有字段（{'、'.join(sorted(SHARED_FIELDS))}）", where)


def _top_level_names(tree: nodes.Template) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            names |= {n.name for n in node.target.find_all(nodes.Name)}
            if isinstance(node.target, nodes.Name):
                names.add(node.target.name)
        elif isinstance(node, nodes.Macro):
            names.add(node.name)
        elif isinstance(node, nodes.Import):
            names.add(node.target)
        elif isinstance(node, nodes.FromImport):
            names |= {n if isinstance(n, str) else n[1] for n in node.names}
    return names


# ---------------------------------------------------------------- fields -------


class _Shapes:
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


def _check_fields(parsed: Parsed, shapes: _Shapes) -> None:
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
