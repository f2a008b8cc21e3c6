"""unit.self-ref, unit.org, unit.trade — drafts of other units and kinds written for the tests."""

from __future__ import annotations

import pytest

from drafter.check import ERROR, HINT, CheckContext, check_paragraphs


def unit_findings(paragraphs, context=None):
    return [f for f in check_paragraphs(paragraphs, context or CheckContext())
            if f.rule.startswith("unit.")]


def summary(findings):
    return [(f.rule, f.paragraph, f.snippet, f.severity) for f in findings]


STREET = [
    "党工委书记在全街道意识形态工作会议上的讲话",
    "同志们：",
    "今年以来，我街道坚持把意识形态工作摆在突出位置，街道党工委多次专题研究。",
    "下一步，全街道各社区要压实责任，我们街道将把意识形态工作纳入年度考核，确保本街道各项工作稳步推进。",
    "我区对街道工作提出了新的要求，我们要以更高标准抓好落实。",
]


def test_street_speech_saying_my_street_is_clean():
    context = CheckContext(unit_name="红星街道办事处", unit_kind="街道")
    assert unit_findings(STREET, context) == []


def test_street_speech_without_unit_data_is_clean():
    assert unit_findings(STREET) == []


def test_street_kind_inferred_from_unit_name():
    assert unit_findings(STREET, CheckContext(unit_name="红星街道办事处")) == []


BUREAU = [
    "党组书记、局长在2024年全县统计工作会议上的讲话",
    "同志们：",
    "一年来，我局认真贯彻落实县委县政府决策部署，统计系统各项工作取得新进展。",
    "我县经济总量稳步增长，本局干部职工付出了辛勤努力。我们局要在新的一年再接再厉。",
    "面对新形势，不能自我局限，要敢于打破常规，开创工作新局面。",
]


def test_bureau_speech_saying_my_bureau_is_clean():
    context = CheckContext(unit_name="某某县统计局", unit_kind="局")
    assert unit_findings(BUREAU, context) == []


def test_bureau_speech_with_a_village_self_reference():
    paragraphs = BUREAU + ["我村将继续做好统计调查工作，确保我村数据真实准确。"]
    findings = unit_findings(paragraphs, CheckContext(unit_name="某某县统计局", unit_kind="局"))
    assert summary(findings) == [("unit.self-ref", 6, "我村", ERROR)] * 2
    assert findings[0].replacement == "我局"
    assert findings[0].column == 1


def test_bureau_speech_with_a_town_self_reference_is_only_a_hint():
    # a 镇's own office may say 我镇; for a 局 it is suspicious, not certain
    findings = unit_findings(BUREAU + ["我镇统计工作基础较好。"], CheckContext(unit_kind="局"))
    assert summary(findings) == [("unit.self-ref", 6, "我镇", HINT)]


@pytest.mark.parametrize("kind, token, expected", [
    ("村", "我县", None),          # the county a village belongs to
    ("镇", "我县", None),
    ("局", "我市", None),
    ("街道", "我区", None),
    ("县", "我市", None),
    ("市", "我县", ERROR),         # a city does not call a county its own
    ("县", "我区", ERROR),         # same level, other kind
    ("村", "我镇", ERROR),
    ("社区", "我村", ERROR),
    ("办", "我局", ERROR),
    ("学校", "我公司", ERROR),
    ("村", "我村", None),
    ("学校", "我校", None),
    ("中心", "我中心", None),
])
def test_which_self_references_fit_which_kind(kind, token, expected):
    paragraphs = ["工作汇报", f"一年来，{token}认真落实各项工作，取得了明显成效。"]
    findings = [f for f in unit_findings(paragraphs, CheckContext(unit_kind=kind))
                if f.rule == "unit.self-ref"]
    assert [f.severity for f in findings] == ([expected] if expected else [])


def test_forms_with_ben_and_women():
    paragraphs = ["工作汇报", "本街道和我们街道的干部要与本局同志密切配合。"]
    findings = unit_findings(paragraphs, CheckContext(unit_kind="村"))
    assert [(f.snippet, f.replacement) for f in findings] == [
        ("本街道", "本村"), ("我们街道", "我们村"), ("本局", "本村")]


