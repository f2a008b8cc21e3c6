"""Wording rules (wording.*): common errors of official writing, from rules/wording.yaml."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from drafter.check.document import Draft
from drafter.check.findings import Finding
from drafter.check.rules import PatternRule, RuleSet
from drafter.check.textutil import sentence_spans


def iter_matches(rule: PatternRule, text: str) -> Iterator[re.Match[str]]:
    """Matches of the rule's pattern that no `unless` pattern overlaps."""
    for m in rule.pattern.finditer(text):
        if not m.group(0):
            continue
        if rule.unless and _excepted(rule, text, m.start(), m.end()):
            continue
        yield m


def _unanchored(rule: PatternRule) -> bool:
    """True when matching the whole draft finds whatever matching a paragraph finds."""
    return not re.search(r"[$^]|\\[AZ]|\(\?[a-z]*m", rule.regex)


def _excepted(rule: PatternRule, text: str, start: int, end: int) -> bool:
    lo = max(0, start - 12)
    window = text[lo:end + 12]
    for regex in rule.unless:
        for u in regex.finditer(window):
            if u.start() + lo < end and u.end() + lo > start:
                return True
    return False


def _fill(template: str, m: re.Match[str], replacement: str | None) -> str:
    if not template:
        return ""
    if "\\" in template:
        template = m.expand(template)
    return template.replace("{match}", m.group(0)).replace("{replacement}", replacement or "")


def finding_for(rule: PatternRule, paragraph: int, text: str, m: re.Match[str]) -> Finding:
    replacement = m.expand(rule.replacement) if rule.replacement is not None else None
    replacement = replacement.replace("{match}", m.group(0)) if replacement is not None else None
    suggestion = _fill(rule.suggestion, m, replacement)
    if not suggestion and replacement is not None:
        suggestion = f"建议改为“{replacement}”"
    return Finding(
        rule=rule.rule_id,
        severity=rule.severity,
        paragraph=paragraph,
        snippet=m.group(0),
        message=_fill(rule.message, m, replacement),
        suggestion=suggestion,
        replacement=replacement,
        column=m.start() + 1,
        source=rule.source,
    )


def apply_rules(rules: Iterable[PatternRule], draft: Draft) -> list[Finding]:
    findings: list[Finding] = []
    taken: dict[int, list[tuple[int, int]]] = {}  # paragraph → spans already reported
    whole = "\n".join(draft.paragraphs)
    for rule in rules:
        if not rule.may_match(whole) or (_unanchored(rule) and not rule.pattern.search(whole)):
            continue  # a look at the whole draft rules out most rules at once
        aggregated: list[tuple[int, re.Match[str]]] = []
        for index, text in enumerate(draft.paragraphs):
            matches = []
            for m in iter_matches(rule, text):
                spans = taken.setdefault(index, [])
                if any(s < m.end() and m.start() < e for s, e in spans):
                    continue
                spans.append(m.span())
                matches.append(m)
            if rule.aggregate:
                aggregated += [(index, m) for m in matches]
            elif rule.per_sentence:
                findings += _per_sentence(rule, index, text, matches)
            else:
                findings += [finding_for(rule, index + 1, text, m) for m in matches]
        if aggregated:
            index, m = aggregated[0]
            first = finding_for(rule, index + 1, draft.paragraphs[index], m)
            paragraphs = sorted({i + 1 for i, _ in aggregated})
            listed = "、".join(str(p) for p in paragraphs[:8]) + ("等" if len(paragraphs) > 8 else "")
            message = f"{first.message}（全文共 {len(aggregated)} 处，见第{listed}段）"
            findings.append(Finding(
                rule=first.rule, severity=first.severity, paragraph=first.paragraph,
                snippet=first.snippet, message=message, suggestion=first.suggestion,
                replacement=first.replacement, column=first.column, source=first.source,
                extra={"count": len(aggregated)},
            ))
    return findings


def _per_sentence(rule: PatternRule, index: int, text: str,
                  matches: list[re.Match[str]]) -> list[Finding]:
    """One finding for the matches of each sentence: a list with two wrong marks is one fault."""
    if len(matches) < 2:
        return [finding_for(rule, index + 1, text, m) for m in matches]
    findings = []
    for start, end in sentence_spans(text):
        inside = [m for m in matches if start <= m.start() < end]
        if not inside:
            continue
        first = finding_for(rule, index + 1, text, inside[0])
        if len(inside) > 1:
            first = Finding(
                rule=first.rule, severity=first.severity, paragraph=first.paragraph,
                snippet=first.snippet, message=f"{first.message}（本句共 {len(inside)} 处）",
                suggestion=first.suggestion, replacement=first.replacement, column=first.column,
                source=first.source, extra={"count": len(inside)},
            )
        findings.append(first)
    return findings


def check(draft: Draft, resolved, rules: RuleSet) -> list[Finding]:
    return apply_rules(rules.wording, draft)
