"""Read a draft (.docx, .txt, .md) into a list of non-empty paragraphs.

Paragraph numbers in findings are 1-based positions in this list: empty paragraphs are
not counted, the title is paragraph 1.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET


class ReadError(Exception):
    """The draft cannot be read (message in Chinese)."""


TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx"}

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

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
    """The body's paragraphs in order (tables included, cell by cell), via zipfile + XML
    (no python-docx needed). Deleted text in tracked changes is skipped."""
    try:
        with zipfile.ZipFile(path) as package:
            xml = package.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ReadError(f"无法读取 Word 文件 {path}：不是有效的 .docx 文件（{exc}）") from exc
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise ReadError(f"无法读取 Word 文件 {path}：document.xml 格式有误（{exc}）") from exc
    body = root.find(f"{_W}body")
    if body is None:
        return []
    # Drawings carry their text twice (DrawingML and a VML fallback): drop the fallback.
    for parent in list(body.iter()):
        for child in list(parent):
            if child.tag.endswith("}Fallback"):
                parent.remove(child)
    paragraphs = []
    for p in body.iter(f"{_W}p"):
        parts = []
        for node in p.iter():
            tag = node.tag
            if tag == f"{_W}t":
                parts.append(node.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
        text = clean("".join(parts))
        if text:
            paragraphs.append(text)
    return paragraphs


def read_draft(path: Path) -> list[str]:
    """Read .docx, .txt or .md; raises ReadError with a Chinese message."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return read_docx(path)
    if suffix in TEXT_SUFFIXES | MARKDOWN_SUFFIXES:
        from drafter.source import read_text

        text = read_text(path, "文稿", ReadError)
        if suffix in MARKDOWN_SUFFIXES:
            return split_markdown(text)
        return split_text(text)
    raise ReadError(
        f"不支持的文件类型“{path.suffix or '（无扩展名）'}”：可检查 .docx、.txt、.md 文稿或 .yaml 输入文件"
    )


