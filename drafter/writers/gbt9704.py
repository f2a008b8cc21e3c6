"""The GB/T 9704-2012 layout as static OOXML parts, built once per process.

Everything that is the same in every document — styles, settings, fonts, the two
footers, relationships — is a constant string here; only document.xml and the core
properties change per document (see docx.py). Fonts live in the styles with
explicit East Asian names and no theme attributes, so Word, WPS and LibreOffice
all use the named faces.
"""

from __future__ import annotations

import re

# -- the standard, in OOXML units (twips = 1/20 pt; half-points for sizes) ----------
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474  # 37/35/28/26 mm
FOOTER_DISTANCE = 1417  # 25 mm: puts the page number's dash about 7 mm below the text block
LINE_PITCH = 579  # 225 mm / 22 lines = 28.95 pt; line spacing is the same value, exact
CONDENSE = -5  # 28 × (16 − 0.25) pt fits the 442 pt text width: 28 characters a line
SIZE_BODY = 32  # 3号 16 pt
SIZE_TITLE = 44  # 2号 22 pt
SIZE_PAGE_NUMBER = 28  # 4号 14 pt
SIZE_TABLE = 28  # 4号 14 pt
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # twips between the side margins
INDENT_TWO_CHARS = 640  # two 3号 characters
PAGE_NUMBER_INSET = 280  # one 4号 character in from the edge of the text block

FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def fonts(face: str) -> str:
    return f'<w:rFonts w:ascii="{face}" w:eastAsia="{face}" w:hAnsi="{face}" w:cs="{face}"/>'


def _rpr(face: str, size: int, condense: int = 0) -> str:
    spacing = f'<w:spacing w:val="{condense}"/>'
    return f'<w:rPr>{fonts(face)}{spacing}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'


def _ppr(*, jc: str = "both", first_line: bool = True, keep_next: bool = False,
         outline: int | None = None, extra_ind: str = "", on_grid: bool = True) -> str:
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    # No widow/orphan control: every page keeps its full 22 lines, as the grid intends.
    parts.append('<w:widowControl w:val="0"/>')
    if not on_grid:  # exact 28.95 pt lines whatever the font: a taller substitute must not take two
        parts.append('<w:snapToGrid w:val="0"/>')
    parts.append(f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>')
    if first_line:
        parts.append(f'<w:ind w:firstLineChars="200" w:firstLine="{INDENT_TWO_CHARS}"/>')
    elif extra_ind:
        parts.append(extra_ind)
    else:
        parts.append('<w:ind w:firstLineChars="0" w:firstLine="0"/>')
    parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def _style(style_id: str, name: str, ppr: str, rpr: str, *, default: bool = False,
           based_on: str | None = "Normal") -> str:
    attrs = ' w:default="1"' if default else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="paragraph"{attrs} w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'{based}<w:next w:val="Normal"/><w:qFormat/>{ppr}{rpr}</w:style>')


# style id for each block type / heading level; docx.py uses these
STYLE_IDS = {
    "title": "Title", "byline": "Byline", "salutation": "Salutation", "body": None,
    "closing": "Closing", "signature": "Signature", "table": "TableText", "attachment": "Attachment",
    1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4",
}

_SIGNATURE_IND = f'<w:ind w:right="{INDENT_TWO_CHARS * 2}" w:firstLineChars="0" w:firstLine="0"/>'

