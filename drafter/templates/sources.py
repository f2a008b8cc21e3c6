"""The files one template uses (extends, includes, imports), each read and parsed once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import jinja2
from jinja2 import nodes

from ..errors import Position, TemplateError
from .files import SUFFIX, TemplateFile, read_template
from .jinja_errors import template_error
from .scan import UnclosedRaw, block_tags

if TYPE_CHECKING:
    from .library import Library
    from .template import Template


class Parsed:
    """One template file read and parsed."""

    def __init__(self, path: Path, tree: nodes.Template, builtin: bool):
        self.path = path
        self.tree = tree
        self.builtin = builtin

    def at(self, node: nodes.Node) -> Position:
        return Position(str(self.path), node.lineno, 1)


class Reader:
    """Reads and parses the files one template check needs, each once."""

    def __init__(self, library: "Library", check_all: bool, check_text: Callable[[str, Path], None]):
        self.library = library
        self.check_all = check_all  # built-in files too (the tests do)
        self.check_text = check_text  # what a user wrote, before Jinja reads it
        self.parsed: dict[Path, Parsed] = {}

    def read(self, name: str, where: Position | None = None) -> Parsed:
        path = resolve(self.library, name, where)
        if path not in self.parsed:
            builtin = self.library.is_builtin(path) and not self.check_all
            text = read_template(path)
            if not builtin:
                self.check_text(text, path)
            try:
                tree = self.library.env.parse(text, name, str(path))
            except jinja2.TemplateSyntaxError as exc:
                raise template_error(exc) from None
            self.parsed[path] = Parsed(path, tree, builtin)
        return self.parsed[path]

    def extends(self, name: str, where: Position | None = None) -> tuple[str, Position] | None:
        """The name the template `name` extends and where it says so; None if it extends none."""
        file = self.library.files.get(name)
        if file is not None and file.builtin and not self.check_all:
            return builtin_extends(file.text, str(file.path))  # no Jinja parse: the tests compare
        parsed = self.read(name, where)
        node = next(parsed.tree.find_all(nodes.Extends), None)
        if node is None:
            return None
        if not isinstance(node.template, nodes.Const) or not isinstance(node.template.value, str):
            raise TemplateError("extends 的目标必须是写定的模板名，如 {% extends \"base-speech\" %}", parsed.at(node))
        return node.template.value, parsed.at(node)


_EXTENDS = re.compile(r"""\{%[-+]?\s*extends\s+(?:"([^"]*)"|'([^']*)')\s*[-+]?%\}""")


def builtin_extends(text: str, file: str) -> tuple[str, Position] | None:
    """`{% extends "name" %}` of one of drafter's own templates, found without parsing it."""
    try:
        for tag in block_tags(text):
            match = _EXTENDS.fullmatch(tag.group())
            if match:
                line = text.count("\n", 0, tag.start()) + 1
                return match.group(1) if match.group(1) is not None else match.group(2), Position(file, line, 1)
    except UnclosedRaw:
        pass  # Jinja's parse reports it
    return None


def resolve(library: "Library", name: str, where: Position | None) -> Path:
    """The file a name refers to; an error is placed where the name was written."""
    try:
        return library.find_path(name)
    except TemplateError as exc:
        raise TemplateError(exc.message, exc.position or where) from None


def extends_chain(template: "Template", reader: Reader) -> list[TemplateFile]:
    library = template.library
    chain = [template.file]
    name, where = template.name, None
    while True:
        found = reader.extends(name, where)
        if found is None:
            return chain
        target, where = found
        target = target[: -len(SUFFIX)] if target.endswith(SUFFIX) else target
        parent = library.files.get(target)
        if parent is None:
            resolve(library, target, where)  # a bad name gets its own message
            raise TemplateError(f"继承的“{target}”不是模板文件夹里的模板。可用的模板：{library.names()}", where)
        if parent in chain:
            cycle = " → ".join(f.name for f in chain + [parent])
            raise TemplateError(f"模板继承出现循环：{cycle}", where)
        parent.manifest  # a parent's manifest errors are reported with its file
        chain.append(parent)
        name = target


def reachable(name: str, reader: Reader) -> Iterator[Parsed]:
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


def _targets(node: Any, parsed: Parsed, reader: Reader) -> list[str]:
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
            resolve(reader.library, target, parsed.at(node))
        except TemplateError:
            if target == names[-1] and not optional:
                raise
            continue
        return [target]
    return []
