"""unit.other-name: a draft that names another unit of the unit's own kind as itself."""

from __future__ import annotations

import pytest
from conftest import run_cli

from drafter.check import CheckContext, check_paragraphs

VILLAGE = CheckContext(unit_name="桃园村民委员会")

# Copied from a neighbour and not changed: its name in the title, the body and the signature.
COPIED = """\
杏花村2024年上半年工作情况汇报
镇党委：
2024年上半年，杏花村在镇党委的坚强领导下，扎实推进各项工作。
一、工作开展情况
我们杏花村组织党员集中学习6次。
杏花村党支部要继续带头学习。
二、下一步打算
杏花村将继续推动全村各项事业发展。
杏花村民委员会
"""

# The unit's own draft: its full name, its short name, its party branch; a neighbour only mentioned.
OWN = """\
石桥镇桃园村2024年上半年工作情况汇报
今年以来，桃园村党支部坚持抓党建促发展。
杏花村蜜桃合作社新增社员15户，我们要向杏花村学习先进经验。
与杏花村联合开展文艺汇演，杏花村将与我村共建产业园。
全村将继续推进，示范村要带头，乡村振兴要加快。
中共桃园村支部委员会
桃园村民委员会
"""


def other_names(text: str, context: CheckContext) -> list[tuple[int, str, str]]:
    return [(f.paragraph, f.snippet, f.message) for f in check_paragraphs(text.splitlines(), context)
            if f.rule == "unit.other-name"]


def test_a_draft_about_another_village_is_an_error_naming_both():
    found = other_names(COPIED, VILLAGE)
    assert found == [
        (1, "杏花村", "标题中的“杏花村”不是本单位“桃园村”，疑为照搬其他单位的文稿"),
        (3, "杏花村", "正文以“杏花村”自称，不是本单位“桃园村”，疑为照搬其他单位的文稿"),
        (5, "杏花村", "正文以“杏花村”自称，不是本单位“桃园村”，疑为照搬其他单位的文稿"),
        (6, "杏花村", "正文以“杏花村”自称，不是本单位“桃园村”，疑为照搬其他单位的文稿"),
        (8, "杏花村", "正文以“杏花村”自称，不是本单位“桃园村”，疑为照搬其他单位的文稿"),
        (9, "杏花村民委员会", "落款中的“杏花村民委员会”不是本单位“桃园村”，疑为照搬其他单位的文稿"),
    ]
    finding = next(f for f in check_paragraphs(COPIED.splitlines(), VILLAGE) if f.paragraph == 9)
    assert finding.severity == "错误" and finding.replacement == "桃园村民委员会"


def test_columns_point_at_the_name():
    for f in check_paragraphs(COPIED.splitlines(), VILLAGE):
        if f.rule == "unit.other-name":
            assert COPIED.splitlines()[f.paragraph - 1][f.column - 1:].startswith(f.snippet)


def test_the_units_own_names_and_a_mentioned_neighbour_are_not_reported():
    assert other_names(OWN, VILLAGE) == []


def test_a_bare_name_doing_something_counts_only_when_the_title_names_it_too():
    # 杏花村将… may be a partner's plan in the unit's own report (above); in a draft whose title
    # is 杏花村's it is the copied unit speaking.
    assert [p for p, _, _ in other_names(COPIED, VILLAGE)][-2:] == [8, 9]


def test_nothing_without_the_units_name():
    assert other_names(COPIED, CheckContext(unit_kind="村")) == []
    assert other_names(COPIED, CheckContext()) == []


@pytest.mark.parametrize("unit, text, expected", [
    ("某某县统计局", "某某县财政局2024年工作总结\n今年，我局扎实推进。\n某某县财政局", ["某某县财政局", "某某县财政局"]),
    ("某某县统计局", "县统计局2024年工作总结\n新发展格局要加快构建，市统计局要求加强统计。\n统计局", []),
    ("某某县地方志办公室", "县志办2024年工作总结\n今年，我办扎实推进。\n县志办", []),
    ("青山街道办事处", "红星街道2024年工作总结\n今年，我街道扎实推进。\n红星街道办事处", ["红星街道", "红星街道办事处"]),
    ("青山街道办事处", "青山街道2024年工作总结\n今年，红星社区将和我们共建。\n青山街道办事处", []),
    ("某某县统计局", "杏花村2024年工作总结\n今年，我们杏花村扎实推进。", []),  # another kind: unit.title's business
])
def test_other_kinds_of_unit(unit, text, expected):
    assert [s for _, s, _ in other_names(text, CheckContext(unit_name=unit))] == expected


