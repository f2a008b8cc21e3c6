"""Dated formulations (dated.*): wording the meeting date makes out of date, from
drafter/data/formulations.yaml.

The meeting date is the one given or on the byline; without one, the year the draft speaks
of (2023年上半年工作情况报告) bounds it. Without either nothing is checked. A match that
quotes a past event is not a finding: inside 《》 (上党课《喜迎党的二十大》), or in a sentence
that names a year when the formulation was still current (2021年开展党史学习教育)."""

from __future__ import annotations

import re
from dataclasses import replace

from drafter.check.document import Draft
from drafter.check.findings import Finding
from drafter.check.rules import PatternRule, RuleSet
from drafter.check.textutil import sentence_spans
from drafter.check.wording import finding_for, matches_by_rule

# Needed only where a dated formulation is found, so re compiles them on first use.
_YEAR = r"((?:19|20)\d\d)\s*年"
# Words that put a sentence in the past: it tells what was done then.
_PAST = r"曾经|当时|那时|时任|此前"


def _active(rule: PatternRule, resolved) -> bool:
    earliest, latest = resolved.span
    return bool((rule.after is not None and earliest is not None and earliest > rule.after) or
                (rule.before is not None and latest is not None and latest < rule.before))


def _in_title_marks(text: str, start: int) -> bool:
    """Inside 《…》: the name of a book, a lecture, a document."""
    opening = text.rfind("《", 0, start)
    return opening != -1 and text.rfind("》", opening, start) == -1


def _reports_the_past(rule: PatternRule, text: str, start: int) -> bool:
    """The match's sentence tells what was done when the formulation was current."""
    for s, e in sentence_spans(text):
        if s <= start < e:
            sentence = text[s:e]
            if rule.after is None:
                return False
            years = [int(y) for y in re.findall(_YEAR, sentence)]
            return any(y <= rule.after.year for y in years) or bool(re.search(_PAST, sentence))
    return False


def check(draft: Draft, resolved, rules: RuleSet) -> list[Finding]:
    if resolved.span == (None, None):
        return []
    if resolved.date is not None:
        when = f"会议日期：{resolved.date.year}年{resolved.date.month}月{resolved.date.day}日"
    else:
        when = f"文稿年份：{resolved.year}年"
    findings = []
    formulations = rules.formulations
    active = frozenset(i for i, rule in enumerate(formulations) if _active(rule, resolved))
    by_rule = matches_by_rule(formulations, draft, active)  # kept per text, as wording's
    for i in sorted(by_rule):  # rule by rule, paragraph by paragraph
        rule = formulations[i]
        for index, matches in by_rule[i]:
            text = draft.paragraphs[index]
            for m in matches:
                if _in_title_marks(text, m.start()) or _reports_the_past(rule, text, m.start()):
                    continue
                f = finding_for(rule, index + 1, text, m)
                findings.append(replace(f, message=f"{f.message}（{when}）"))
    return findings