@pytest.mark.parametrize("sentence", [
    "不能自我局限于已有成绩，要跳出本地看发展。",      # 自我局限
    "要有忘我工作的精神，敌我矛盾和人民内部矛盾要分清。",
    "我局面临的困难很多，但我局限期完成了整改。",      # 我局 + 面临 / 限期: both are 我局
    "群众找我办事，我办理得及时，本办法自发布之日起施行。",  # 办事 / 办理 / 本办法
    "我委托同事转交材料，我委员会的同志都知道。",
    "这是基本局面，根本局势没有变化。",               # 基本局面: not 本局
    "我市场监管部门和我区域内的企业。",               # 市场 / 区域
    "我乡村振兴的经验值得推广，我镇定自若。",
    "我校对了全文。",                                 # 校对
    "我们中心组学习了党的二十大报告。",               # 理论学习中心组
])
def test_word_boundaries(sentence):
    paragraphs = ["工作汇报", sentence]
    refs = [f.snippet for f in unit_findings(paragraphs, CheckContext(unit_kind="社区"))
            if f.rule == "unit.self-ref"]
    # only the real self-references count: 我局 twice in the third sentence
    assert refs == (["我局", "我局"] if "我局面临" in sentence else [])


def test_village_word_followed_by_villagers_is_a_self_reference():
    paragraphs = ["工作汇报", "我村村民积极参与，我村民主议事制度运行良好。"]
    assert unit_findings(paragraphs, CheckContext(unit_kind="村")) == []
    findings = unit_findings(paragraphs, CheckContext(unit_kind="社区"))
    assert [f.snippet for f in findings] == ["我村", "我村"]


def test_ambiguous_kinds_are_not_taken_for_foreign_self_references():
    paragraphs = ["工作汇报", "我会认真落实，我所在的支部和我处理的事项都按期完成，我站在群众立场，我部门全力配合。"]
    assert unit_findings(paragraphs, CheckContext(unit_kind="局")) == []


def test_unit_name_containing_the_word_downgrades_to_a_hint():
    paragraphs = ["工作汇报", "我街道对社区工作高度重视。"]
    findings = unit_findings(paragraphs, CheckContext(unit_name="红星街道幸福社区", unit_kind="社区"))
    assert summary(findings) == [("unit.self-ref", 2, "我街道", HINT)]


def test_without_unit_data_the_dominant_kind_decides():
    paragraphs = ["工作汇报", "我镇高度重视。我镇成立了领导小组。", "我局要加强领导。", "我县统一部署。"]
    findings = unit_findings(paragraphs)
    assert summary(findings) == [("unit.self-ref", 3, "我局", HINT)]
    assert findings[0].replacement == "我镇"
    assert "--kind" in findings[0].suggestion


def test_without_unit_data_jurisdictions_alone_decide_nothing():
    assert unit_findings(["工作汇报", "我县、我市、我区都要抓好落实。"]) == []


# ---------------------------------------------------------------- unit.org


@pytest.mark.parametrize("org", ["街道党组", "镇党组", "乡党组", "村党组", "社区党组"])
def test_party_group_that_cannot_exist(org):
    findings = unit_findings(["工作汇报", f"{org}研究部署了意识形态工作。"])
    assert summary(findings) == [("unit.org", 2, org, ERROR)]


def test_party_organisations_are_not_party_groups():
    paragraphs = ["工作汇报", "村党组织、社区党组织和乡镇党组织要发挥战斗堡垒作用。",
                  "街道党工委、镇党委、村党支部分工负责。"]
    assert unit_findings(paragraphs, CheckContext(unit_kind="村")) == []


def test_bare_party_group_in_a_village_text():
    paragraphs = ["工作汇报", "党组会研究了意识形态工作。党组成员分工负责。"]
    findings = unit_findings(paragraphs, CheckContext(unit_kind="村"))
    assert summary(findings) == [("unit.org", 2, "党组", HINT)]
    assert findings[0].replacement == "村党支部"


def test_bare_party_group_in_a_bureau_text_is_fine():
    paragraphs = ["工作汇报", "局党组会研究了意识形态工作，党组成员分工负责。"]
    assert unit_findings(paragraphs, CheckContext(unit_kind="局")) == []


# ---------------------------------------------------------------- unit.trade


def test_trade_of_another_unit():
    paragraphs = ["工作汇报", "我们将推动档案事业高质量发展。"]
    findings = unit_findings(paragraphs, CheckContext(unit_name="某某县气象局", unit_kind="局"))
    assert summary(findings) == [("unit.trade", 2, "档案事业", HINT)]


