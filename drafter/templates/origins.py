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


# The tags Jinja does not print, in the order it meets them: a raw block's body is text.
_TAG = re.compile(r"\{%[-+]?\s*raw\s*(?P<raw_close>-?)%\}|\{#.*?(?P<comment_close>-?)#\}|"
                  r"\{%.*?(?P<block_close>-?)%\}|\{\{.*?(?P<variable_close>-?)\}\}", re.S)
_END_RAW = re.compile(r"\{%[-+]?\s*endraw\s*(-?)%\}")
_SPACE = re.compile(r"\s*")


def plain_markup_lines(source: str) -> set[int]:
    """What `_markup_lines` finds, for the environment's settings (trim_blocks, lstrip_blocks),
    by a scan of the tags instead of Jinja's lexer."""
    found: set[int] = set()
    position, line_start = 0, True
    while position < len(source):
        tag = _TAG.search(source, position)
        end_of_text = tag.start() if tag else len(source)
        _add_lines(found, source, position, end_of_text, line_start)
        if tag is None:
            break
        if tag.lastgroup != "raw_close":
            position, line_start = _after_close(source, tag.end(), tag.group(tag.lastgroup),
                                                trims=tag.lastgroup != "variable_close")
            continue
        body, body_starts_line = _after_close(source, tag.end(), tag.group("raw_close"), trims=False)
        closing = _END_RAW.search(source, body)
        if closing is None:
            return set()  # Jinja refuses it, and the parse says where
        _add_lines(found, source, body, closing.start(), body_starts_line)
        position, line_start = _after_close(source, closing.end(), closing.group(1), trims=True)
    return found


def _after_close(source: str, end: int, dash: str, trims: bool) -> tuple[int, bool]:
    """Where text resumes after a tag, and whether it begins a line: `-%}` eats the blanks
    after it; with trim_blocks `%}` and `#}` eat one line break."""
    if dash:
        blanks = _SPACE.match(source, end).end()
        return blanks, blanks > end and source[blanks - 1] == "\n"
    if trims and source.startswith("\n", end):
        return end + 1, True
    return end, False


def _add_lines(found: set[int], source: str, start: int, end: int, line_start: bool) -> None:
    for offset, part in enumerate(source[start:end].split("\n")):
        if (offset or line_start) and _MARKUP_LINE.match(part):
            found.add(source.count("\n", 0, start) + 1 + offset)  # counted only for the few markup lines
