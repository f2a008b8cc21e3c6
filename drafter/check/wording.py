"""Wording rules (wording.*): common errors of official writing, from rules/wording.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
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
    """Findings of the rules over the draft: rule by rule, paragraph by paragraph; a span that
    one rule reported is not reported again by a later one."""
    rules = rules if isinstance(rules, tuple) else tuple(rules)
    paragraphs = draft.paragraphs
    whole = "\n".join(paragraphs)
    by_rule = matches_by_rule(rules, draft)
    findings: list[Finding] = []
    taken: dict[int, list[tuple[int, int]]] = {}  # paragraph → spans already reported
    for i in sorted(by_rule):
        rule = rules[i]
        if _unanchored(rule) and not rule.pattern.search(whole):
            continue  # what the paragraph alone matches, the whole draft does not
        aggregated: list[tuple[int, re.Match[str]]] = []
        for index, found in by_rule[i]:
            text = paragraphs[index]
            matches = []
            for m in found:
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
            findings.append(_aggregate_finding(rule, paragraphs, aggregated))
    return findings


def _aggregate_finding(rule: PatternRule, paragraphs: list[str],
                       aggregated: list[tuple[int, re.Match[str]]]) -> Finding:
    """One finding for every match of the draft, at the first, with a count."""
    index, m = aggregated[0]
    first = finding_for(rule, index + 1, paragraphs[index], m)
    numbers = sorted({i + 1 for i, _ in aggregated})
    listed = "、".join(str(p) for p in numbers[:8]) + ("等" if len(numbers) > 8 else "")
    message = f"{first.message}（全文共 {len(aggregated)} 处，见第{listed}段）"
    return Finding(
        rule=first.rule, severity=first.severity, paragraph=first.paragraph,
        snippet=first.snippet, message=message, suggestion=first.suggestion,
        replacement=first.replacement, column=first.column, source=first.source,
        extra={"count": len(aggregated)},
    )


# Each rule list's matches in one paragraph, kept for the last texts seen: the documents of a
# batch share most of their paragraphs. One scanner per rule list (the shipped rules are one
# object for the whole process); the list itself is kept so that its id stays its own.
_SCANNERS: dict[int, "_Scanner"] = {}
_MAX_RULE_LISTS = 8
TEXTS_KEPT = 256  # a batch's recurring paragraphs: its template's, in each of its variants


class _Scanner:
    """The rules of one list that match a text, and their matches. A rule runs only on a text
    that holds one of its needles (every match contains one): the needles of all the rules
    are looked for once per text, instead of each rule's in the whole draft."""

    __slots__ = ("rules", "needles", "rules_of", "always", "cached", "_whole", "_in_whole")

    def __init__(self, rules: tuple[PatternRule, ...]) -> None:
        self.rules = rules
        self.rules_of: dict[str, list[int]] = {}  # needle → positions of the rules it serves
        for i, rule in enumerate(rules):
            for needle in rule.needles:
                self.rules_of.setdefault(needle, []).append(i)
        self.needles = tuple(self.rules_of)
        self.always = frozenset(i for i, rule in enumerate(rules) if not rule.needles)
        self.cached = lru_cache(maxsize=TEXTS_KEPT)(self._scan_paragraph)
        self.start("")

    def start(self, whole: str) -> None:
        """A new draft, whose paragraphs are scanned next."""
        self._whole = whole
        self._in_whole: list[str] | None = None

    def _scan_paragraph(self, text: str) -> tuple[tuple[int, tuple[re.Match[str], ...]], ...]:
        """scan(text) for a paragraph of the draft: a needle that the whole draft lacks, its
        paragraph lacks too, so the draft's own needles are found once for all of them."""
        if self._in_whole is None:
            self._in_whole = [needle for needle in self.needles if needle in self._whole]
        return self.scan(text, self._in_whole)

    def scan(self, text: str, needles: Iterable[str] | None = None
             ) -> tuple[tuple[int, tuple[re.Match[str], ...]], ...]:
        """(rule's position, its matches) for each rule that matches text, in rule order."""
        present = [needle for needle in (self.needles if needles is None else needles) if needle in text]
        if not present and not self.always:
            return ()
        positions = set(self.always)
        for needle in present:
            positions.update(self.rules_of[needle])
        found = []
        for i in sorted(positions):
            matches = tuple(iter_matches(self.rules[i], text))
            if matches:
                found.append((i, matches))
        return tuple(found)


def _scanner(rules: tuple[PatternRule, ...]) -> _Scanner:
    scanner = _SCANNERS.get(id(rules))
    if scanner is None or scanner.rules is not rules:
        if len(_SCANNERS) >= _MAX_RULE_LISTS:
            _SCANNERS.clear()
        scanner = _SCANNERS[id(rules)] = _Scanner(rules)
    return scanner


def matches_by_rule(rules: tuple[PatternRule, ...], draft: Draft, allowed: frozenset[int] | None = None
                    ) -> dict[int, list[tuple[int, tuple[re.Match[str], ...]]]]:
    """Rule's position → (paragraph, the rule's matches there) for each paragraph it matches;
    only the rules at the `allowed` positions when given.

    The body's paragraphs are looked up per text; the title and byline, which carry each
    document's own names in a batch, are scanned afresh and not kept."""
    scanner = _scanner(rules)
    scanner.start("\n".join(draft.paragraphs))
    front = draft.front
    by_rule: dict[int, list[tuple[int, tuple[re.Match[str], ...]]]] = {}
    for index, text in enumerate(draft.paragraphs):
        for i, matches in scanner.scan(text) if index in front else scanner.cached(text):
            if allowed is None or i in allowed:
                by_rule.setdefault(i, []).append((index, matches))
    return by_rule


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
