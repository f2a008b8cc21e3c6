"""Heading numerals: the writer (drafter.document) and the checker agree, at 100 and beyond.

One function writes Chinese numerals (drafter.document.cn_number, used for heading numbers);
the checker reads them back with cn_to_int and expects the markers heading_number gives.
"""

from __future__ import annotations

import pytest

from drafter.check import CheckContext, check_paragraphs
from drafter.check.document import FAMILIES, parse_heading, standard_marker
from drafter.document import cn_to_int
from drafter.document import Block, BlockType, cn_number, heading_number, number_headings


@pytest.mark.parametrize("n, written", [
    (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
    (105, "一百零五"), (110, "一百一十"), (115, "一百一十五"), (200, "二百"), (999, "九百九十九"),
    (1000, "一千"), (1010, "一千零一十"), (2019, "二千零一十九"),
])
def test_cn_number(n, written):
    assert cn_number(n) == written


def test_cn_to_int_is_the_exact_inverse():
    assert [cn_to_int(cn_number(n)) for n in range(1, 10_000)] == list(range(1, 10_000))


def test_the_hundredth_heading_is_written_in_chinese():
    """It was “100、” in the writer while the checker expected “一百、”."""
    blocks = [Block(BlockType.HEADING, "标题", level=1) for _ in range(101)]
    number_headings(blocks)
    assert [b.number for b in blocks[98:]] == ["九十九、", "一百、", "一百零一、"]
    assert heading_number(2, 100) == "（一百）"


@pytest.mark.parametrize("level", [1, 2, 3, 4])
@pytest.mark.parametrize("n", [1, 9, 10, 19, 99, 100, 101, 110, 150])
def test_checker_reads_what_the_writer_writes(level, n):
    marker = heading_number(level, n)
    heading = parse_heading(0, marker + "加强组织领导")
    assert heading is not None
    assert (heading.family, heading.number, heading.standard) == (FAMILIES[level - 1], n, True)
    assert standard_marker(heading.family, n) == marker


def test_a_long_speech_numbered_by_the_writer_is_clean():
    blocks = [Block(BlockType.TITLE, "讲话")]
    for _ in range(105):
        blocks += [Block(BlockType.HEADING, "加强组织领导", level=1), Block(BlockType.BODY, f"第{_}项工作要抓好落实。")]
    number_headings(blocks)
    findings = check_paragraphs([b.display for b in blocks], CheckContext())
    assert [f for f in findings if f.rule.startswith("structure.")] == []


def test_checker_suggests_the_writers_marker_after_ninety_nine():
    paragraphs = ["讲话"] + [f"{cn_number(n)}、第{n}项" for n in range(1, 100)] + ["一百零一、第101项"]
    (f,) = [f for f in check_paragraphs(paragraphs, CheckContext()) if f.rule == "structure.sequence"]
    assert "缺少“一百、”" in f.message
