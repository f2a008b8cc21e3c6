"""`drafter format` end to end: the role table, the file written (read back by LibreOffice
and docx2python, readers nobody here wrote), inputs it refuses, several files, exit statuses."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import NamedTuple

import docx
import pytest

from conftest import Result, run_cli
from drafter.pdf import convert
from format_samples import REPORT_ROLES, messy_report, styled_speech
from test_libreoffice import pages_of


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def lines_of(text: str) -> list[str]:
    return [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]


class Formatted(NamedTuple):
    source: Path
    before: bytes  # the source's bytes before formatting
    result: Result
    target: Path
    pdf: Path  # the target as LibreOffice prints it


TEXT_INPUTS = {
    "拆.txt": "讲话\n一、总体要求\n（一）加强阵地管理。要管好网站。\n",
    "无标题.md": "今天开会。\n\n大家辛苦了。\n",
    "附件.txt": "关于工作情况的报告\n一、基本情况\n全年完成任务。\n特此报告。\n附件：1.工作台账\n2.学习记录\n"
               "县审计局\n2024年12月20日\n",
}


@pytest.fixture(scope="module")
def formatted(tmp_path_factory) -> dict[str, Formatted]:
    """Each sample formatted once, all results printed to PDF in one LibreOffice run."""
    from format_samples import auto_numbered

    folder = tmp_path_factory.mktemp("format")
    sources = [messy_report(folder / "报告.docx"), styled_speech(folder / "讲话.docx"),
               auto_numbered(folder / "汇报.docx")]
    for name, text in TEXT_INPUTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        sources.append(folder / name)
    runs = {}
    for source in sources:
        before = source.read_bytes()
        options = ["--split-headings"] if source.name == "拆.txt" else []
        runs[source.name] = (source, before, run_cli("format", str(source), *options),
                             folder / f"{source.stem}-排版.docx")
    pdfs = convert([run[3] for run in runs.values()], folder / "pdf")
    return {name: Formatted(*run, pdfs[run[3]]) for name, run in runs.items()}


def test_dry_run_prints_the_role_table_and_writes_nothing(tmp_path):
    source = messy_report(tmp_path / "报告.docx")
    result = run_cli("format", str(source), "--dry-run")
    assert result.code == 0, result.err
    rows = [line for line in result.out.splitlines()[1:] if line[:1].isdigit()]
    assert len(rows) == len(REPORT_ROLES)
    for row, (start, label) in zip(rows, REPORT_ROLES):
        assert start in row and label in row.split(), row
    assert result.out.splitlines()[0].split() == ["段", "开头", "识别为", "改动"]
    assert "编号“3.”改为“2.”" in result.out and "原连在上一段末尾，拆为单独的小标题" in result.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx"]


def test_format_writes_name_排版_next_to_the_input_and_leaves_the_input(formatted):
    report = formatted["报告.docx"]
    assert report.result.code == 0, report.result.err
    assert report.target.is_file() and report.source.read_bytes() == report.before
    assert f"已生成：{report.target}" in report.result.err
    assert "第 10 段：编号“3.”改为“2.”" in report.result.err


def test_libreoffice_reads_the_layout_back(formatted):
    lines = lines_of(pdf_text(formatted["报告.docx"].pdf))
    assert lines[:2] == ["关于2024年度意识形态", "工作责任制落实情况的报告"]  # one title, balanced lines
    for expected in ("县委宣传部：", "一、提高政治站位", "二、坚持教育培训", "2.落实三审三校", "三、存在的问题",
                     "附表：学习情况统计", "特此报告。", "附件：1.意识形态工作台账", "中共清河县审计局党组",
                     "2024年12月20日"):
        assert expected in lines
    assert "（二）抓好理论学习。全年组织集中学习12次，坚决抵制" in lines  # the swallowed heading is gone
    assert not any(line.endswith("二、坚持教育培训") and line != "二、坚持教育培训" for line in lines)
    assert lines.index("项目次数参加人数") + 1 == lines.index("集中学习1245")


def test_attachments_one_line_below_the_text_and_their_list_under_the_first_number(formatted):
    lines = pages_of(formatted["附件.txt"].pdf)[0]
    texts = [line["text"] for line in lines]
    closing, first, second = (lines[texts.index(t)] for t in ("特此报告。", "附件：1.工作台账", "2.学习记录"))
    pitch = second["y"] - first["y"]
    assert abs(pitch - 28.95) < 0.5
    assert abs(first["y"] - closing["y"] - 2 * pitch) < 1  # one blank line between
    assert abs(second["x"] - first["x"] - 3 * 16) < 1  # under "1.", after 附件： (three 16 pt characters)


def test_the_table_is_a_table_for_docx2python(formatted):
    from docx2python import docx2python

    with docx2python(str(formatted["报告.docx"].target)) as read:
        tables = [block for block in read.body if len(block) > 1]
    assert [[cell[0] for cell in row] for row in tables[0]] == [["项目", "次数", "参加人数"], ["集中学习", "12", "45"]]


def test_run_in_heading_part_in_its_heading_face_and_the_rest_in_fangsong(formatted):
    target = formatted["报告.docx"].target
    html = convert([target], target.parent / "html", target="html")[target].read_text("utf-8")
    paragraph = re.search(r"<h2[^>]*>(.*?加强阵地管理.*?)</h2>", html, re.S).group(1)
    heading = paragraph.split("要管好网站")[0]
    assert "楷体_GB2312" in html[:html.index("加强阵地管理")].rsplit("<h2", 1)[1]
    assert re.search(r'<font face="仿宋_GB2312">\s*要管好网站', paragraph) and "楷体" not in paragraph.split("要管好网站")[1]
    assert "加强阵地管理。" in heading


def test_word_heading_styles_without_numbers_get_numbers(formatted):
    speech = formatted["讲话.docx"]
    assert speech.result.code == 0, speech.result.err
    lines = lines_of(pdf_text(speech.pdf))
    assert lines[:3] == ["在全县审计工作会议上的讲话", "（2024年3月15日）", "同志们："]
    assert "一、过去一年的工作" in lines and "二、今年的重点任务" in lines and "（一）聚焦主责主业" in lines
    assert "加编号“一、”" in speech.result.err


def test_word_automatic_numbering_becomes_written_numbers(formatted):
    report = formatted["汇报.docx"]
    assert report.result.code == 0, report.result.err
    assert "Word 自动编号改为按层级写出的编号；加编号“一、”" in report.result.err
    assert lines_of(pdf_text(report.pdf)) == [
        "工作汇报", "一、总体情况", "总体情况方面的具体内容。", "（一）组织领导", "组织领导方面的具体内容。",
        "1.制度建设", "制度建设方面的具体内容。", "二、问题与打算", "问题与打算方面的具体内容。", "—1—"]


def test_split_headings(formatted):
    assert formatted["拆.txt"].result.code == 0
    assert lines_of(pdf_text(formatted["拆.txt"].pdf))[1:4] == ["一、总体要求", "（一）加强阵地管理", "要管好网站。"]


def test_text_with_no_headings_is_laid_out_as_body_and_says_so(formatted):
    plain = formatted["无标题.md"]
    assert plain.result.code == 0
    assert "没有找到带编号或标题样式的小标题，全文按正文排版" in plain.result.err
    assert lines_of(pdf_text(plain.pdf))[:2] == ["今天开会。", "大家辛苦了。"]


@pytest.mark.parametrize("name, content, message", [
    ("稿.pdf", b"%PDF-1.4", "不支持的文件类型“.pdf”"),
    ("稿.docx", b"PK\x03\x04broken", "文件已损坏或不完整"),
    ("稿.docx", b"\xd0\xcf\x11\xe0" + b"\0" * 60, "旧版 .doc 格式或加了密码的文档"),
    ("稿.xyz", b"abc", "不支持的文件类型“.xyz”"),
])
def test_files_it_cannot_read(tmp_path, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    result = run_cli("format", str(source))
    assert result.code == 1
    assert result.err.startswith("错误：") and message in result.err
    assert "Traceback" not in result.err and sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_an_empty_document(tmp_path):
    source = tmp_path / "空.docx"
    docx.Document().save(str(source))
    result = run_cli("format", str(source))
    assert (result.code, result.err.strip()) == (1, f"错误：{source} 里没有文字，无法排版")


def test_missing_input(tmp_path):
    result = run_cli("format", str(tmp_path / "无.docx"))
    assert (result.code, result.err.strip()) == (1, f"错误：找不到文稿：{tmp_path / '无.docx'}")


def test_never_over_an_existing_file_without_force_never_over_the_input(tmp_path):
    source = tmp_path / "稿.txt"
    source.write_text("讲话\n一、总体要求\n", encoding="utf-8")
    target = tmp_path / "稿-排版.docx"
    target.write_bytes(b"old")
    result = run_cli("format", str(source))
    assert result.code == 1 and "输出文件已存在" in result.err and target.read_bytes() == b"old"
    assert run_cli("format", str(source), "--force").code == 0 and target.read_bytes()[:2] == b"PK"
    docx_source = messy_report(tmp_path / "报告.docx")
    result = run_cli("format", str(docx_source), "-o", str(docx_source), "--force")
    assert result.code == 1 and "输出文件不能是原稿本身" in result.err
    result = run_cli("format", str(source), "-o", str(tmp_path / "无此文件夹" / "a.docx"))
    assert result.code == 1 and "输出文件夹不存在" in result.err


def test_o_names_the_file_or_a_folder(tmp_path):
    source = tmp_path / "稿.txt"
    source.write_text("讲话\n一、总体要求\n", encoding="utf-8")
    assert run_cli("format", str(source), "-o", str(tmp_path / "新.docx")).code == 0
    assert (tmp_path / "新.docx").is_file()
    (tmp_path / "出").mkdir()
    assert run_cli("format", str(source), "-o", str(tmp_path / "出")).code == 0
    assert (tmp_path / "出" / "稿-排版.docx").is_file()
    result = run_cli("format", str(source), "-o", str(tmp_path / "新.pdf"))
    assert result.code == 2 and "-o 应为 .docx 文件名或已有的文件夹" in result.err


REPEATED = "要坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神。"


def test_check_runs_on_the_result_and_strict_refuses_it(tmp_path):
    source = tmp_path / "稿.txt"
    source.write_text(f"讲话\n一、总体要求\n{REPEATED}\n{REPEATED}\n", encoding="utf-8")
    result = run_cli("format", str(source), "--strict")
    assert result.code == 1 and "因使用了 --strict，未写入文件" in result.err
    assert "第4段 [错误] repeat.paragraph：本段与第3段完全相同" in result.err
    assert not (tmp_path / "稿-排版.docx").exists()
    result = run_cli("format", str(source))
    assert result.code == 0 and "排版后的文稿里有以下问题" in result.err and "repeat.paragraph" in result.err
    assert (tmp_path / "稿-排版.docx").is_file()


def test_several_files_and_folders(tmp_path):
    folder = tmp_path / "稿"
    folder.mkdir()
    messy_report(folder / "报告.docx")
    styled_speech(folder / "讲话.docx")
    (folder / "旧-排版.docx").write_bytes(b"an earlier result, not an input")
    (folder / "坏.docx").write_bytes(b"not a zip")
    out = tmp_path / "出"
    result = run_cli("format", str(folder), "-o", str(out), "-j", "2")
    assert result.code == 1
    assert sorted(p.name for p in out.iterdir()) == ["报告-排版.docx", "讲话-排版.docx"]
    assert "失败 1 份：" in result.err and "坏.docx" in result.err
    assert result.err.strip().endswith("共 3 份：已排版 2 份，失败 1 份。")
    empty = tmp_path / "空"
    empty.mkdir()
    result = run_cli("format", str(empty), str(folder / "报告.docx"), "--dry-run")
    assert result.code == 1 and "文件夹" in result.err and "里没有可排版的文稿" in result.err


def test_several_inputs_need_a_folder_for_o(tmp_path):
    one, two = tmp_path / "甲.txt", tmp_path / "乙.txt"
    one.write_text("甲\n", encoding="utf-8")
    two.write_text("乙\n", encoding="utf-8")
    result = run_cli("format", str(one), str(two), "-o", str(tmp_path / "合.docx"))
    assert result.code == 2 and "-o 应为输出文件夹" in result.err


def test_doc_and_wps_go_through_libreoffice(tmp_path):
    made = convert([messy_report(tmp_path / "原.docx")], tmp_path / "doc", target="doc")[tmp_path / "原.docx"]
    source = tmp_path / "报告.doc"
    made.rename(source)
    result = run_cli("format", str(source), "--dry-run")
    assert result.code == 0, result.err
    rows = [line for line in result.out.splitlines()[1:] if line[:1].isdigit()]
    assert [label in row.split() for row, (_, label) in zip(rows, REPORT_ROLES)] == [True] * len(REPORT_ROLES)


def test_doc_without_libreoffice_says_how_to_save_as_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "没有这个程序"))
    source = tmp_path / "报告.wps"
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run_cli("format", str(source))
    assert result.code == 1
    assert "这是WPS 文字文档（.wps）" in result.err and "“另存为”Word 文档（.docx）后再排版" in result.err


def test_help_and_usage_are_chinese():
    result = run_cli("format", "--help")
    assert result.code == 0 and "用法：" in result.out and "--split-headings" in result.out
    assert run_cli("format").code == 2


SUMMARY_HTML = """<html><head><meta charset="utf-8"></head><body>
<p align="center"><font face="宋体" size="6"><b>县审计局2024年工作总结</b></font></p>
<p align="center">（2024年12月28日）</p>
<p>2024年，我局在县委、县政府的坚强领导下，扎实开展各项审计工作。</p>
<p><b>一、主要工作</b></p>
<p>（一） 强化政治引领。全年召开党组会议24次。</p>
<p>(2)完善制度。修订制度8项。</p>
<p><b>三、存在问题</b></p>
<table border="1"><tr><td>项目</td><td>数量</td></tr><tr><td>审计项目</td><td>36</td></tr></table>
<p>特此报告。</p>
<p align="right">县审计局</p>
<p align="right">2024年12月28日</p>
</body></html>"""


def test_a_docx_written_by_libreoffice(tmp_path):
    page = tmp_path / "总结.html"
    page.write_text(SUMMARY_HTML, encoding="utf-8")
    source = convert([page], tmp_path, target="docx:MS Word 2007 XML")[page]
    result = run_cli("format", str(source), "--dry-run")
    assert result.code == 0, result.err
    rows = [line for line in result.out.splitlines()[1:] if line[:1].isdigit()]
    expected = [("1", "标题", ""), ("2", "署名/日期", ""), ("3", "正文", ""), ("4", "一级标题", ""),
                ("5", "二级标题", "小标题接排正文"), ("6", "四级标题", "编号“(2)”改为“（1）”"),
                ("7", "一级标题", "编号“三、”改为“二、”"), ("8", "表格", ""), ("12", "结束语", ""), ("13", "落款", ""),
                ("14", "成文日期", "")]
    assert len(rows) == len(expected)
    for row, (number, label, change) in zip(rows, expected):
        assert row.split()[0] == number and label in row.split() and change in row, row
    assert run_cli("format", str(source)).code == 0
    lines = lines_of(pdf_text(convert([tmp_path / "总结-排版.docx"], tmp_path)[tmp_path / "总结-排版.docx"]))
    assert "二、存在问题" in lines and lines.index("项目数量") + 1 == lines.index("审计项目36")


def test_bulleted_lists_are_body(tmp_path):
    document = docx.Document()
    document.add_paragraph("工作汇报")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("第一条要点", style="List Bullet")
    document.save(str(tmp_path / "汇报.docx"))
    result = run_cli("format", str(tmp_path / "汇报.docx"), "--dry-run")
    assert result.code == 0 and result.out.splitlines()[3].split()[1:] == ["第一条要点", "正文"]


def test_a_damaged_doc_that_libreoffice_reads_as_garbage(tmp_path):
    source = tmp_path / "坏.wps"
    source.write_bytes(b"\xd0\xcf\x11\xe0garbage")
    result = run_cli("format", str(source))
    assert result.code == 1 and "LibreOffice 转换出的文字是乱码" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏.wps"]
