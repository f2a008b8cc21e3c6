"""Placeholders (placeholder.*): template stand-ins left unfilled — XXX街道, 20xx年, 某某,
“”, 年一季度 … — from drafter/data/rules/placeholder.yaml. Each is an error: a document
with a placeholder must never go out."""

from __future__ import annotations

from drafter.check.document import Draft
from drafter.check.findings import Finding
from drafter.check.rules import RuleSet
from drafter.check.wording import apply_rules


def check(draft: Draft, resolved, rules: RuleSet) -> list[Finding]:
    return apply_rules(rules.placeholders, draft)
