"""Checks of a template's source, done when it is loaded, before any data is rendered.

What users write is checked: control characters, full-width template signs, unknown
filters and tests, undeclared variables, misspelt fields (fieldnames.py), includes of
missing files (sources.py), and in a template that extends another the two things
Jinja drops without a word: a block no ancestor has, text outside every block. drafter's own templates are not checked at each start:
the tests run these checks on them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import jinja2
from jinja2 import nodes

from ..errors import Position, TemplateError
from ..fields import SHARED_FIELDS
from ..model import UNSTORABLE  # the characters users' data may not hold either
from .context import CONTEXT_EXTRAS
from .files import LINE_BREAK, TemplateFile
from .jinja_errors import template_error
from .manifest import read_manifest
from .sources import Parsed, Reader, extends_chain, reachable

if TYPE_CHECKING:
    from .template import Template

_FULL_WIDTH_SIGN = r"[{｛][{｛%％#＃]|[}｝%％#＃][}｝]"  # only users' templates are scanned: compiled then
_HALF_WIDTH = str.maketrans("｛｝％＃", "{}%#")


def check_template(template: "Template", check_all: bool = False) -> None:
    """Set the template's extends chain and check every file it uses that a user wrote."""
    reader = Reader(template.library, check_all, _check_text)
    template.chain = extends_chain(template, reader)
    if check_all:  # built-in manifests are read without the validating models at a user's start
        for file in template.chain:
            read_manifest(file.text, str(file.path))
    if all(f.builtin for f in template.chain) and not check_all:
        return  # includes of drafter's own templates are drafter's own too
    from .fieldnames import Shapes, check_fields  # what follows is for templates users wrote

    used = list(reachable(template.name, reader))
    known = (SHARED_FIELDS | CONTEXT_EXTRAS | {f.name for f in template.fields}
             | set(template.library.env.globals))
    for parsed in used:  # top-level {% set %} and macros are shared by every block
        known |= _top_level_names(parsed.tree)
    shapes = Shapes(template)
    for parsed in used:
        if not parsed.builtin:
            _check_filters_and_tests(parsed, template.library.env)
            _check_variables(parsed, known)
            check_fields(parsed, shapes)
    _check_inheritance(template.chain, reader)


def _check_inheritance(chain: list[TemplateFile], reader: Reader) -> None:
    """Each user-written file of the chain that extends another, against all it extends."""
    trees = [reader.read(file.name) for file in chain]
    for index, parsed in enumerate(trees[:-1]):
        if not parsed.builtin:
            ancestors = Ancestors(chain[index + 1].name, [p.tree for p in trees[index + 1:]])
            _check_block_names(parsed, ancestors)
            _check_text_outside_blocks(parsed, ancestors)


class Ancestors:
    """What the templates a child extends offer it: their blocks, in the order they appear."""

    def __init__(self, parent: str, trees: list[nodes.Template]):
        self.parent = parent
        self.blocks: list[str] = []
        self.called: set[str] = set()  # {{ self.name() }} renders a block the ancestor lacks
        for tree in trees:
            self.blocks += [b.name for b in tree.find_all(nodes.Block) if b.name not in self.blocks]
            self.called |= _self_calls(tree)

    def listing(self) -> str:
        return "、".join(self.blocks)


def _check_block_names(parsed: Parsed, ancestors: Ancestors) -> None:
    """A child's block that no ancestor has is never rendered, unless the child renders it."""
    from difflib import get_close_matches

    known = set(ancestors.blocks) | ancestors.called | _self_calls(parsed.tree)
    for block in _outermost_blocks(parsed.tree):  # a block inside another is rendered where it stands
        if block.name in known:
            continue
        close = get_close_matches(block.name, ancestors.blocks, n=1, cutoff=0.6)
        advice = f"是不是“{close[0]}”？" if close else ""
        raise TemplateError(f"block“{block.name}”在上级模板“{ancestors.parent}”中没有，{advice}"
                            f"可用的 block：{ancestors.listing()}", parsed.at(block))


def _outermost_blocks(node: nodes.Node) -> Iterator[nodes.Block]:
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block):
            yield child
        else:
            yield from _outermost_blocks(child)