STYLES_XML = XML_DECL + (
    f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'{fonts(FANGSONG)}<w:kern w:val="2"/><w:sz w:val="{SIZE_BODY}"/><w:szCs w:val="{SIZE_BODY}"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    f'<w:spacing w:line="{LINE_PITCH}" w:lineRule="exact"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    + _style("Normal", "Normal", _ppr(), _rpr(FANGSONG, SIZE_BODY, CONDENSE), default=True, based_on=None)
    + _style("Title", "Title", _ppr(jc="center", first_line=False, keep_next=True, on_grid=False),
             _rpr(XIAOBIAOSONG, SIZE_TITLE))
    + _style("Byline", "署名", _ppr(jc="center", first_line=False, keep_next=True), _rpr(KAITI, SIZE_BODY))
    + _style("Salutation", "称呼", _ppr(first_line=False, keep_next=True), _rpr(FANGSONG, SIZE_BODY, CONDENSE))
    + _style("Heading1", "heading 1", _ppr(keep_next=True, outline=0), _rpr(HEITI, SIZE_BODY, CONDENSE))
    + _style("Heading2", "heading 2", _ppr(keep_next=True, outline=1), _rpr(KAITI, SIZE_BODY, CONDENSE))
    + _style("Heading3", "heading 3", _ppr(keep_next=True, outline=2), _rpr(FANGSONG, SIZE_BODY, CONDENSE))
    + _style("Heading4", "heading 4", _ppr(keep_next=True, outline=3), _rpr(FANGSONG, SIZE_BODY, CONDENSE))
    + _style("Closing", "结束语", _ppr(), _rpr(FANGSONG, SIZE_BODY, CONDENSE))
    + _style("Signature", "落款", _ppr(jc="right", first_line=False, extra_ind=_SIGNATURE_IND),
             _rpr(FANGSONG, SIZE_BODY))
    # 附件说明 (7.3.5): "附件：1.……" two characters in, the next items under "1."
    + _style("Attachment", "附件说明", _ppr(), _rpr(FANGSONG, SIZE_BODY, CONDENSE))
    + _style("AttachmentItem", "附件说明续行",
             _ppr(first_line=False, extra_ind=f'<w:ind w:leftChars="500" w:left="{INDENT_TWO_CHARS * 5 // 2}" '
                                              'w:firstLineChars="0" w:firstLine="0"/>'),
             _rpr(FANGSONG, SIZE_BODY, CONDENSE))
    # Table cells: body face at 4号, single spacing off the 28.95 pt grid, so a row is as
    # tall as its text (exact 28 pt rows clip or waste space)
    + _style("TableText", "表格文字",
             '<w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/>'
             '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
             '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr>',
             _rpr(FANGSONG, SIZE_TABLE))
    + _style("Footer", "footer",  # off the line grid: Word would snap the line to 28.95 pt and move the number
             '<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
             '<w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>',
             _rpr(SONGTI, SIZE_PAGE_NUMBER))
    + "</w:styles>"
)


# -- 版头 (7.2): 份号, 密级, 紧急程度 top left; 发文机关标志 red, centred; 发文字号 centred
# under it (or left, with 签发人 right on its line), then the red separator line. These
# paragraphs carry their formatting directly, so styles.xml stays the same for every
# document (render's output does not change when it has no 版头).
SIZE_ISSUER_MARK = 72  # 小初 36 pt, smaller for a long name so that it stays on one line
ISSUER_MARK_TOP = 1984  # 35 mm from the top of the text block to the 发文机关标志 (7.2.4, 上行文 too)
RED = "FF0000"
SEPARATOR_SPACE = 6  # pt below the 发文字号 line box, whose ink ends ≈ 5 pt above it: the line ≈ 4 mm under the text
TWO_LINES = 2 * LINE_PITCH
_LINE = (f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
         '<w:ind w:firstLineChars="0" w:firstLine="0"/>')
_MASTHEAD_PPR = {
    "copy_number": f'<w:widowControl w:val="0"/>{_LINE}<w:jc w:val="left"/>',
    "secrecy": f'<w:widowControl w:val="0"/>{_LINE}<w:jc w:val="left"/>',
    "urgency": f'<w:widowControl w:val="0"/>{_LINE}<w:jc w:val="left"/>',
    "issuer_mark": ('<w:widowControl w:val="0"/><w:snapToGrid w:val="0"/>'
                    f'<w:spacing w:before="{LINE_PITCH}" w:after="{TWO_LINES}" w:line="240" w:lineRule="auto"/>'
                    '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>'),
    "doc_number": (f'<w:widowControl w:val="0"/><w:pBdr><w:bottom w:val="single" w:sz="12" '
                   f'w:space="{SEPARATOR_SPACE}" w:color="{RED}"/></w:pBdr>'
                   f'<w:spacing w:before="0" w:after="{TWO_LINES}" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
                   '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>'),
}
# 上行文: 发文字号 one character in from the left, 签发人 one character in from the right, by
# tab stops (an indent would shorten the separator line under them)
_SIGNED_PPR = _MASTHEAD_PPR["doc_number"].replace(
    '<w:spacing', f'<w:tabs><w:tab w:val="left" w:pos="{INDENT_TWO_CHARS // 2}"/>'
                  f'<w:tab w:val="right" w:pos="{TEXT_WIDTH - INDENT_TWO_CHARS // 2}"/></w:tabs><w:spacing'
).replace('<w:jc w:val="center"/>', '<w:jc w:val="left"/>')
_MASTHEAD_FACE = {"copy_number": FANGSONG, "secrecy": HEITI, "urgency": HEITI, "issuer_mark": XIAOBIAOSONG,
                  "doc_number": FANGSONG}
