"""Load the checker's YAML rule files: the ones shipped in drafter/data plus user files.

Every file is a mapping with any of these parts (see docs/check.md):

    version: 1
    placeholders: [...]   # template stand-ins left unfilled (XX, 某某, 20XX年 …): pattern, message …
    wording: [...]        # wording errors: pattern, message, replacement, note …
    formulations: [...]   # dated formulations: pattern, after / before (a date or a congress)
    trades: [...]         # trade words that look copied from another unit
    self_reference: {...} # word-boundary data for 我局 / 本村 … (shipped unit.yaml)
    no_party_group: [...] # kinds of unit that never set up a 党组
    disable: [...]        # rule ids (or families) to switch off

This module holds the rules as the checks use them; the file format (pydantic models,
drafter/check/rulefile.py) is imported only when a file is read. A broken file raises
RuleFileError, whose Chinese message names the file, line and column.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from drafter.check.findings import ERROR, HINT
from drafter.errors import DrafterError

SHIPPED_FILES = ("rules/placeholder.yaml", "rules/wording.yaml", "rules/unit.yaml", "formulations.yaml")
DATA = Path(__file__).resolve().parent.parent / "data"  # drafter/data, installed as plain files
REGEX_SPECIALS = frozenset(".^$*+?{}[]\\|()")
TRADE_SUFFIX = "事业|系统|行业|战线"  # what may follow a trade word (a file's `suffix`)


class RuleFileError(DrafterError):
    """A rules file that cannot be used: the check cannot run as asked (exit status 2)."""

    exit_code = 2

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"规则文件 {self.position}：{self.message}"


# --------------------------------------------------------------------------- runtime model


class PatternRule(NamedTuple):
    """A wording rule or a dated formulation: a regex and what to say about a match."""

    family: str  # "placeholder", "wording" or "dated"
    id: str
    regex: str
    needles: tuple[str, ...]  # text one of which every match contains; () when unknown
    message: str  # may use {match}
    severity: str = ERROR
    replacement: str | None = None  # may use \1 … and {match}
    suggestion: str = ""  # may use {match} and {replacement}
    source: str = ""
    unless_regexes: tuple[str, ...] = ()
    aggregate: bool = False  # one finding per document (with a count) instead of one per match
    per_sentence: bool = False  # one finding per sentence (a list with several wrong marks)
    after: _dt.date | None = None  # dated: out of date when the meeting is later than this
    before: _dt.date | None = None  # dated: not yet valid when the meeting is earlier

    @property
    def rule_id(self) -> str:
        return f"{self.family}.{self.id}"

    @property
    def pattern(self) -> re.Pattern[str]:
        return compile_pattern(self.regex)

    @property
    def unless(self) -> list[re.Pattern[str]]:
        return [compile_pattern(u) for u in self.unless_regexes]

    def may_match(self, text: str) -> bool:
        """False when text lacks every needle: then the regex cannot match."""
        return not self.needles or any(map(text.__contains__, self.needles))


class Trade(NamedTuple):
    """Trade words (环卫事业 …) that belong only to units of that trade."""

    id: str
    words: tuple[str, ...]  # 环卫, 环境卫生
    unit_words: tuple[str, ...]  # words in a unit's name that make the trade its own
    regex: str
    severity: str = HINT
    source: str = ""

    @property
    def pattern(self) -> re.Pattern[str]:
        return compile_pattern(self.regex)

    def may_match(self, text: str) -> bool:
        """Every match starts with one of the words (the regex is built from them)."""
        return any(map(text.__contains__, self.words))


class SelfRefData(NamedTuple):
    """Word-boundary data for self-references (我局, 本村 …), from unit.yaml."""

    not_preceded_by: frozenset[str] = frozenset()
    ben_kinds: frozenset[str] = frozenset()
    ben_not_preceded_by: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()
    not_followed_by: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (kind, patterns), in file order

    def follow_re(self, kind: str) -> re.Pattern[str] | None:
        alternatives = [a for k, patterns in self.not_followed_by if k == kind for a in patterns]
        if not alternatives:
            return None
        return compile_pattern("|".join(f"(?:{a})" for a in alternatives))


class RuleSet(NamedTuple):
    """Every rule in force: the shipped files merged with the user's."""

    wording: tuple[PatternRule, ...] = ()
    placeholders: tuple[PatternRule, ...] = ()
    formulations: tuple[PatternRule, ...] = ()
    trades: tuple[Trade, ...] = ()
    self_ref: SelfRefData = SelfRefData()
    no_party_group: frozenset[str] = frozenset()
    disabled: frozenset[str] = frozenset()
    files: tuple[str, ...] = ()

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.disabled:
            return False
        family = rule_id.split(".", 1)[0]
        return family not in self.disabled

    def merged(self, other: "RuleSet") -> "RuleSet":
        """Rules of self then other; a rule of other with the same id replaces self's."""
        def merge(a: tuple, b: tuple) -> tuple:
            replaced = {r.id for r in b}
            return tuple(r for r in a if r.id not in replaced) + b

        mine, theirs = self.self_ref, other.self_ref
        self_ref = SelfRefData(
            not_preceded_by=mine.not_preceded_by | theirs.not_preceded_by,
            ben_kinds=mine.ben_kinds | theirs.ben_kinds,
            ben_not_preceded_by=mine.ben_not_preceded_by | theirs.ben_not_preceded_by,
            ambiguous=mine.ambiguous | theirs.ambiguous,
            not_followed_by=mine.not_followed_by + theirs.not_followed_by,
        )
        return RuleSet(
            wording=merge(self.wording, other.wording),
            placeholders=merge(self.placeholders, other.placeholders),
            formulations=merge(self.formulations, other.formulations),
            trades=merge(self.trades, other.trades),
            self_ref=self_ref,
            no_party_group=self.no_party_group | other.no_party_group,
            disabled=self.disabled | other.disabled,
            files=self.files + other.files,
        )


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --------------------------------------------------------------------------- building


