"""drafter check: find the defects hand-copying leaves in a speech or report.

Public API (light to import: no python-docx, no YAML until rules are loaded):

    from drafter.check import CheckContext, check_paragraphs, format_text
    findings = check_paragraphs(paragraphs, CheckContext(unit_kind="村", ...))
    print(format_text(findings))
"""

from __future__ import annotations

from drafter.check.context import CheckContext, ContextError, parse_date
from drafter.check.engine import check_paragraphs, run_checks
from drafter.check.findings import (ERROR, HINT, Finding, format_json, format_text, has_errors,
                                    summary, to_json_dict)
from drafter.check.rules import RuleFileError, load_rules

__all__ = [
    "CheckContext",
    "ContextError",
    "ERROR",
    "HINT",
    "Finding",
    "RuleFileError",
    "check_paragraphs",
    "format_json",
    "format_text",
    "has_errors",
    "load_rules",
    "parse_date",
    "run_checks",
    "summary",
    "to_json_dict",
]
