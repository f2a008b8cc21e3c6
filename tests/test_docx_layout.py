"""The .docx read back: text, numbering, fonts, sizes, page setup, grid, footers.

Parts are read as XML straight from the zip (what Word reads), paragraphs through
python-docx and, as a reader nobody here wrote, docx2python.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import docx
import pytest
from docx2python import docx2python

from conftest import W, docx_part, run_cli, write_minimal


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    folder = tmp_path_factory.mktemp("speech")
    source = write_minimal(folder)
    result = run_cli("render", str(source), "-o", str(folder / "speech.docx"))
    assert result.code == 0, result.err
    return folder / "speech.docx"


def styles(path):
    root = ET.fromstring(docx_part(path, "word/styles.xml"))
    return {s.get(W + "styleId"): s for s in root.iter(W + "style")}, root


def fonts_of(style):
    fonts = style.find(f"{W}rPr/{W}rFonts")
    return fonts.get(W + "eastAsia"), fonts.get(W + "ascii")


def size_of(style):
    return int(style.find(f"{W}rPr/{W}sz").get(W + "val"))


def test_no_theme_fonts_anywhere(speech):
    for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        assert not re.search(r"w:(ascii|eastAsia|hAnsi|cs)Theme", docx_part(speech, part)), part
    assert "theme" not in docx_part(speech, "[Content_Types].xml")


@pytest.mark.parametrize("style_id, east_asia, size", [
    ("Normal", "仿宋_GB2312", 32),
    ("Title", "方正小标宋简体", 44),
    ("Byline", "楷体_GB2312", 32),
    ("Heading1", "黑体", 32),
    ("Heading2", "楷体_GB2312", 32),
    ("Heading3", "仿宋_GB2312", 32),
    ("Heading4", "仿宋_GB2312", 32),
    ("Footer", "宋体", 28),
])
def test_style_fonts_and_sizes(speech, style_id, east_asia, size):
    by_id, _ = styles(speech)
    assert fonts_of(by_id[style_id]) == (east_asia, east_asia)
    assert size_of(by_id[style_id]) == size


def test_defaults_language_and_body_paragraph(speech):
    by_id, root = styles(speech)
    lang = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(W + "eastAsia") == "zh-CN"
    normal = by_id["Normal"].find(W + "pPr")
    indent = normal.find(W + "ind")
    assert indent.get(W + "firstLineChars") == "200" and indent.get(W + "firstLine") == "640"
    spacing = normal.find(W + "spacing")
    assert (spacing.get(W + "line"), spacing.get(W + "lineRule")) == ("579", "exact")
    # condensed so that 28 characters fit a line
    assert by_id["Normal"].find(f"{W}rPr/{W}spacing").get(W + "val") == "-5"
    # headings carry outline levels so Word's navigation pane and TOC see them
    assert by_id["Heading1"].find(f"{W}pPr/{W}outlineLvl").get(W + "val") == "0"
    assert by_id["Title"].find(f"{W}pPr/{W}jc").get(W + "val") == "center"


def test_page_setup_and_grid(speech):
    root = ET.fromstring(docx_part(speech, "word/document.xml"))
    sect = root.find(f"{W}body/{W}sectPr")
    size = sect.find(W + "pgSz")
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")
    margin = sect.find(W + "pgMar")
    assert {k: margin.get(W + k) for k in ("top", "bottom", "left", "right")} == {
        "top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}
    grid = sect.find(W + "docGrid")
    assert (grid.get(W + "type"), grid.get(W + "linePitch")) == ("lines", "579")
    refs = {r.get(W + "type") for r in sect.findall(W + "footerReference")}
    assert refs == {"default", "even"}
    assert "<w:evenAndOddHeaders/>" in docx_part(speech, "word/settings.xml")


@pytest.mark.parametrize("part, side", [("word/footer1.xml", "right"), ("word/footer2.xml", "left")])
def test_page_number_footers(speech, part, side):
    xml = docx_part(speech, part)
    root = ET.fromstring(xml)
    paragraph = root.find(W + "p")
    assert paragraph.find(f"{W}pPr/{W}jc").get(W + "val") == side
    assert paragraph.find(f"{W}pPr/{W}ind").get(W + side) == "280"
    assert "PAGE" in "".join(t.text or "" for t in root.iter(W + "instrText"))
    texts = "".join(t.text or "" for t in root.iter(W + "t"))
    assert texts == "— 1 —"
    # the footer style is off the document's line grid: Word would otherwise snap the page number's
    # line to the 28.95 pt pitch and move it from 7 mm to about 5 mm under the text block
    styles = ET.fromstring(docx_part(speech, "word/styles.xml"))
    footer = next(s for s in styles.iter(W + "style") if s.get(W + "styleId") == "Footer")
    assert footer.find(f"{W}pPr/{W}snapToGrid").get(W + "val") == "0"


def test_text_numbering_and_styles_read_back(speech):
    document = docx.Document(str(speech))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[0] == ("Title", "党组书记在意识形态工作会议上的讲话")
    assert paragraphs[1] == ("署名", "（2024年3月15日）")
    assert paragraphs[2] == ("称呼", "同志们：")
    level1 = [text for style, text in paragraphs if style == "Heading 1"]
    assert [t[:2] for t in level1] == ["一、", "二、", "三、", "四、"]
    assert "抓认识" in level1[0] and "抓协调" in level1[1] and "抓阵地" in level1[2] and "抓机制" in level1[3]
    level2 = [text for style, text in paragraphs if style == "Heading 2"]
    assert level2 and level2[0].startswith("（一）")
    assert document.core_properties.title == "党组书记在意识形态工作会议上的讲话"
    assert document.core_properties.author == "某某县统计局"
    assert document.sections[0].page_width == docx.shared.Mm(210) or abs(document.sections[0].page_width.mm - 210) < 0.1


def test_independent_reader_sees_the_same_text(speech):
    with docx2python(str(speech)) as read:
        text = read.text
    assert "党组书记在意识形态工作会议上的讲话" in text
    assert "一、" in text and "我局" in text
    assert "党的二十大" in text and "十九大" not in text  # dated by meeting.date 2024-03-15
    body = re.sub(r"\s", "", text)
    assert len(body) >= 2000


def test_long_titles_are_balanced_over_lines(tmp_path):
    from drafter.writers.titles import balance_title

    title = "中共某某县委员会宣传部部长在全县意识形态工作领导小组会议上的讲话"
    lines = balance_title(title)
    assert "".join(lines) == title
    assert len(lines) == 2 and all(len(line) <= 20 for line in lines)
    assert abs(len(lines[0]) - len(lines[1])) <= 6
    assert balance_title("短标题") == ["短标题"]


@pytest.mark.parametrize("title, expected", [
    ("清河县审计局关于2024年上半年意识形态工作情况的报告", ["清河县审计局关于2024年", "上半年意识形态工作情况的报告"]),
    ("关于调整县食品药品安全委员会组成人员的通知", ["关于调整县食品药品安全", "委员会组成人员的通知"]),
    # 21 characters, but the four digits are half as wide: 19 fit on one line of 20
    ("在全镇2024年招商引资工作推进会上的讲话", ["在全镇2024年招商引资工作推进会上的讲话"]),
    ("在东湖区文化和旅游局2025年党风廉政建设工作会议上的讲话",
     ["在东湖区文化和旅游局2025年", "党风廉政建设工作会议上的讲话"]),
    ("柳林镇人民政府关于2024年上半年安全生产工作情况的报告", ["柳林镇人民政府关于2024年", "上半年安全生产工作情况的报告"]),
    ("关于进一步加强和改进新形势下全县基层党组织建设工作的实施意见",
     ["关于进一步加强和改进新形势下", "全县基层党组织建设工作的实施意见"]),
])
def test_a_title_is_never_broken_inside_a_word(title, expected):
    """GB/T 9704 7.3.2: 回行时要做到词意完整 — 上|半年, 党|风廉政建设, 全|县 were the breaks before."""
    from drafter.writers.titles import balance_title

    assert balance_title(title) == expected


NOTICE = ["关于开展安全检查的通知", "各单位：", "现将有关事项通知如下，请认真贯彻执行。",
          "附件：1.清河县二〇二四年度安全生产大检查工作实施方案及任务分工明细表和进度安排表", "2.检查情况汇总表",
          "清河县应急管理局", "2024年5月6日"]


def _pdf_lines(pdf) -> dict[str, tuple[float, float]]:
    """First page's lines (pdftotext -bbox-layout): text → (left, right) in points."""
    import subprocess

    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    lines = {}
    for attrs, inner in re.findall(r"<line ([^>]*)>(.*?)</line>", html, re.S):
        get = dict(re.findall(r'(\w+)="([\d.]+)"', attrs))
        lines["".join(re.findall(r">([^<]*)</word>", inner))] = (float(get["xMin"]), float(get["xMax"]))
    return lines


