"""Open a rendered speech in LibreOffice (an independent reader), print it to PDF and
read the PDF back with pdftotext: 22 lines on a full page, at most 28 characters a
line, page numbers on the right of odd and the left of even pages, text intact."""

from __future__ import annotations

import difflib
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_cli, write_minimal
from drafter.pdf import convert

def soffice_to_pdf(docx: Path) -> Path:
    """drafter's own LibreOffice conversion (private profile, fontconfig mapping)."""
    return convert([docx], docx.parent)[docx]


def pages_of(pdf: Path) -> list[list[dict]]:
    """Lines per page from pdftotext -bbox-layout: text and left x of each line."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(html)
    pages = []
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            text = "".join(word.text or "" for word in line.iter("word"))
            lines.append({"text": text, "x": float(line.get("xMin")), "y": float(line.get("yMin")),
                          "width": float(page.get("width"))})
        pages.append(sorted(lines, key=lambda l: l["y"]))
    return pages


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    source = write_minimal(folder)
    docx = folder / "speech.docx"
    assert run_cli("render", str(source), "-o", str(docx)).code == 0
    text = run_cli("render", str(source), "-f", "text").out
    return pages_of(soffice_to_pdf(docx)), text


def test_full_page_has_22_lines_of_at_most_28_characters(pdf_pages):
    pages, _ = pdf_pages
    assert len(pages) >= 3
    full = pages[1]  # page 2 is all body text
    body, number = full[:-1], full[-1]
    assert number["text"] == "—2—"
    assert len(body) == 22
    assert max(len(line["text"]) for line in body) == 28


def test_page_numbers_odd_right_even_left(pdf_pages):
    pages, _ = pdf_pages
    for index, page in enumerate(pages, start=1):
        number = page[-1]
        assert number["text"] == f"—{index}—"
        if index % 2:
            assert number["x"] > number["width"] / 2
        else:
            assert number["x"] < number["width"] / 2


def test_chinese_text_is_intact(pdf_pages):
    pages, text = pdf_pages
    printed = "".join(line["text"] for page in pages for line in page[:-1]).replace(" ", "")
    expected = re.sub(r"\s", "", text)
    assert len(expected) > 2000
    # The only difference allowed: a comma or stop that hangs past the line end
    # (as Word and LibreOffice both do for CJK) is not extracted by pdftotext.
    missing = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, printed, expected, autojunk=False).get_opcodes():
        if op != "equal":
            assert op == "insert", (op, printed[a1 - 10:a2 + 10], expected[b1 - 10:b2 + 10])
            missing.append(expected[b1:b2])
    assert set("".join(missing)) <= set("，、。；：！？”’）")
    assert len(missing) < 40
