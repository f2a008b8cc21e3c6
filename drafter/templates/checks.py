"""Checks of a template's source, done when it is loaded, before any data is rendered.

What users write is checked: control characters, full-width template signs, unknown
filters and tests, undeclared variables, misspelt fields (fieldnames.py), includes of
missing files (sources.py). drafter's own templates are not checked at each start:
the tests run these checks on them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from jinja2 import nodes

from ..errors import Position, TemplateError
from ..fields import SHARED_FIELDS
from ..model import UNSTORABLE  # the characters users' data may not hold either
from .context import CONTEXT_EXTRAS
from .files import LINE_BREAK
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
