"""Read a draft (.docx, .txt, .md) into a list of non-empty paragraphs.

Paragraph numbers in findings are 1-based positions in this list: empty paragraphs are
not counted, the title is paragraph 1. Problems raise ReadError (a DrafterError: the
check cannot run, exit status 2) with a Chinese message.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Any, Iterator

from drafter.errors import DrafterError


class ReadError(DrafterError):
    """The draft cannot be read: the check cannot run as asked."""

    exit_code = 2


TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx"}

# Files people hand to `check` that it cannot read, and what to do instead.
_SAVE_AS_DOCX = "请在 Word 或 WPS 里打开，“另存为”Word 文档（.docx）后再检查"
_OTHER_FORMATS = {
    ".doc": f"这是旧版 Word 文档（.doc），{_SAVE_AS_DOCX}",
    ".wps": f"这是 WPS 文字文档（.wps），{_SAVE_AS_DOCX}",
    ".wpt": f"这是 WPS 模板（.wpt），{_SAVE_AS_DOCX}",
    ".dot": f"这是旧版 Word 模板（.dot），{_SAVE_AS_DOCX}",
    ".rtf": f"这是 RTF 文档，{_SAVE_AS_DOCX}",
    ".odt": f"这是 OpenDocument 文档（.odt），{_SAVE_AS_DOCX}",
    ".pdf": "这是 PDF 文件，读不出原稿的段落：请检查原来的 Word 文档（.docx），"
            "或在 WPS 里把 PDF 转为 Word 文档（.docx）后再检查",
}
_DAMAGED = "文件内容格式有误（XML 损坏）。请用 Word 或 WPS 打开它，能打开的话“另存为”.docx 后再检查"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the container of .doc, .wps and password-protected .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _T, _TAB, _TEXTBOX = f"{_W}p", f"{_W}t", f"{_W}tab", f"{_W}txbxContent"
_BR, _CR = f"{_W}br", f"{_W}cr"
# A drawing carries its text twice: as DrawingML and as a VML copy for old readers.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

# Leading blanks a pasted draft carries: spaces, ideographic spaces, no-break spaces, BOM.
_BLANKS = " \t\u3000\u00a0\ufeff\u200b"


def clean(paragraph: str) -> str:
    return paragraph.strip(_BLANKS + "\r\n")


def split_text(text: str) -> list[str]:
    """Plain text: one paragraph per line; blank lines dropped."""
    paragraphs = []
    for line in text.splitlines():
        line = clean(line)
        if line:
            paragraphs.append(line)
    return paragraphs


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def split_markdown(text: str) -> list[str]:
    """Markdown: a heading line is one paragraph (the # marks dropped, its number kept);
    other paragraphs are runs of lines separated by blank lines, joined without a space
    (Chinese text does not put a space where a line was broken)."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            joined = clean("".join(current))
            if joined:
                paragraphs.append(joined)
            current.clear()

    for raw in text.splitlines():
        line = _MD_QUOTE.sub("", raw)
        if not line.strip() or _MD_RULE.match(line):
            flush()
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            title = clean(_MD_EMPHASIS.sub(r"\2", heading.group(1)))
            if title:
                paragraphs.append(title)
            continue
        line = _MD_EMPHASIS.sub(r"\2", line)
        # a hard line break (two trailing spaces or a backslash) ends nothing in Chinese
        current.append(clean(line.rstrip("\\")))
    flush()
    return paragraphs


def read_docx(path: Path) -> list[str]:
    """The paragraphs of a Word document in reading order: body paragraphs (each line of one
    typed with Shift+Enter as a paragraph), table cells row by row, and the text boxes a
    paragraph anchors right after it (each once).
    Deleted text in tracked changes is skipped."""
    _readable(path)
    root = _open_docx(path).element
    if root.tag != f"{_W}document":
        raise ReadError(f"无法读取 Word 文件 {path}：{_DAMAGED}")
    body = root.find(f"{_W}body")
    if body is None:
        return []
    return [line for p in _blocks(body) for _, text in _sourced_texts(p) for line in map(clean, text.split("\n"))
            if line]


def _open_docx(path: Path) -> Any:
    import docx  # python-docx: only when a Word file is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with open(path, "rb") as file:
            magic = file.read(4)
        if magic == _OLE_MAGIC:
            raise ReadError(f"无法读取 Word 文件 {path}：它其实是旧版 .doc 格式或加了密码的文档"
                            f"（只是扩展名为 .docx）。{_SAVE_AS_DOCX}（不设密码）")
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, UnicodeError,
            NotImplementedError, RuntimeError):
        # not a zip, cut short, a part whose compressed data is damaged, or damaged headers
        # (an unknown compression method, an "encrypted" flag, a name that is no text)
        raise ReadError(f"无法读取 Word 文件 {path}：文件已损坏或不完整（可能没有下载或复制完整）。"
                        f"请用 Word 或 WPS 打开它，能打开的话“另存为”.docx 后再检查") from None
    except ValueError:  # python-docx: the package holds no Word document (a renamed .xlsx …)
        raise ReadError(f"无法读取 Word 文件 {path}：里面不是 Word 文档（扩展名是 .docx，内容却不是）") from None
    except OSError as exc:
        raise ReadError(f"无法读取 Word 文件 {path}：{exc.strerror or '读取出错'}") from None
    except SyntaxError:  # lxml's XMLSyntaxError: a part is not well-formed XML
        raise ReadError(f"无法读取 Word 文件 {path}：{_DAMAGED}") from None


