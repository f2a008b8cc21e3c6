"""wording.* — the curated rules of drafter/data/rules/wording.yaml."""

from __future__ import annotations

import pytest

from drafter.check import ERROR, HINT, CheckContext, check_paragraphs
from drafter.check.rules import shipped_rules


def wording(*sentences):
    paragraphs = ["讲话", *sentences]
    return [f for f in check_paragraphs(paragraphs, CheckContext()) if f.rule.startswith("wording.")]


@pytest.mark.parametrize("sentence, rule, snippet, replacement", [
    ("意识形态工作是极端十分重要的工作。", "wording.extremely-very", "极端十分", "极端"),
    ("这项工作非常十分重要。", "wording.double-degree", "非常十分", None),
    ("我讲一下几点意见。", "wording.yixia-yixia", "一下几点", "以下几点"),
    ("下面讲一下几个方面的问题。", "wording.yixia-yixia", "一下几个方面", "以下几个方面"),
    ("截止目前，已完成80%。", "wording.deadline", "截止", "截至"),
    ("截止2023年底，共建成5个站点。", "wording.deadline", "截止", "截至"),
    ("截至到6月底，已全部完成。", "wording.up-to-including", "截至到", "截至"),
    ("做为第一责任人，要亲自抓。", "wording.zuowei", "做为", "作为"),
    ("参会人员大约200人左右。", "wording.about-around", "大约200人左右", None),
    ("合格率超过95%以上。", "wording.exceed-above", "超过95%以上", None),
    ("这样做的目的是为了提高效率。", "wording.purpose-is-for", "目的是为了", None),
    ("通过学习，使大家提高了认识。", "wording.through-makes", "通过学习，使", None),
    ("事故率下降了2倍。", "wording.times-decrease", "下降了2倍", None),
    ("要牢牢的掌握领导权。", "wording.adverbial-de", "牢牢的", "牢牢地"),
    ("这是我们的的责任。", "wording.double-de", "的的", "的"),
    ("要再接再励，争取更大成绩。", "wording.typo-zaijiezaili", "再接再励", "再接再厉"),
    ("认真布署各项工作。", "wording.typo-bushu", "布署", "部署"),
    ("要防范于未然。", "wording.typo-fanghuan", "防范于未然", "防患于未然"),
    ("学习《条例》、《规定》。", "wording.quote-enumeration-comma", "》、《", "》《"),
    ("要抓好落实，，确保实效。", "wording.punct-clash", "，，", None),
    ("等等…", "wording.ellipsis", "…", "……"),
    ("22年3月召开会议。", "wording.short-year", "22年", None),
])
def test_rule_fires(sentence, rule, snippet, replacement):
    findings = [f for f in wording(sentence) if f.rule == rule]
    assert [(f.snippet, f.replacement) for f in findings] == [(snippet, replacement)]
    f = findings[0]
    assert f.paragraph == 2 and f.column == sentence.index(snippet) + 1
    assert f.source, "every rule cites its source"


@pytest.mark.parametrize("sentence", [
    "意识形态工作是党的一项极端重要的工作。",
    "我讲以下几点意见。大家先讨论一下，几点钟开会另行通知。",
    "报名已经截止。截止日期为6月30日。截至目前，已完成80%。截止到6月底，已全部完成。",
    "作为第一责任人，要亲自抓。要做为民服务的好干部。",
    "参会人员约200人。节约50吨左右的用水。",
    "超过以上标准的，要及时报告。",
    "这样做的目的是提高效率。",
    "大家通过学习，提高了认识。通过学习使用新系统。",
    "事故率下降了一半，产量增长了2倍。",
    "要牢牢地掌握领导权，这是切实的措施，认真的态度，积极的推动作用。",
    "的的确确，我们的责任重大。",
    "学习《条例》《规定》和“三会一课”、“主题党日”制度。",
    "要抓好落实，确保实效……",
    "2022年3月召开会议。近10年3个月来工作顺利。",
    "时间:2022-01-25",
])
def test_correct_text_is_clean(sentence):
    findings = [f for f in wording(sentence) if f.rule != "wording.quote-enumeration-comma"
                or "“三会一课”、“主题党日”" not in sentence]
    assert findings == []


def test_quoted_items_separated_by_enumeration_comma_are_hinted():
    (f,) = wording("落实“三会一课”、“主题党日”制度。")
    assert (f.rule, f.severity, f.replacement) == ("wording.quote-enumeration-comma", HINT, "”“")


def test_halfwidth_punctuation_is_reported_once():
    findings = wording("今年以来,我们高度重视;成效明显:一是学习,二是宣传。", "又如,这样。")
    (f,) = [f for f in findings if f.rule == "wording.halfwidth-punct"]
    assert f.severity == HINT and f.paragraph == 2
    assert "全文共 5 处" in f.message and "第2、3段" in f.message
    assert f.extra["count"] == 5


def test_overlapping_rules_report_once():
    findings = wording("这是十分极端重要的工作。")
    assert [f.rule for f in findings] == ["wording.extremely-very"]


def test_every_shipped_rule_has_a_note_and_an_id():
    rules = shipped_rules()
    assert len(rules.wording) >= 40
    for rule in rules.wording + rules.formulations:
        assert rule.source, rule.id
        assert rule.severity in (ERROR, HINT)
    ids = [r.rule_id for r in rules.wording + rules.formulations]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("sentence, rule, snippet, replacement", [
    ("各村建立工作台帐。", "wording.typo-taizhang", "台帐", "台账"),
    ("其它工作同步推进。", "wording.other-qita", "其它", "其他"),
    ("把意识形态工作纳入议事议程。", "wording.agenda", "议事议程", "议事日程"),
    ("书记在全县意识形态工作会议指出，要压实责任。", "wording.meeting-on", "在全县意识形态工作会议",
     "在全县意识形态工作会议上"),
    ("意识形态工作是党的一项极其重要的工作。", "wording.ideology-extremely-important",
     "意识形态工作是党的一项极其重要", "意识形态工作是党的一项极端重要"),
    ("认真学习贯彻二十大精神。", "wording.congress-without-party", "二十大", "党的二十大"),
    ("工作取得新成效.下一步继续努力。", "wording.ascii-period", ".", "。"),
])
def test_recurring_misusages(sentence, rule, snippet, replacement):
    found = [(f.snippet, f.replacement) for f in wording(sentence) if f.rule == rule]
    assert found == [(snippet, replacement)]


@pytest.mark.parametrize("sentence", [
    "在全县意识形态工作会议上指出，要压实责任。",
    "深入学习贯彻党的二十大精神和十九届六中全会精神。",
    "意识形态工作是党的一项极端重要的工作。",
    "访问www.gov.cn网站，版本1.2。",
])
def test_correct_forms_of_the_recurring_misusages(sentence):
    assert wording(sentence) == []


def test_a_list_with_two_wrong_commas_is_one_finding():
    (f,) = wording("落实“三会一课”、“主题党日”、“组织生活会”制度。")
    assert f.rule == "wording.quote-enumeration-comma" and "本句共 2 处" in f.message
    assert len(wording("学习“甲”、“乙”。推行“丙”、“丁”。")) == 2  # two sentences, two lists
