"""Dated formulations (dated.*): wording the meeting date makes out of date, from
drafter/data/formulations.yaml. Without a date (given or on the byline) nothing is checked."""

from __future__ import annotations

from dataclasses import replace

from drafter.check.document import Draft
from drafter.check.findings import Finding
from drafter.check.rules import RuleSet
from drafter.check.wording import finding_for, iter_matches


def check(draft: Draft, resolved, rules: RuleSet) -> list[Finding]:
    date = resolved.date
    if date is None:
        return []
    findings = []
    date_text = f"{date.year}年{date.month}月{date.day}日"
    whole = "\n".join(draft.paragraphs)
    for rule in rules.formulations:
        active = (rule.after is not None and date > rule.after) or (
            rule.before is not None and date < rule.before)
        if not active or not rule.may_match(whole):
            continue
        for index, text in enumerate(draft.paragraphs):
            for m in iter_matches(rule, text):
                f = finding_for(rule, index + 1, text, m)
                findings.append(replace(f, message=f"{f.message}（会议日期：{date_text}）"))
    return findings
