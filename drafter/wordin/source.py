"""Paragraphs of a user's file with the formatting hints Word keeps: style, outline level,
alignment, bold, size, table cell, a page break before it. Text is the evidence; hints only
settle doubtful cases.

A line break typed inside a paragraph (Shift+Enter) ends a paragraph for reading: each line
is a SourceParagraph of its own, all with the paragraph's number as drafter check counts it."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from drafter.check.reader import (DOCX_SUFFIXES, MARKDOWN_SUFFIXES, TEXT_SUFFIXES, ReadError, clean,
                                  read_docx_sources, read_draft)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CONVERTIBLE = {".doc": "旧版 Word 文档（.doc）", ".wps": "WPS 文字文档（.wps）",
                ".rtf": "RTF 文档", ".odt": "OpenDocument 文档（.odt）"}
SUFFIXES = DOCX_SUFFIXES | TEXT_SUFFIXES | MARKDOWN_SUFFIXES | set(_CONVERTIBLE)
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a paragraph sits in a table: the table's place in the file, row and column
    (of the table's grid: a cell merged across two columns takes two numbers), and the
    table's merged cells as (row, column, rows, columns) of each."""

    table: int
    row: int
    column: int
    merges: tuple[tuple[int, int, int, int], ...] = ()


@dataclass(slots=True)
class SourceParagraph:
    text: str
    heading_level: int = 0  # from a heading style or outline level, 1–9
    auto_number: int = 0  # Word's automatic numbering in a heading form: its level 1–4
    title_style: bool = False
    centered: bool = False
    right: bool = False
    bold: bool = False
    size: float = 0.0  # points; 0 when unknown
    cell: Cell | None = None
    red: bool = False  # every run red: a 发文机关标志 (红头)
    paragraph: int = 0  # the file's paragraph number (drafter check's); 0: its place in the list
    page_break: bool = False  # the user started a new page before it


def read_source(path: Path) -> list[SourceParagraph]:
    """The paragraphs of a .docx (with hints), .txt or .md (text only); .doc and .wps through
    LibreOffice. Raises ReadError with a Chinese message."""
    suffix = path.suffix.lower()
    if suffix in _CONVERTIBLE and path.is_file():
        with tempfile.TemporaryDirectory(prefix="drafter-format-") as folder:
            paragraphs = _read_docx(_converted(path, Path(folder)), shown=path)
        if any("\ufffd" in paragraph.text for paragraph in paragraphs):
            # LibreOffice reads a file it does not understand as text: garbage, not a draft
            raise ReadError(f"无法读取 {path}：LibreOffice 转换出的文字是乱码，文件可能已损坏或加了密码。"
                            "请在 Word 或 WPS 里打开它，“另存为”Word 文档（.docx）后再排版")
        return paragraphs
    if suffix in DOCX_SUFFIXES:
        return _read_docx(path, shown=path)
    if suffix in TEXT_SUFFIXES | MARKDOWN_SUFFIXES or not path.is_file():
        return [SourceParagraph(text, paragraph=number) for number, text in enumerate(read_draft(path), 1)]
    raise ReadError(f"无法排版 {path}：不支持的文件类型“{path.suffix or '（无扩展名）'}”，"
                    "可排版 .docx、.doc、.wps、.txt、.md 文稿")


def _converted(path: Path, folder: Path) -> Path:
    from drafter.errors import OutputError
    from drafter.pdf import convert

    try:
        made = convert([path], folder, target="docx").get(path)
    except OutputError:  # not installed, or it did not finish
        made = None
    if made is None:
        raise ReadError(f"无法读取 {path}：这是{_CONVERTIBLE[path.suffix.lower()]}，没有找到 LibreOffice 或转换失败。"
                        "请在 Word 或 WPS 里打开它，“另存为”Word 文档（.docx）后再排版")
    return made


def _read_docx(path: Path, shown: Path) -> list[SourceParagraph]:
    try:
        document, sources = read_docx_sources(path)
    except ReadError as error:
        raise ReadError(str(error).replace(str(path), str(shown))) from None
    styles = _StyleHints(document)
    numbering = _Numbering(document)
    tables: dict[Any, _TableGrid] = {}
    breaks_before = _page_breaks_before(document.element, [element for element, _ in sources])
    paragraphs = []
    for number, (element, text) in enumerate(sources, 1):
        hinted = _hinted(element, text, styles, numbering, tables)
        page_break = element in breaks_before or _starts_page(element)
        for line, broken in _lines(element, text):
            paragraphs.append(replace(hinted, text=line, paragraph=number, page_break=page_break or broken))
            page_break = False
    return paragraphs


