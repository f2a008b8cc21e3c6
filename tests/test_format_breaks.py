"""drafter format and line or page breaks in a user's file: a line break typed inside a
paragraph (Shift+Enter) ends a paragraph for reading; attachments appended after the 落款
start pages of their own; a page break the user typed is kept. Read back from the .docx XML
and through LibreOffice, page by page."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from conftest import run_cli
from drafter.document import BlockType
from drafter.pdf import convert
from drafter.wordin.layout import format_file, role_table
from drafter.wordin.source import read_source


def _lines_paragraph(document, lines: list[str], centred: bool = False, right: bool = False):
    """One paragraph whose lines are separated by Shift+Enter (w:br without a type)."""
    paragraph = document.add_paragraph()
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph


def _soft_break_report(path: Path) -> Path:
    document = docx.Document()
    _lines_paragraph(document, ["凤鸣县教育局关于2024年教育", "工作情况的报告"], centred=True)
    document.add_paragraph("县人民政府：")
    _lines_paragraph(document, ["　　2024年，县教育局全面贯彻党的教育方针。", "　　现将全年工作情况报告如下："])
    _lines_paragraph(document, ["　　一、主要工作成效", "　　（一）学前教育普及普惠。新建公办幼儿园5所。",
                                "　　（二）义务教育优质均衡。消除56人以上大班额。"])
    document.add_paragraph("　　（三）高中教育特色发展。本科上线率达到78.6%。")
    _lines_paragraph(document, ["　　二、存在的问题", "　　一是城区学位供给紧张；二是农村教师结构性缺员。"])
    document.add_paragraph("　　特此报告。")
    _lines_paragraph(document, ["凤鸣县教育局", "2024年12月18日"], right=True)
    document.save(path)
    return path


def _xml(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


def _paragraph_xml(xml: str, text: str) -> str:
    """The w:p element whose text is text."""
    return next(p for p in re.findall(r"<w:p>.*?</w:p>", xml)
                if "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) == text)


def _pages(path: Path, folder: Path) -> list[list[str]]:
    """The lines of each page as LibreOffice prints the .docx, blanks removed."""
    pdf = convert([path], folder)[path]
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                 text=True, check=True).stdout).group(1))
    pages = []
    for page in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]
        pages.append([line for line in lines if not re.fullmatch(r"—\d+—", line)])  # the page number
    return pages


# ---------------------------------------------------------------- soft line breaks

def test_each_line_after_a_soft_break_is_read_as_a_paragraph_with_the_paragraphs_number(tmp_path):
    paragraphs = read_source(_soft_break_report(tmp_path / "报告.docx"))
    assert [(p.paragraph, p.text) for p in paragraphs][4:9] == [
        (3, "现将全年工作情况报告如下："), (4, "一、主要工作成效"), (4, "（一）学前教育普及普惠。新建公办幼儿园5所。"),
        (4, "（二）义务教育优质均衡。消除56人以上大班额。"), (5, "（三）高中教育特色发展。本科上线率达到78.6%。")]
    assert paragraphs[-2].text == "凤鸣县教育局" and paragraphs[-1].text == "2024年12月18日"
    assert all(p.right for p in paragraphs[-2:])


def test_headings_signature_and_date_on_soft_broken_lines_are_found(tmp_path):
    formatted = format_file(_soft_break_report(tmp_path / "报告.docx"))
    rows = role_table(formatted.items, width=8)
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("1", "凤鸣县教育局关于…", "标题"), ("1", "工作情况的报告", "标题"), ("2", "县人民政府：", "主送"),
        ("3", "2024年，县教…", "正文"), ("3", "现将全年工作情况…", "正文"),
        ("4", "一、主要工作成效", "一级标题"), ("4", "（一）学前教育普…", "二级标题"),
        ("4", "（二）义务教育优…", "二级标题"), ("5", "（三）高中教育特…", "二级标题"),
        ("6", "二、存在的问题", "一级标题"), ("6", "一是城区学位供给…", "正文"),
        ("7", "特此报告。", "结束语"), ("8", "凤鸣县教育局", "落款"), ("8", "2024年12月…", "成文日期")]
    assert not any("编号" in row[3] for row in rows)  # （二）（三） keep their numbers
    blocks = formatted.document.blocks
    assert [b.text for b in blocks if b.type is BlockType.TITLE] == ["凤鸣县教育局关于2024年教育工作情况的报告"]
    assert [b.display for b in blocks if b.type is BlockType.HEADING and b.level == 1] == [
        "一、主要工作成效", "二、存在的问题"]


def test_the_written_file_has_the_soft_broken_lines_as_their_own_paragraphs(tmp_path):
    source = _soft_break_report(tmp_path / "报告.docx")
    target = tmp_path / "结果.docx"
    result = run_cli("format", str(source), "-o", str(target), "-q")
    assert result.code == 0, result.err
    xml = _xml(target)
    assert '<w:pStyle w:val="Heading1"/>' in _paragraph_xml(xml, "一、主要工作成效")
    assert '<w:pStyle w:val="Signature"/>' in _paragraph_xml(xml, "凤鸣县教育局")
    assert '<w:pStyle w:val="Signature"/>' in _paragraph_xml(xml, "2024年12月18日")
    assert "\u3000" not in xml  # no leading spaces left in the middle of a paragraph


# ---------------------------------------------------------------- attachments after the 落款

def _notice(path: Path, page_breaks: bool = True, label: str = "附件1") -> Path:
    document = docx.Document()
    document.add_paragraph("关于开展党员冬训工作的通知").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("各街道党工委：")
    document.add_paragraph("现将有关事项通知如下。")
    document.add_paragraph("一、时间安排")
    document.add_paragraph("冬训工作从12月开始，至次年2月底结束。")
    document.add_paragraph("附件：1.党员冬训工作安排表")
    document.add_paragraph("2.党员冬训情况统计表")
    document.add_paragraph("中共平川区委组织部").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("2024年11月28日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for number, (title, body) in enumerate([("党员冬训工作安排表", "一、动员部署"),
                                            ("党员冬训情况统计表", "各单位如实填报参训人数。")], 1):
        if page_breaks:
            document.add_page_break()
        document.add_paragraph(label.replace("1", str(number)))
        document.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
        document.add_paragraph(body)
    document.save(path)
    return path


def test_signature_and_date_are_found_before_appended_attachments(tmp_path):
    rows = role_table(format_file(_notice(tmp_path / "通知.docx")).items)
    assert [(row[1], row[2]) for row in rows][7:] == [
        ("中共平川区委组织部", "落款"), ("2024年11月28日", "成文日期"),
        ("附件1", "附件标识"), ("党员冬训工作安排表", "标题"), ("一、动员部署", "一级标题"),
        ("附件2", "附件标识"), ("党员冬训情况统计表", "标题"), ("各单位如实填报参训人数。", "正文")]


def test_attachment_labels_are_found_without_page_breaks_and_in_their_other_forms(tmp_path):
    for label in ("附件1", "附件 1", "附件1："):
        items = format_file(_notice(tmp_path / "通知.docx", page_breaks=False, label=label)).items
        assert [i.label for i in items][7:11] == ["落款", "成文日期", "附件标识", "标题"], label


def test_a_colon_line_before_the_list_of_attachments_stays_the_attachment_note(tmp_path):
    source = tmp_path / "通知.txt"
    source.write_text("关于开展冬训的通知\n各单位：\n现将有关事项通知如下。\n一、时间安排\n冬训从12月开始。\n"
                      "附件：\n1.冬训安排表\n2.冬训统计表\n平川区委组织部\n2024年11月28日\n", encoding="utf-8")
    rows = role_table(format_file(source).items)
    assert [(row[1], row[2]) for row in rows][5:] == [
        ("附件：", "附件"), ("1.冬训安排表", "附件"), ("2.冬训统计表", "附件"),
        ("平川区委组织部", "落款"), ("2024年11月28日", "成文日期")]


def test_each_attachment_starts_a_page_with_its_label_top_left_and_its_title_centred(tmp_path):
    source = _notice(tmp_path / "通知.docx")
    target = tmp_path / "结果.docx"
    result = run_cli("format", str(source), "-o", str(target), "-q")
    assert result.code == 0, result.err
    xml = _xml(target)
    label = _paragraph_xml(xml, "附件1")
    assert "<w:pageBreakBefore/>" in label and 'w:eastAsia="黑体"' in label and 'w:firstLine="0"' in label
    assert '<w:pStyle w:val="Title"/>' in _paragraph_xml(xml, "党员冬训工作安排表")
    assert '<w:pStyle w:val="Signature"/>' in _paragraph_xml(xml, "中共平川区委组织部")
    assert xml.count('<w:br w:type="page"/>') == 0  # the user's breaks became the labels' own
    pages = _pages(target, tmp_path / "pdf")
    assert len(pages) == 3
    assert pages[0][-2:] == ["中共平川区委组织部", "2024年11月28日"]
    assert pages[1][:3] == ["附件1", "党员冬训工作安排表", "一、动员部署"]
    assert pages[2][:3] == ["附件2", "党员冬训情况统计表", "各单位如实填报参训人数。"]


# ---------------------------------------------------------------- the user's page breaks

def test_a_page_break_typed_between_paragraphs_is_kept(tmp_path):
    document = docx.Document()
    document.add_paragraph("在全县工作会议上的讲话").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("同志们：")
    document.add_paragraph("一、提高认识")
    document.add_paragraph("今天开会，主要是部署工作。")
    document.add_page_break()  # an empty paragraph holding the break (Ctrl+Enter at a line's end)
    document.add_paragraph("二、压实责任")
    broken = document.add_paragraph("各单位要抓好落实。")
    broken.runs[0].add_break(WD_BREAK.PAGE)  # a break after a paragraph's last text
    document.add_paragraph("三、强化保障")
    source = tmp_path / "讲话.docx"
    document.save(source)
    assert [p.page_break for p in read_source(source)] == [False, False, False, False, True, False, True]
    target = tmp_path / "结果.docx"
    result = run_cli("format", str(source), "-o", str(target), "-q")
    assert result.code == 0, result.err
    xml = _xml(target)
    assert "<w:pageBreakBefore/>" in _paragraph_xml(xml, "二、压实责任")
    assert "<w:pageBreakBefore/>" in _paragraph_xml(xml, "三、强化保障")
    assert "<w:pageBreakBefore/>" not in _paragraph_xml(xml, "一、提高认识")
    pages = _pages(target, tmp_path / "pdf")
    assert [page[0] for page in pages] == ["在全县工作会议上的讲话", "二、压实责任", "三、强化保障"]
