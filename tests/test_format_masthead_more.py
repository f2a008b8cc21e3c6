"""drafter format and two harder 版头 cases of GB/T 9704-2012 7.2.4: a joint 发文机关标志
(联合行文) — recognised typed one issuer a line or spaced on one line, written with the
issuers stacked and "文件" to their right, centred on them — and the 上行文, whose mark
stays 35 mm below the top of the text block (the 80 mm of GB/T 9704-1999 was dropped in
2012). Read back from the XML and through LibreOffice (PDF positions)."""

from __future__ import annotations

import re
import subprocess
import zipfile

import docx
import pytest

from conftest import run_cli
from drafter.document import BlockType
from drafter.pdf import convert
from drafter.wordin.layout import layout
from drafter.wordin.roles import detect
from drafter.wordin.source import SourceParagraph
from drafter.writers import gbt9704 as gb

BODY = ["关于加强安全生产工作的通知", "各乡镇人民政府，县直各部门：", "现将有关事项通知如下。", "一、提高思想认识",
        "各单位要切实提高认识。", "清河县人民政府", "2024年3月1日"]
NOTE = "联合行文：发文机关名称上下排列，“文件”二字居右、上下居中"


def formatted(*lines: str):
    return layout(detect([SourceParagraph(line) for line in lines]))


def marks(*head: str) -> list[tuple[BlockType, str]]:
    """The first blocks of a file that starts with head, then a 通知's text."""
    blocks = formatted(*head, *BODY).document.blocks
    return [(block.type, block.text) for block in blocks[:3]]


JOINT = (BlockType.ISSUER_MARK, "中共清河县委员会\n清河县人民政府文件")
NUMBER = (BlockType.DOC_NUMBER, "清发〔2024〕3号")
TITLE = (BlockType.TITLE, BODY[0])


@pytest.mark.parametrize("head", [
    ("中共清河县委员会", "清河县人民政府", "文件", "清发〔2024〕3号"),  # 文件 on a line of its own
    ("中共清河县委员会", "清河县人民政府文件", "清发〔2024〕3号"),  # 文件 after the last name
    ("中共清河县委员会 清河县人民政府文件", "清发〔2024〕3号"),  # one line, spaces between
    ("中共清河县委员会　清河县人民政府　文件", "清发[2024]3号"),  # full-width spaces, 文件 apart
])
def test_a_joint_mark_is_one_mark_with_the_names_one_a_line(head):
    assert marks(*head) == [JOINT, NUMBER, TITLE]


def test_each_way_of_typing_it_is_reported_once():
    items = formatted("中共清河县委员会", "清河县人民政府", "文件", "清发〔2024〕3号", *BODY).items
    assert [(i.label, i.notes) for i in items[:4]] == [
        ("发文机关标志", [NOTE]), ("发文机关标志", []), ("发文机关标志", []), ("发文字号", [])]
    one_line = formatted("中共清河县委 清河县人民政府文件", "清发〔2024〕3号", *BODY).items[0]
    assert (one_line.label, one_line.text, one_line.notes) == ("发文机关标志", "中共清河县委\n清河县人民政府文件", [NOTE])


def test_three_issuers_and_the_lines_above_them():
    blocks = formatted("000123", "特急", "中共清河县委员会", "清河县人民政府", "清河县人民武装部文件",
                       "清发〔2024〕3号", *BODY).document.blocks
    assert [(b.type, b.text, b.level) for b in blocks[:4]] == [
        (BlockType.COPY_NUMBER, "000123", 0), (BlockType.URGENCY, "特急", 0),
        (BlockType.ISSUER_MARK, "中共清河县委员会\n清河县人民政府\n清河县人民武装部文件", 2), (*NUMBER, 0)]


def test_joint_names_without_文件_need_the_doc_number_under_them():
    items = formatted("中共清河县委员会", "清河县人民政府", "清发〔2024〕3号", *BODY).items
    assert items[0].notes == ["联合行文：发文机关名称上下排列"]
    assert marks("中共清河县委员会", "清河县人民政府", "清发〔2024〕3号")[0] == \
        (BlockType.ISSUER_MARK, "中共清河县委员会\n清河县人民政府")
    # two names over a title, no 文件 and no 发文字号: not a 版头
    assert formatted("清河县人民政府", "清河县财政局", "正文。").items[0].label == "标题"


