"""A plain scan of a template's source into the text Jinja prints and the tags it reads.

drafter's own templates are read at every start without Jinja's lexer (about 5 ms): the
origin markers (origins.py) need the lines of printed text, `{% extends %}` (sources.py)
needs the first tag outside comments and raw blocks. Both use this one scan; the tests
compare its results with Jinja's lexer and parser on every built-in and example template.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple, Union

# The tags in the order Jinja meets them (trim_blocks and lstrip_blocks as the environment
# sets them): a raw block's body is text, a comment is skipped.
_TAG = re.compile(r"\{%[-+]?\s*raw\s*(?P<raw_close>-?)%\}|\{#.*?(?P<comment_close>-?)#\}|"
                  r"\{%.*?(?P<block_close>-?)%\}|\{\{.*?(?P<variable_close>-?)\}\}", re.S)
_END_RAW = re.compile(r"\{%[-+]?\s*endraw\s*(-?)%\}")
_SPACE = re.compile(r"\s*")


class Text(NamedTuple):
    """source[start:end] is printed; line_start: it begins a line of the output."""

    start: int
    end: int
    line_start: bool


class UnclosedRaw(ValueError):
    """A `{% raw %}` without its `{% endraw %}`: Jinja refuses it, and its parse says where."""


Piece = Union[Text, "re.Match[str]"]  # printed text, or a tag ({% %}, {{ }} or {# #})


def pieces(source: str) -> Iterator[Piece]:
    """The text and the tags of `source`, in order; a raw block's body comes as text."""
    position, line_start = 0, True
    while position < len(source):
        tag = _TAG.search(source, position)
        yield Text(position, tag.start() if tag else len(source), line_start)
        if tag is None:
            return
        yield tag
        if tag.lastgroup != "raw_close":
            position, line_start = _after_close(source, tag.end(), tag.group(tag.lastgroup),
                                                trims=tag.lastgroup != "variable_close")
            continue
        body, body_starts_line = _after_close(source, tag.end(), tag.group("raw_close"), trims=False)
        closing = _END_RAW.search(source, body)
        if closing is None:
            raise UnclosedRaw
        yield Text(body, closing.start(), body_starts_line)
        position, line_start = _after_close(source, closing.end(), closing.group(1), trims=True)


def block_tags(source: str) -> Iterator["re.Match[str]"]:
    """The `{% … %}` tags Jinja reads (none inside comments or raw blocks)."""
    return (piece for piece in pieces(source)
            if not isinstance(piece, Text) and piece.lastgroup == "block_close")


def _after_close(source: str, end: int, dash: str, trims: bool) -> tuple[int, bool]:
    """Where text resumes after a tag, and whether it begins a line: `-%}` eats the blanks
    after it; with trim_blocks `%}` and `#}` eat one line break."""
    if dash:
        blanks = _SPACE.match(source, end).end()
        return blanks, blanks > end and source[blanks - 1] == "\n"
    if trims and source.startswith("\n", end):
        return end + 1, True
    return end, False
