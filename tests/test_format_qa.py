"""drafter format on the slips a QA tester typed: a heading run into the text after a
half-width "." (found as after "。"), a 请示's closing line typed with half-width marks, the
closing formulas of reports and 请示, half-width marks in table cells and after a percentage.
Role tables, the .docx read back with docx2python and through LibreOffice → pdftotext."""

from __future__ import annotations

import docx
import pytest
from docx2python import docx2python

from conftest import run_cli
from drafter.pdf import convert
from drafter.wordin.layout import layout, role_table
from drafter.wordin.roles import detect
from drafter.wordin.source import Cell, SourceParagraph
from test_format_command import lines_of, pdf_text

# An archive's yearly report typed with half-width full stops: one ends the first words of
# a second-level heading, one stands before a first-level heading swallowed at a paragraph's end.
HALF_WIDTH_REPORT = [
    "关于2023年度档案工作情况的报告",
    "县档案局:",
    "现将我馆2023年度档案工作情况报告如下:",
    "一、工作开展情况",
    "(一)健全工作制度.馆务会专题研究档案工作3次,修订管理办法2项。",
    "(二)加强库房管理。开展安全检查4次,整改隐患6处.二、存在的不足",
    "库房面积不足,数字化进度偏慢。",
    "三、下一步打算",
    "继续抓好档案安全工作。",
    "特此报告.",
    "清河县档案馆",
    "2024年1月10日",
]
# The same report with the two full stops typed full-width
FULL_STOP_REPORT = [text.replace("制度.", "制度。").replace("6处.", "6处。") for text in HALF_WIDTH_REPORT]


def formatted_report(texts: list[str]):
    return layout(detect([SourceParagraph(text) for text in texts]), split_headings=True)


def test_a_half_width_full_stop_before_a_heading_is_read_as_a_full_width_one():
    half, full = formatted_report(HALF_WIDTH_REPORT), formatted_report(FULL_STOP_REPORT)
    assert [block.display for block in half.document.blocks] == [block.display for block in full.document.blocks]
    assert [(item.source, item.label) for item in half.items] == [(item.source, item.label) for item in full.items]
    headings = [block.display for block in half.document.blocks if block.type.name == "HEADING"]
    assert headings == ["一、工作开展情况", "（一）健全工作制度", "（二）加强库房管理", "二、存在的不足", "三、下一步打算"]
    rows = role_table(half.items)
    assert ("6", "二、存在的不足", "一级标题", "原连在上一段末尾，拆为单独的小标题") in rows
    assert not any("编号“三、”" in row[3] for row in rows)  # 三、 keeps its number


def test_each_punctuation_correction_is_reported_once():
    rows = role_table(formatted_report(HALF_WIDTH_REPORT).items)
    notes = {source: "；".join(row[3] for row in rows if row[0] == source) for source, *_ in rows}
    assert notes["5"].count("半角“.”改为全角“。”") == 1 and notes["5"].count("半角“,”改为全角“，”") == 1
    assert notes["6"].count("半角“.”改为全角“。”") == 1 and notes["6"].count("半角“,”改为全角“，”") == 1
    assert "（2 处）" not in notes["5"] + notes["6"]
    assert notes["10"] == "半角“.”改为全角“。”"
    assert notes["11"] == notes["12"] == ""


def test_format_writes_the_heading_found_after_a_half_width_full_stop(tmp_path):
    source = tmp_path / "档案报告.txt"
    source.write_text("\n".join(HALF_WIDTH_REPORT) + "\n", encoding="utf-8")
    target = tmp_path / "档案报告-排版.docx"
    result = run_cli("format", str(source), "--split-headings", "-o", str(target))
    assert result.code == 0, result.err
    with docx2python(str(target)) as read:
        paragraphs = [text for text in read.text.splitlines() if text.strip()]
    assert paragraphs[paragraphs.index("（一）健全工作制度"):paragraphs.index("三、下一步打算") + 1] == [
        "（一）健全工作制度", "馆务会专题研究档案工作3次，修订管理办法2项。",
        "（二）加强库房管理", "开展安全检查4次，整改隐患6处。",
        "二、存在的不足", "库房面积不足，数字化进度偏慢。", "三、下一步打算"]
    lines = lines_of(pdf_text(convert([target], tmp_path / "pdf")[target]))
    assert "二、存在的不足" in lines and "三、下一步打算" in lines and "特此报告。" in lines
    assert lines.index("（二）加强库房管理") < lines.index("二、存在的不足") < lines.index("三、下一步打算")


REQUEST = ["关于增设便民服务窗口的请示", "县人民政府:", "为方便群众办事,拟在政务大厅增设窗口2个.",
           "妥否,请批示.", "清河县行政审批局", "2024年5月8日"]


