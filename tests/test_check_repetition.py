"""repeat.paragraph and repeat.sentence."""

from __future__ import annotations

import pytest

from drafter.check import ERROR, HINT, CheckContext, check_paragraphs


def repeats(paragraphs):
    return [f for f in check_paragraphs(paragraphs, CheckContext()) if f.rule.startswith("repeat.")]


P1 = "社区党委始终把意识形态工作作为党的建设的重要内容，纳入重要议事日程，与业务工作同部署、同落实、同检查、同考核。"
P2 = "社区组织网格员定期走访辖区居民，及时了解群众思想动态，做好矛盾纠纷排查化解工作，营造和谐稳定的社会环境。"
P3 = "下一步，我们将进一步强化阵地管理，规范社区宣传栏、微信群的内容审核，确保正确的舆论导向。"


def test_distinct_paragraphs_are_clean():
    assert repeats(["工作汇报", P1, P2, P3]) == []


def test_verbatim_paragraph():
    findings = repeats(["工作汇报", P1, P2, P1])
    assert [(f.rule, f.paragraph, f.related_paragraph, f.severity) for f in findings] == [
        ("repeat.paragraph", 4, 2, ERROR)]
    assert "第2段" in findings[0].message


def test_paragraph_repeated_with_other_punctuation_and_spaces():
    copy = P2.replace("，", ",").replace("。", ". ")
    findings = repeats(["工作汇报", P2, P3, copy])
    assert [(f.rule, f.paragraph, f.severity) for f in findings] == [("repeat.paragraph", 4, ERROR)]


def test_near_duplicate_paragraph():
    near = P1.replace("社区党委", "街道党工委")
    findings = repeats(["工作汇报", P1, P2, near])
    assert [(f.rule, f.paragraph, f.related_paragraph, f.severity) for f in findings] == [
        ("repeat.paragraph", 4, 2, HINT)]


def test_sentence_repeated_inside_another_paragraph():
    sentence = "要坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，持续推动理论武装走深走实。"
    findings = repeats(["工作汇报", P1 + sentence, P2 + sentence])
    assert [(f.rule, f.paragraph, f.related_paragraph, f.severity) for f in findings] == [
        ("repeat.sentence", 3, 2, ERROR)]


def test_consecutive_repeated_sentences_are_one_finding():
    a = "及时成立意识形态工作领导小组，由社区书记担任组长，其他社区干部担任成员。"
    b = "并要求班子成员将意识形态工作责任制落实情况作为述职报告的重要内容。"
    c = "坚持每月分析研判一次意识形态领域情况，及时发现和处置苗头性倾向性问题。"
    findings = repeats(["工作汇报", a + b + c + "狠抓学习教育。" + a + b + c])
    assert len(findings) == 1
    (f,) = findings
    assert (f.rule, f.paragraph, f.related_paragraph) == ("repeat.sentence", 2, 2)
    assert "（3 句）" in f.message and "本段前文" in f.message


def test_sentence_contained_in_a_longer_one():
    longer = "领导小组在工作中，认真履行意识形态工作的主体责任，按照谁主管谁负责的原则，层层落实责任分工。"
    shorter = "履行意识形态工作的主体责任，按照谁主管谁负责的原则，层层落实责任分工。"
    findings = repeats(["工作汇报", longer, P2, P3 + shorter])
    assert [(f.rule, f.paragraph, f.severity) for f in findings] == [("repeat.sentence", 4, HINT)]
    # a paragraph that is nothing but the contained sentence is a near-repeat paragraph
    findings = repeats(["工作汇报", longer, P2, shorter])
    assert [(f.rule, f.paragraph, f.severity) for f in findings] == [("repeat.paragraph", 4, HINT)]


def test_short_sentences_and_headings_may_repeat():
    paragraphs = ["工作汇报", "一、工作情况", "抓好落实。要抓好落实。", "二、工作情况", "抓好落实。",
                  "（一）加强组织领导", "（二）加强组织领导"]
    assert repeats(paragraphs) == []


def test_similar_but_different_sentences_are_not_repeats():
    a = "一要坚持党管宣传、党管意识形态，牢牢掌握意识形态工作的领导权。"
    b = "二要坚持正面宣传为主，牢牢把握正确的政治方向和舆论导向。"
    c = "三要坚持守土有责、守土负责、守土尽责，牢牢守住网络阵地。"
    assert repeats(["工作汇报", a + b + c]) == []


def test_title_repeated_in_the_body_is_not_a_repeat():
    title = "某某街道党工委书记在2024年度意识形态工作会议上的讲话"
    assert repeats([title, "同志们：", P1, title]) == []


def repeated(*paragraphs):
    return [(f.rule, f.paragraph, f.snippet, f.severity)
            for f in check_paragraphs(["讲话", *paragraphs], CheckContext()) if f.rule.startswith("repeat.")]


def test_sentence_differing_by_a_few_words_is_a_near_repeat():
    first = "党委其他成员要根据工作分工，按照“一岗双责”要求，抓好分管领域的意识形态工作，做到守土有责。"
    second = first.replace("党委其他成员", "领导班子其他成员")
    (f,) = [f for f in check_paragraphs(["讲话", first, second]) if f.rule.startswith("repeat.")]
    assert (f.rule, f.paragraph, f.severity, f.related_paragraph) == ("repeat.paragraph", 3, HINT, 2)


