"""Recall and precision of `drafter check` on the evaluation drafts, by class of defect.

Each draft NAME.txt (one paragraph a line) has NAME.yaml beside it: the unit data to check
it with (`context`, optional) and the defects planted in it (`defects`: paragraph, class,
snippet, and `occurrence` when the snippet occurs more than once in its paragraph).

    .venv/bin/python tests/drafts/evaluate.py heldout     # the table for docs/check.md

A planted defect is found when a finding points into it: same paragraph, and the finding's
span overlaps the snippet (or, for a finding that names the paragraph it stems from, such
as a heading number skipped because a heading was swallowed, that paragraph). A finding is
right when it is about some planted defect, of whichever class.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from drafter.check import CheckContext, Finding, check_paragraphs

HERE = Path(__file__).resolve().parent
CLASSES = ("placeholder", "stale", "scope", "structure", "repetition", "wording")
CLASS_LABEL = {"placeholder": "未填写的占位符", "stale": "过时提法", "scope": "他单位的范围、名称",
               "structure": "结构", "repetition": "重复", "wording": "用词、标点"}
# The class of defect each rule family (or rule) finds.
RULE_CLASS = {"placeholder": "placeholder", "dated": "stale", "unit": "scope", "structure": "structure",
              "roles": "structure", "repeat": "repetition", "wording": "wording"}


def class_of(rule: str) -> str:
    return RULE_CLASS[rule.split(".", 1)[0]]


@dataclass
class Defect:
    paragraph: int
    cls: str
    snippet: str
    start: int
    end: int


@dataclass
class Draft:
    name: str
    paragraphs: list[str]
    context: CheckContext
    defects: list[Defect]


@dataclass
class Tally:
    planted: int = 0
    found: int = 0
    findings: int = 0
    false: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def load(folder: str) -> list[Draft]:
    drafts = []
    for text_path in sorted((HERE / folder).glob("*.txt")):
        paragraphs = [p.strip() for p in text_path.read_text(encoding="utf-8").splitlines() if p.strip()]
        data = yaml.safe_load(text_path.with_suffix(".yaml").read_text(encoding="utf-8"))
        context = dict(data.get("context") or {})
        if "date" in context:
            context["date"] = dt.date.fromisoformat(str(context["date"]))
        defects = []
        for item in data["defects"]:
            text = paragraphs[item["paragraph"] - 1]
            start = -1
            for _ in range(item.get("occurrence", 1)):
                start = text.index(item["snippet"], start + 1)
            defects.append(Defect(item["paragraph"], item["class"], item["snippet"],
                                  start, start + len(item["snippet"])))
        drafts.append(Draft(text_path.stem, paragraphs, CheckContext(**context), defects))
    return drafts


def _span(f: Finding, paragraphs: list[str]) -> tuple[int, int]:
    start = (f.column or 1) - 1
    if "……" in f.snippet:  # shortened: it runs on to the end of its sentence at least
        return start, len(paragraphs[f.paragraph - 1])
    return start, start + max(1, len(f.snippet))


def _about(f: Finding, d: Defect, paragraphs: list[str]) -> bool:
    if f.paragraph == d.paragraph:
        start, end = _span(f, paragraphs)
        return start < d.end and d.start < end
    return f.related_paragraph == d.paragraph and class_of(f.rule) == d.cls


def evaluate(drafts: list[Draft]) -> dict[str, Tally]:
    tallies = {cls: Tally() for cls in CLASSES}
    for draft in drafts:
        findings = check_paragraphs(draft.paragraphs, draft.context)
        for d in draft.defects:
            tally = tallies[d.cls]
            tally.planted += 1
            if any(_about(f, d, draft.paragraphs) for f in findings):
                tally.found += 1
            else:
                tally.missed.append(f"{draft.name} 第{d.paragraph}段 {d.snippet}")
        for f in findings:
            tally = tallies[class_of(f.rule)]
            tally.findings += 1
            if not any(_about(f, d, draft.paragraphs) for d in draft.defects):
                tally.false += 1
                tally.wrong.append(f"{draft.name} 第{f.paragraph}段 {f.rule} {f.snippet}")
    return tallies


def total(tallies: dict[str, Tally]) -> Tally:
    return Tally(*(sum(getattr(t, key) for t in tallies.values())
                   for key in ("planted", "found", "findings", "false")))


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def table(tallies: dict[str, Tally]) -> str:
    lines = ["| 类别 | 埋入 | 查出 | 查出率 | 报出 | 误报 | 准确率 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for cls, t in [*tallies.items(), ("合计", total(tallies))]:
        label = CLASS_LABEL.get(cls, cls)
        lines.append(f"| {label} | {t.planted} | {t.found} | {_share(t.found, t.planted)} | "
                     f"{t.findings} | {t.false} | {_share(t.findings - t.false, t.findings)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    folder = argv[0] if argv else "heldout"
    tallies = evaluate(load(folder))
    print(table(tallies))
    for cls, t in tallies.items():
        for line in t.missed:
            print("漏报", cls, line)
        for line in t.wrong:
            print("误报", cls, line)


if __name__ == "__main__":
    main(sys.argv[1:])