def test_the_signature_stands_over_its_date_and_long_attachment_names_wrap_under_their_first_character(tmp_path):
    """GB/T 9704-2012 7.3.5.1: 成文日期 four characters from the right, the 发文机关署名 centred over
    it; 7.3.4: a long 附件 name wraps under its own first character, 2. stands under 1."""
    from drafter.pdf import convert
    from drafter.writers import gbt9704 as gb

    source = tmp_path / "通知.txt"
    source.write_text("\n".join(NOTICE) + "\n", encoding="utf-8")
    assert run_cli("format", str(source), "-o", str(tmp_path / "通知.docx")).code == 0
    xml = docx_part(tmp_path / "通知.docx", "word/document.xml")
    assert '<w:ind w:right="1280" w:firstLineChars="0" w:firstLine="0"/>' in xml  # the date: 4 characters
    assert 'w:left="1984" w:hanging="1344"' in xml and 'w:left="1984" w:hanging="384"' in xml  # 附件：1. / 2.
    lines = _pdf_lines(convert([tmp_path / "通知.docx"], tmp_path)[tmp_path / "通知.docx"])
    right_edge = (gb.MARGIN_LEFT + gb.TEXT_WIDTH) / 20
    name, date = lines["清河县应急管理局"], lines["2024年5月6日"]
    assert abs(date[1] - (right_edge - 4 * 16)) < 3  # 4 characters of 16 pt from the right
    # centred over the date (within a third of a character: digits are 0.5–0.67 wide by the font)
    assert abs((name[0] + name[1]) / 2 - (date[0] + date[1]) / 2) < 6
    first, wrapped = lines[next(t for t in lines if t.startswith("附件：1."))], lines["及任务分工明细表和进度安排表"]
    second = lines["2.检查情况汇总表"]
    left = gb.MARGIN_LEFT / 20
    assert abs(first[0] - (left + 2 * 16)) < 2  # 附件 two characters in
    # under 清, after 附件：1. (1. is 1–1.3 characters wide by the font); 2. under 1.
    assert abs(wrapped[0] - (left + 6.2 * 16)) < 5
    assert abs(second[0] - (left + 5 * 16)) < 3


def test_the_title_keeps_one_grid_line_a_line_whatever_font_stands_in(tmp_path):
    """Without drafter's font mapping (a LibreOffice or Word with no 小标宋), a substitute font
    taller than the 28.95 pt pitch took two grid lines a title line: the title started 6 mm
    low and page 1 held 21 lines. The Title style is off the grid, at exact 28.95 pt lines."""
    import shutil
    import subprocess

    assert run_cli("render", str(write_minimal(tmp_path)), "-o", str(tmp_path / "out.docx")).code == 0
    title = styles(tmp_path / "out.docx")[0]["Title"]
    assert title.find(f"{W}pPr/{W}snapToGrid").get(W + "val") == "0"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (installed by .ci/run)"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "out.docx")], check=True, capture_output=True,
                   timeout=180)  # the system's fonts, not drafter's fonts.conf
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(tmp_path / "out.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    title_top = float(re.search(r'yMin="([\d.]+)"', html).group(1))
    from drafter.writers import gbt9704 as gb

    assert (title_top - gb.MARGIN_TOP / 20) / 72 * 25.4 < 2.5  # on the text block's first line (37 mm)
