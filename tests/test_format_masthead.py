"""drafter format and the 版头 above a 公文's title (GB/T 9704-2012 7.2): 份号, 密级和保密期限,
紧急程度, 发文机关标志, 发文字号, 签发人 are recognised (not taken for the title or body), put
in standard form with every change reported, and written in their place and faces — read
from the XML and back through LibreOffice (PDF positions, HTML faces and colour)."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest

from conftest import run_cli
from drafter.document import Block, BlockType, Document
from drafter.pdf import convert
from drafter.wordin.layout import layout
from drafter.wordin.roles import detect
from drafter.wordin.source import SourceParagraph, read_source
from drafter.writers import gbt9704 as gb
from drafter.writers.docx import document_xml
from format_samples import red_head

BODY = ["关于加强安全生产工作的通知", "各乡镇人民政府，县直各部门：", "现将有关事项通知如下。", "一、提高思想认识",
        "各单位要切实提高认识。", "清河县人民政府", "2024年3月1日"]


def found(*lines: str) -> list[tuple[str, str]]:
    return [(item.label, item.text) for item in detect([SourceParagraph(line) for line in lines])]


def test_every_masthead_line_is_recognised_and_the_title_after_it():
    roles = found("000123", "秘密★1年", "特急", "清河县人民政府文件", "清政发〔2024〕12号", *BODY)
    assert roles[:7] == [("份号", "000123"), ("密级", "秘密★1年"), ("紧急程度", "特急"),
                         ("发文机关标志", "清河县人民政府文件"), ("发文字号", "清政发〔2024〕12号"),
                         ("标题", "关于加强安全生产工作的通知"), ("主送", "各乡镇人民政府，县直各部门：")]
    assert [label for label, _ in roles[7:]] == ["正文", "一级标题", "正文", "落款", "成文日期"]


@pytest.mark.parametrize("typed, note", [
    ("清政发[2024]12号", "发文字号括号“[]”改为“〔〕”"),
    ("清政发（2024）12号", "发文字号括号“（）”改为“〔〕”"),
    ("清政发(2024)12号", "发文字号括号“()”改为“〔〕”"),
    ("清政发【2024】12号", "发文字号括号“【】”改为“〔〕”"),
    ("清政发 〔2024〕 12 号", None),
])
def test_doc_number_brackets_are_corrected_and_reported(typed, note):
    items = detect([SourceParagraph(t) for t in ("清河县人民政府文件", typed, *BODY)])
    assert (items[1].label, items[1].text) == ("发文字号", "清政发〔2024〕12号")
    assert items[1].notes == ([note] if note else [])


def test_standard_forms_each_change_noted():
    items = detect([SourceParagraph(t) for t in ("123", "机密☆一年", "加急", "清河县人民政府", "清政办发〔2024〕007号",
                                                 *BODY)])
    assert [(i.label, i.text, i.notes) for i in items[:5]] == [
        ("份号", "000123", ["份号“123”补足 6 位：“000123”"]),
        ("密级", "机密★1年", ["密级和保密期限“机密☆一年”改为“机密★1年”"]),
        ("紧急程度", "加急", []),
        ("发文机关标志", "清河县人民政府", []),  # no 文件, but a 发文字号 under it
        ("发文字号", "清政办发〔2024〕7号", ["发文字号序号“007”不编虚位，改为“7”"])]


def test_signer_joins_the_doc_number_line():
    same_line = layout(detect([SourceParagraph(t) for t in ("清河县人民政府", "清政报〔2024〕5号  签发人:刘建国", *BODY)]))
    own_line = layout(detect([SourceParagraph(t) for t in ("清河县人民政府", "清政报〔2024〕5号", "签发人：刘建国", *BODY)]))
    for formatted in (same_line, own_line):
        blocks = formatted.document.blocks
        assert [(b.type, b.text) for b in blocks[:3]] == [
            (BlockType.ISSUER_MARK, "清河县人民政府"), (BlockType.DOC_NUMBER, "清政报〔2024〕5号\t签发人：刘建国"),
            (BlockType.TITLE, BODY[0])]
    assert own_line.items[2].label == "签发人"


def test_lines_that_only_look_alike_stay_title_and_body():
    assert found("2024", "年度工作要点")[0][0] == "标题"  # a year, no 份号
    assert found("关于转发省政府文件的通知", "正文。")[0][0] == "标题"
    assert found("学习贯彻上级文件", "正文。")[0][0] == "标题"
    roles = found("关于工作的报告", "根据清政发〔2024〕12号文件要求，现报告如下。", "秘密")
    assert [label for label, _ in roles] == ["标题", "正文", "正文"]  # only at the top


def test_a_red_mark_without_文件_is_found_from_its_colour(tmp_path):
    paragraphs = read_source(red_head(tmp_path / "上行.docx", signed=True))
    assert paragraphs[0].red and not paragraphs[1].red
    roles = [(i.label, i.text) for i in detect(paragraphs)]
    assert roles[:4] == [("发文机关标志", "清河县人民政府"), ("发文字号", "清政报〔2024〕5号"), ("签发人", "签发人：刘建国"),
                         ("标题", "关于加强安全生产工作的报告")]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("masthead")
    results = {}
    for name, signed in (("下行", False), ("上行", True)):
        source = red_head(folder / f"{name}.docx", signed=signed)
        dry = run_cli("format", str(source), "--dry-run")
        result = run_cli("format", str(source), "--strict")
        assert result.code == 0, result.err
        target = folder / f"{name}-排版.docx"
        with zipfile.ZipFile(target) as package:
            xml = package.read("word/document.xml").decode()
        results[name] = (dry, result, target, xml)
    pdfs = convert([r[2] for r in results.values()], folder / "pdf")
    htmls = convert([r[2] for r in results.values()], folder / "html", target="html")
    return {name: (*r, pdfs[r[2]], htmls[r[2]].read_text("utf-8")) for name, r in results.items()}


def test_dry_run_labels_and_reports(written):
    dry = written["下行"][0]
    rows = [line.split() for line in dry.out.splitlines()[1:7]]
    assert [row[2] for row in rows] == ["份号", "密级", "紧急程度", "发文机关标志", "发文字号", "标题"]
    assert "发文字号括号“【】”改为“〔〕”" in dry.out
    assert "签发人与发文字号排在同一行：发文字号居左，签发人居右" in written["上行"][0].out


def _paragraph_with(xml: str, text: str) -> str:
    return next(p for p in re.findall(r"<w:p>.*?</w:p>", xml) if text in re.sub(r"<[^>]+>", "", p))


def test_faces_colour_and_separator_in_the_xml(written):
    xml = written["下行"][3]
    copy, secrecy, urgency, mark, number = (_paragraph_with(xml, t) for t in
                                            ("000123", "秘密★1年", "特急", "清河县人民政府文件", "清政发〔2024〕12号"))
    assert 'w:eastAsia="仿宋_GB2312"' in copy and '<w:jc w:val="left"/>' in copy and '<w:sz w:val="32"/>' in copy
    for line in (secrecy, urgency):
        assert 'w:eastAsia="黑体"' in line and '<w:jc w:val="left"/>' in line and '<w:sz w:val="32"/>' in line
    assert 'w:eastAsia="方正小标宋简体"' in mark and '<w:color w:val="FF0000"/>' in mark and 'w:val="center"' in mark
    assert 'w:eastAsia="仿宋_GB2312"' in number and '<w:jc w:val="center"/>' in number
    assert '<w:bottom w:val="single" w:sz="12" w:space="6" w:color="FF0000"/>' in number
    # the order: 版头, then the title, then the text
    texts = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<w:p>.*?</w:p>", xml)]
    assert [t for t in texts if t][:6] == ["000123", "秘密★1年", "特急", "清河县人民政府文件", "清政发〔2024〕12号",
                                           "关于加强安全生产工作的通知"]
    signed = _paragraph_with(written["上行"][3], "签发人：")
    assert re.sub(r"<[^>]+>", "", signed) == "清政报〔2024〕5号签发人：刘建国"
    assert signed.count("<w:tab/>") == 2 and 'w:eastAsia="楷体_GB2312"' in signed.split("签发人：")[1]


def _line_boxes(pdf) -> list[tuple[str, float, float, float]]:
    """Lines of page 1 as pdftotext -bbox-layout gives them: text, left, right, top."""
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    boxes = []
    for attrs, inner in re.findall(r"<line ([^>]*)>(.*?)</line>", html, re.S):
        get = dict(re.findall(r'(\w+)="([\d.]+)"', attrs))
        text = "".join(re.findall(r">([^<]*)</word>", inner))
        boxes.append((text, float(get["xMin"]), float(get["xMax"]), float(get["yMin"])))
    return sorted(boxes, key=lambda box: box[3])


def test_libreoffice_puts_them_in_place(written):
    lines = _line_boxes(written["下行"][4])
    assert [t for t, *_ in lines][:6] == ["000123", "秘密★1年", "特急", "清河县人民政府文件", "清政发〔2024〕12号",
                                          "关于加强安全生产工作的通知"]
    left = gb.MARGIN_LEFT / 20
    middle = left + gb.TEXT_WIDTH / 40
    assert all(abs(lines[i][1] - left) < 2 for i in range(3))  # top left, flush with the text block
    for text, x_min, x_max, _ in lines[3:5]:  # centred on the text block
        assert abs((x_min + x_max) / 2 - middle) < 3, text
    assert lines[3][2] - lines[3][1] > 9 * 30  # nine characters of 小初 (36 pt)
    mark_y, number_y, title_y = (lines[i][3] for i in (3, 4, 5))
    assert number_y - mark_y > 2 * 28 and title_y - number_y > 2 * 28  # 发文字号 and title two lines below
    signed = _line_boxes(written["上行"][4])
    number = next(box for box in signed if "清政报" in box[0])
    signer = next(box for box in signed if "签发人" in box[0])
    # the mark 35 mm below the top of the text block (its glyphs a little lower), with or
    # without the three lines above it
    top = gb.MARGIN_TOP / 20
    mark_signed = next(box for box in signed if "清河县人民政府" in box[0])
    assert 35 <= (mark_y - top) / 72 * 25.4 < 40 and abs(mark_signed[3] - mark_y) < 1
    right = left + gb.TEXT_WIDTH / 20
    assert abs(number[3] - signer[3]) < 2  # one line
    assert abs(number[1] - left - 16) < 2 and abs(right - 16 - signer[2]) < 2  # one character in from each side


def test_libreoffice_reads_the_faces_and_the_red(written):
    html = written["下行"][5]
    mark = re.search(r"<p[^>]*>((?:(?!</p>).)*清河县人民政府文件.*?)</p>", html, re.S).group(1)
    assert 'color="#ff0000"' in mark and '<font face="方正小标宋简体">' in mark
    secrecy = re.search(r"<p[^>]*>((?:(?!</p>).)*特急.*?)</p>", html, re.S).group(1)
    assert '<font face="黑体">' in secrecy
    number = re.search(r"<p[^>]*>(?:(?!</p>).)*清政发.*?</p>", html, re.S).group(0)
    assert "border-bottom: 1.50pt solid #ff0000" in number


def test_documents_without_a_masthead_are_written_as_before():
    blocks = [Block(BlockType.TITLE, "讲话"), Block(BlockType.BODY, "正文。")]
    xml = document_xml(Document(blocks, title="讲话"))
    assert "FF0000" not in xml and "pBdr" not in xml and "w:tab" not in xml
    assert "FF0000" not in gb.STYLES_XML  # the 版头 has no style of its own: styles.xml is shared


def _ink_rows(pdf, dpi: int = 150) -> tuple[list[float], list[float]]:
    """y (pt) of the page-1 pixel rows with red, and with black, in them (a pdftoppm raster,
    PPM read by hand): where the ink is, as a ruler on the printed page would find it."""
    raw = subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), str(pdf)], check=True,
                         capture_output=True).stdout
    _, width, height, _, pixels = raw.split(maxsplit=4)
    width, height = int(width), int(height)
    red, black = [], []
    for y in range(height):
        line = pixels[y * width * 3:(y + 1) * width * 3]
        samples = [line[i:i + 3] for i in range(0, len(line), 3 * 2)]
        if any(r > 200 and g < 90 and b < 90 for r, g, b in samples):
            red.append(y * 72 / dpi)
        if any(r < 90 and g < 90 and b < 90 for r, g, b in samples):
            black.append(y * 72 / dpi)
    return red, black


def test_the_red_separator_is_4_mm_under_the_doc_number(written):
    """GB/T 9704-2012 7.2.7: 发文字号之下 4 mm 处居中印一条与版心等宽的红色分隔线 (it was 6.6 mm)."""
    pdf = written["下行"][4]
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    number_top = float(re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">清政发', html).group(1))
    red, black = _ink_rows(pdf)
    line = min(y for y in red if y > number_top)
    ink_bottom = max(y for y in black if number_top <= y < line)
    gap_mm = (line - ink_bottom) / 72 * 25.4
    assert 3.5 <= gap_mm <= 4.5, gap_mm
