"""unit.seat — a unit in a 区 whose text speaks of 全县, 县委, 县政府, 县直 as its own (or the
reverse): the trace of a speech copied from a unit of the same kind in a county."""

from __future__ import annotations

import pytest

from drafter.check import ERROR, CheckContext, check_paragraphs


def seat(paragraphs, unit):
    return [(f.paragraph, f.snippet, f.replacement, f.severity)
            for f in check_paragraphs(paragraphs, CheckContext(unit_name=unit)) if f.rule == "unit.seat"]


COPIED = ["河西区统计局关于上半年统计工作情况的报告",
          "区委、县政府：",
          "上半年，我局在区委、县政府的正确领导下，认真完成各项统计调查任务，为全县经济社会发展提供了数据支撑。",
          "下一步，我局将配合县直各部门做好普查准备。"]


def test_county_words_in_a_district_units_report():
    assert seat(COPIED, "河西区统计局") == [
        (2, "县政府", "区政府", ERROR), (3, "县政府", "区政府", ERROR), (3, "全县", "全区", ERROR),
        (4, "县直", "区直", ERROR)]


def test_district_words_in_a_county_units_speech():
    text = ["在全县统计工作会议上的讲话", "同志们：", "今年，全区统计系统要在区委的领导下做好各项工作。"]
    assert seat(text, "清河县统计局") == [(3, "全区", "全县", ERROR), (3, "区委", "县委", ERROR)]


@pytest.mark.parametrize("text", [
    "上半年，我局在区委、区政府的正确领导下，为全区经济社会发展提供了数据支撑。",
    "要向兄弟县区学习，认真落实市委、市政府的部署。",
    "社区居委会和开发区管委会要配合做好普查，园区企业按时报送数据。",
    "依照县级以上人民政府统计机构的规定，做好各项工作。",
    "东山县委书记来我区调研时，对我局工作给予肯定。",
    "要确保全区数据质量，完全符合规定；健全县区两级联动机制。",
])
def test_correct_text_of_a_district_unit_is_not_reported(text):
    assert seat(["河西区统计局关于上半年工作情况的报告", text], "河西区统计局") == []


@pytest.mark.parametrize("unit", ["阳光社区居民委员会", "柳林镇人民政府", "高新区管委会"])
def test_without_a_county_or_district_in_the_units_name_nothing_is_said(unit):
    assert seat(COPIED, unit) == []


def test_without_the_units_name_the_title_tells_where_it_is():
    assert seat(COPIED, None) == seat(COPIED, "河西区统计局")
    assert seat(["统计局关于上半年工作情况的报告"] + COPIED[1:], None) == []
    assert seat(["关于全区2024年统计工作的通知"] + COPIED[1:], None) == []


def test_the_former_county_bodies_in_an_enumeration_that_begins_with_yuan():
    text = ["河西区统计局2024年工作总结",
            "撤县设区前，原县委、县政府高度重视统计工作；原县委和县政府先后出台3个文件。",
            "撤县设区以来，我局认真落实区委、县政府部署。"]
    assert seat(text, "河西区统计局") == [(3, "县政府", "区政府", ERROR)]


@pytest.mark.parametrize("sentence, word", [
    ("活动方案报县政府审定后实施。", "县政府"),
    ("通过县政府门户网站发布统计法治知识。", "县政府"),
    ("认真落实县委部署，按时完成任务。", "县委"),
    ("提请县政府常务会议研究。", "县政府"),
    ("请县直各单位按时报送数据。", "县直"),
    ("主动协调县直有关部门解决困难。", "县直"),
    ("局主要负责同志赴县委汇报工作。", "县委"),
])
def test_verbs_before_the_seat_word(sentence, word):
    assert seat(["河西区统计局关于开展统计法治宣传的通知", sentence], "河西区统计局") == [
        (2, word, word.replace("县", "区"), ERROR)]


def test_a_county_committees_department_is_in_the_county():
    text = ["中共某某县委宣传部关于上半年工作情况的报告", "在区委的领导下，我部认真履行职责。"]
    assert seat(text, "中共某某县委宣传部") == [(2, "区委", "县委", ERROR)]
    assert seat(text, "某某县委宣传部") == [(2, "区委", "县委", ERROR)]