def test_trade_of_the_unit_itself():
    paragraphs = ["工作汇报", "我们将推动环卫事业高质量发展，全市环卫系统要团结一心。"]
    context = CheckContext(unit_name="某某市环境卫生管理处", unit_kind="处")
    assert unit_findings(paragraphs, context) == []
    assert unit_findings(paragraphs, CheckContext(unit_name="某某区城市管理局", unit_kind="局")) == []


def test_trade_needs_a_name_or_a_village():
    paragraphs = ["工作汇报", "推动环卫事业稳定发展。"]
    assert unit_findings(paragraphs, CheckContext(unit_kind="局")) == []
    findings = unit_findings(paragraphs, CheckContext(unit_kind="社区"))
    assert summary(findings) == [("unit.trade", 2, "环卫事业", HINT)]
    assert "全社区各项事业" in findings[0].suggestion


def test_every_trade_of_another_unit_is_reported_not_only_the_first():
    """The finding's example (全村) once overwrote the draft's text the later trades were looked for in."""
    paragraphs = ["工作汇报", "推动环卫事业稳定发展。", "做好地方志事业和档案事业。"]
    findings = unit_findings(paragraphs, CheckContext(unit_name="柳溪村", unit_kind="村"))
    assert sorted(f.snippet for f in findings if f.rule == "unit.trade") == ["地方志事业", "档案事业", "环卫事业"]


def test_trade_word_without_suffix_is_fine():
    paragraphs = ["工作汇报", "我村加强环卫保洁，改善人居环境。"]
    assert unit_findings(paragraphs, CheckContext(unit_name="柳湾村", unit_kind="村")) == []


def scope(paragraphs, context=None):
    return [(f.rule, f.paragraph, f.snippet, f.severity)
            for f in check_paragraphs(paragraphs, context or CheckContext())
            if f.rule in ("unit.scope", "unit.title")]


def test_scope_of_a_unit_of_the_same_or_a_lower_level():
    paragraphs = ["红星镇2023年上半年意识形态工作情况报告", "今年以来，全乡干部积极参与理论学习。"]
    assert scope(paragraphs) == [("unit.scope", 2, "全乡", ERROR)]
    county = ["讲话", "全县上下要统一思想，全村干部要带头。"]
    assert scope(county, CheckContext(unit_kind="县")) == [("unit.scope", 2, "全村", ERROR)]


def test_higher_level_as_the_subject_of_the_units_sentence():
    paragraphs = ["讲话", "上半年，全镇党员干部积极参与宣讲活动。"]
    assert scope(paragraphs, CheckContext(unit_kind="村")) == [("unit.scope", 2, "全镇", ERROR)]


def test_higher_level_work_taken_as_the_units_own():
    paragraphs = ["讲话", "我镇深入开展全区意识形态工作，确保全区意识形态领域安全。"]
    assert scope(paragraphs, CheckContext(unit_kind="镇")) == [
        ("unit.scope", 2, "全区", ERROR), ("unit.scope", 2, "全区", ERROR)]


@pytest.mark.parametrize("sentence", [
    "认真落实全区意识形态工作会议精神。",
    "我镇在全区考核中排名第一。",
    "全县各乡镇要共同推进。",
    "做好安全区域管理，完全县城化。",
    "全镇干部群众积极参与。",
])
def test_the_higher_level_spoken_of_as_such(sentence):
    assert scope(["讲话", sentence], CheckContext(unit_kind="镇")) == []


def test_units_without_a_level_may_name_any_scope():
    assert scope(["讲话", "推进全县统计工作，服务全市大局。"], CheckContext(unit_kind="局")) == []


def test_a_speech_at_a_meeting_of_the_level_above_is_no_title_mismatch():
    paragraphs = ["红星村党支部书记在全镇意识形态工作会议上的讲话", "我村认真落实。", "我村干部带头学习。"]
    assert scope(paragraphs) == []


def test_title_naming_another_kind_of_unit():
    paragraphs = ["乡镇意识形态工作汇报", "今年，我办认真履行职责。", "我办组织干部学习。"]
    assert scope(paragraphs) == [("unit.title", 1, "乡镇", ERROR)]
    assert scope(paragraphs, CheckContext(unit_kind="镇")) == []
    assert scope(paragraphs[:2]) == []  # one self-reference is too little