def test_parallel_sentences_are_not_repeats():
    assert repeated("要加强意识形态阵地建设，确保各类阵地牢牢掌握在党的手中。",
                   "要加强宣传思想队伍建设，打造一支政治过硬、本领高强的干部队伍。") == []


def test_doubled_word():
    assert repeated("学习贯彻重要指示指示精神。") == [("repeat.word", 2, "指示指示", ERROR)]


@pytest.mark.parametrize("sentence", ["一步一步抓落实，一点一点抠细节。", "天天学习，人人参与，常常自省。",
                                      "星星点点，干干净净。"])
def test_words_meant_twice(sentence):
    assert repeated(sentence) == []


def test_list_naming_an_item_twice():
    assert repeated("统筹推进政治、经济、文化、政治、社会建设。") == [
        ("repeat.list", 2, "统筹推进政治、经济、文化、政治、社会建设", ERROR)]
    assert repeated("加强政治建设、思想建设、组织建设、思想建设。")[0][0] == "repeat.list"
    assert repeated("加强政治建设、思想建设、组织建设、作风建设和纪律建设。") == []


def test_clause_repeated_in_its_paragraph():
    paragraph = "对网络意识形态工作研究不够，应对舆情的能力有待提升；队伍力量不足，对网络意识形态工作研究不够。"
    assert repeated(paragraph) == [("repeat.clause", 2, "对网络意识形态工作研究不够", ERROR)]
    assert repeated("同部署、同落实、同检查。要同部署、同落实。") == []  # short clauses


def test_point_repeating_an_earlier_point_under_another_number():
    paragraph = "一是村集体经济收入来源单一；二是村庄环境整治长效机制还未建立；三是村集体经济收入来源单一。"
    assert repeated(paragraph) == [("repeat.clause", 2, "三是村集体经济收入来源单一", ERROR)]


def test_list_of_two_naming_the_same_item():
    assert repeated("要把核心价值观融入教育教学全过程、教育教学全过程。")[0][0] == "repeat.list"
    assert repeated("加强思想建设、组织建设。") == []


def test_list_ending_with_its_first_item():
    found = repeated("先后学习了党的二十大精神、习近平总书记系列讲话精神、党的二十大精神。")
    assert [f[0] for f in found] == ["repeat.list"]


def test_the_same_closing_formula_of_parallel_points_is_no_repeat():
    paragraph = ("一是坚持问题导向，加强理论学习，完善学习制度，确保各项任务落到实处。"
                 "二是坚持守正创新，深化阵地管理，健全审核机制，确保各项任务落到实处。")
    assert repeated(paragraph) == []


@pytest.mark.parametrize("sentence", ["这件事会后大家再研究研究，尽快拿出方案。",
                                      "各村回去好好学习学习，下次会上交流。",
                                      "要把担当作为作为衡量干部的重要标准。",
                                      "把敢于担当、善于作为作为检验干部的标尺。"])
def test_a_verb_said_twice_and_the_noun_zuowei_are_no_slips(sentence):
    assert repeated(sentence) == []


@pytest.mark.parametrize("sentence, doubled", [("我们要认真学习学习贯彻会议精神。", "学习学习"),
                                               ("加强采编队伍建设建设，每季度培训一次。", "建设建设"),
                                               ("作为作为一名党员，要带头落实。", "作为作为"),
                                               ("取得成效成效明显。", "成效成效")])
def test_a_word_doubled_inside_a_phrase_is_still_a_slip(sentence, doubled):
    assert repeated(sentence) == [("repeat.word", 2, doubled, ERROR)]


NOTICE = ["青山县统计局关于报送统计执法检查整改情况的通知", "各乡镇人民政府：",
          "请各单位对照整改清单逐项整改，并将整改情况填入附件表格。",
          "附件：青山县2024年统计执法检查问题整改清单及完成情况表",
          "青山县统计局", "2024年11月15日", "附件",
          "青山县2024年统计执法检查问题整改清单及完成情况表"]


def test_the_attachments_title_after_its_line_in_the_list_is_no_repeat():
    assert repeats(NOTICE) == []
    listed = NOTICE[:3] + ["附件：1.青山县2024年统计执法检查问题整改清单及完成情况表",
                           "2.青山县2024年统计执法检查整改工作联系人名单表"] + NOTICE[4:] + [
        "附件2", "青山县2024年统计执法检查整改工作联系人名单表"]
    assert repeats(listed) == []


ROW = ["序号", "问题", "整改措施", "完成时限",
       "1", "部分企业统计台账登记不规范，原始记录缺失", "督促企业建立健全统计台账，规范原始记录管理", "2024年12月底前",
       "2", "部分企业统计人员变动频繁，业务不够熟悉", "督促企业建立健全统计台账，规范原始记录管理", "2024年12月底前"]


def test_table_cells_with_the_same_text_are_no_repeat():
    """A table is read a cell a paragraph: two problems may share one 整改措施."""
    assert repeats(NOTICE + ROW) == []


def test_a_paragraph_between_two_headings_is_no_table_cell():
    body = "督促企业建立健全统计台账，规范原始记录和统计台账的日常管理。"
    paragraphs = ["工作汇报", "一、主要做法", body, "二、下一步打算", body, "三、有关建议", "加强培训。"]
    assert [(f.rule, f.paragraph, f.severity) for f in repeats(paragraphs)] == [
        ("repeat.paragraph", 5, ERROR)]
