"""roles.body, roles.title, roles.org."""

from __future__ import annotations

import pytest

from drafter.check import ERROR, HINT, CheckContext, check_paragraphs


def roles(paragraphs, context=None):
    return [(f.rule, f.paragraph, f.snippet, f.severity)
            for f in check_paragraphs(paragraphs, context or CheckContext()) if f.rule.startswith("roles.")]


def speech(title: str, byline: str | None, body: str) -> list[str]:
    paragraphs = [title]
    if byline:
        paragraphs.append(byline)
    return paragraphs + ["（2024年3月15日）", "同志们：", body]


def test_body_matches_title():
    paragraphs = speech("党组书记在全县统计工作会议上的讲话", None,
                        "作为党组书记，我是落实意识形态工作责任的第一责任人。")
    assert roles(paragraphs, CheckContext(unit_kind="局")) == []


def test_body_contradicts_title():
    paragraphs = speech("党委书记在全县统计工作会议上的讲话", None,
                        "作为党组书记，我是落实意识形态工作责任的第一责任人。")
    assert roles(paragraphs) == [("roles.body", 4, "党组书记", ERROR)]


def test_body_contradicts_byline():
    paragraphs = speech("在全镇意识形态工作会议上的讲话", "镇党委书记　李四",
                        "今年以来，我作为党工委书记，始终把意识形态工作抓在手上。")
    assert roles(paragraphs) == [("roles.body", 5, "党工委书记", ERROR)]


def test_village_secretary():
    paragraphs = speech("村党支部书记在全村党员大会上的讲话", None,
                        "作为村党支部书记，我首先要带头学习，身为支部书记，更要以身作则。")
    assert roles(paragraphs, CheckContext(unit_kind="村")) == []


def test_administrative_post_contradiction():
    paragraphs = speech("局长在全县统计工作会议上的讲话", None, "作为主任，我要带头落实。")
    assert roles(paragraphs) == [("roles.body", 4, "主任", ERROR)]
    deputy = speech("副局长在全县统计工作会议上的讲话", "副局长　王五", "作为局长，我要带头落实。")
    assert roles(deputy) == [("roles.body", 5, "局长", ERROR)]


def test_secretary_and_director_are_different_kinds_of_post():
    paragraphs = speech("党组书记、局长在全县统计工作会议上的讲话", None,
                        "作为局长，我要抓好业务；作为党组书记，我要抓好党建。")
    assert roles(paragraphs, CheckContext(unit_kind="局")) == []
    only_director = speech("局长在全县统计工作会议上的讲话", None, "作为党组书记，我要抓好党建。")
    assert roles(only_director, CheckContext(unit_kind="局")) == []


@pytest.mark.parametrize("body", [
    "要把意识形态工作作为党组书记述职的重要内容。",   # not the speaker
    "各乡镇党委书记作为第一责任人，要亲自抓。",
    "作为一名党员领导干部，我要带头学习。",
])
def test_not_a_claim_of_the_speaker(body):
    paragraphs = speech("党委书记在全镇工作会议上的讲话", None, body)
    assert roles(paragraphs, CheckContext(unit_kind="镇")) == []


def test_title_against_the_unit_data():
    paragraphs = speech("党委书记在全县统计工作会议上的讲话", None, "我们要抓好落实。")
    context = CheckContext(unit_kind="局", speaker_title="党组书记、局长")
    assert roles(paragraphs, context) == [("roles.title", 1, "党委书记", ERROR)]


def test_body_against_the_unit_data():
    paragraphs = speech("在全县统计工作会议上的讲话", None, "作为党委书记，我要抓好党建。")
    context = CheckContext(unit_kind="局", speaker_title="党组书记、局长")
    assert roles(paragraphs, context) == [("roles.body", 4, "党委书记", ERROR)]


def test_title_against_the_kind_of_unit_is_a_hint():
    paragraphs = speech("党委书记在全县统计工作会议上的讲话", None, "我们要抓好落实。")
    assert roles(paragraphs, CheckContext(unit_kind="局")) == [("roles.org", 1, "党委书记", HINT)]
    # a bureau that does have a 党委 says so in its unit data
    assert roles(paragraphs, CheckContext(unit_kind="局", party_org="党委")) == []
    # the unit kind decides nothing when unknown
    assert roles(paragraphs) == []


def test_title_confirmed_by_the_body_is_no_hint():
    paragraphs = speech("党委书记在全县公安工作会议上的讲话", None, "作为党委书记，我要带头抓。")
    assert roles(paragraphs, CheckContext(unit_kind="局")) == []


def test_village_director_written_in_several_ways():
    paragraphs = speech("村党支部书记、主任在全村党员大会上的讲话", None,
                        "作为村委会主任，我要抓好村务；作为村主任，我更要带头。")
    assert roles(paragraphs, CheckContext(unit_kind="村")) == []


def test_body_names_another_party_organisation_than_the_title():
    paragraphs = ["红旗村党支部书记2023年述职报告", "一年来，在镇党委的领导下，村党总支团结带领全村党员群众扎实工作。",
                  "村党支部坚持“三会一课”制度。"]
    assert roles(paragraphs) == [("roles.body-org", 2, "村党总支", ERROR)]


def test_a_large_village_may_have_a_general_branch():
    paragraphs = ["红旗村党总支书记述职报告", "一年来，村党总支团结带领全村党员群众扎实工作。"]
    assert roles(paragraphs, CheckContext(unit_kind="村")) == []
    assert roles(paragraphs, CheckContext(unit_kind="村", party_org="党支部")) == [
        ("roles.org", 1, "党总支书记", HINT)]