_BR, _CR, _T, _TAB = f"{_W}br", f"{_W}cr", f"{_W}t", f"{_W}tab"
_TEXTBOX = f"{_W}txbxContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PAGE = "\f"  # where a page break is in a paragraph's text, as _lines reads it


def _lines(paragraph: Any, text: str) -> list[tuple[str, bool]]:
    """The paragraph's own text cut at its line and page breaks (a text box's text is read
    as its own paragraph): each non-empty line, and whether a page break comes before it.
    Each line is stripped of leading and trailing blanks as a whole paragraph is."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            if child.tag == _T:
                parts.append(child.text or "")
            elif child.tag == _TAB:
                parts.append("\t")
            elif child.tag == _CR or (child.tag == _BR and _val_of(child, "type") in ("", "textWrapping")):
                parts.append("\n")
            elif child.tag == _BR and _val_of(child, "type") == "page":
                parts.append(_PAGE)
            elif child.tag not in (_TEXTBOX, _FALLBACK):
                walk(child)

    walk(paragraph)
    joined = "".join(parts)
    if "\n" not in joined and _PAGE not in joined:
        return [(text, False)]
    lines: list[tuple[str, bool]] = []
    broken = False
    for page, chunk in enumerate(joined.split(_PAGE)):
        broken = broken or page > 0
        for line in map(clean, chunk.split("\n")):
            if line:
                lines.append((line, broken))
                broken = False
    return lines


def _val_of(element: Any, name: str) -> str:
    return element.get(f"{_W}{name}") or ""


def _starts_page(paragraph: Any) -> bool:
    """w:pageBreakBefore on the paragraph itself (its style's is the user's layout, not a
    break they typed)."""
    ppr = paragraph.find(f"{_W}pPr")
    flag = ppr.find(f"{_W}pageBreakBefore") if ppr is not None else None
    return flag is not None and _val_of(flag, "val") not in ("0", "false")


def _page_breaks_before(root: Any, read: list[Any]) -> set[Any]:
    """The read paragraphs a page break comes before, where the break is not in their own
    text: in the empty paragraph Ctrl+Enter leaves, after the last text of the paragraph
    before, or a section break that starts a new page."""
    wanted = set(read)
    after: set[Any] = set()
    pending = False
    for paragraph in root.iter(f"{_W}p"):
        if paragraph in wanted:
            if pending:
                after.add(paragraph)
            pending = False
            runs = list(paragraph.iter(_T, _BR))
            tail = runs[-1] if runs else None
            pending = tail is not None and tail.tag == _BR and _val_of(tail, "type") == "page"
        else:
            pending = pending or any(_val_of(br, "type") == "page" for br in paragraph.iter(_BR)) \
                or _starts_page(paragraph)
        pending = pending or _new_page_section(paragraph)
    return after


def _new_page_section(paragraph: Any) -> bool:
    """A section break in the paragraph's properties that starts the next on a new page
    (Word's default section break does)."""
    ppr = paragraph.find(f"{_W}pPr")
    section = ppr.find(f"{_W}sectPr") if ppr is not None else None
    if section is None:
        return False
    kind = section.find(f"{_W}type")
    return _val_of(kind, "val") != "continuous" if kind is not None else True


class _StyleHints:
    """What each paragraph style says: heading level, title, alignment, bold, size —
    following basedOn, as Word does. Read from the styles XML (python-docx's style
    objects cost a few milliseconds a file)."""

    def __init__(self, document: Any):
        root = document.styles.element
        self.by_id = {style.get(f"{_W}styleId"): style for style in root.iter(f"{_W}style")
                      if style.get(f"{_W}type") == "paragraph"}
        self.default = next((style for style in self.by_id.values()
                             if style.get(f"{_W}default") in ("1", "true")), None)
        self._cache: dict[str | None, dict[str, Any]] = {}

    def of(self, style_id: str | None) -> dict[str, Any]:
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def _resolve(self, style_id: str | None) -> dict[str, Any]:
        hints: dict[str, Any] = {}
        style = self.by_id.get(style_id) if style_id else None
        if style is None:
            style = self.default
        seen = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            name = _val(style.find(f"{_W}name")).strip()
            heading = _HEADING_STYLE.match(name)
            if heading:
                hints.setdefault("heading", int(heading.group(1)))
            if name.lower() in _TITLE_STYLES:
                hints.setdefault("title", True)
            for key, value in _element_hints(style).items():
                hints.setdefault(key, value)
            style = self.by_id.get(_val(style.find(f"{_W}basedOn")))
        return hints


def _val(element: Any) -> str:
    return (element.get(f"{_W}val") or "") if element is not None else ""


def _element_hints(element: Any) -> dict[str, Any]:
    """Hints written directly on a paragraph or a style element (pPr and rPr)."""
    hints: dict[str, Any] = {}
    ppr = element.find(f"{_W}pPr")
    if ppr is not None:
        outline = ppr.find(f"{_W}outlineLvl")
        if outline is not None and (outline.get(f"{_W}val") or "").isdigit():
            level = int(outline.get(f"{_W}val")) + 1
            if level <= 9:
                hints["heading"] = level
        jc = ppr.find(f"{_W}jc")
        if jc is not None:
            hints["jc"] = jc.get(f"{_W}val")
        numbered = ppr.find(f"{_W}numPr")
        if numbered is not None:
            hints["numbering"] = (_val(numbered.find(f"{_W}numId")), _val(numbered.find(f"{_W}ilvl")) or "0")
    rpr = element.find(f"{_W}rPr")
    if rpr is not None:
        hints.update(_run_hints(rpr))
    return hints


def _run_hints(rpr: Any) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    bold = rpr.find(f"{_W}b")
    if bold is not None:
        hints["bold"] = bold.get(f"{_W}val") not in ("0", "false")
    color = _val(rpr.find(f"{_W}color")).upper()
    if len(color) == 6 and all(c in "0123456789ABCDEF" for c in color):
        red, green, blue = (int(color[i:i + 2], 16) for i in (0, 2, 4))
        hints["red"] = red >= 0xC0 and green < 0x60 and blue < 0x60
    size = rpr.find(f"{_W}sz")
    if size is not None and (size.get(f"{_W}val") or "").isdigit():
        hints["size"] = int(size.get(f"{_W}val")) / 2
    return hints


def _hinted(element: Any, text: str, styles: _StyleHints, numbering: "_Numbering",
            tables: dict[Any, "_TableGrid"]) -> SourceParagraph:
    ppr = element.find(f"{_W}pPr")
    style_elem = ppr.find(f"{_W}pStyle") if ppr is not None else None
    style = styles.of(style_elem.get(f"{_W}val") if style_elem is not None else None)
    own = _element_hints(element)
    jc = own.get("jc", style.get("jc"))
    runs = [_run_hints(r.find(f"{_W}rPr")) if r.find(f"{_W}rPr") is not None else {}
            for r in element.iter(f"{_W}r") if "".join(t.text or "" for t in r.iter(f"{_W}t")).strip()]
    bold = bool(runs) and all(run.get("bold", style.get("bold", False)) for run in runs)
    sizes = [run.get("size", style.get("size", 0.0)) for run in runs]
    red = bool(runs) and all(run.get("red", style.get("red", False)) for run in runs)
    return SourceParagraph(
        text=text,
        heading_level=own.get("heading", style.get("heading", 0)),
        auto_number=numbering.level(*own.get("numbering", style.get("numbering", ("", "0")))),
        title_style=bool(style.get("title")),
        centered=jc == "center",
        right=jc in ("right", "end"),
        bold=bold,
        size=max(sizes, default=0.0),
        cell=_cell(element, tables),
        red=red,
    )


_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
                    "ideographTraditional", "ideographDigital", "japaneseCounting", "taiwaneseCounting",
                    "taiwaneseCountingThousand"}


