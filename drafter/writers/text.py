"""Plain-text and Markdown previews of a `Document`, for the terminal and for review."""

from __future__ import annotations

from ..document import Document, BlockType

_INDENT = "\u3000\u3000"  # two ideographic spaces, as a Chinese reader expects


def to_text(document: Document) -> str:
    lines: list[str] = []
    in_header = True
    for block in document.blocks:
        if in_header and block.type not in (BlockType.TITLE, BlockType.BYLINE):
            in_header = False
            if lines:
                lines.append("")  # a blank line after the title group
        if block.type is BlockType.TITLE:
            lines.extend(block.text.split("\n"))
        elif block.type is BlockType.TABLE:
            lines.extend("\t".join(cell.replace("\n", " ") for cell in row) for row in block.rows)
        elif block.type in (BlockType.BYLINE, BlockType.SALUTATION, BlockType.SIGNATURE):
            lines.append(block.text)
        else:
            lines.append(_INDENT + block.display)
    return "\n".join(lines) + "\n"


def to_markdown(document: Document) -> str:
    out: list[str] = []
    for block in document.blocks:
        if block.type is BlockType.TITLE:
            out.append("# " + block.text.replace("\n", ""))
        elif block.type is BlockType.HEADING:
            out.append("#" * (block.level + 1) + " " + block.display)
        elif block.type is BlockType.BYLINE:
            out.append(f"<p align=\"center\">{_md_escape(block.text)}</p>")
        elif block.type is BlockType.SIGNATURE:
            out.append(f"<p align=\"right\">{_md_escape(block.text)}</p>")
        elif block.type is BlockType.TABLE:
            out.append(_md_table(block.rows))
        else:
            out.append(_md_escape(block.display))
    return "\n\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    """Keep a paragraph that starts like Markdown syntax a paragraph."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    if text[:1] in "#>-+*|" or text[:2].rstrip(".").isdigit() and text[1:2] == ".":
        return "\\" + text
    return text


def _md_table(rows: list[list[str]]) -> str:
    columns = max((len(row) for row in rows), default=1)
    lines = ["| " + " | ".join(cell.replace("\n", " ").replace("<", "&lt;").replace("|", "\\|")
                               for cell in row + [""] * (columns - len(row))) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * columns)
    return "\n".join(lines)