def test_command_reports_the_copied_draft_with_unit_options_and_unit_yaml(tmp_path):
    (tmp_path / "copied.txt").write_text(COPIED, encoding="utf-8")
    result = run_cli("check", "copied.txt", "--unit", "桃园村民委员会", cwd=tmp_path)
    assert result.code == 1
    assert "第1段 [错误] unit.other-name：标题中的“杏花村”不是本单位“桃园村”，疑为照搬其他单位的文稿" in result.out
    (tmp_path / "unit.yaml").write_text("unit: {name: 桃园村民委员会, short_name: 桃园村}\n", encoding="utf-8")
    result = run_cli("check", "copied.txt", "--unit-yaml", "unit.yaml", cwd=tmp_path)
    assert result.code == 1 and result.out.count("unit.other-name") == 6


@pytest.mark.parametrize("unit, sentence", [
    ("青山镇人民政府", "在此，我代表镇党委、镇政府，向受到表彰的同志表示祝贺！"),
    ("红星街道办事处", "一年来，我主持街道党工委全面工作，带头履行第一责任人职责。"),
    ("某某县统计局", "我分管局办公室和综合股，同时联系局机关党建工作。"),
    ("桃园村民委员会", "今年，我兼任村党支部书记和村委会主任。"),
    ("桃园村民委员会", "我带领村两委一班人，牵头村集体经济发展。"),
    ("桃园村民委员会", "我们走进杏花村，学习了他们发展蜜桃产业的做法。"),
    ("青山镇人民政府", "上个月，我们到石门镇考察了文旅项目。"),
    ("桃园村民委员会", "我们镇杏花村的蜜桃已经远近闻名。"),
])
def test_a_verb_or_a_jurisdiction_after_wo_is_no_name(unit, sentence):
    assert other_names(f"工作汇报\n{sentence}", CheckContext(unit_name=unit)) == []


@pytest.mark.parametrize("sentence", [
    "石门镇在县委、县政府的坚强领导下，文旅产业蓬勃发展，值得我们认真借鉴。",
    "白水镇党委始终坚持项目为王，是全县乡镇学习的榜样。",
    "我们要向石门镇学习，石门镇将产业和党建结合得很好。",
])
def test_a_neighbour_held_up_as_a_model_is_no_self_naming(sentence):
    assert other_names(f"在全镇经济工作会议上的讲话\n{sentence}", CheckContext(unit_name="青山镇")) == []


BYLINE_SPEECH = """\
在全局意识形态工作会议上的讲话
{byline}  王明
（2024年3月12日）
同志们：
今天召开全局会议，我讲三点意见。
"""


@pytest.mark.parametrize("byline, expected", [
    ("某某县财政局党组书记、局长", [(2, "某某县财政局", "署名中的“某某县财政局”不是本单位“某某县统计局”，疑为照搬其他单位的文稿")]),
    ("某某县统计局党组书记、局长", []),
    ("某某县统计局局长", []),
    ("某某县人民政府副县长", []),  # a county leader at the bureau's meeting: another kind of unit
    ("县委常委、宣传部部长", []),
])
def test_the_unit_that_opens_the_byline(byline, expected):
    text = BYLINE_SPEECH.format(byline=byline)
    assert other_names(text, CheckContext(unit_name="某某县统计局")) == expected


def test_a_general_branchs_full_name_in_the_signature():
    text = "工作情况报告\n上半年，我们认真落实责任制。\n中共杏花村总支部委员会\n2024年7月5日"
    assert [s for _, s, _ in other_names(text, VILLAGE)] == ["中共杏花村总支部委员会"]
    assert other_names(text.replace("杏花村", "桃园村"), VILLAGE) == []
