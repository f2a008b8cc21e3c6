"""structure.sequence, structure.style, structure.embedded, structure.subpoint."""

from __future__ import annotations

import pytest

from drafter.check import ERROR, HINT, CheckContext, check_paragraphs
from drafter.check.document import Draft, parse_heading


def structure_findings(paragraphs):
    return [f for f in check_paragraphs(paragraphs, CheckContext()) if f.rule.startswith("structure.")]


def structure(paragraphs):
    return [(f.rule, f.paragraph, f.snippet, f.severity) for f in structure_findings(paragraphs)]


BODY = "要切实提高认识，加强组织领导，确保各项任务落到实处。"


def speech(*headings: str) -> list[str]:
    paragraphs = ["在全镇安全生产工作会议上的讲话", "（2024年3月15日）", "同志们："]
    for heading in headings:
        paragraphs += [heading, BODY]
    return paragraphs


def test_well_formed_levels_are_clean():
    paragraphs = speech("一、提高认识", "（一）统一思想", "1.学习文件", "（1）原文", "（2）辅导",
                        "2.交流研讨", "（二）压实责任", "二、强化措施", "（一）排查隐患", "（二）整改落实",
                        "三、加强保障")
    assert structure(paragraphs) == []


def test_skipped_first_level():
    findings = structure(speech("一、提高认识", "二、强化措施", "四、加强保障"))
    assert findings == [("structure.sequence", 8, "四、", ERROR)]
    (f,) = structure_findings(speech("一、甲", "二、乙", "四、丁"))
    assert "缺少“三、”" in f.message


def test_out_of_order_and_repeated():
    findings = structure(speech("一、甲", "三、丙", "二、乙"))
    assert ("structure.sequence", 6, "三、", ERROR) in findings
    assert ("structure.sequence", 8, "二、", ERROR) in findings
    findings = structure(speech("一、甲", "二、乙", "二、丙"))
    assert findings == [("structure.sequence", 8, "二、", ERROR)]


def test_second_level_restarts_under_each_first_level():
    assert structure(speech("一、甲", "（一）子", "（二）丑", "二、乙", "（一）寅", "（二）卯")) == []
    findings = structure(speech("一、甲", "（一）子", "二、乙", "（二）丑"))
    assert findings == [("structure.sequence", 10, "（二）", ERROR)]


def test_first_heading_not_one():
    assert structure(speech("二、乙", "三、丙")) == [("structure.sequence", 4, "二、", ERROR)]


def test_mixed_bracket_styles():
    findings = structure(speech("一、甲", "（一）子", "(二)丑"))
    assert findings == [("structure.style", 8, "(二)", HINT)]
    (f,) = structure_findings(speech("一、甲", "（一）子", "(二)丑"))
    assert "不一致" in f.message and f.replacement == "（二）"


def test_nonstandard_separators():
    assert structure(speech("一.甲", "二.乙")) == [("structure.style", 4, "一.", HINT)]
    assert structure(speech("1、甲", "2、乙")) == [("structure.style", 4, "1、", HINT)]
    assert structure(speech("（一）、甲", "（二）、乙")) == [("structure.style", 4, "（一）、", HINT)]


def test_embedded_marker_filling_a_gap():
    paragraphs = ["讲话", "一、抓机制", "（一）建立防范机制",
                  "一是加强组织领导，二是完善工作制度，在处置问题（二）健全应急处置机制上，做到防患于未然。",
                  "建立监测系统，定期分析研判。", "（三）建立保障机制", BODY]
    findings = structure(paragraphs)
    assert ("structure.embedded", 4, "（二）健全应急处置机制上", ERROR) in findings
    assert ("structure.sequence", 6, "（三）", ERROR) in findings
    (seq,) = [f for f in structure_findings(paragraphs) if f.rule == "structure.sequence"]
    assert seq.related_paragraph == 4 and "第4段" in seq.message


def test_inline_enumeration_after_punctuation_is_fine():
    paragraphs = ["讲话", "一、工作要求", "主要有三点：（一）提高站位；（二）压实责任；（三）强化督导。"]
    assert structure(paragraphs) == []


def test_embedded_marker_that_fits_nothing_is_a_hint():
    paragraphs = ["讲话", "一、工作要求", "我们在工作中（五）强化制度建设方面还有差距，需要改进。"]
    assert structure(paragraphs) == [("structure.embedded", 3, "（五）强化制度建设方面还有差距", HINT)]


def test_subpoints_in_order():
    paragraphs = ["讲话", "一、工作要求",
                  "一是提高认识，二是加强领导；三是强化措施。四是严格考核。",
                  "一要明势。", "二要顺势。", "三要造势。",
                  "第一，要学习。第二，要落实。"]
    assert structure(paragraphs) == []