def test_red_names_are_a_joint_mark_without_文件_or_doc_number():
    paragraphs = [SourceParagraph("中共清河县委员会", red=True), SourceParagraph("清河县人民政府", red=True),
                  *(SourceParagraph(line) for line in BODY)]
    blocks = layout(detect(paragraphs)).document.blocks
    assert [(b.type, b.text) for b in blocks[:2]] == [(BlockType.ISSUER_MARK, "中共清河县委员会\n清河县人民政府"), TITLE]


def test_one_issuer_typed_over_two_lines_or_letter_spaced_stays_one_line():
    items = formatted("清河县人民政府", "文件", "清发〔2024〕3号", *BODY).items
    assert [(i.label, i.notes) for i in items[:2]] == [("发文机关标志", []), ("发文机关标志", [])]
    assert marks("清河县人民政府", "文件", "清发〔2024〕3号")[0] == (BlockType.ISSUER_MARK, "清河县人民政府文件")
    assert marks("清 河 县 人 民 政 府 文 件", "清发〔2024〕3号")[0] == \
        (BlockType.ISSUER_MARK, "清 河 县 人 民 政 府 文 件")


def test_the_joint_mark_is_a_borderless_table_with_文件_merged_down_the_right():
    xml = gb.masthead_paragraph("issuer_mark", "中共清河县委员会\n清河县人民政府文件", 1)
    table = re.search(r"<w:tbl>.*</w:tbl>", xml).group()
    rows = re.findall(r"<w:tr>.*?</w:tr>", table)
    assert [re.sub(r"<[^>]+>", "", row) for row in rows] == ["中共清河县委员会文件", "清河县人民政府"]
    assert rows[0].count("<w:tc>") == rows[1].count("<w:tc>") == 2
    assert '<w:vMerge w:val="restart"/><w:vAlign w:val="center"/>' in rows[0] and "<w:vMerge/>" in rows[1]
    assert table.count('w:val="nil"') == 6 and '<w:jc w:val="center"/>' in table
    assert all('<w:jc w:val="distribute"/>' in row.split("</w:tc>")[0] for row in rows)  # names one width
    assert table.count('<w:color w:val="FF0000"/>') == 3 and table.count('w:eastAsia="方正小标宋简体"') == 3
    # 35 mm down under the one line above it, two lines above the 发文字号
    before, after = re.findall(r'w:line="(\d+)" w:lineRule="exact"', xml.replace(table, ""))
    assert (int(before), int(after)) == (gb.ISSUER_MARK_TOP - gb.LINE_PITCH, 2 * gb.LINE_PITCH)


def _joint_source(path, *, signed: bool):
    document = docx.Document()
    for line in ("000123", "特急", "中共清河县委员会", "清河县人民政府", "文件") if not signed else \
            ("中共清河县委 清河县人民政府文件",):
        document.add_paragraph(line)
    document.add_paragraph("清发〔2024〕3号" + ("  签发人：刘建国" if signed else ""))
    for line in BODY:
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("joint")
    targets = {}
    for name, signed in (("下行", False), ("上行", True)):
        source = _joint_source(folder / f"{name}.docx", signed=signed)
        result = run_cli("format", str(source), "--strict")
        assert result.code == 0, result.err
        assert NOTE in result.err  # the report of changes
        targets[name] = folder / f"{name}-排版.docx"
    single = docx.Document()  # the same 版头 with one issuer, for the mark's height
    for line in ("000123", "特急", "清河县人民政府文件", "清发〔2024〕3号", *BODY):
        single.add_paragraph(line)
    single.save(str(folder / "单一.docx"))
    assert run_cli("format", str(folder / "单一.docx")).code == 0
    targets["单一"] = folder / "单一-排版.docx"
    pdfs = convert(list(targets.values()), folder / "pdf")
    return {name: _words(pdfs[target]) for name, target in targets.items()} | {"xml": zipfile.ZipFile(
        targets["下行"]).read("word/document.xml").decode()}


def _words(pdf) -> dict[str, tuple[float, float, float, float]]:
    """Page 1's words as pdftotext -bbox gives them: text → left, top, right, bottom (pt),
    of its first place (清河县人民政府 is in the 落款 too)."""
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    words: dict[str, tuple[float, float, float, float]] = {}
    for *box, text in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                                 html):
        words.setdefault(text, tuple(map(float, box)))
    return words


