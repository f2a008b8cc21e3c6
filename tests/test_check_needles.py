"""Literal needles: the prefilter that spares compiling rules a draft cannot match.

A needle set is sound when every string the regex matches contains one of the needles;
a sound prefilter changes no finding. Both are tested: with hypothesis generating
matches of every shipped rule and of random regexes, and by checking the seed texts
with the prefilter on and off.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.check import check_paragraphs
from drafter.check.needles import needles
from drafter.check import rules as rules_module
from drafter.check.rules import shipped_rules
from test_check_seed import TEXT1, TEXT2, TEXT3, split_seed


@pytest.mark.parametrize("pattern, expected", [
    ("亲眼目睹", ("亲眼目睹",)),
    ("凯旋(?:而归|归来)", ("凯旋",)),  # the longest fixed run wins
    ("(?:决胜|确保)全面建成小康社会", ("全面建成小康社会",)),
    ("(?:好的)+", ("好的",)),  # repeated at least once: its needles hold
    ("极端十分|十分极端", ("十分极端", "极端十分")),  # each alternative gives its own
    ("[，、；][，、；]", ("、", "；", "，")),  # a small class: one needle per character
    ("截止(?=[0-9]|目前)", ("截止",)),  # lookarounds take no characters
    ("(?<![节制])约[0-9]+倍", ("约",)),  # equal needles: the first
    ("(?:减少|降低)了?(?:[0-9.]+|[一二三]+)倍", ("减少", "降低")),  # two of 2 beat one of 1
    ("(?:好){2,}", ("好好",)),  # repeated at least twice: the run of two
    ("…|(?:\\.{3,}|。{3,})", ("...", "…", "。。。")),  # a repeated character: its shortest run
    ("(甲)\\1", ("甲",)),  # a back reference adds no needle of its own
])
def test_needles_of_typical_rules(pattern, expected):
    assert needles(pattern) == tuple(sorted(expected))


@pytest.mark.parametrize("pattern", [
    "(?i)abc",  # case-insensitive: a needle would have to be every casing
    "a*",  # can match without fixed text
    "(?:十分)?重要|[^。]{3}",  # one alternative has no fixed text
    "[\u4e00-\u9fff]{4}",  # a class too large to list
    "(?:",  # not a regex at all
])
def test_no_needles_when_any_match_could_lack_fixed_text(pattern):
    assert needles(pattern) is None


def _rules():
    rules = shipped_rules()
    return rules.wording + rules.formulations + rules.trades


def test_every_shipped_rule_has_needles():
    missing = [r.regex for r in _rules() if r.needles is None]
    assert missing == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.filter_too_much])
@given(st.sampled_from(_rules()).flatmap(lambda r: st.tuples(st.just(r), st.from_regex(r.regex))))
def test_every_match_of_a_shipped_rule_contains_a_needle(case):
    rule, text = case
    assert rule.pattern.search(text)
    assert rule.may_match(text), (rule.regex, text)


ALPHABET = "甲乙丙丁ab"
_atoms = st.one_of(
    st.sampled_from(ALPHABET),
    st.sampled_from(["[甲乙]", "[^甲]", ".", "\\d", "[丙-丁]"]),
)


def _regexes():
    """Small random regexes: literals, classes, groups, alternation, repeats, lookarounds."""
    def extend(inner):
        return st.one_of(
            st.lists(inner, min_size=2, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "{2}", "{0,2}", "{1,3}?"]))
              .map(lambda t: "(?:" + t[0] + ")" + t[1]),
            inner.map(lambda x: "(" + x + ")"),
            inner.map(lambda x: "(?=" + x + ")"),
            inner.map(lambda x: "(?!" + x + ")"),
        )
    return st.recursive(_atoms, extend, max_leaves=8)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.filter_too_much])
@given(st.data())
def test_needles_of_random_regexes_are_sound(data):
    pattern = data.draw(_regexes())
    try:
        compiled = re.compile(pattern)
    except re.error:
        return
    found = needles(pattern)
    if found is None:
        return
    text = data.draw(st.from_regex(compiled))
    match = compiled.search(text)
    assert match is not None
    assert any(n in match.group(0) for n in found), (pattern, text, found)


@pytest.mark.parametrize("index, context", [(0, TEXT1), (1, TEXT2), (2, TEXT3)])
def test_prefilter_changes_no_finding(index, context, monkeypatch):
    paragraphs = split_seed()[index]
    with_prefilter = check_paragraphs(paragraphs, context)
    monkeypatch.setattr(rules_module, "_may_match", lambda needles, text: True)
    without = check_paragraphs(paragraphs, context)
    assert with_prefilter == without
    assert with_prefilter  # the seed texts have defects to find