def _readable(path: Path) -> None:
    if not path.exists():
        raise ReadError(f"找不到文稿：{path}")
    if path.is_dir():
        raise ReadError(f"{path} 是一个文件夹，不是文稿")


def _blocks(element: Any) -> Iterator[Any]:
    """The paragraphs under element, in document order: tables, content controls and
    other wrappers are walked through; a paragraph's text boxes are left to _sourced_texts."""
    for child in element:
        if child.tag == _P:
            yield child
        else:
            yield from _blocks(child)


def read_draft(path: Path) -> list[str]:
    """Read .docx, .txt or .md; raises ReadError with a Chinese message."""
    path = Path(path)
    suffix = path.suffix.lower()
    _readable(path)
    if suffix in DOCX_SUFFIXES:
        return read_docx(path)
    if suffix in _OTHER_FORMATS:
        raise ReadError(f"无法检查 {path}：{_OTHER_FORMATS[suffix]}")
    if suffix in TEXT_SUFFIXES | MARKDOWN_SUFFIXES:
        from drafter.source import read_text

        text = read_text(path, "文稿", ReadError)
        if suffix in MARKDOWN_SUFFIXES:
            return split_markdown(text)
        return split_text(text)
    raise ReadError(f"无法检查 {path}：不支持的文件类型“{path.suffix or '（无扩展名）'}”，"
                    "可检查 .docx、.txt、.md 文稿或 .yaml 输入文件")


def read_docx_sources(path: Path) -> tuple[Any, list[tuple[Any, str]]]:
    """For readers that want formatting hints (drafter format): the python-docx document
    and, in read_docx's order, each non-empty paragraph's w:p element with its text (a text
    box's paragraphs with their own elements). Same errors as read_docx."""
    _readable(path)
    document = _open_docx(path)
    root = document.element
    if root.tag != f"{_W}document":
        raise ReadError(f"无法读取 Word 文件 {path}：{_DAMAGED}")
    body = root.find(f"{_W}body")
    if body is None:
        return document, []
    return document, [(p, text) for block in _blocks(body) for p, text in _sourced_texts(block) if text]


def _sourced_texts(paragraph: Any) -> Iterator[tuple[Any, str]]:
    """The paragraph's own text, then the paragraphs of the text boxes it anchors, each
    with its own w:p element."""
    parts: list[str] = []
    boxes: list[Any] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag == _CR or tag == _BR and child.get(f"{_W}type") in (None, "textWrapping", "page"):
                parts.append("\n")  # a line typed with Shift+Enter is a paragraph of its own, as in format
            elif tag == _TEXTBOX:
                boxes.append(child)
            elif tag != _FALLBACK:
                walk(child)

    walk(paragraph)
    yield paragraph, clean("".join(parts))
    for box in boxes:
        for inner in _blocks(box):
            yield from _sourced_texts(inner)
