"""Load the checker's YAML rule files: the ones shipped in drafter/data plus user files.

Every file is a mapping with any of these parts (see docs/check.md):

    version: 1
    wording: [...]        # wording errors: pattern, message, replacement, note …
    formulations: [...]   # dated formulations: pattern, after / before dates …
    trades: [...]         # trade words that look copied from another unit
    self_reference: {...} # word-boundary data for 我局 / 本村 … (shipped unit.yaml)
    no_party_group: [...] # kinds of unit that never set up a 党组
    disable: [...]        # rule ids (or families) to switch off

A broken file raises RuleFileError whose Chinese message names the file and line.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from drafter.check.findings import ERROR, HINT, SEVERITIES
from drafter.check.needles import needles

SHIPPED_FILES = ("rules/wording.yaml", "rules/unit.yaml", "formulations.yaml")

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class RuleFileError(Exception):
    """A rules file that cannot be used (message in Chinese, with file and line)."""


# --------------------------------------------------------------------------- model


def _may_match(needles: tuple[str, ...] | None, text: str) -> bool:
    """False when text lacks every needle: then the regex cannot match (see needles.py)."""
    return needles is None or any(n in text for n in needles)


class PatternRule(NamedTuple):
    """A wording rule or a dated formulation: a regex and what to say about a match.

    The regex is kept as text and compiled on first use; its needles (literal text every
    match contains) let a draft without them skip the rule without compiling it."""

    family: str  # "wording" or "dated"
    id: str
    regex: str
    needles: tuple[str, ...] | None
    message: str  # may use {match}
    severity: str = ERROR
    replacement: str | None = None  # may use \1 … and {match}
    suggestion: str = ""  # may use {match} and {replacement}
    source: str = ""
    unless_regexes: tuple[str, ...] = ()
    aggregate: bool = False  # one finding per document (with a count) instead of one per match
    after: _dt.date | None = None  # dated: out of date when the meeting is later than this
    before: _dt.date | None = None  # dated: not yet valid when the meeting is earlier
    origin: str = ""  # file:line, for messages about the rule itself

    @property
    def rule_id(self) -> str:
        return f"{self.family}.{self.id}"

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compile_cached(self.regex)

    @property
    def unless(self) -> list[re.Pattern[str]]:
        return [_compile_cached(u) for u in self.unless_regexes]

    def may_match(self, text: str) -> bool:
        return _may_match(self.needles, text)


class Trade(NamedTuple):
    """Trade words (环卫事业 …) that belong only to units of that trade."""

    id: str
    words: tuple[str, ...]  # 环卫, 环境卫生
    unit_words: tuple[str, ...]  # words in a unit's name that make the trade its own
    regex: str
    needles: tuple[str, ...] | None
    severity: str = HINT
    source: str = ""

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compile_cached(self.regex)

    def may_match(self, text: str) -> bool:
        return _may_match(self.needles, text)


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
        return _compile_cached("|".join(f"(?:{a})" for a in alternatives))


class RuleSet(NamedTuple):
    """Every rule in force: the shipped files merged with the user's."""

    wording: tuple[PatternRule, ...] = ()
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
            formulations=merge(self.formulations, other.formulations),
            trades=merge(self.trades, other.trades),
            self_ref=self_ref,
            no_party_group=self.no_party_group | other.no_party_group,
            disabled=self.disabled | other.disabled,
            files=self.files + other.files,
        )


