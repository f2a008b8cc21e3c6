"""Run every rule family over a draft."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

from drafter.check.context import CheckContext
from drafter.check.document import Draft
from drafter.check.findings import Finding, sort_findings
from drafter.check.rules import RuleSet, load_rules
from drafter.dates import HANZI_DATE, parse_date
from drafter.unit_types import UNIT_TYPES, kind_from_name


class Resolved(NamedTuple):
    """The context as the rules use it: given values, or what could be inferred."""

    ctx: CheckContext
    kind: str | None  # given, or guessed from the unit's name
    kind_source: str  # "given" | "name" | ""
    date: _dt.date | None
    date_source: str  # "given" | "text" | ""
    year: int | None = None  # without a date: the year the draft speaks of (its title, its dates)

    @property
    def span(self) -> tuple[_dt.date | None, _dt.date | None]:
        """The earliest and latest day the meeting can be on (None: unknown)."""
        if self.date is not None:
            return self.date, self.date
        if self.year is not None:
            return _dt.date(self.year, 1, 1), _dt.date(self.year, 12, 31)
        return None, None

    @property
    def party_org(self) -> str | None:
        if self.ctx.party_org:
            return self.ctx.party_org
        if self.kind:
            return UNIT_TYPES[self.kind].party_org
        return None

    @property
    def party_org_given(self) -> bool:
        return bool(self.ctx.party_org)

    def to_dict(self) -> dict[str, Any]:
        """The JSON output's `context`: the unit data, with the date the rules used (given or
        found in the draft), where it came from, and the draft's year when there was no date."""
        data = self.ctx.to_dict()
        data["date"] = self.date.isoformat() if self.date else None
        data["date_source"] = self.date_source or None
        data["year"] = self.year
        return data


# Only a document without a given meeting date needs these: re compiles (and keeps) them on
# first use, so `render`, which always has the date, does not pay for them.
_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_DATE_ONLY = r"^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$"
_ISO_DATE = r"(?:时间|日期)\s*[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})"
_HANZI_DATE_ONLY = rf"[（(]?\s*{HANZI_DATE}\s*[）)]?"  # （二〇二四年一月二十五日）


def infer_date(draft: Draft) -> _dt.date | None:
    """The meeting date written in the draft: on the byline under the title
    (（2022年1月25日）, 张三 2022年1月25日, 时间：2022-01-25), or a date line of its own
    near the start or at the end (the date under a report's signature)."""
    paragraphs = draft.paragraphs
    candidates = [(i, True) for i in draft.front]
    tail = range(max(0, len(paragraphs) - 3), len(paragraphs))
    candidates += [(i, False) for i in list(range(min(len(paragraphs), 4))) + list(tail)]
    for i, in_front in candidates:
        text = paragraphs[i].strip()
        if len(text) > 40:
            continue
        m = ((re.search(_DATE, text) if in_front else re.match(_DATE_ONLY, text)) or re.search(_ISO_DATE, text)
             or (re.search(HANZI_DATE, text) if in_front else re.fullmatch(_HANZI_DATE_ONLY, text)))
        if m:
            try:
                return parse_date("{}年{}月{}日".format(*m.group(1, 2, 3)))
            except ValueError:
                continue
    return None


# A year the text reports on: 2023年上半年, 2023年以来, 2023年3月, 2023年， (not 到2035年, a plan's year).
_REPORTED_YEAR = (r"(?<!到)(?<![^截]至)((?:19|20)\d\d)\s*年(?=以来|上半年|下半年|第?[一二三四]季度|初|底|末|全年|度|"
                  r"[0-9]{1,2}月|[一二三四五六七八九十]{1,2}月|工作|[，,])")
_FRONT_YEAR = r"(?<!到)((?:19|20)\d\d)\s*年"  # compiled on first use, as the dates above


def infer_year(draft: Draft, today: _dt.date | None = None) -> int | None:
    """The year a draft without a meeting date speaks of: the one in its title or byline, or
    else the latest year its text reports on (never later than this year)."""
    this_year = (today or _dt.date.today()).year
    for i in draft.front:  # a title's or byline's year is the draft's (王庄村2023年抓党建述职报告)
        years = [int(y) for y in re.findall(_FRONT_YEAR, draft.paragraphs[i]) if int(y) <= this_year]
        if years:
            return max(years)
    years = [int(y) for i in draft.body_indices
             for y in re.findall(_REPORTED_YEAR, draft.paragraphs[i]) if int(y) <= this_year]
    return max(years) if years else None


def resolve(ctx: CheckContext, draft: Draft) -> Resolved:
    kind, kind_source = ctx.unit_kind, "given" if ctx.unit_kind else ""
    if kind is None and ctx.unit_name:
        kind = kind_from_name(ctx.unit_name)
        kind_source = "name" if kind else ""
    if ctx.date is not None:
        date, date_source = ctx.date, "given"
    else:
        date = infer_date(draft)
        date_source = "text" if date else ""
    year = infer_year(draft) if date is None else None
    return Resolved(ctx, kind, kind_source, date, date_source, year)


Family = Callable[[Draft, Resolved, RuleSet], Iterable[Finding]]


def families() -> list[Family]:
    """The rule families, in the order their findings are gathered."""
    from drafter.check import dated, placeholder, repetition, roles, structure, unit, wording

    return [placeholder.check, unit.check, repetition.check, structure.check, roles.check,
            dated.check, wording.check]


def run_checks(paragraphs: list[str], context: CheckContext | None, rules: RuleSet) -> list[Finding]:
    """All findings for the paragraphs (1-based numbers), sorted by paragraph and column."""
    return check_resolved(paragraphs, context, rules)[0]


def check_resolved(paragraphs: list[str], context: CheckContext | None,
                   rules: RuleSet) -> tuple[list[Finding], Resolved]:
    """run_checks' findings, with the context as the rules used it (the date found in the
    draft, the kind guessed from the name), for a report that shows what was assumed."""
    draft = Draft.from_paragraphs(list(paragraphs))
    resolved = resolve(context or CheckContext(), draft)
    findings: list[Finding] = []
    for family in families():
        findings.extend(f for f in family(draft, resolved, rules) if rules.enabled(f.rule))
    return sort_findings(findings), resolved


def check_paragraphs(paragraphs: list[str], context: CheckContext | None = None,
                     extra_rule_files: Iterable[Path] = ()) -> list[Finding]:
    """Public entry point: check already-split paragraphs (title and byline first).

    Raises RuleFileError (Chinese message) when a user rules file is broken."""
    rules = load_rules([Path(p) for p in extra_rule_files])
    return run_checks(paragraphs, context, rules)