class _Numbering:
    """Word's automatic numbering: which list levels look like 一、 （一） 1. （1）."""

    def __init__(self, document: Any):
        from docx.opc.constants import RELATIONSHIP_TYPE

        try:
            root = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
        except KeyError:  # the file has no numbering part
            root = None
        self.abstract = {}
        self.nums = {}
        if root is not None:
            self.abstract = {a.get(f"{_W}abstractNumId"): a for a in root.iter(f"{_W}abstractNum")}
            self.nums = {n.get(f"{_W}numId"): _val(n.find(f"{_W}abstractNumId")) for n in root.iter(f"{_W}num")}
        self._cache: dict[tuple[str, str], int] = {}

    def level(self, num_id: str, ilvl: str) -> int:
        """1–4 for a heading form, 0 for bullets, other forms and no numbering (numId 0)."""
        if (num_id, ilvl) not in self._cache:
            self._cache[num_id, ilvl] = self._level(num_id, ilvl)
        return self._cache[num_id, ilvl]

    def _level(self, num_id: str, ilvl: str) -> int:
        abstract = self.abstract.get(self.nums.get(num_id, ""))
        if abstract is None:
            return 0
        lvl = next((l for l in abstract.iter(f"{_W}lvl") if l.get(f"{_W}ilvl") == ilvl), None)
        if lvl is None:
            return 0
        fmt, text = _val(lvl.find(f"{_W}numFmt")), _val(lvl.find(f"{_W}lvlText"))
        paren = text.startswith(("（", "(")) or fmt == "decimalEnclosedParen"
        if fmt in _CHINESE_FORMATS:
            return 2 if paren else 1
        if fmt in ("decimal", "decimalEnclosedParen", "decimalFullWidth"):
            return 4 if paren else 3
        return 0