def test_a_requests_closing_line_typed_half_width_is_its_closing_not_its_signature(tmp_path):
    formatted = layout(detect([SourceParagraph(text) for text in REQUEST]))
    assert [(item.label, item.text) for item in formatted.items[3:]] == [
        ("结束语", "妥否，请批示。"), ("落款", "清河县行政审批局"), ("成文日期", "2024年5月8日")]
    assert formatted.items[3].notes == ["半角“,”改为全角“，”", "半角“.”改为全角“。”"]
    source = tmp_path / "请示.txt"
    source.write_text("\n".join(REQUEST) + "\n", encoding="utf-8")
    assert run_cli("format", str(source)).code == 0
    paragraphs = {p.text: p.style.name for p in docx.Document(str(tmp_path / "请示-排版.docx")).paragraphs}
    assert paragraphs["妥否，请批示。"] == "结束语" and paragraphs["清河县行政审批局"] == "落款"


@pytest.mark.parametrize("closing", ["特此报告。", "特此汇报。", "特此请示。", "专此报告。", "以上报告，请审阅。",
                                     "以上汇报，请审议。", "妥否，请批示。", "当否，请批示。",
                                     "以上请示如无不妥，请批准。", "谢谢大家！"])
def test_the_usual_closing_formulas(closing):
    items = detect([SourceParagraph(text) for text in
                    ("桃李村第一季度工作汇报", "一、工作情况", "完成春耕备耕。", closing, "桃李村民委员会", "二〇二四年四月二日")])
    assert [item.label for item in items[3:]] == ["结束语", "落款", "成文日期"]


@pytest.mark.parametrize("body", ["请审阅的材料已经印发各单位。", "特此期间要加强值守。", "谢谢大家的支持，我们要继续努力。"])
def test_sentences_that_only_begin_like_a_closing_are_body(body):
    items = detect([SourceParagraph(text) for text in ("工作汇报", "一、工作情况", body, "完成任务。")])
    assert items[2].label == "正文"


def test_learn_keeps_特此汇报_out_of_the_last_section(tmp_path):
    source = tmp_path / "汇报.txt"
    source.write_text("\n".join([
        "桃李村2024年第一季度工作情况汇报", "镇党委：", "现将我村一季度工作情况汇报如下：",
        "一、主要工作", "村“两委”带领群众完成春耕备耕，修缮灌溉渠道2公里。",
        "二、下一步打算", "继续抓好农田水利建设。", "特此汇报。", "桃李村民委员会", "二〇二四年四月二日"]) + "\n",
        encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "村汇报.j2"),
                     "--unit", "桃李村民委员会", "--kind", "村", "--accept", "none")
    assert result.code == 0, result.err
    template = (tmp_path / "templates" / "村汇报.j2").read_text(encoding="utf-8")
    last_section = template[template.index("{% block 下一步打算 %}"):]
    last_section = last_section[:last_section.index("{% endblock %}")]
    assert "特此汇报" not in last_section
    assert "{% block closing %}\n@closing 特此汇报。\n{% endblock %}" in template


def _report_with_a_table(path):
    document = docx.Document()
    for text in ("关于安全生产检查情况的报告", "一、检查情况", "全县共检查企业1,200家,合格率达到99.5%.", "检查结果见下表."):
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate([("乡镇", "检查时间", "完成情况"), ("东坡镇", "10:30", "已完成,整改率100%"),
                                 ("西岭乡", "14:00", "基本完成;余2家")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph("二、下一步打算")
    document.add_paragraph("继续抓好隐患整改。")
    document.save(str(path))
    return path


def test_table_cells_get_the_body_texts_corrections_and_check_finds_none_left(tmp_path):
    source = _report_with_a_table(tmp_path / "检查报告.docx")
    dry = run_cli("format", str(source), "--dry-run")
    table_row = next(line for line in dry.out.splitlines() if "表格" in line)
    assert "半角“,”改为全角“，”" in table_row and "半角“;”改为全角“；”" in table_row
    result = run_cli("format", str(source))
    assert result.code == 0, result.err
    assert "halfwidth-punct" not in result.err + result.out
    target = tmp_path / "检查报告-排版.docx"
    with docx2python(str(target)) as read:
        rows = [[cell[0] for cell in row] for block in read.body if len(block) > 1 for row in block]
        text = read.text
    assert rows == [["乡镇", "检查时间", "完成情况"], ["东坡镇", "10:30", "已完成，整改率100%"],
                    ["西岭乡", "14:00", "基本完成；余2家"]]
    assert "全县共检查企业1,200家，合格率达到99.5%。" in text and "检查结果见下表。" in text


def test_cells_of_a_table_item_are_corrected_once_and_noted_once():
    items = detect([SourceParagraph("报告"), SourceParagraph("一、情况"),
                    SourceParagraph("已完成,整改率100%", cell=Cell(0, 0, 0)),
                    SourceParagraph("未完成,正在整改", cell=Cell(0, 1, 0)), SourceParagraph("完成任务。")])
    formatted = layout(items)
    table = formatted.items[2]
    assert table.rows == [["已完成，整改率100%"], ["未完成，正在整改"]]
    assert table.notes[1:] == ["半角“,”改为全角“，”（2 处）"]
