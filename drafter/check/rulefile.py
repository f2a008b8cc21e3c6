"""The rules file format: pydantic models of its parts, and the rules they make.

A file is read with drafter.source (the position of every value) and validated here;
a problem raises RuleFileError naming the file, line and column, in Chinese.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict,
                      field_validator, model_validator)

from drafter.check.findings import ERROR, HINT, SEVERITIES
from drafter.check.rules import TRADE_SUFFIX, RuleFileError, RuleSet, compile_pattern, rule_set
from drafter.era import congress_names, congress_opened
from drafter.errors import InputError, InputErrors
from drafter.source import Source, load_text
from drafter.validation import validate

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Python's own words for a broken regex, in the words a rule author needs (by substring).
_REGEX_PROBLEMS = [
    ("missing )", "括号没有闭合"),
    ("unbalanced parenthesis", "括号不配对"),
    ("unterminated character set", "方括号没有闭合"),
    ("nothing to repeat", "量词（* + ? {…}）前面没有内容"),
    ("multiple repeat", "量词（* + ? {…}）连用"),
    ("look-behind requires fixed-width", "(?<=…) 和 (?<!…) 里只能写固定长度的内容"),
    ("bad escape", "反斜杠转义不正确"),
    ("unknown group name", "引用了不存在的分组名"),
    ("invalid group reference", "引用了不存在的分组"),
    ("bad character range", "方括号里的范围写反了"),
]


def _regex(pattern: str) -> re.Pattern[str]:
    """The compiled pattern, or ValueError with a Chinese message."""
    if not pattern:
        raise ValueError("正则表达式不能为空")
    try:
        compiled = compile_pattern(pattern)
    except re.error as exc:
        problem = next((zh for en, zh in _REGEX_PROBLEMS if en in exc.msg), "写法不正确")
        raise ValueError(f"正则表达式有误：{problem}（第 {(exc.pos or 0) + 1} 个字符处）：{pattern}") from None
    if compiled.match(""):
        raise ValueError(f"正则表达式会匹配空文本：{pattern}")
    return compiled


def _valid_regex(pattern: str) -> str:
    _regex(pattern)
    return pattern


def _valid_severity(value: str) -> str:
    if value not in SEVERITIES:
        raise ValueError(f"应为“错误”或“提示”，而不是“{value}”")
    return value


def _as_list(value: Any) -> Any:
    """An empty key means an empty list; a single word stands for a list of one; a number
    in the list (YAML reads 110 as one) stands for its digits."""
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    return [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value]


def _none_as_empty(value: Any) -> Any:
    return [] if value is None else value


def _none_as_no_mapping(value: Any) -> Any:
    return {} if value is None else value


Words = Annotated[list[str], BeforeValidator(_as_list)]
Regex = Annotated[str, AfterValidator(_valid_regex)]
Regexes = Annotated[list[Regex], BeforeValidator(_as_list)]
Severity = Annotated[str, AfterValidator(_valid_severity)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _PatternSpec(_Spec):
    id: str
    pattern: Regex
    message: str
    severity: Severity = ERROR
    replacement: str | None = None
    suggestion: str = ""
    note: str = ""
    unless: Regexes = []
    aggregate: bool = False
    per_sentence: bool = False
    needle: Words = []  # text one of which every match contains (lets a draft skip the rule)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID_RE.match(value):
            raise ValueError(f"规则 id“{value}”只能用小写字母、数字和连字符")
        return value

    @field_validator("needle")
    @classmethod
    def _needle(cls, value: list[str]) -> list[str]:
        if any(not n for n in value):
            raise ValueError("不能有空的文字")
        return value

    @model_validator(mode="after")
    def _group_references(self) -> "_PatternSpec":
        groups = compile_pattern(self.pattern).groups
        for key in ("message", "suggestion", "replacement"):
            template = getattr(self, key) or ""
            if any(int(g) > groups for g in re.findall(r"\\(\d+)", template)):
                raise ValueError(f"“{key}”引用了不存在的分组：{template}")
        return self


def _date_or_congress(value: Any) -> Any:
    """A date (2022-10-16) or the name of a National Congress (党的二十大), as a date."""
    if value is None or isinstance(value, _dt.date):
        return value
    expected = f"应为日期（如 2022-10-16）或党代会名称（{'、'.join(congress_names())}）"
    if not isinstance(value, str):  # a number, list …: said without echoing Python's spelling
        raise ValueError(expected)
    opened = congress_opened(value)
    if opened is None:
        raise ValueError(f"{expected}，而不是“{value}”")
    return opened


When = Annotated[_dt.date | None, BeforeValidator(_date_or_congress)]


class _FormulationSpec(_PatternSpec):
    after: When = None  # out of date when the meeting is later than this
    before: When = None  # not yet in use when the meeting is earlier than this

    @model_validator(mode="after")
    def _dated(self) -> "_FormulationSpec":
        if self.after is None and self.before is None:
            raise ValueError("过时提法须写明“after”（此日期之后过时）或“before”（此日期之前尚无此提法）")
        return self


class _TradeSpec(_Spec):
    id: str
    words: Annotated[Words, Field(min_length=1)]
    unit_words: Words = []
    suffix: Regex = TRADE_SUFFIX
    severity: Severity = HINT
    note: str = ""


class _SelfReferenceSpec(_Spec):
    not_preceded_by: Words = []
    ben_kinds: Words = []
    ben_not_preceded_by: Words = []
    ambiguous: Words = []
    # kind → what may not follow 我X / 本X (regexes)
    not_followed_by: Annotated[dict[str, Regexes], BeforeValidator(_none_as_no_mapping)] = {}


class _RuleFileSpec(_Spec):
    version: Annotated[int, Strict()] = 1
    wording: Annotated[list[_PatternSpec], BeforeValidator(_none_as_empty)] = []
    placeholders: Annotated[list[_PatternSpec], BeforeValidator(_none_as_empty)] = []
    formulations: Annotated[list[_FormulationSpec], BeforeValidator(_none_as_empty)] = []
    trades: Annotated[list[_TradeSpec], BeforeValidator(_none_as_empty)] = []
    self_reference: _SelfReferenceSpec | None = None
    no_party_group: Words = []
    disable: Words = []

    @field_validator("version")
    @classmethod
    def _version(cls, value: int) -> int:
        if value != 1:
            raise ValueError(f"不支持的规则文件版本“{value}”（当前为 1）")
        return value


# --------------------------------------------------------------------------- building


def _unique_ids(source: Source, key: str, items: list) -> None:
    """Two rules of one part with the same id: the later would silently hide the earlier."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        position = source.position_of((key, i))
        if item.id in seen:
            raise RuleFileError(f"规则 id“{item.id}”重复（第 {seen[item.id]} 行已有）", position)
        seen[item.id] = position.line


def parse_rule_file(text: str, name: str) -> RuleSet:
    """The rules of one file's text; `name` names it in messages."""
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return RuleSet(files=(name,))  # an empty file (or only comments) adds nothing
    try:
        source = load_text(text, name)
        if not isinstance(source.data, dict):
            raise RuleFileError("顶层应为键值对（wording:、formulations: …）", source.position_of(()))
        spec = validate(source, _RuleFileSpec)
    except InputErrors as exc:
        raise RuleFileError("\n".join(str(_rule_error(e, name)) for e in exc.errors)) from None
    except InputError as exc:
        raise _rule_error(exc, name) from None
    for key in ("wording", "placeholders", "formulations", "trades"):
        _unique_ids(source, key, getattr(spec, key))
    return rule_set(spec.model_dump(), name)


def _rule_error(exc: InputError, name: str) -> RuleFileError:
    """The same problem, told as a rules file's (the reader's messages are an input file's)."""
    if exc.position is None:
        return RuleFileError(f"规则文件 {name}：{exc.message}")
    return RuleFileError(exc.message, exc.position)