def _cell(element: Any, tables: dict[Any, "_TableGrid"]) -> Cell | None:
    """The outermost table cell around the paragraph (a nested table's text joins its cell)."""
    tc = tbl = None
    node = element.getparent()
    while node is not None:
        if node.tag == f"{_W}txbxContent":
            return None  # a text box inside a cell is read as a paragraph of its own
        if node.tag == f"{_W}tc":
            tc = node
        elif node.tag == f"{_W}tbl":
            tbl = node
        node = node.getparent()
    if tbl is None or tc is None:
        return None
    if tbl not in tables:
        tables[tbl] = _TableGrid(tbl, len(tables))
    grid = tables[tbl]
    row, column = grid.place.get(tc, (0, 0))
    return Cell(grid.number, row, column, grid.merges)


class _TableGrid:
    """Where each cell of a table sits on its grid, and which cells are merged: across
    columns by w:gridSpan, down rows by w:vMerge (restart, then continue). A paragraph in
    a continuing cell belongs to the merged cell's first row."""

    def __init__(self, tbl: Any, number: int):
        self.number = number
        self.place: dict[Any, tuple[int, int]] = {}
        merges: list[list[int]] = []
        open_down: dict[int, list[int]] = {}  # column → the merge running down it
        rows = [child for child in tbl if child.tag == f"{_W}tr"]
        for row, tr in enumerate(rows):
            column = _grid_skip(tr, "gridBefore")
            for tc in _row_cells(tr):
                tcpr = tc.find(f"{_W}tcPr")
                span = max(1, _int(tcpr.find(f"{_W}gridSpan") if tcpr is not None else None, 1))
                vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                if vmerge is not None and _val(vmerge) != "restart" and column in open_down:
                    merge = open_down[column]
                    merge[2] = row - merge[0] + 1
                    self.place[tc] = (merge[0], merge[1])
                else:
                    merge = [row, column, 1, span]
                    self.place[tc] = (row, column)
                    if vmerge is not None or span > 1:
                        merges.append(merge)
                    for covered in range(column, column + span):
                        open_down.pop(covered, None)
                    if vmerge is not None:
                        open_down[column] = merge
                column += span
        self.merges = tuple(tuple(m) for m in merges if m[2] > 1 or m[3] > 1)


def _row_cells(tr: Any) -> list[Any]:
    """A row's cells, also those wrapped in content controls (w:sdt), not a nested table's."""
    cells = []
    for child in tr:
        if child.tag == f"{_W}tc":
            cells.append(child)
        elif child.tag == f"{_W}sdt" and child.find(f"{_W}sdtContent") is not None:
            cells.extend(_row_cells(child.find(f"{_W}sdtContent")))
        elif child.tag == f"{_W}customXml":
            cells.extend(_row_cells(child))
    return cells


def _grid_skip(tr: Any, name: str) -> int:
    trpr = tr.find(f"{_W}trPr")
    return _int(trpr.find(f"{_W}{name}") if trpr is not None else None, 0)


def _int(element: Any, default: int) -> int:
    value = _val(element)
    return int(value) if value.isdigit() else default
