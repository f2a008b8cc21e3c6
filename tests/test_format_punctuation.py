"""drafter format corrects half-width punctuation typed in Chinese text (, ; : ? ! ( ) " ' ...
--), reports each correction, leaves numbers, times, URLs and English alone, and writes the
corrected marks in the Chinese face (read back from the XML and through LibreOffice)."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from docx.shared import Pt

from conftest import run_cli
from drafter.pdf import convert
from drafter.wordin.layout import layout
from drafter.wordin.punctuation import full_width
from drafter.wordin.roles import detect
from drafter.wordin.source import SourceParagraph
from test_format_command import lines_of, pdf_text


@pytest.mark.parametrize("typed, corrected", [
    ("我们,要加强学习;同时:做好工作?是的!", "我们，要加强学习；同时：做好工作？是的！"),
    ("我们, 要抓紧", "我们，要抓紧"),
    ("全县(含开发区)共有\"三会一课\"制度", "全县（含开发区）共有“三会一课”制度"),
    ("他说'好'就行", "他说‘好’就行"),
    ("增长(3.5%)", "增长（3.5%）"),
    ("等等...还有。。。以及…", "等等……还有……以及……"),
    ("工作--特别是学习", "工作——特别是学习"),
    ("增长5%,高于全市", "增长5%，高于全市"),
    ("同志们:", "同志们："),
    ("全年完成任务.下一步要抓好落实.", "全年完成任务。下一步要抓好落实。"),
    ("要抓好“三会一课”.", "要抓好“三会一课”。"),
    ("要管好网站(包括政务新媒体).", "要管好网站（包括政务新媒体）。"),
    ('坚持"守正创新".要抓好', "坚持“守正创新”。要抓好"),
    ("合格率达到98.6%.", "合格率达到98.6%。"),
    ("合格率达到98.6%.下一步", "合格率达到98.6%。下一步"),
    ("排在第一.其次", "排在第一。其次"),
])
def test_half_width_marks_between_chinese_become_full_width(typed, corrected):
    assert full_width(typed)[0] == corrected


@pytest.mark.parametrize("text", [
    "时间为10:30，增长3.5%，共1,000元",
    "详见http://www.qinghe.gov.cn/a?b=1&c=2",
    "Made in China, for the world (2024) \"ok\" -- don't...",
    "比分3:2",
    "清政发〔2024〕12号",
    "已经完成“三会一课”（含专题党课）……",
    "见附件清河县.docx，版本2.0",
    "依据青政发(2024)3号文件",
    "达标率100%.xlsx",
    "。二.存在的不足",
])
def test_numbers_times_urls_english_and_full_width_text_are_left_alone(text):
    assert full_width(text) == (text, {})


def test_each_correction_is_noted_and_counted():
    formatted = layout(detect([SourceParagraph(t) for t in (
        "关于加强\"三会一课\"的报告", "一、总体要求:", "我们,要加强学习,特别是理论学习...", "（一）抓好落实。要求:按时完成。",
        "县审计局", "2024年12月20日")]))
    notes = [item.notes for item in formatted.items]
    assert formatted.items[1].label == "一级标题"  # a heading ending in a colon is no 主送
    assert notes[0] == ['直引号"…"改为“…”']
    assert notes[1] == ["半角“:”改为全角“：”"]
    assert notes[2] == ["“...”改为“……”", "半角“,”改为全角“，”（2 处）"]
    assert "半角“:”改为全角“：”" in notes[3]
    assert notes[4:] == [[], []]
    assert [b.display for b in formatted.document.blocks[:4]] == [
        "关于加强“三会一课”的报告", "一、总体要求：", "我们，要加强学习，特别是理论学习……", "（一）抓好落实。要求：按时完成。"]


def test_a_byline_date_in_half_width_parentheses():
    formatted = layout(detect([SourceParagraph(t) for t in ("在全县审计工作会议上的讲话", "(2024年3月15日)", "同志们:")]))
    assert [b.text for b in formatted.document.blocks] == ["在全县审计工作会议上的讲话", "（2024年3月15日）", "同志们："]
    assert formatted.items[1].notes == ["半角括号(…)改为（…）"]


def test_table_cells_are_corrected_like_body_text_and_their_numbers_left_alone():
    from drafter.wordin.source import Cell

    formatted = layout(detect([SourceParagraph("报告"), SourceParagraph("时间:10:30", cell=Cell(0, 0, 0)),
                               SourceParagraph("10:30", cell=Cell(0, 0, 1)), SourceParagraph("正文。")]))
    assert formatted.items[1].rows == [["时间：10:30", "10:30"]]
    assert formatted.items[1].notes[-1] == "半角“:”改为全角“：”"


def _typed_in_latin_fonts(path):
    """A Word file typed with half-width marks in a Latin font (Times New Roman), as the
    reformatters' users hand them in (docformat-gui #31)."""
    document = docx.Document()
    for text in ("关于加强\"三会一课\"的报告", "一、总体要求", "我们,要加强学习--特别是理论学习...做到\"学思用贯通\"。",
                 "时间为上午10:30,地点在3楼(会议室)。"):
        run = document.add_paragraph().add_run(text)
        run.font.name = "Times New Roman"
        run.font.size = Pt(12)
    document.save(str(path))
    return path


def test_format_reports_the_corrections_and_writes_full_width_marks_in_the_chinese_face(tmp_path):
    source = _typed_in_latin_fonts(tmp_path / "稿.docx")
    dry = run_cli("format", str(source), "--dry-run")
    assert dry.code == 0, dry.err
    assert "“...”改为“……”；“--”改为“——”；直引号\"…\"改为“…”；半角“,”改为全角“，”" in dry.out
    assert "半角括号(…)改为（…）" in dry.out
    assert dry.out.strip().splitlines()[-1] == "共 4 项，7 处改动（未写文件）。"
    result = run_cli("format", str(source))
    assert result.code == 0, result.err
    assert "7 处改动" in result.err
    target = tmp_path / "稿-排版.docx"
    texts = [p.text for p in docx.Document(str(target)).paragraphs if p.text]
    assert texts == ["关于加强“三会一课”的报告", "一、总体要求", "我们，要加强学习——特别是理论学习……做到“学思用贯通”。",
                     "时间为上午10:30，地点在3楼（会议室）。"]
    # every run that holds a quote, dash or ellipsis is hinted East Asian, and its style's
    # Latin and East Asian faces are both Chinese: no Latin face is left for these marks
    with zipfile.ZipFile(target) as package:
        xml, styles = package.read("word/document.xml").decode(), package.read("word/styles.xml").decode()
    runs = [run for run in re.findall(r"<w:r>.*?</w:r>", xml) if re.search("[“”—…]", run)]
    assert runs and all('w:hint="eastAsia"' in run for run in runs)
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles).group(0)
    assert 'w:ascii="仿宋_GB2312"' in normal and 'w:hAnsi="仿宋_GB2312"' in normal
    assert "Times New Roman" not in xml
    pdf = convert([target], tmp_path / "pdf")[target]
    lines = lines_of(pdf_text(pdf))
    assert "关于加强“三会一课”的报告" in lines and "时间为上午10:30，地点在3楼（会议室）。" in lines
    html = convert([target], tmp_path / "html", target="html")[target].read_text("utf-8")
    for mark in ("——特别是", "……做到", "“学思用贯通”"):
        before = html[:html.index(mark)]
        assert before.rsplit('<font face="', 1)[1].startswith("仿宋_GB2312"), mark