@lru_cache(maxsize=512)
def _compile_cached(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --------------------------------------------------------------------------- YAML with lines


class _Map(dict):
    line: int = 0


class _List(list):
    line: int = 0


@lru_cache(maxsize=1)
def _loader_class():
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~5× faster

    class LineLoader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader, node):
        seen = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen[key] = True
        mapping = _Map(loader.construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_sequence(loader, node):
        items = _List(loader.construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        return items

    LineLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    LineLoader.add_constructor("tag:yaml.org,2002:seq", construct_sequence)
    return LineLoader


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int):
        super().__init__(key)
        self.key = key
        self.line = line


def _load_yaml(text: str, name: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_loader_class())  # noqa: S506 - SafeLoader subclass
    except _DuplicateKey as exc:
        raise RuleFileError(f"规则文件 {name} 第 {exc.line} 行：键“{exc.key}”重复") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"第 {mark.line + 1} 行" if mark else ""
        problem = exc.problem or exc.context or "格式有误"
        raise RuleFileError(f"规则文件 {name} {line}：YAML 格式有误（{problem}）") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(f"规则文件 {name}：YAML 格式有误（{exc}）") from None


# --------------------------------------------------------------------------- parsing


_TOP_KEYS = {"version", "wording", "formulations", "trades", "self_reference",
             "no_party_group", "disable"}
_PATTERN_KEYS = {"id", "pattern", "message", "severity", "replacement", "suggestion",
                 "note", "unless", "aggregate"}
_DATED_KEYS = _PATTERN_KEYS | {"after", "before"}
_TRADE_KEYS = {"id", "words", "unit_words", "suffix", "severity", "note"}
_SELF_REF_KEYS = {"not_preceded_by", "ben_kinds", "ben_not_preceded_by", "ambiguous",
                  "not_followed_by"}


class _Parser:
    def __init__(self, name: str):
        self.name = name

    def fail(self, line: int | None, problem: str) -> RuleFileError:
        where = f" 第 {line} 行" if line else ""
        return RuleFileError(f"规则文件 {self.name}{where}：{problem}")

    def line_of(self, node: Any, default: int | None = None) -> int | None:
        return getattr(node, "line", None) or default

    def check_keys(self, node: dict, allowed: set[str], what: str) -> None:
        unknown = [k for k in node if k not in allowed]
        if unknown:
            raise self.fail(self.line_of(node),
                            f"{what}中有未知的键“{unknown[0]}”；可用的键：{'、'.join(sorted(allowed))}")

    def string(self, node: dict, key: str, *, required: bool = False, default: str = "") -> str:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail(self.line_of(node), f"缺少“{key}”")
            return default
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(self.line_of(node), f"“{key}”应为文字")
        return str(value)

    def string_list(self, node: Any, key: str, line: int | None) -> list[str]:
        if node is None:
            return []
        if isinstance(node, str):
            return [node]
        if not isinstance(node, list) or not all(isinstance(x, (str, int)) for x in node):
            raise self.fail(self.line_of(node, line), f"“{key}”应为文字列表")
        return [str(x) for x in node]

    def regex(self, pattern: str, line: int | None, key: str = "pattern") -> re.Pattern[str]:
        if not pattern:
            raise self.fail(line, f"“{key}”不能为空")
        try:
            compiled = _compile_cached(pattern)
        except re.error as exc:
            raise self.fail(line, f"“{key}”的正则表达式有误（{exc.msg}，位置 {exc.pos}）：{pattern}") from None
        if compiled.match(""):
            raise self.fail(line, f"“{key}”会匹配空文本：{pattern}")
        return compiled

    def severity(self, node: dict, default: str) -> str:
        value = node.get("severity", default)
        if value not in SEVERITIES:
            raise self.fail(self.line_of(node), f"“severity”应为“错误”或“提示”，而不是“{value}”")
        return value

    def date(self, node: dict, key: str) -> _dt.date | None:
        value = node.get(key)
        if value is None:
            return None
        from drafter.check.context import ContextError, parse_date

        try:
            return parse_date(value)
        except ContextError:
            raise self.fail(self.line_of(node), f"“{key}”应为日期，如 2022-10-16，而不是“{value}”") from None

    def pattern_rules(self, items: Any, family: str, key: str) -> tuple[PatternRule, ...]:
        if not isinstance(items, list):
            raise self.fail(self.line_of(items), f"“{key}”应为列表")
        rules: list[PatternRule] = []
        seen: dict[str, int | None] = {}
        allowed = _DATED_KEYS if family == "dated" else _PATTERN_KEYS
        for item in items:
            line = self.line_of(item, self.line_of(items))
            if not isinstance(item, dict):
                raise self.fail(line, f"“{key}”的每一项应为键值对（id、pattern、message …）")
            self.check_keys(item, allowed, "规则")
            rule_id = self.string(item, "id", required=True)
            if not _ID_RE.match(rule_id):
                raise self.fail(line, f"规则 id“{rule_id}”只能用小写字母、数字和连字符")
            if rule_id in seen:
                raise self.fail(line, f"规则 id“{rule_id}”重复（第 {seen[rule_id]} 行已有）")
            seen[rule_id] = line
            pattern = self.regex(self.string(item, "pattern", required=True), line)
            unless = [self.regex(p, line, "unless").pattern
                      for p in self.string_list(item.get("unless"), "unless", line)]
            message = self.string(item, "message", required=True)
            replacement = item.get("replacement")
            if replacement is not None:
                replacement = self.string(item, "replacement")
            aggregate = item.get("aggregate", False)
            if not isinstance(aggregate, bool):
                raise self.fail(line, "“aggregate”应为 true 或 false")
            after = self.date(item, "after") if family == "dated" else None
            before = self.date(item, "before") if family == "dated" else None
            if family == "dated" and after is None and before is None:
                raise self.fail(line, "过时提法须写明“after”（此日期之后过时）或“before”（此日期之前尚无此提法）")
            rule = PatternRule(
                family=family,
                id=rule_id,
                regex=pattern.pattern,
                needles=needles(pattern.pattern),
                message=message,
                severity=self.severity(item, ERROR),
                replacement=replacement,
                suggestion=self.string(item, "suggestion"),
                source=self.string(item, "note"),
                unless_regexes=tuple(unless),
                aggregate=aggregate,
                after=after,
                before=before,
                origin=f"{self.name}:{line}",
            )
            for template_key in ("message", "suggestion", "replacement"):
                template = getattr(rule, template_key) or ""
                if "\\" in template:
                    groups = re.findall(r"\\(\d+)", template)
                    if any(int(g) > pattern.groups for g in groups):
                        raise self.fail(line, f"“{template_key}”引用了不存在的分组：{template}")
            rules.append(rule)
        return tuple(rules)

    def trades(self, items: Any) -> tuple[Trade, ...]:
        if not isinstance(items, list):
            raise self.fail(self.line_of(items), "“trades”应为列表")
        trades = []
        for item in items:
            line = self.line_of(item, self.line_of(items))
            if not isinstance(item, dict):
                raise self.fail(line, "“trades”的每一项应为键值对（id、words、unit_words）")
            self.check_keys(item, _TRADE_KEYS, "行业词")
            trade_id = self.string(item, "id", required=True)
            words = self.string_list(item.get("words"), "words", line)
            if not words:
                raise self.fail(line, "缺少“words”")
            unit_words = self.string_list(item.get("unit_words"), "unit_words", line) or list(words)
            suffix = self.string(item, "suffix", default="事业|系统|行业|战线")
            alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            pattern = self.regex(f"(?:{alternatives})(?:{suffix})", line, "suffix").pattern
            trades.append(Trade(trade_id, tuple(words), tuple(unit_words), pattern, needles(pattern),
                                self.severity(item, HINT), self.string(item, "note")))
        return tuple(trades)

    def self_reference(self, node: Any) -> SelfRefData:
        if not isinstance(node, dict):
            raise self.fail(self.line_of(node), "“self_reference”应为键值对")
        self.check_keys(node, _SELF_REF_KEYS, "self_reference ")
        line = self.line_of(node)
        follow = node.get("not_followed_by") or {}
        if not isinstance(follow, dict):
            raise self.fail(line, "“not_followed_by”应为“类型: 正则表达式”的键值对")
        not_followed_by = []
        for kind, pattern in follow.items():
            patterns = self.string_list(pattern, f"not_followed_by.{kind}", line)
            for p in patterns:
                self.regex(p, self.line_of(follow, line), f"not_followed_by.{kind}")
            not_followed_by.append((str(kind), tuple(patterns)))

        def words(key: str) -> frozenset[str]:
            return frozenset(self.string_list(node.get(key), key, line))

        return SelfRefData(
            not_preceded_by=words("not_preceded_by"),
            ben_kinds=words("ben_kinds"),
            ben_not_preceded_by=words("ben_not_preceded_by"),
            ambiguous=words("ambiguous"),
            not_followed_by=tuple(not_followed_by),
        )

    def parse(self, data: Any) -> RuleSet:
        if data is None:
            return RuleSet(files=(self.name,))
        if not isinstance(data, dict):
            raise self.fail(None, "顶层应为键值对（wording:、formulations: …）")
        self.check_keys(data, _TOP_KEYS, "顶层")
        version = data.get("version", 1)
        if version != 1:
            raise self.fail(self.line_of(data), f"不支持的规则文件版本“{version}”（当前为 1）")
        parts: dict[str, Any] = {"files": (self.name,)}
        if "wording" in data:
            parts["wording"] = self.pattern_rules(data["wording"], "wording", "wording")
        if "formulations" in data:
            parts["formulations"] = self.pattern_rules(data["formulations"], "dated", "formulations")
        if "trades" in data:
            parts["trades"] = self.trades(data["trades"])
        if "self_reference" in data:
            parts["self_ref"] = self.self_reference(data["self_reference"])
        for key, field_name in (("no_party_group", "no_party_group"), ("disable", "disabled")):
            if key in data:
                parts[field_name] = frozenset(self.string_list(data[key], key, self.line_of(data)))
        return RuleSet(**parts)


# --------------------------------------------------------------------------- public


def parse_rules(text: str, name: str) -> RuleSet:
    from drafter import cache

    return cache.memo(cache.key("rules", name, text), lambda: _Parser(name).parse(_load_yaml(text, name)))


def load_rule_file(path: Path) -> RuleSet:
    from drafter.source import read_text

    return parse_rules(read_text(Path(path), "规则文件", RuleFileError), str(path))


DATA = Path(__file__).resolve().parent.parent / "data"  # drafter/data, installed as plain files


@lru_cache(maxsize=1)
def shipped_rules() -> RuleSet:
    rules = RuleSet()
    for name in SHIPPED_FILES:
        text = (DATA / name).read_text(encoding="utf-8")
        rules = rules.merged(parse_rules(text, f"drafter/data/{name}"))
    return rules


def load_rules(extra_files: Iterable[Path] = ()) -> RuleSet:
    """The shipped rules plus the user's files, in order (later files win on equal ids)."""
    rules = shipped_rules()
    for path in extra_files:
        rules = rules.merged(load_rule_file(Path(path)))
    return rules
