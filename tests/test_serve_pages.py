"""The preview's pages (drafter.writers.html): lines of 28 characters, 22 lines a page,
punctuation rules, headings kept with what follows, and page breaks where LibreOffice
puts them in the PDF of the same document."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import EXAMPLES, run_cli
from drafter.document import Block, Document, BlockType, number_headings
from drafter.pipeline import load_and_render
from drafter.writers.html import break_lines, paginate, to_html, width


def test_a_line_holds_28_characters_and_half_width_ones_count_half():
    text = "一" * 60
    assert [len(line) for line in break_lines(text, 26, 28)] == [26, 28, 6]
    assert width("2024年") == 3
    assert break_lines("a" * 56 + "字", 28, 28) == ["a" * 56, "字"]


def test_closing_marks_hang_at_the_line_end_and_opening_marks_move_down():
    hanging = break_lines("一" * 28 + "。后面", 28, 28)
    assert hanging == ["一" * 28 + "。", "后面"]
    opening = break_lines("一" * 27 + "“引号”", 28, 28)
    assert opening == ["一" * 27, "“引号”"]


def _document(blocks: list[Block]) -> Document:
    number_headings(blocks)
    return Document(blocks, title="题")


def test_pages_hold_22_lines_and_number_odd_right_even_left():
    blocks = [Block(BlockType.TITLE, "标题")] + [Block(BlockType.BODY, "字" * 26) for _ in range(50)]
    pages = paginate(_document(blocks))
    assert [len(page.lines) for page in pages] == [22, 22, 8]  # title, blank line, 50 body lines
    html = to_html(_document(blocks))
    assert html.count('<section class="page odd"') == 2 and html.count('<section class="page even"') == 1
    assert "— 3 —" in html


def test_a_heading_never_ends_a_page():
    blocks = [Block(BlockType.BODY, "字" * 26) for _ in range(21)] + [Block(BlockType.HEADING, "小标题", 1),
                                                                Block(BlockType.BODY, "正文")]
    pages = paginate(_document(blocks))
    assert [line.text for line in pages[1].lines] == ["一、小标题", "正文"]
    assert len(pages[0].lines) == 21


def test_page_breaks_fall_where_libreoffice_puts_them(tmp_path):
    """The 48-paragraph example: the first line of every page is the same in the preview
    and in the PDF LibreOffice makes of the .docx."""
    source = EXAMPLES / "county-office-four-grips.yaml"
    pdf = tmp_path / "out.pdf"
    assert run_cli("render", str(source), "-o", str(pdf)).code == 0
    pdf_pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                               text=True).stdout.split("\f")
    first_lines = [next(re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip())
                   for page in pdf_pages if page.strip()]
    pages = paginate(load_and_render(Path(source)).document)
    assert len(pages) == len(first_lines)
    for page, first in zip(pages, first_lines):
        shown = next(line.text for line in page.lines if line.text)
        # a mark hanging past the line end is drawn in the margin, which pdftotext leaves out
        assert re.sub(r"\s+", "", shown).rstrip("、，。；：") == first.rstrip("、，。；：")
