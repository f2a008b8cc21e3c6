"""The document model and writers as drafter format uses them: tables, run-in headings,
numbering that starts anew under a second title."""

from __future__ import annotations

from drafter.document import Block, Document, BlockType, number_headings
from drafter.writers.docx import document_xml
from drafter.writers.text import to_markdown, to_text


def sample() -> Document:
    blocks = [Block(BlockType.TITLE, "报告"), Block(BlockType.HEADING, "加强管理。", level=2, run_in="要管好网站。"),
              Block(BlockType.TABLE, "", rows=[["项目", "次数"], ["学习\n讨论", "12"], ["只有一格"]]),
              Block(BlockType.TITLE, "附件"), Block(BlockType.HEADING, "甲", level=1)]
    number_headings(blocks)
    return Document(blocks, title="报告")


def test_numbers_restart_under_each_title_and_run_in_text_is_part_of_the_paragraph():
    document = sample()
    assert [b.number for b in document.blocks] == ["", "（一）", "", "", "一、"]
    assert document.paragraphs() == ["报告", "（一）加强管理。要管好网站。", "项目", "次数", "学习", "讨论", "12",
                                     "只有一格", "附件", "一、甲"]


def test_docx_run_in_heading_has_a_body_face_run_and_does_not_keep_with_next():
    xml = document_xml(sample())
    assert ('<w:pStyle w:val="Heading2"/><w:keepNext w:val="0"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/>'
            '</w:rPr><w:t xml:space="preserve">（一）加强管理。</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" '
            'w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:cs="仿宋_GB2312"/></w:rPr>'
            '<w:t xml:space="preserve">要管好网站。</w:t>') in xml


def test_docx_table_rows_are_padded_and_cell_lines_are_paragraphs():
    xml = document_xml(sample())
    table = xml[xml.index("<w:tbl>"):xml.index("</w:tbl>")]
    assert table.count("<w:tr>") == 3 and table.count("<w:tc>") == 6 and table.count('<w:gridCol w:w="4422"/>') == 2
    assert table.count('<w:pStyle w:val="TableText"/>') == 7  # 学习 and 讨论 are two paragraphs


def test_text_and_markdown_show_tables():
    document = sample()
    assert "项目\t次数\n学习 讨论\t12\n只有一格\n" in to_text(document)
    assert "| 项目 | 次数 |\n| --- | --- |\n| 学习 讨论 | 12 |\n| 只有一格 |  |" in to_markdown(document)