def test_subpoint_skipped():
    paragraphs = ["讲话", "一、工作要求", "一是提高认识，二是加强领导，四是严格考核。"]
    findings = [f for f in structure_findings(paragraphs) if f.rule == "structure.subpoint"]
    assert [(f.paragraph, f.snippet, f.severity) for f in findings] == [(3, "四是", HINT)]
    assert "缺少“三是”" in findings[0].message


def test_subpoints_across_paragraphs_and_reset_by_headings():
    paragraphs = ["讲话", "一、甲", "一要明势。", "三要造势。", "二、乙", "二要顺势。"]
    assert structure(paragraphs) == [("structure.subpoint", 4, "三要", HINT),
                                     ("structure.subpoint", 6, "二要", ERROR)]


def test_words_containing_numerals_are_not_subpoints():
    paragraphs = ["讲话", "思想统一是前提，统一要求是关键，主任要履行好第一责任，进一步要求各股室落实。"]
    assert structure(paragraphs) == []


@pytest.mark.parametrize("text, family, number, standard", [
    ("一、抓认识", "cn", 1, True),
    ("十二、其他", "cn", 12, True),
    ("（三）建立机制", "cn-paren", 3, True),
    ("(三)建立机制", "cn-paren", 3, False),
    ("1.学习", "arabic", 1, True),
    ("1、学习", "arabic", 1, False),
    ("（2）辅导", "arabic-paren", 2, True),
])
def test_parse_heading(text, family, number, standard):
    h = parse_heading(0, text)
    assert (h.family, h.number, h.standard) == (family, number, standard)


@pytest.mark.parametrize("text", ["一是提高认识", "2022年工作", "1.5倍", "（2022年1月25日）", "一季度"])
def test_not_headings(text):
    assert parse_heading(0, text) is None


def test_front_matter():
    draft = Draft.from_paragraphs(["标题", "党组书记、局长　张三", "（2024年3月15日）", "同志们：", "一、甲"])
    assert draft.front == [0, 1, 2]
    assert list(draft.headings) == [4]


def test_subpoints_starting_at_two():
    paragraphs = ["讲话", "一、工作要求", "二是加强网络管理，三是加强队伍建设。"]
    (f,) = structure_findings(paragraphs)
    assert (f.rule, f.paragraph, f.snippet, f.severity) == ("structure.subpoint", 3, "二是", ERROR)
    assert "前面没有“一是”" in f.message
    assert structure(["讲话", "首先要统一思想。第二，要压实责任。"]) == []


def test_top_level_headings_run_into_the_text():
    paragraphs = ["关于意识形态工作情况的汇报",
                  "今年以来，我局高度重视，现将有关情况汇报如下一、加强组织领导，压实责任。局党组专题研究。",
                  "坚决抵制错误的言论。二、坚持教育培训，提升能力。组织干部参加培训。",
                  "三、强化阵地管理", BODY]
    findings = structure(paragraphs)
    assert ("structure.embedded", 2, "一、加强组织领导", ERROR) in findings
    assert ("structure.embedded", 3, "二、坚持教育培训", ERROR) in findings
    (seq,) = [f for f in structure_findings(paragraphs) if f.rule == "structure.sequence"]
    assert seq.related_paragraph == 2


def test_heading_opening_its_paragraph_and_running_on_is_accepted():
    paragraphs = ["讲话", "一、抓理论武装。年初制定学习计划。", "（一）抓好理论武装。年初召开会议。",
                  "（二）抓好阵地管理。规范网站内容。", "二、抓队伍建设。加强培训。"]
    assert structure(paragraphs) == []


def test_inline_top_level_enumeration_after_a_colon_is_fine():
    assert structure(["讲话", "一、工作要求", "主要有三点：一、提高站位；二、压实责任；三、强化督导。"]) == []


def test_second_level_heading_run_on_after_a_full_stop():
    paragraphs = ["讲话", "一、履职情况",
                  "（一）压实党建责任。签订目标责任书12份。（二）建强基层组织。整顿软弱涣散村党组织2个。",
                  "（三）抓好队伍建设。举办培训班4期。"]
    findings = structure(paragraphs)
    assert ("structure.embedded", 3, "（二）建强基层组织", ERROR) in findings


# -- drafter format's own output: attachment lists and a second part with its own title --

CLOSING = ["特此报告。", "附件：1.意识形态工作台账", "2.学习记录", "3.考核情况表", "清河县审计局", "2024年12月20日"]


def test_an_attachment_list_after_the_text_is_no_heading_sequence():
    paragraphs = speech("一、提高认识", "（一）统一思想", "二、强化措施") + CLOSING
    assert structure(paragraphs) == []
    # an attachment list of its own lines under a bare 附件：
    assert structure(speech("一、提高认识") + ["附件：", "1.工作台账", "2.学习记录"]) == []


