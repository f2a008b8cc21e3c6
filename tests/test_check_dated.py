"""dated.* — formulations the meeting date makes out of date (drafter/data/formulations.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.check import ERROR, HINT, CheckContext, check_paragraphs


def dated(paragraphs, day=None):
    context = CheckContext(date=day)
    return [(f.rule, f.paragraph, f.snippet, f.severity)
            for f in check_paragraphs(paragraphs, context) if f.rule.startswith("dated.")]


TEXT = ["在全区宣传思想工作会议上的讲话",
        "当前，要把学习宣传贯彻党的十九大精神作为首要政治任务，持续学习十九届六中全会精神。"]


def test_before_the_twentieth_congress_nothing():
    assert dated(TEXT, dt.date(2022, 1, 25)) == []
    assert dated(TEXT, dt.date(2022, 10, 16)) == []  # the opening day itself


def test_after_the_twentieth_congress():
    findings = check_paragraphs(TEXT, CheckContext(date=dt.date(2022, 10, 17)))
    spirit = [f for f in findings if f.rule == "dated.nineteenth-congress-spirit"]
    assert [(f.snippet, f.severity, f.replacement) for f in spirit] == [
        ("党的十九大精神", ERROR, "党的二十大精神")]
    assert "2022年10月17日" in spirit[0].message
    plenum = [f for f in findings if f.rule == "dated.nineteenth-plenums"]
    assert [(f.snippet, f.severity) for f in plenum] == [("十九届六中全会", HINT)]


def test_without_a_date_nothing_is_checked():
    assert dated(TEXT) == []


def test_date_from_the_byline():
    paragraphs = [TEXT[0], "（2023年3月1日）", TEXT[1]]
    assert ("dated.nineteenth-congress-spirit", 3, "党的十九大精神", ERROR) in dated(paragraphs)


@pytest.mark.parametrize("byline", ["（二〇二三年三月一日）", "二○二三年三月一日", "张三　二〇二三年三月一日"])
def test_date_in_chinese_numerals_from_the_byline(byline):
    paragraphs = [TEXT[0], byline, TEXT[1]]
    assert ("dated.nineteenth-congress-spirit", 3, "党的十九大精神", ERROR) in dated(paragraphs)
    assert dated([TEXT[0], byline.replace("二〇二三", "二〇二二").replace("二○二三", "二○二二"), TEXT[1]]) == []


def test_a_chinese_numeral_date_that_does_not_exist_is_no_date():
    assert dated([TEXT[0], "（二〇二三年二月三十日）", TEXT[1]]) == []


def test_given_date_wins_over_the_byline():
    paragraphs = [TEXT[0], "（2023年3月1日）", TEXT[1]]
    assert dated(paragraphs, dt.date(2022, 1, 1)) == []


def test_too_early_for_the_twentieth_congress():
    paragraphs = ["讲话", "深入学习贯彻党的二十大精神。", "迎接党的二十大胜利召开。"]
    assert dated(paragraphs, dt.date(2022, 5, 1)) == [
        ("dated.twentieth-congress-too-early", 2, "党的二十大精神", ERROR)]
    assert dated(paragraphs, dt.date(2023, 5, 1)) == [
        ("dated.welcome-twentieth-congress", 3, "迎接党的二十大", HINT)]


@pytest.mark.parametrize("sentence, day, rule", [
    ("为实现“两个一百年”奋斗目标而努力奋斗。", dt.date(2021, 7, 2), "dated.two-centenary-goals"),
    ("决胜全面建成小康社会。", dt.date(2021, 8, 1), "dated.moderately-prosperous-goal"),
    ("坚决打赢脱贫攻坚战。", dt.date(2021, 3, 1), "dated.poverty-battle"),
    ("做好新冠肺炎疫情防控。", dt.date(2023, 1, 10), "dated.covid-name-short"),
    ("学习党的十八大精神。", dt.date(2018, 1, 10), "dated.eighteenth-congress-spirit"),
    ("喜迎建党100周年。", dt.date(2021, 9, 1), "dated.welcome-centenary"),
])
def test_formulations_out_of_date(sentence, day, rule):
    paragraphs = ["讲话", sentence]
    assert [r for r, *_ in dated(paragraphs, day)] == [rule]
    before = dt.date(2016, 1, 1) if rule == "dated.eighteenth-congress-spirit" else dt.date(2020, 1, 1)
    assert dated(paragraphs, before) == []


@pytest.mark.parametrize("sentence", [
    "我们实现了第一个百年奋斗目标，正在向第二个百年奋斗目标进军。",
    "党的十八大以来，我国全面建成了小康社会，打赢了脱贫攻坚战。",
    "为全面建设社会主义现代化国家而团结奋斗。",
    "深入学习贯彻党的二十大精神。",
])
def test_current_formulations_are_clean(sentence):
    assert dated(["讲话", sentence], dt.date(2024, 3, 1)) == []


def test_date_under_a_report_signature():
    paragraphs = ["某某村关于第一季度工作情况的报告", "镇党委：", "深入学习贯彻党的十九大精神。",
                  "某某村", "2023年3月31日"]
    assert dated(paragraphs) == [("dated.nineteenth-congress-spirit", 3, "党的十九大精神", ERROR)]


def test_a_date_inside_a_sentence_is_not_the_meeting_date_but_bounds_its_year():
    paragraphs = ["讲话", "截至2023年6月30日，已学习党的十九大精神。"]
    (f,) = [f for f in check_paragraphs(paragraphs) if f.rule.startswith("dated.")]
    assert f.rule == "dated.nineteenth-congress-spirit" and "（文稿年份：2023年）" in f.message
    assert "会议日期" not in f.message


def test_year_in_the_title_bounds_the_meeting_date():
    paragraphs = ["2023年上半年意识形态工作情况报告", "一、主要工作", "深入学习贯彻党的十九大精神。"]
    assert dated(paragraphs) == [("dated.nineteenth-congress-spirit", 3, "党的十九大精神", ERROR)]
    # 2022: the congress may not have opened yet
    assert dated([paragraphs[0].replace("2023", "2022"), *paragraphs[1:]]) == []


def test_any_year_in_the_title_is_the_drafts_year():
    paragraphs = ["王庄村党支部书记2023年抓基层党建工作述职报告", "组织党员开展“两学一做”学习教育。"]
    assert [r for r, *_ in dated(paragraphs)] == ["dated.two-studies-one-action"]


def test_an_agenda_that_reviews_last_year_is_not_the_past():
    paragraphs = ["讲话", "主要任务是学习贯彻党的十九大精神，回顾总结去年工作，安排部署今年任务。"]
    assert [r for r, *_ in dated(paragraphs, dt.date(2023, 3, 16))] == ["dated.nineteenth-congress-spirit"]


def test_nineteenth_congress_and_its_plenums():
    paragraphs = ["讲话", "深入学习贯彻党的十九大和十九届历次全会精神。"]
    assert dated(paragraphs, dt.date(2023, 3, 16)) == [
        ("dated.nineteenth-congress-spirit", 2, "党的十九大和十九届历次全会精神", ERROR)]


def test_a_plans_year_is_not_the_drafts_year():
    assert dated(["讲话", "到2035年基本实现现代化，学习党的十九大精神。"]) == []
    assert dated(["讲话", "到2035年，基本实现现代化。学习党的十九大精神。"]) == []
    assert dated(["讲话", "2023年，我办学习党的十九大精神。"])[0][0] == "dated.nineteenth-congress-spirit"


@pytest.mark.parametrize("sentence, day, rule", [
    ("深入学习贯彻习近平总书记系列重要讲话精神。", dt.date(2018, 3, 1), "dated.series-speeches"),
    ("扎实推进“两学一做”学习教育常态化制度化。", dt.date(2020, 3, 1), "dated.two-studies-one-action"),
    ("全县卫生计生工作稳步推进。", dt.date(2019, 3, 1), "dated.health-family-planning"),
    ("扎实开展“不忘初心、牢记使命”主题教育。", dt.date(2021, 3, 1), "dated.original-aspiration-campaign"),
    ("持续深化“不忘初心、牢记使命”主题教育。", dt.date(2024, 4, 8), "dated.original-aspiration-campaign"),
    ("今年，我们扎实开展党史学习教育。", dt.date(2023, 3, 1), "dated.party-history-campaign"),
    ("深入学习贯彻党的十七大精神。", dt.date(2013, 3, 1), "dated.seventeenth-congress-spirit"),
])
def test_campaigns_and_names_that_ended(sentence, day, rule):
    (f,) = [f for f in check_paragraphs(["讲话", sentence], CheckContext(date=day))
            if f.rule.startswith("dated.")]
    assert (f.rule, f.severity) == (rule, ERROR) and f.source


@pytest.mark.parametrize("sentence", [
    "组织党员上党课《喜迎党的二十大》。",
    "2021年，我们扎实开展了党史学习教育，取得明显成效。",
    "2019年开展“不忘初心、牢记使命”主题教育时，曾查摆问题12条。",
    "推动党史学习教育常态化长效化。",
    "扎实开展党史学习教育总结工作。",
    "深入学习贯彻习近平总书记关于意识形态工作的系列重要讲话精神。",
    "巩固拓展“不忘初心、牢记使命”主题教育成果。",
])
def test_past_events_are_not_findings(sentence):
    assert dated(["讲话", sentence], dt.date(2024, 3, 1)) == []


@pytest.mark.parametrize("sentence", ["按照原卫生计生委的职责分工，这项工作现由县卫生健康局负责。",
                                      "原县卫生和计划生育局的档案已移交。"])
def test_the_former_body_named_as_such(sentence):
    assert dated(["讲话", sentence], dt.date(2024, 3, 1)) == []


@pytest.mark.parametrize("sentence", ["疫情期间，党员冲在前面，新冠肺炎疫情防控取得重大决定性胜利。",
                                      "新冠肺炎疫情期间，社区干部日夜值守。",
                                      "疫情期间全镇新冠肺炎防控有力有序。"])
def test_the_epidemic_told_as_past(sentence):
    assert dated(["讲话", sentence], dt.date(2024, 3, 1)) == []


def test_the_old_covid_name_in_current_work_is_still_hinted():
    assert dated(["讲话", "回顾去年，我们做好新冠肺炎疫情防控。"], dt.date(2024, 3, 1)) == [
        ("dated.covid-name-short", 2, "新冠肺炎", HINT)]
