"""A finding of the checker, and its text and JSON forms.

The JSON form is a stable contract (documented in docs/check.md): keys are only ever
added, never renamed or removed, within one ``version``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable

ERROR = "错误"
HINT = "提示"
SEVERITIES = (ERROR, HINT)

JSON_VERSION = 1


@dataclass(frozen=True)
class Finding:
    """One problem found in a draft."""

    rule: str  # family.name, e.g. "unit.self-ref"
    severity: str  # ERROR or HINT
    paragraph: int  # 1-based position in the paragraph list that was checked
    snippet: str  # the offending text as it stands in the draft
    message: str  # Chinese, names the snippet
    suggestion: str = ""  # Chinese advice, e.g. 建议改为“我村”
    replacement: str | None = None  # exact replacement text when there is one
    column: int | None = None  # 1-based character position of the snippet
    related_paragraph: int | None = None  # e.g. the earlier copy of a repeated sentence
    source: str = ""  # the norm or fact the rule rests on
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "paragraph": self.paragraph,
            "column": self.column,
            "snippet": self.snippet,
            "message": self.message,
            "suggestion": self.suggestion,
            "replacement": self.replacement,
            "related_paragraph": self.related_paragraph,
            "source": self.source,
        }


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (f.paragraph, f.column if f.column is not None else 0, f.rule),
    )


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {ERROR: 0, HINT: 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def format_line(f: Finding, times: int = 1) -> str:
    """`times`: how many places of the paragraph the same finding has (shown once)."""
    where = f"第{f.paragraph}段" + (f"（{times} 处）" if times > 1 else "")
    line = f"{where} [{f.severity}] {f.rule}：{f.message}"
    if f.suggestion:
        line += f" → {f.suggestion}"
    return line


def format_text(findings: Iterable[Finding], *, show_source: bool = True,
                with_summary: bool = True) -> str:
    """One line per finding (plus an indented 依据 line), then a summary line."""
    findings = list(findings)
    lines: list[str] = []
    previous, repeats, last = "", 0, 0
    for f in findings:
        line = format_line(f)
        if line == previous:  # the same wording twice in one paragraph: one line, with the count
            repeats += 1
            lines[last] = format_line(f, repeats)
            continue
        previous, repeats, last = line, 1, len(lines)
        lines.append(line)
        if show_source and f.source:
            lines.append(f"    依据：{f.source}")
    if with_summary:
        if findings:
            counts = summary(findings)
            lines.append(f"共 {len(findings)} 处：错误 {counts[ERROR]} 处，提示 {counts[HINT]} 处。")
        else:
            lines.append("未发现问题。")
    return "\n".join(lines)


def to_json_dict(findings: Iterable[Finding], *, file: str | None = None,
                 context: dict[str, Any] | None = None) -> dict[str, Any]:
    findings = list(findings)
    return {
        "version": JSON_VERSION,
        "file": file,
        "context": context or {},
        "findings": [f.to_dict() for f in findings],
        "summary": summary(findings),
    }


def format_json(findings: Iterable[Finding], *, file: str | None = None,
                context: dict[str, Any] | None = None) -> str:
    return json.dumps(to_json_dict(findings, file=file, context=context),
                      ensure_ascii=False, indent=2)