def test_libreoffice_stacks_the_names_and_centres_文件_on_them(pages):
    words = pages["下行"]
    first, second, word = words["中共清河县委员会"], words["清河县人民政府"], words["文件"]
    assert second[1] - first[3] < 12  # one under the other
    assert abs(first[0] - second[0]) < 1 and abs(first[2] - second[2]) < 2  # spread to one width
    assert word[0] - first[2] > 20  # to the right of the names, a character apart
    names_middle = (first[1] + second[3]) / 2
    assert abs((word[1] + word[3]) / 2 - names_middle) < 2  # centred on them from top to bottom
    left, right = gb.MARGIN_LEFT / 20, (gb.MARGIN_LEFT + gb.TEXT_WIDTH) / 20
    assert abs((first[0] + word[2]) / 2 - (left + right) / 2) < 3  # the whole mark centred
    assert first[3] - first[1] > 30  # 小初-sized characters
    number = next(box for text, box in words.items() if text.startswith("清发"))
    assert number[1] - second[3] > 2 * 28  # 发文字号 two lines below the last name
    assert "<w:tbl>" in pages["xml"].split("清发")[0]  # the 版头 table, before the 发文字号


def test_the_mark_is_35_mm_below_the_text_block_also_in_a_上行文(pages):
    """GB/T 9704-2012 7.2.4: 35 mm for every 发文机关标志 (1999's 80 mm for 上报的公文 is gone):
    the top of the text block is 37 mm down the page, so the mark's top about 72 mm (204 pt),
    its glyphs' box a little lower; 117 mm (331.7 pt) would be the old 上行文 place."""
    top = gb.MARGIN_TOP / 20
    single = pages["单一"]["清河县人民政府文件"][1]
    joint = pages["下行"]["中共清河县委员会"][1]
    signed = pages["上行"]["中共清河县委"][1]
    for y in (single, joint, signed):
        assert 35 <= (y - top) / 72 * 25.4 < 40
    assert abs(joint - single) < 1 and abs(signed - single) < 1
    assert signed < 331.7 - 72  # nowhere near 80 mm


def _paragraph_texts(path) -> list[str]:
    from docx2python import docx2python

    with docx2python(str(path)) as read:
        return [text for table in read.body for row in table for cell in row for text in cell if text.strip()]


def test_a_joint_mark_set_as_a_table_is_read_as_the_mark(tmp_path):
    """Word's 联合行文 templates (and format's own output) set the mark as a table: the names down
    the left, 文件 merged on the right. Formatting such a file again gives the same document."""
    source = tmp_path / "通知.txt"
    source.write_text("\n".join(["中共清河县委员会", "清河县人民政府", "文件", "清发〔2024〕3号", *BODY]) + "\n",
                      encoding="utf-8")
    first, second = tmp_path / "一.docx", tmp_path / "二.docx"
    assert run_cli("format", str(source), "-o", str(first)).code == 0
    table = run_cli("format", str(first), "--dry-run")
    assert table.code == 0, table.err
    rows = [line.split() for line in table.out.splitlines()[1:6]]
    assert [row[1:3] for row in rows] == [["中共清河县委员会", "发文机关标志"], ["清河县人民政府", "发文机关标志"],
                                           ["文件", "发文机关标志"], ["清发〔2024〕3号", "发文字号"],
                                           [BODY[0], "标题"]]
    assert "主送" in table.out.splitlines()[6]
    assert run_cli("format", str(first), "-o", str(second)).code == 0
    assert _paragraph_texts(second) == _paragraph_texts(first)


def test_a_users_table_mark_made_in_word(tmp_path):
    document = docx.Document()
    grid = document.add_table(rows=2, cols=2)
    grid.cell(0, 0).text, grid.cell(1, 0).text = "中共清河县委员会", "清河县人民政府"
    grid.cell(0, 1).merge(grid.cell(1, 1)).text = "文件"
    for line in ("清发〔2024〕3号", *BODY):
        document.add_paragraph(line)
    document.save(tmp_path / "联合.docx")
    blocks = run_cli("format", str(tmp_path / "联合.docx"), "--dry-run")
    assert blocks.code == 0, blocks.err
    assert [line.split()[2] for line in blocks.out.splitlines()[1:5]] == ["发文机关标志"] * 3 + ["发文字号"]


def test_an_ordinary_table_at_the_top_stays_a_table(tmp_path):
    document = docx.Document()
    grid = document.add_table(rows=2, cols=2)
    grid.cell(0, 0).text, grid.cell(0, 1).text = "项目", "完成情况"
    grid.cell(1, 0).text, grid.cell(1, 1).text = "安全检查", "已完成"
    for line in BODY:
        document.add_paragraph(line)
    document.save(tmp_path / "表.docx")
    blocks = run_cli("format", str(tmp_path / "表.docx"), "--dry-run")
    assert blocks.code == 0 and "表格" in blocks.out.splitlines()[1]
