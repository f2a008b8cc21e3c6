"""placeholder.* — template stand-ins left unfilled are errors (drafter/data/rules/placeholder.yaml)."""

from __future__ import annotations

import pytest

from drafter.check import ERROR, check_paragraphs, has_errors


def placeholders(*paragraphs):
    return [(f.rule, f.paragraph, f.snippet, f.severity)
            for f in check_paragraphs(["工作情况报告", *paragraphs]) if f.rule.startswith("placeholder.")]


@pytest.mark.parametrize("sentence, rule, snippet", [
    ("XXX街道认真落实意识形态工作责任制。", "placeholder.x-letters", "XXX"),
    ("xx党组专题研究意识形态工作。", "placeholder.x-letters", "xx"),
    ("20xx年上半年，我局扎实推进各项工作。", "placeholder.x-year", "20xx"),
    ("202X年，我们取得了新成效。", "placeholder.x-year", "202X"),
    ("X年X月X日召开专题会议。", "placeholder.x-date", "X年X月X日"),
    ("参加人员：××、××。", "placeholder.x-letters", "××"),
    ("通过AAA公众号发布信息。", "placeholder.letter-stand-in", "AAA"),
    ("在X的领导下，各项工作有序推进。", "placeholder.x-single", "X"),
    ("共排查风险隐患*条，全部整改。", "placeholder.masked", "*"),
    ("以******关于意识形态工作的论述为指导。", "placeholder.masked", "******"),
    ("年一季度，我镇召开会议2次。", "placeholder.missing-year", "年"),
    ("一、年第一季度工作情况", "placeholder.missing-year", "年"),
    ("中共市委召开专题会议。", "placeholder.missing-name", "中共"),
    ("开展“”主题活动。", "placeholder.empty-quotes", "“”"),
    ("组织学习《》。", "placeholder.empty-quotes", "《》"),
    ("某某县某某局高度重视。", "placeholder.mou-mou", "某某"),
    ("张某某同志作了发言。", "placeholder.mou-mou", "某某"),
    ("共发现问题____个。", "placeholder.blank-line", "____"),
    ("【单位名称】全体干部参加。", "placeholder.bracketed-instruction", "【单位名称】"),
    ("年  月  日", "placeholder.blank-date", "年  月  日"),
    ("理论学习覆盖率达 xx.x%。", "placeholder.x-letters", "xx"),
    ("党员干部撰写学习笔记人均 x万余字。", "placeholder.x-single", "x"),
    ("创新机制,x名区领导到分管领域宣讲。", "placeholder.x-single", "x"),
    ("以_新时代中国特色社会主义思想为指导。", "placeholder.blank-line", "_"),
    ("20__年以来，__镇党委认真落实。", "placeholder.blank-line", "__"),
])
def test_placeholder_is_an_error(sentence, rule, snippet):
    findings = placeholders(sentence)
    assert (rule, 2, snippet, ERROR) in findings
    assert has_errors(check_paragraphs(["报告", sentence]))


def test_one_finding_for_a_placeholder_date():
    assert placeholders("X年X月X日召开会议。") == [("placeholder.x-date", 2, "X年X月X日", ERROR)]


def test_filled_year_before_a_quarter_is_one_finding_only():
    assert placeholders("20xx年上半年工作总结") == [("placeholder.x-year", 2, "20xx", ERROR)]


@pytest.mark.parametrize("sentence", [
    "体检时拍了X光片，使用X射线设备。",
    "本区有AAAA级景区3个，聚餐实行AA制。",
    "采购XXL号服装和XX-200型设备，访问www.xx.com网站。",
    "2023年上半年、今年1-6月、去年上半年、全年、上年一季度、2024 年第一季度都写了年份。",
    "二○二三年三月，我们召开了会议。",
    "中共中央、中共某地市委等写法不在此列：中共中央宣传部。",
    "落实“三会一课”制度，学习《中国共产党章程》。",
    "（以下简称“条例”）（时间：2023年3月）",
    "某单位某同志的做法值得借鉴。",
    "采用 x86 架构和 2x3 矩阵，变量 snake_case。",
])
def test_text_that_is_not_a_placeholder(sentence):
    assert placeholders(sentence) == []