MASTHEAD_KINDS = frozenset(_MASTHEAD_PPR)
_MARK_SUFFIX = re.compile(r"文件(?:（函）)?$")


def _masthead_run(text: str, face: str, size: int = SIZE_BODY, color: str = "") -> str:
    colour = f'<w:color w:val="{color}"/>' if color else ""
    hinted = fonts(face).replace("/>", ' w:hint="eastAsia"/>')
    return (f'<w:r><w:rPr>{hinted}{colour}'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r>')


def masthead_paragraph(kind: str, text: str, lines_above: int = 0) -> str:
    """A 版头 paragraph; text is XML-escaped. A 发文字号 with "\t签发人：names" after it puts
    签发人 on its line at the right, the names in 楷体. The 发文机关标志 starts 35 mm below
    the top of the text block (上行文 too: GB/T 9704-2012 dropped the 80 mm of the 1999
    edition), under the lines_above (份号, 密级, 紧急程度) written before it; joint issuers,
    one a line in text, are stacked (see _joint_mark)."""
    if kind == "issuer_mark":
        before = max(0, ISSUER_MARK_TOP - lines_above * LINE_PITCH)
        if "\n" in text:
            return _joint_mark(text.split("\n"), before)
        size = _mark_size(len(text))
        ppr = _MASTHEAD_PPR[kind].replace(f'w:before="{LINE_PITCH}"', f'w:before="{before}"')
        return f"<w:p><w:pPr>{ppr}</w:pPr>{_masthead_run(text, XIAOBIAOSONG, size, RED)}</w:p>"
    if kind == "doc_number" and "\t" in text:
        number, signer = text.split("\t", 1)
        label, _, names = signer.partition("：")
        runs = ("<w:r><w:tab/></w:r>" + _masthead_run(number, FANGSONG) + "<w:r><w:tab/></w:r>"
                + _masthead_run(label + "：", FANGSONG) + _masthead_run(names, KAITI))
        return f"<w:p><w:pPr>{_SIGNED_PPR}</w:pPr>{runs}</w:p>"
    return f"<w:p><w:pPr>{_MASTHEAD_PPR[kind]}</w:pPr>{_masthead_run(text, _MASTHEAD_FACE[kind])}</w:p>"


def _mark_size(characters: int) -> int:
    """小初, or smaller so that that many characters fit across the text block (2号 at least)."""
    return min(SIZE_ISSUER_MARK, max(SIZE_TITLE, 2 * TEXT_WIDTH // 20 // max(characters, 1)))


def _spacer(height: int) -> str:
    """An empty paragraph exactly height twips tall, off the grid."""
    return ('<w:p><w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{max(height, 1)}" w:lineRule="exact"/>'
            '<w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:p>')


_NO_BORDERS = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
_NO_CELL_MARGINS = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))


def _joint_mark(lines: list[str], before: int) -> str:
    """联合行文 (7.2.4): the issuers one under another, the 主办机关 first, spread to one
    width; "文件" to their right, centred on them from top to bottom. A borderless table
    does it (a right cell merged down the rows), which Word, WPS and LibreOffice all lay
    out the same; empty paragraphs of exact height put it 35 mm down and two lines above
    the 发文字号, as the one-line mark's spacing does."""
    suffix = _MARK_SUFFIX.search(lines[-1])
    word = suffix.group() if suffix else ""
    names = lines[:-1] + [lines[-1][:suffix.start()] if suffix else lines[-1]]
    widest = max(len(name) for name in names)
    size = _mark_size(widest + len(word) + 1)
    em = size * 10  # one character of that size, in twips
    name_width, word_width = widest * em, (len(word) + 1) * em if word else 0
    rows = []
    for row, name in enumerate(names):
        cells = [_mark_cell(name, name_width, size, "distribute")]
        if word:
            merge = '<w:vMerge w:val="restart"/>' if row == 0 else "<w:vMerge/>"
            cells.append(_mark_cell(word if row == 0 else "", word_width, size, "right",
                                    merge + '<w:vAlign w:val="center"/>'))
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    grid = f'<w:gridCol w:w="{name_width}"/>' + (f'<w:gridCol w:w="{word_width}"/>' if word else "")
    table = (f'<w:tbl><w:tblPr><w:tblW w:w="{name_width + word_width}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblBorders>{_NO_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
             f'<w:tblCellMar>{_NO_CELL_MARGINS}</w:tblCellMar></w:tblPr>'
             f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
    return _spacer(before) + table + _spacer(TWO_LINES)


def _mark_cell(text: str, width: int, size: int, jc: str, tc_extra: str = "") -> str:
    run = _masthead_run(text, XIAOBIAOSONG, size, RED) if text else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{tc_extra}</w:tcPr>'
            f'<w:p><w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            f'<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>{run}</w:p></w:tc>')


def _footer(jc: str, side: str) -> str:
    def run(inner: str) -> str:
        return f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>{inner}</w:r>'

    return XML_DECL + (
        f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:ind w:{side}="{PAGE_NUMBER_INSET}" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>'
        + run('<w:t xml:space="preserve">— </w:t>')
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + run('<w:t xml:space="preserve"> —</w:t>')
        + "</w:p></w:ftr>"
    )


FOOTER_ODD_XML = _footer("right", "right")
FOOTER_EVEN_XML = _footer("left", "left")

SETTINGS_XML = XML_DECL + (
    f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
)


def _font(name: str, alt: str, family: str, pitch: str = "variable") -> str:
    return (f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')


FONT_TABLE_XML = XML_DECL + (
    f'<w:fonts xmlns:w="{W_NS}">'
    + _font(FANGSONG, "仿宋", "modern", "fixed")
    + _font(KAITI, "楷体", "modern", "fixed")
    + _font(HEITI, "SimHei", "modern", "fixed")
    + _font(XIAOBIAOSONG, "方正小标宋_GBK", "script")
    + _font(SONGTI, "SimSun", "auto")
    + "</w:fonts>"
)

SECTION_XML = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
    '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
    f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
    f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" '
    f'w:header="851" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/>'
    '<w:pgNumType w:start="1"/><w:cols w:space="425"/>'
    f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/></w:sectPr>'
)

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES_XML = XML_DECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_MAIN}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_MAIN}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_MAIN}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_MAIN}.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_MAIN}.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{_MAIN}.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS_XML = XML_DECL + (
    f'<Relationships xmlns="{REL_NS}">'
    f'<Relationship Id="rId1" Type="{OFFICE_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{OFFICE_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS_XML = XML_DECL + (
    f'<Relationships xmlns="{REL_NS}">'
    f'<Relationship Id="rIdStyles" Type="{OFFICE_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{OFFICE_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFonts" Type="{OFFICE_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rIdFooterOdd" Type="{OFFICE_REL}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rIdFooterEven" Type="{OFFICE_REL}/footer" Target="footer2.xml"/>'
    "</Relationships>"
)

APP_XML = XML_DECL + (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>drafter</Application></Properties>"
)

# Parts that never change, in the order they are written into every package.
STATIC_PARTS = [
    ("[Content_Types].xml", CONTENT_TYPES_XML),
    ("_rels/.rels", PACKAGE_RELS_XML),
    ("word/_rels/document.xml.rels", DOCUMENT_RELS_XML),
    ("word/styles.xml", STYLES_XML),
    ("word/settings.xml", SETTINGS_XML),
    ("word/fontTable.xml", FONT_TABLE_XML),
    ("word/footer1.xml", FOOTER_ODD_XML),
    ("word/footer2.xml", FOOTER_EVEN_XML),
    ("docProps/app.xml", APP_XML),
]