def _self_calls(tree: nodes.Template) -> set[str]:
    """Names used as self.name or self["name"]: blocks the template renders itself."""
    names = {n.attr for n in tree.find_all(nodes.Getattr)
             if isinstance(n.node, nodes.Name) and n.node.name == "self"}
    return names | {n.arg.value for n in tree.find_all(nodes.Getitem)
                    if isinstance(n.node, nodes.Name) and n.node.name == "self" and isinstance(n.arg, nodes.Const)}


# What a child may hold outside its blocks: none of these prints anything.
_SILENT = (nodes.Block, nodes.Macro, nodes.Assign, nodes.AssignBlock, nodes.Import, nodes.FromImport, nodes.Extends)
# What prints: Jinja drops it in a child, as the parent's text stands in its place.
_PRINTS = (nodes.Include, nodes.CallBlock, nodes.FilterBlock)


def _check_text_outside_blocks(parsed: Parsed, ancestors: Ancestors) -> None:
    line = _first_printed_line(parsed.tree)
    if line is None:
        return
    if "more_sections" in ancestors.blocks:
        advice = "要增加一节，写在 {% block more_sections %} … {% endblock %} 里"
    else:
        advice = f"可用的 block：{ancestors.listing()}"
    raise TemplateError(f"继承其他模板（extends）的模板里，文字必须写在 block 里面；{advice}",
                        Position(str(parsed.path), line, 1))


def _first_printed_line(node: nodes.Node) -> int | None:
    """The first line outside every block, macro and {% set %} that would print something."""
    lines = []
    for child in node.iter_child_nodes():
        if isinstance(child, _SILENT):
            continue
        if isinstance(child, _PRINTS):
            lines.append(child.lineno)
        elif isinstance(child, nodes.TemplateData):
            blank = len(child.data) - len(child.data.lstrip())
            if blank < len(child.data):  # whitespace between tags prints nothing worth keeping
                lines.append(child.lineno + child.data.count("\n", 0, blank))
        elif isinstance(child, nodes.Expr) and isinstance(node, nodes.Output):
            lines.append(child.lineno)  # {{ … }}
        else:
            found = _first_printed_line(child)
            if found is not None:
                lines.append(found)
    return min(lines, default=None)


def _check_text(text: str, path: Path) -> None:
    """Characters that would pass Jinja unnoticed and spoil the document."""
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        unstorable = UNSTORABLE.search(line)
        if unstorable:
            raise TemplateError(
                f"模板里有 Word 无法保存的控制字符 U+{ord(unstorable.group()):04X}，请删除",
                Position(str(path), number, unstorable.start() + 1))
        # `{％ ％}` or `｛｛ ｝｝` is plain text to Jinja and would be printed into the document.
        for match in re.finditer(_FULL_WIDTH_SIGN, line):
            sign = match.group()
            if not sign.isascii():
                raise TemplateError(
                    f"模板标记里有全角符号“{sign}”：{{{{ }}}}、{{% %}}、{{# #}} 都要用半角字符，"
                    f"请改成“{sign.translate(_HALF_WIDTH)}”", Position(str(path), number, match.start() + 1))


def _check_filters_and_tests(parsed: Parsed, env: jinja2.Environment) -> None:
    from difflib import get_close_matches

    for node in parsed.tree.find_all((nodes.Filter, nodes.Test)):
        is_filter = isinstance(node, nodes.Filter)
        known = env.filters if is_filter else env.tests
        if node.name in known:
            continue
        what = "过滤器" if is_filter else "判断（is 后面的词）"
        close = get_close_matches(node.name, list(known), n=1, cutoff=0.6)
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
    from difflib import get_close_matches

    from jinja2 import meta

    try:
        undeclared = meta.find_undeclared_variables(parsed.tree) - known
    except jinja2.TemplateSyntaxError as exc:  # found when the tree is compiled (a block defined twice …)
        raise template_error(exc, str(parsed.path)) from None
    for variable in sorted(undeclared):
        uses = [n for n in parsed.tree.find_all(nodes.Name) if n.name == variable]
        where = parsed.at(min(uses, key=lambda n: n.lineno)) if uses else Position(str(parsed.path), 1, 1)
        close = get_close_matches(variable, sorted(known), n=1, cutoff=0.6)
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
