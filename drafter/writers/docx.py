"""Write a `Document` as a .docx package laid out to GB/T 9704-2012.

Only document.xml and the core properties are built per document, as strings; the
rest comes ready-made from gbt9704.py. That keeps one document at about a
millisecond, where building it through python-docx costs some 25 ms.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
import zipfile
from datetime import datetime, timezone

from ..dates import DATE_IN_TEXT
from ..document import Block, Document, BlockType
from . import gbt9704 as gb
from .titles import balance_title, text_width

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: same input, same parts

def escape(text: str) -> str:
    """XML character escapes, as xml.sax.saxutils.escape does; importing that module
    pulls in urllib.request, http.client and ssl (about 10 ms at every start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_PARA_START = "<w:p>"
_RUN_OPEN = '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
_DOC_OPEN = (gb.XML_DECL + f'<w:document xmlns:w="{gb.W_NS}" xmlns:r="{gb.R_NS}"><w:body>')
_DOC_CLOSE = gb.SECTION_XML + "</w:body></w:document>"
_EMPTY_PARA = '<w:p><w:pPr><w:pStyle w:val="Salutation"/></w:pPr></w:p>'


def document_xml(document: Document) -> str:
    parts = [_DOC_OPEN]
    blocks = document.blocks
    signatures = _signature_indents(blocks)
    for i, block in enumerate(blocks):
        parts.append(_paragraph(block, signatures.get(i)))
        # one blank line between the title group (title, bylines) and what follows
        nxt = blocks[i + 1].type if i + 1 < len(blocks) else None
        if block.type in (BlockType.TITLE, BlockType.BYLINE) and nxt not in (BlockType.BYLINE, None):
            parts.append(_EMPTY_PARA)
        elif block.type is BlockType.ATTACHMENT_LABEL:
            parts.append(_EMPTY_PARA)  # the attachment's title on the page's third line
        elif i + 1 < len(blocks) and _starts_page(blocks[i + 1]):
            pass  # no blank line left at the foot of a page
        elif block.type is not BlockType.SIGNATURE and nxt is BlockType.SIGNATURE:
            parts.append(_EMPTY_PARA)
        elif block.type is not BlockType.ATTACHMENT and nxt is BlockType.ATTACHMENT:
            parts.append(_EMPTY_PARA)  # 附件说明 one line below the text
    parts.append(_DOC_CLOSE)
    return "".join(parts)


def _starts_page(block: Block) -> bool:
    """An attachment begins on a page of its own (GB/T 9704-2012 7.3.7); elsewhere the
    user's own page breaks are kept."""
    return block.page_break or block.type is BlockType.ATTACHMENT_LABEL


# Before a table, which cannot carry pageBreakBefore, an empty paragraph that breaks the page
_PAGE_BREAK_PARA = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
# 附件1: 3号 黑体, flush left on the page's first line
_LABEL_PPR = '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>'
_LABEL_RUN_OPEN = f'<w:r><w:rPr>{gb.fonts(gb.HEITI)}</w:rPr>'


_CHAR = gb.INDENT_TWO_CHARS // 2  # one 3号 character, in twips


def _signature_indents(blocks: list[Block]) -> dict[int, int]:
    """Right indents (twips) of the 落款 lines that end with a 成文日期 (GB/T 9704-2012 7.3.5.1):
    the date four characters from the right, each name centred over the date."""
    indents: dict[int, int] = {}
    for i, block in enumerate(blocks):
        if block.type is not BlockType.SIGNATURE or not re.fullmatch(DATE_IN_TEXT, block.text.strip()):
            continue
        date_width = text_width(block.text.strip())
        indents[i] = 4 * _CHAR
        j = i - 1
        while j >= 0 and blocks[j].type is BlockType.SIGNATURE and j not in indents:
            offset = 4 + (date_width - text_width(blocks[j].text.strip())) / 2
            indents[j] = max(0, round(offset * _CHAR))
            j -= 1
    return indents


def _attachment_indent(text: str, item: bool) -> str:
    """附件说明 (7.3.4): 附件：1.…… two characters in; a long name wraps under its first character,
    and the next items' numbers stand under 1."""
    label = re.match(r"(附件[:：]\s*)?(\d+[.．、]\s*)?", text)
    start = 2 + (3 if item else 0)  # where the line's first character stands, in characters
    hanging = text_width(label.group(0)) if label else 0.0
    return (f'<w:ind w:left="{round((start + hanging) * _CHAR)}" w:hanging="{round(hanging * _CHAR)}" '
            'w:firstLineChars="0"/>')


def _paragraph(block: Block, right_indent: int | None = None) -> str:
    if block.type is BlockType.TABLE:
        return (_PAGE_BREAK_PARA if block.page_break else "") + _table(block.rows, block.merges)
    if block.type.value in gb.MASTHEAD_KINDS:  # 版头: formatted in place, not by a style
        return gb.masthead_paragraph(block.type.value, escape(block.text), block.level)
    if block.type is BlockType.ATTACHMENT_LABEL:
        return (f'<w:p><w:pPr><w:pageBreakBefore/>{_LABEL_PPR}</w:pPr>'
                f'{_LABEL_RUN_OPEN}<w:t xml:space="preserve">{escape(block.text)}</w:t></w:r></w:p>')
    style = gb.STYLE_IDS[block.level if block.type is BlockType.HEADING else block.type.value]
    if block.type is BlockType.ATTACHMENT and not block.text.startswith("附"):
        style = "AttachmentItem"
    if block.run_in:
        return _run_in(block, style)
    indent = ""
    if right_indent is not None:  # a 落款 line placed over its 成文日期
        indent = f'<w:ind w:right="{right_indent}" w:firstLineChars="0" w:firstLine="0"/>'
    elif block.type is BlockType.ATTACHMENT:
        indent = _attachment_indent(block.display, style == "AttachmentItem")
    ppr = _ppr(style, block.page_break, indent)
    if block.type is BlockType.TITLE:
        lines = [line for part in block.text.split("\n") for line in balance_title(part)]
        inner = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    else:
        inner = f'<w:t xml:space="preserve">{escape(block.display)}</w:t>'
    return f"<w:p>{ppr}{_RUN_OPEN}{inner}</w:r></w:p>"


def _ppr(style: str | None, page_break: bool, indent: str = "") -> str:
    """Paragraph properties: the style, a page break before it, an indent (schema order)."""
    inner = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:pageBreakBefore/>" if page_break else "") + indent
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


_BODY_RUN_OPEN = f'<w:r><w:rPr>{gb.fonts(gb.FANGSONG)}</w:rPr>'


def _run_in(block: Block, style: str) -> str:
    """A heading run on into body text: the heading part in its heading face, the rest in
    the body face; the long paragraph need not stay with the next one."""
    page = "<w:pageBreakBefore/>" if block.page_break else ""
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext w:val="0"/>{page}</w:pPr>'
            f'{_RUN_OPEN}<w:t xml:space="preserve">{escape(block.number + block.text)}</w:t></w:r>'
            f'{_BODY_RUN_OPEN}<w:t xml:space="preserve">{escape(block.run_in)}</w:t></w:r></w:p>')


