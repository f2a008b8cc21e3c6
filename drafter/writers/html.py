"""A `Document` as HTML pages laid out like the printed GB/T 9704 page (for `drafter serve`).

The lines are broken and the pages filled here, on the server, by counting characters
on the grid the .docx uses: 28 characters a line (a half-width character counts half),
22 lines a page, titles 20 characters a line in balanced lines. The browser only draws
the lines it is given, so the preview does not depend on which fonts are installed and
the page breaks are the same in every browser. Like Word with the styles of
gbt9704.py: no widow control, a heading is kept with the line after it, one blank line
after the title group and one before the signature, the signature ends four characters
in from the right. LibreOffice's PDF stays the exact view; this one is close enough to
trust while typing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from html import escape

from ..document import Block, Document, BlockType
from .titles import TITLE_CHARS_PER_LINE, balance_title

CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
INDENT = 2  # body paragraphs and headings start two characters in
SIGNATURE_INSET = 4  # the signature ends four characters in from the right edge
# Marks that may not start a line: they stay at the end of the line before (hanging).
NO_LINE_START = set("，。、；：？！）》〉」』】〕”’…—·,.;:?!)]}%")
# Marks that may not end a line: they move to the start of the next one.
NO_LINE_END = set("（《〈「『【〔“‘([{")
# Kinds whose paragraph stays on the page of the paragraph after it (keepNext).
KEEP_WITH_NEXT = {BlockType.TITLE, BlockType.BYLINE, BlockType.SALUTATION, BlockType.HEADING}


@dataclass
class Line:
    """One line on the grid: its text and how it is set."""

    text: str
    role: str = "body"  # CSS class: title, byline, salutation, h1–h4, body, closing, signature, blank
    paragraph: int = 0  # 1-based index in document.paragraphs(); 0 for a blank line
    first: bool = False  # the first line of its paragraph (takes the indent)
    last: bool = True  # the last line of its paragraph (not stretched to the full width)


@dataclass
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)


def width(text: str) -> float:
    """The width of `text` in grid characters: full-width 1, half-width ½."""
    return sum(0.5 if unicodedata.east_asian_width(c) in ("Na", "H") else 1.0 for c in text)


def break_lines(text: str, first_width: float, width_per_line: float) -> list[str]:
    """Greedy line breaking on the character grid, with the Chinese rules for
    punctuation at line starts and ends."""
    lines: list[str] = []
    current = ""
    used = 0.0
    limit = first_width
    for char in text:
        char_width = width(char)
        if used + char_width > limit + 1e-9 and current:
            if char in NO_LINE_START:  # hangs at the end of this line
                current += char
                lines.append(current)
                current, used, limit = "", 0.0, width_per_line
                continue
            carried = ""
            while current and current[-1] in NO_LINE_END and len(carried) < len(current) - 1:
                carried = current[-1] + carried
                current = current[:-1]
            lines.append(current)
            current, used, limit = carried, width(carried), width_per_line
        current += char
        used += char_width
    if current or not lines:
        lines.append(current)
    return lines


def block_lines(block: Block, paragraph: int) -> list[Line]:
    """The lines one block takes on the page."""
    if block.type is BlockType.TITLE:
        texts = [line for part in block.text.split("\n") for line in balance_title(part, TITLE_CHARS_PER_LINE)]
        role = "title"
    elif block.type is BlockType.HEADING:
        texts = break_lines(block.display, CHARS_PER_LINE - INDENT, CHARS_PER_LINE)
        role = f"h{block.level}"
    elif block.type in (BlockType.BYLINE, BlockType.SALUTATION):
        texts = break_lines(block.display, CHARS_PER_LINE, CHARS_PER_LINE)
        role = block.type.value
    elif block.type is BlockType.SIGNATURE:
        inner = CHARS_PER_LINE - SIGNATURE_INSET
        texts = break_lines(block.display, inner, inner)
        role = "signature"
    else:
        texts = break_lines(block.display, CHARS_PER_LINE - INDENT, CHARS_PER_LINE)
        role = block.type.value
    last = len(texts) - 1
    return [Line(text, role, paragraph, i == 0, i == last) for i, text in enumerate(texts)]


def paginate(document: Document) -> list[Page]:
    """The document's lines, 22 to a page."""
    groups: list[tuple[list[Line], bool]] = []  # (lines, keep with the next group)
    blocks = document.blocks
    for index, block in enumerate(blocks):
        following = blocks[index + 1].type if index + 1 < len(blocks) else None
        if block.type is BlockType.SIGNATURE and index and blocks[index - 1].type is not BlockType.SIGNATURE:
            groups.append(([Line("", "blank")], False))
        groups.append((block_lines(block, index + 1), block.type in KEEP_WITH_NEXT and following is not None))
        if block.type in (BlockType.TITLE, BlockType.BYLINE) and following not in (BlockType.BYLINE, None):
            groups.append(([Line("", "blank")], False))
    pages = [Page(1)]
    for position, (lines, keep) in enumerate(groups):
        room = LINES_PER_PAGE - len(pages[-1].lines)
        needed = len(lines) + (_first_lines_after(groups, position) if keep else 0)
        if keep and pages[-1].lines and needed > room and needed <= LINES_PER_PAGE:
            pages.append(Page(len(pages) + 1))  # keepNext: start this group on a new page
        for line in lines:
            if len(pages[-1].lines) == LINES_PER_PAGE:
                pages.append(Page(len(pages) + 1))
            if line.role == "blank" and not pages[-1].lines and len(pages) > 1:
                continue  # a spacing line never starts a page
            pages[-1].lines.append(line)
    return pages


def _first_lines_after(groups: list[tuple[list[Line], bool]], position: int) -> int:
    """How many lines must stay on the same page after group `position` (chains of
    kept groups, such as a heading followed by a sub-heading, count together)."""
    count = 0
    for lines, keep in groups[position + 1:]:
        if lines[0].role == "blank":
            continue
        if keep:
            count += len(lines)
            continue
        return count + 1
    return count


def to_html(document: Document) -> str:
    """The pages as HTML: `<section class="page">` each, a `<p class="ln">` for every line."""
    return "".join(_page_html(page) for page in paginate(document))


def _page_html(page: Page) -> str:
    side = "odd" if page.number % 2 else "even"
    lines = "".join(_line_html(line) for line in page.lines)
    return (f'<section class="page {side}" data-page="{page.number}"><div class="block">{lines}</div>'
            f'<div class="folio">— {page.number} —</div></section>')


def _line_html(line: Line) -> str:
    classes = ["ln", line.role]
    if line.first:
        classes.append("first")
    if not line.last:
        classes.append("full")
    para = f' data-para="{line.paragraph}"' if line.paragraph else ""
    return f'<p class="{" ".join(classes)}"{para}>{escape(line.text) or "&nbsp;"}</p>'
