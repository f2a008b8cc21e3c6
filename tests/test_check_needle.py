"""The `needle:` of a shipped rule must be sound: every text the pattern matches contains
one of the needles (else a draft could skip a rule it breaks). Hypothesis writes texts
that match each pattern and looks for a match without a needle."""

from __future__ import annotations

import re

import pytest
from hypothesis import find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from drafter.check.rules import PatternRule, shipped_rules

RULES = shipped_rules().wording + shipped_rules().formulations
# A plain pattern is its own needle; the others have a `needle:` written by hand.
WRITTEN = [r for r in RULES if r.needles != (r.regex,)]
SEARCH = settings(max_examples=120, database=None, deadline=None)


def match_without_needle(rule: PatternRule) -> str:
    """A text with a match of the rule that contains none of its needles (NoSuchExample if
    hypothesis finds none)."""
    def lacks_needle(text: str) -> bool:
        return any(m.group(0) and not any(n in m.group(0) for n in rule.needles)
                   for m in re.finditer(rule.regex, text))

    return find(st.from_regex(rule.regex), lacks_needle, settings=SEARCH)


def test_every_shipped_rule_has_needles():
    assert [r.rule_id for r in RULES if not r.needles] == []


@pytest.mark.parametrize("rule", WRITTEN, ids=[r.rule_id for r in WRITTEN])
def test_every_match_contains_a_needle(rule):
    with pytest.raises(NoSuchExample):
        match_without_needle(rule)


def test_a_wrong_needle_is_caught():
    rule = PatternRule("wording", "x", "(?:非常|极其)重要", ("非常",), "m")
    assert "极其重要" in match_without_needle(rule)