_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_TABLE_PROPERTIES = (
    '<w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders>'
    + "".join(_BORDER.format(side=side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
)


def _table(rows: list[list[str]], merges: tuple[tuple[int, int, int, int], ...] = ()) -> str:
    """A bordered table across the text width, equal columns, each cell's lines as paragraphs;
    merged cells span columns (gridSpan) and rows (vMerge) as they did in the source."""
    columns = max([len(row) for row in rows] + [c + span for _, c, _, span in merges], default=0)
    if columns == 0:
        return ""
    width = gb.TEXT_WIDTH // columns
    first = {(r, c): (down, span) for r, c, down, span in merges}
    below = {(r + i, c): span for r, c, down, span in merges for i in range(1, down)}
    parts = [f"<w:tbl>{_TABLE_PROPERTIES}<w:tblGrid>", f'<w:gridCol w:w="{width}"/>' * columns, "</w:tblGrid>"]
    for r, row in enumerate(rows + [[]] * (max((m[0] + m[2] for m in merges), default=0) - len(rows))):
        parts.append("<w:tr>")
        cells = row + [""] * (columns - len(row))
        c = 0
        while c < columns:
            down, span = first.get((r, c), (1, below.get((r, c), 1)))
            merge = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
                '<w:vMerge w:val="restart"/>' if down > 1 else '<w:vMerge/>' if (r, c) in below else "")
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width * span}" w:type="dxa"/>{merge}</w:tcPr>')
            for line in ("" if (r, c) in below else cells[c]).split("\n"):
                text = f'{_RUN_OPEN}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
                parts.append(f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{text}</w:p>')
            parts.append("</w:tc>")
            c += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def core_xml(document: Document, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return gb.XML_DECL + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(document.title)}</dc:title>"
        f"<dc:subject>{escape(document.subject)}</dc:subject>"
        f"<dc:creator>{escape(document.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(document.author)}</cp:lastModifiedBy>"
        f"<cp:category>{escape(document.genre)}</cp:category>"
        "<dc:language>zh-CN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


_COMPRESS_LEVEL = 1  # a few per cent larger than the default level 6, at a fraction of its time


def _add(archive: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name, _ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, text.encode("utf-8"), compresslevel=_COMPRESS_LEVEL)


@lru_cache(maxsize=1)
def _static_zip() -> bytes:
    """The parts every document shares, compressed once per process."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in gb.STATIC_PARTS:
            _add(archive, name, text)
    return buffer.getvalue()


def to_bytes(document: Document) -> bytes:
    """The package: the shared parts as compressed once, then this document's two parts."""
    buffer = io.BytesIO(_static_zip())
    with zipfile.ZipFile(buffer, "a") as archive:
        _add(archive, "word/document.xml", document_xml(document))
        _add(archive, "docProps/core.xml", core_xml(document))
    return buffer.getvalue()