def rule_set(data: dict[str, Any], name: str) -> RuleSet:
    """The rules of one file's data, already valid (validated by rulefile.py, or shipped)."""
    return RuleSet(
        wording=tuple(_pattern_rule(s, "wording") for s in data.get("wording") or ()),
        placeholders=tuple(_pattern_rule(s, "placeholder") for s in data.get("placeholders") or ()),
        formulations=tuple(_pattern_rule(s, "dated") for s in data.get("formulations") or ()),
        trades=tuple(_trade(s, name) for s in data.get("trades") or ()),
        self_ref=_self_ref(data.get("self_reference")),
        no_party_group=frozenset(data.get("no_party_group") or ()),
        disabled=frozenset(data.get("disable") or ()),
        files=(name,),
    )


def _day(value: _dt.date | str | None) -> _dt.date | None:
    """A date, or a congress's name (党的二十大) as the day it opened."""
    if value is None or isinstance(value, _dt.date):
        return value
    from drafter.era import congress_opened

    return congress_opened(value)


def _when(day: _dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _needles(spec: dict[str, Any]) -> tuple[str, ...]:
    """The given needles; a pattern without regex syntax is its own."""
    if spec.get("needle"):
        return tuple(spec["needle"])
    if not REGEX_SPECIALS & set(spec["pattern"]):
        return (spec["pattern"],)
    return ()


def _pattern_rule(spec: dict[str, Any], family: str) -> PatternRule:
    after, before = _day(spec.get("after")), _day(spec.get("before"))

    def text(template: str) -> str:
        # {after} / {before} name the date the rule rests on, so the files state it once
        return template.replace("{after}", _when(after)).replace("{before}", _when(before))

    return PatternRule(
        family=family,
        id=spec["id"],
        regex=spec["pattern"],
        needles=_needles(spec),
        message=text(spec["message"]),
        severity=spec.get("severity", ERROR),
        replacement=spec.get("replacement"),
        suggestion=text(spec.get("suggestion", "")),
        source=text(spec.get("note", "")),
        unless_regexes=tuple(spec.get("unless") or ()),
        aggregate=spec.get("aggregate", False),
        per_sentence=spec.get("per_sentence", False),
        after=after,
        before=before,
    )


def _trade(spec: dict[str, Any], file: str) -> Trade:
    words = spec["words"]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    suffix = spec.get("suffix", TRADE_SUFFIX)
    return Trade(spec["id"], tuple(words), tuple(spec.get("unit_words") or words),
                 f"(?:{alternatives})(?:{suffix})", spec.get("severity", HINT),
                 spec.get("note") or f"行业词与单位名称不符（{file} 的 trades）")


def _self_ref(spec: dict[str, Any] | None) -> SelfRefData:
    if spec is None:
        return SelfRefData()
    return SelfRefData(
        not_preceded_by=frozenset(spec.get("not_preceded_by") or ()),
        ben_kinds=frozenset(spec.get("ben_kinds") or ()),
        ben_not_preceded_by=frozenset(spec.get("ben_not_preceded_by") or ()),
        ambiguous=frozenset(spec.get("ambiguous") or ()),
        not_followed_by=tuple((kind, tuple(p)) for kind, p in (spec.get("not_followed_by") or {}).items()),
    )


# --------------------------------------------------------------------------- loading


def parse_rules(text: str, name: str) -> RuleSet:
    """The rules of one file's text; `name` names it in messages.

    The file format (pydantic models) is imported only when a file is read."""
    from drafter.check.rulefile import parse_rule_file

    return parse_rule_file(text, name)


def load_rule_file(path: Path) -> RuleSet:
    from drafter.source import read_text

    return parse_rules(read_text(Path(path), "规则文件", RuleFileError), str(path))


@lru_cache(maxsize=1)
def shipped_rules() -> RuleSet:
    """drafter's own rule files, read without the file-format models: the tests validate
    them (test_check_rules.py), so each run is spared building and running the validators."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rules = RuleSet()
    for name in SHIPPED_FILES:
        data = yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=loader)
        rules = rules.merged(rule_set(data, f"drafter/data/{name}"))
    return rules


def load_rules(extra_files: Iterable[Path] = ()) -> RuleSet:
    """The shipped rules plus the user's files, in order (later files win on equal ids)."""
    rules = shipped_rules()
    for path in extra_files:
        rules = rules.merged(load_rule_file(Path(path)))
    return rules
