"""The `needle:` of a shipped rule must be sound: every text the pattern matches contains
one of the needles (else a draft could skip a rule it breaks). Hypothesis writes texts
that match each pattern."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.check.rules import shipped_rules

RULES = [r for r in shipped_rules().wording + shipped_rules().formulations if r.needles]


def test_every_shipped_rule_has_needles():
    every = shipped_rules().wording + shipped_rules().formulations
    assert [r.rule_id for r in every if not r.needles] == []


@pytest.mark.parametrize("rule", RULES, ids=[r.rule_id for r in RULES])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_match_contains_a_needle(rule, data):
    text = data.draw(st.from_regex(rule.regex))
    matches = [m.group(0) for m in re.finditer(rule.regex, text) if m.group(0)]
    for found in matches:
        assert any(n in found for n in rule.needles), (found, rule.needles)