@pytest.mark.parametrize("title, kind", [
    ("柳湾村一季度意识形态工作情况汇报", "村"),
    ("宁远县统计局2023年意识形态工作情况报告", "局"),
    ("红星镇党委书记述职报告", "镇"),
    ("红星村党支部书记在全镇意识形态工作会议上的讲话", "村"),
    ("党工委书记在2024年红星街道意识形态工作会议上的讲话", None),  # the meeting's, not the speaker's
    ("县发改委党组书记述职报告", None),
])
def test_kind_named_by_the_title(title, kind):
    from drafter.check.document import Draft
    from drafter.check.unit import title_unit

    unit = title_unit(Draft.from_paragraphs([title, "正文。"]))
    assert (unit.kind if unit else None) == kind


def test_mining_words_in_a_community_report():
    findings = check_paragraphs(["讲话", "推进矿区群众健康卫生事业发展。"], CheckContext(unit_kind="社区"))
    assert [(f.rule, f.snippet) for f in findings] == [("unit.trade", "矿区群众")]


@pytest.mark.parametrize("kind, sentence", [
    ("村", "4月，全镇食用菌产业发展现场推进会在我村召开，全县乡村振兴观摩会也把我村作为观摩点。"),
    ("村", "全镇党员冬训动员会在我村文化广场举行。"),
    ("村", "全镇共有18个行政村，我村人口最多。"),
    ("镇", "全县有14个乡镇，我镇面积最大。"),
    ("街道", "5月，全区城市基层党建工作现场会在我街道召开。全区共有12个街道。"),
    ("社区", "全区有200多个社区，各有各的特色。"),
])
def test_the_higher_levels_meetings_held_at_the_unit_and_its_counts(kind, sentence):
    assert scope(["讲话", sentence], CheckContext(unit_kind=kind)) == []


def test_the_unit_speaking_of_itself_counts_only_in_the_same_sentence():
    paragraphs = ["讲话", "全镇党员干部积极参与宣讲。我村也组织了3场。"]
    assert scope(paragraphs, CheckContext(unit_kind="村")) == [("unit.scope", 2, "全镇", ERROR)]


@pytest.mark.parametrize("kind, sentence", [
    ("县", "各乡镇要对标先进，青山镇要发挥示范作用，带动全镇18个村加快发展。"),
    ("县", "各村要结合实际，把全村的产业规划做实。"),
    ("镇", "今天参加柳湾村村民代表大会。柳湾村党支部要带领全村群众加快发展。"),
    ("镇", "青松村党支部在镇党委的坚强领导下，团结带领全村党员群众扎实工作。"),
])
def test_a_lower_level_after_the_unit_named_or_each_unit(kind, sentence):
    assert scope(["讲话", sentence], CheckContext(unit_kind=kind)) == []


@pytest.mark.parametrize("sentence", [
    "一年来，我认真履行乡党委书记职责，团结带领乡党委一班人，推动全乡各项事业取得新进展。",
    "青山镇要发挥示范作用。全镇干部要带头。",  # another sentence: the county's text says 全镇
])
def test_a_lower_level_without_a_unit_named_in_its_sentence_is_reported(sentence):
    assert [s for _, _, s, _ in scope(["讲话", sentence], CheckContext(unit_kind="县"))] in (["全乡"], ["全镇"])


@pytest.mark.parametrize("title, name, kind", [
    ("中共柳湾村支部委员会关于2024年上半年意识形态工作情况的报告", "柳湾村", "村"),
    ("中共杏花村总支部委员会关于2024年上半年工作情况的报告", "杏花村", "村"),
    ("中共清河县第二中学委员会关于2024年上半年意识形态工作情况的报告", "清河县第二中学", "学校"),
    ("柳湾村党支部关于2024年上半年工作情况的报告", "柳湾村", "村"),
])
def test_a_party_organisations_full_name_in_the_title_is_read_as_its_unit(title, name, kind):
    from drafter.check.document import Draft
    from drafter.check.unit import title_unit

    unit = title_unit(Draft.from_paragraphs([title, "正文。"]))
    assert (unit.name, unit.kind) == (name, kind)
    assert title[unit.start:].startswith(name)
    paragraphs = [title, "上半年，我们认真落实意识形态工作责任制。"]
    assert scope(paragraphs, CheckContext(unit_name=name)) == []
