"""Origin markers: let errors found in the rendered markup name the template line.

Whether headings skip a level can only be seen in the rendered whole (a child's block
follows its parent's heading), but the author has to change a line of a template. So
the loader puts an invisible marker (markup.origin_marker) in front of every template
line that starts with markup ("#" or "@"); the marker travels through blocks, super()
and macros into the rendered text, where markup.parse reads and removes it.
"""

from __future__ import annotations

import re

import jinja2

from ..markup import origin_marker
from .files import LINE_BREAK
from .scan import Text, UnclosedRaw, pieces

_MARKUP_LINE = re.compile(r"[ \t\u3000]*[#@]")


def mark_origins(environment: jinja2.Environment, source: str, file: str, builtin: bool = False) -> str:
    """`source` with a marker in front of each markup line of template text.

    drafter's own templates are scanned without Jinja's lexer (about 5 ms a start); the
    tests require both scans to find the same lines in every built-in and example template."""
    lines = LINE_BREAK.split(source)
    found = plain_markup_lines(source) if builtin else _markup_lines(environment, source)
    for number in sorted(found, reverse=True):
        lines[number - 1] = origin_marker(file, number) + lines[number - 1]
    return "\n".join(lines)


def _markup_lines(environment: jinja2.Environment, source: str) -> set[int]:
    """Numbers of the lines where template text (not a tag or comment) starts with markup."""
    found: set[int] = set()
    line_start = True  # does the next token begin a line?
    try:
        for line, token, value in environment.lex(source):
            if token == "data":
                for offset, part in enumerate(value.split("\n")):
                    if (offset or line_start) and _MARKUP_LINE.match(part):
                        found.add(line + offset)
            line_start = value.endswith("\n")
    except jinja2.TemplateSyntaxError:
        return set()  # left unmarked: parsing reports the error with its line
    return found


def plain_markup_lines(source: str) -> set[int]:
    """What `_markup_lines` finds, for the environment's settings (trim_blocks, lstrip_blocks),
    by a plain scan of the tags instead of Jinja's lexer."""
    found: set[int] = set()
    try:
        for piece in pieces(source):
            if isinstance(piece, Text):
                _add_lines(found, source, *piece)
    except UnclosedRaw:
        return set()
    return found


def _add_lines(found: set[int], source: str, start: int, end: int, line_start: bool) -> None:
    for offset, part in enumerate(source[start:end].split("\n")):
        if (offset or line_start) and _MARKUP_LINE.match(part):
            found.add(source.count("\n", 0, start) + 1 + offset)  # counted only for the few markup lines