def test_numbers_after_the_attachment_list_are_still_checked():
    # a third-level 2. that is not part of an attachment list still lacks its 1.
    paragraphs = speech("一、提高认识", "2.学习文件")
    assert structure(paragraphs) == [("structure.sequence", 6, "2.", ERROR)]
    # once a body paragraph ends the list, numbers are headings again
    paragraphs = speech("一、提高认识") + ["附件：1.工作台账", BODY, "3.落实制度"]
    assert [f[:3] for f in structure(paragraphs)] == [("structure.sequence", 8, "3.")]


def test_first_level_numbers_restart_under_a_second_title():
    two_speeches = speech("一、提高认识", "二、强化措施") + ["在全镇防汛工作会议上的讲话", "（2024年6月3日）", "同志们：",
                                                      "一、认清形势", BODY, "二、压实责任", BODY]
    assert structure(two_speeches) == []
    with_attachment = speech("一、提高认识", "二、强化措施") + CLOSING + ["附件1", "意识形态工作台账", "一、基本情况", BODY,
                                                                     "二、存在问题", BODY]
    assert structure(with_attachment) == []


def test_a_repeated_or_skipped_number_in_the_second_part_is_still_reported():
    paragraphs = speech("一、提高认识", "二、强化措施") + ["在全镇防汛工作会议上的讲话", "一、认清形势", BODY,
                                                    "三、压实责任", BODY]
    assert structure(paragraphs) == [("structure.sequence", 11, "三、", ERROR)]


def test_a_repeated_first_number_without_a_title_between_is_reported():
    assert structure(speech("一、提高认识", "二、强化措施", "一、加强保障")) == [("structure.sequence", 8, "一、", ERROR)]
    # a table's cells are short lines too, but more than a title's few
    table = ["项目", "次数", "参加人数", "集中学习", "12", "45"]
    paragraphs = speech("一、提高认识", "二、强化措施") + table + ["一、加强保障", BODY]
    assert [f[:3] for f in structure(paragraphs)] == [("structure.sequence", 14, "一、")]


def test_format_output_with_an_attachment_list_and_a_second_part_checks_clean(tmp_path):
    from conftest import run_cli

    source = tmp_path / "报告.txt"
    source.write_text("关于2024年度工作情况的报告\n一、基本情况\n全年完成审计项目36个。\n二、存在问题\n"
                      "部分项目进度偏慢。\n特此报告。\n附件：1.审计项目清单\n2.整改台账\n清河县审计局\n2024年12月20日\n"
                      "附件1\n审计项目清单说明\n一、项目来源\n项目由县政府下达。\n二、完成方式\n采取现场审计方式。\n",
                      encoding="utf-8")
    result = run_cli("format", str(source))
    assert result.code == 0, result.err
    assert "structure.sequence" not in result.err
    checked = run_cli("check", str(tmp_path / "报告-排版.docx"))
    assert "structure.sequence" not in checked.out + checked.err


def test_a_title_after_a_table_still_starts_a_new_part():
    table = ["项目", "次数", "参加人数", "集中学习", "12", "45"]
    paragraphs = speech("一、提高认识") + table + [BODY, "在全镇防汛工作会议上的讲话", "一、认清形势", BODY]
    assert structure(paragraphs) == []


def test_two_numbers_in_a_row_open_no_heading():
    """二、三季度 names two quarters: no heading 二 whose number 二、 then repeats."""
    paragraphs = ["柳河镇2024年工作汇报", "一、主要工作", "一季度签约项目三个。",
                  "二、三季度因连续降雨，部分工地停工。", "二、存在问题", "项目储备不足。"]
    assert structure(paragraphs) == []
    assert parse_heading(0, "二、三季度因连续降雨，部分工地停工。") is None
    assert parse_heading(0, "一、三项重点任务").number == 1  # a title that opens with a numeral


def test_two_numbers_in_a_row_after_a_full_stop_are_no_embedded_heading():
    paragraphs = ["柳河镇2024年工作汇报", "一、主要工作",
                  "上半年完成投资八千万元。二、三季度受连续降雨影响，进度放缓。"]
    assert structure(paragraphs) == []


@pytest.mark.parametrize("reference", ["第（三）条", "第（二）项"])
def test_a_marker_after_di_refers_to_an_item(reference):
    paragraphs = ["柳河镇2024年工作汇报", "一、主要工作",
                  f"对照巡察反馈意见，我镇逐条抓好整改，意见中{reference}所列问题已整改完毕。"]
    assert structure(paragraphs) == []
