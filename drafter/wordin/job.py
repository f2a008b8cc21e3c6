"""One file of `drafter format`: where its result goes, and formatting it (in a worker
process when -j asks for several)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from drafter.errors import DrafterError, UsageError
from drafter.wordin.source import SUFFIXES

OUTPUT_SUFFIX = "-排版.docx"


@dataclass(frozen=True)
class Task:
    source: Path
    target: Path | None  # None: --dry-run
    problem: str = ""  # known before reading: the file cannot be formatted
    split_headings: bool = False
    strict: bool = False
    force: bool = False


@dataclass
class Outcome:
    label: str
    target: Path | None = None  # the file written
    error: str = ""
    table: list[tuple[str, str, str, str]] = field(default_factory=list)
    corrections: int = 0
    notices: list[str] = field(default_factory=list)
    check_notes: str = ""


def plan(inputs: Iterable[Path], output: Path | None, dry_run: bool, **options: bool) -> list[Task]:
    """A task per file: files as given, folders' .docx/.doc/.wps/.txt/.md files (not the
    -排版.docx files an earlier run left there)."""
    inputs = list(inputs)
    single = len(inputs) == 1 and not inputs[0].is_dir()
    if single:
        return [_task(inputs[0], _single_target(inputs[0], output), dry_run, options)]
    if output is not None and (output.is_file() or (not output.exists() and output.suffix)):
        raise UsageError(f"排版多份文稿时，-o 应为输出文件夹，而不是文件：{output}")
    tasks: list[Task] = []
    taken: dict[Path, Path] = {}
    for item in inputs:
        files = [item] if not item.is_dir() else sorted(
            p for p in item.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
            and not p.name.startswith((".", "~")) and not p.name.endswith(OUTPUT_SUFFIX))
        if item.is_dir() and not files:
            tasks.append(Task(item, None, problem=f"文件夹 {item} 里没有可排版的文稿（.docx、.doc、.wps、.txt、.md）"))
        for path in files:
            target = (output or path.parent) / (path.stem + OUTPUT_SUFFIX)
            key = target.resolve()
            if key in taken:
                if taken[key] != path.resolve():
                    tasks.append(Task(path, None, problem=f"输出文件 {target} 与 {taken[key].name} 的重名，"
                                                          "请改名或分开排版"))
                continue
            taken[key] = path.resolve()
            tasks.append(_task(path, target, dry_run, options))
    return tasks


def _single_target(source: Path, output: Path | None) -> Path:
    if output is None:
        return source.parent / (source.stem + OUTPUT_SUFFIX)
    if output.is_dir():
        return output / (source.stem + OUTPUT_SUFFIX)
    if output.suffix.lower() != ".docx":
        raise UsageError(f"-o 应为 .docx 文件名或已有的文件夹：{output}")
    return output


def _task(source: Path, target: Path, dry_run: bool, options: dict[str, bool]) -> Task:
    problem = ""
    if target.resolve() == source.resolve():
        problem = f"输出文件不能是原稿本身：{source}（请用 -o 指定其他文件名）"
    return Task(source, None if dry_run else target, problem, **options)


def run(task: Task) -> Outcome:
    """Format one file; every failure a user can cause comes back as a Chinese error."""
    from drafter.check import CheckContext, check_paragraphs, format_text
    from drafter.output import write_atomic
    from drafter.wordin.layout import format_file, role_table
    from drafter.writers import serialise

    outcome = Outcome(str(task.source))
    if task.problem:
        outcome.error = task.problem
        return outcome
    try:
        formatted = format_file(task.source, task.split_headings)
        outcome.table = role_table(formatted.items)
        outcome.corrections = sum(len(item.notes) for item in formatted.items)
        outcome.notices = formatted.notices
        if task.target is None:
            return outcome
        findings = check_paragraphs(formatted.document.paragraphs(), CheckContext())
        outcome.check_notes = format_text(findings, show_source=False) if findings else ""
        if outcome.check_notes and task.strict:
            outcome.error = "检查发现问题（因使用了 --strict，未写入文件）：\n" + outcome.check_notes
            return outcome
        write_atomic(task.target, serialise(formatted.document, "docx"), task.force)
        outcome.target = task.target
    except DrafterError as error:
        outcome.error = str(error)
    return outcome
