"""drafter format keeps a table's merged cells (across columns and down rows) and lays the
table out in the body face, single-spaced: read from the source, written to the XML, and
read back through LibreOffice (HTML colspan/rowspan, PDF line positions)."""

from __future__ import annotations

import re
import zipfile

import pytest

from conftest import run_cli
from drafter.document import Block, BlockType, Document
from drafter.pdf import convert
from drafter.wordin.layout import layout
from drafter.wordin.roles import detect
from drafter.wordin.source import read_source
from drafter.writers.docx import document_xml
from format_samples import merged_table
from test_libreoffice import pages_of

MERGES = ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1), (2, 3, 2, 1))


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    source = merged_table(folder / "统计.docx")
    result = run_cli("format", str(source))
    assert result.code == 0, result.err
    target = folder / "统计-排版.docx"
    with zipfile.ZipFile(target) as package:
        xml = package.read("word/document.xml").decode()
    return source, result, target, xml


def test_the_reader_places_cells_on_the_grid_and_finds_the_merges(tmp_path):
    paragraphs = read_source(merged_table(tmp_path / "统计.docx"))
    cells = {p.text: (p.cell.row, p.cell.column) for p in paragraphs if p.cell}
    assert cells["完成情况"] == (0, 1) and cells["备注"] == (0, 3) and cells["人数"] == (1, 2)
    assert cells["按期"] == (2, 3) and cells["120"] == (3, 2)
    assert all(p.cell.merges == MERGES for p in paragraphs if p.cell)
    table = detect(paragraphs)[2]
    assert table.rows == [["项目", "完成情况", "", "备注"], ["", "次数", "人数"], ["集中学习", "12", "45", "按期"],
                          ["专题讲座", "4", "120"]]
    assert layout([table]).document.blocks[0].merges == MERGES


def test_the_written_table_merges_across_columns_and_down_rows(written):
    xml = written[3]
    table = xml[xml.index("<w:tbl>"):xml.index("</w:tbl>")]
    rows = re.findall(r"<w:tr>(.*?)</w:tr>", table)
    assert [row.count("<w:tc>") for row in rows] == [3, 4, 4, 4]
    assert '<w:gridSpan w:val="2"/>' in rows[0] and rows[0].count('<w:vMerge w:val="restart"/>') == 2
    assert rows[1].count("<w:vMerge/>") == 2 and rows[3].count("<w:vMerge/>") == 1
    assert "保留为表格，单元格文字用仿宋，合并的单元格照旧合并" in written[1].err
    assert "合并的单元格照旧合并" in written[1].err and "不再合并" not in written[1].err


def test_table_rows_are_not_held_to_exact_28_pt(written):
    """The source's rows were exact 28 pt high; the result sets no row height and its cell
    paragraphs are single-spaced, off the page grid."""
    xml = written[3]
    table = xml[xml.index("<w:tbl>"):xml.index("</w:tbl>")]
    assert "trHeight" not in table and 'w:lineRule="exact"' not in table
    assert table.count('<w:pStyle w:val="TableText"/>') == 15  # one paragraph a cell
    with zipfile.ZipFile(written[2]) as package:
        styles = package.read("word/styles.xml").decode()
    style = re.search(r'<w:style [^>]*w:styleId="TableText".*?</w:style>', styles).group(0)
    assert 'w:line="240" w:lineRule="auto"' in style and 'w:eastAsia="仿宋_GB2312"' in style


def test_libreoffice_reads_the_merges_back_in_the_body_face(written):
    target = written[2]
    html = convert([target], target.parent / "html", target="html")[target].read_text("utf-8")
    cells = re.findall(r"<td([^>]*)>(.*?)</td>", html, re.S)
    spans = {re.sub(r"<[^>]+>|\s", "", inner): attrs for attrs, inner in cells}
    assert 'colspan="2"' in spans["完成情况"] and 'rowspan="2"' in spans["项目"]
    assert 'rowspan="2"' in spans["备注"] and 'rowspan="2"' in spans["按期"]
    assert len(cells) == 3 + 2 + 4 + 3  # the cells a merge covers are gone
    assert all('<font face="仿宋_GB2312">' in inner for attrs, inner in cells if re.search("[\u4e00-\u9fff]", inner))
    rows: dict[int, list[dict]] = {}  # pdftotext gives a cell's text as a line; group them by height
    for line in pages_of(convert([target], target.parent / "pdf")[target])[0]:
        rows.setdefault(round(line["y"]), []).append(line)
    texts = {"".join(re.sub(r"\s", "", l["text"]) for l in sorted(row, key=lambda l: l["x"])): y
             for y, row in rows.items()}
    assert ["项目完成情况备注", "次数人数", "集中学习1245按期", "专题讲座4120"] == [
        t for t in sorted(texts, key=texts.get) if t in ("项目完成情况备注", "次数人数", "集中学习1245按期", "专题讲座4120")]
    assert texts["专题讲座4120"] - texts["集中学习1245按期"] < 26  # a 4号 single-spaced row, not a 28.95 pt grid line
    heading = {l["text"]: l["x"] for row in rows.values() for l in row}
    assert heading["完成情况"] < heading["次数"] + 1 < heading["人数"]  # the merged cell starts over 次数


def test_render_tables_without_merges_are_written_as_before():
    rows = [["项目", "次数"], ["学习\n讨论", "12"], ["只有一格"]]
    xml = document_xml(Document([Block(BlockType.TABLE, "", rows=rows)], title=""))
    assert "gridSpan" not in xml and "vMerge" not in xml
    assert xml.count("<w:tc>") == 6 and xml.count('<w:tcW w:w="4422" w:type="dxa"/>') == 6


def test_a_merge_below_the_last_row_given_still_closes_the_table():
    block = Block(BlockType.TABLE, "", rows=[["甲", "乙"]], merges=((0, 1, 2, 1),))
    xml = document_xml(Document([block], title=""))
    assert xml.count("<w:tr>") == 2 and xml.count('<w:vMerge w:val="restart"/>') == 1 and xml.count("<w:vMerge/>") == 1
