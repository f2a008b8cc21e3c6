"""`drafter format`: lay out users' own Word and text files to GB/T 9704."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .common import ZhCommand, reports_errors


@click.command("format", cls=ZhCommand)
@click.argument("inputs", metavar="INPUT…", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="输出文件名（.docx）或文件夹；不填时写在原稿旁边，名为“原名-排版.docx”。"
                   "排版多份时为输出文件夹（不存在则新建）。")
@click.option("--dry-run", is_flag=True, help="只列出每段识别为什么、将做哪些改动，不写文件。")
@click.option("--split-headings", is_flag=True,
              help="把接排正文的小标题（如“（三）加强阵地管理。要……”）拆成标题和正文两段。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, metavar="N",
              help="排版多份时同时使用的进程数（默认：1）。")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度和改动，只报告失败。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@click.option("--strict", is_flag=True, help="检查发现问题时当作错误（不写文件，退出状态 1）。")
@reports_errors
def format_(inputs: tuple[Path, ...], output: Path | None, dry_run: bool, split_headings: bool, jobs: int,
            quiet: bool, force: bool, strict: bool) -> None:
    """按 GB/T 9704 重新排版已有的 Word 文稿（.docx、.doc、.wps）或文本（.txt、.md）。

    识别每段是版头（份号、密级、紧急程度、发文机关标志、发文字号、签发人）、标题、署名、主送、称呼、各级小标题、正文、附件、结束语、落款还是表格，按国家标准重写字体、字号、行距和小标题编号，把中文里的半角标点改为全角，另存为“原名-排版.docx”，原稿不动。

    \b
      drafter format 讲话.docx --dry-run       先看每段识别成什么
      drafter format 讲话.docx                 生成 讲话-排版.docx
      drafter format 各科室/ -o 排版后         文件夹里的全部文稿
    """
    from ..progress import Progress, choose_mode
    from ..wordin.job import plan

    if dry_run and output is not None:
        click.echo("提醒：--dry-run 不写文件，-o 不起作用", err=True)
    if dry_run and strict:
        click.echo("提醒：--dry-run 不写文件，也不检查，--strict 不起作用", err=True)
    several = len(inputs) > 1 or inputs[0].is_dir()
    tasks = plan(inputs, output, dry_run, split_headings=split_headings, strict=strict, force=force)
    if several and output is not None and not output.exists() and not dry_run:
        _make_folder(output)
    mode = choose_mode(len(tasks), quiet)
    progress = Progress(len(tasks), "quiet" if dry_run else mode)
    failed: list[tuple[str, str]] = []
    for outcome in _outcomes(tasks, jobs):
        if outcome.error:
            failed.append((outcome.label, outcome.error))
            progress.failed(outcome.label, outcome.error)
            continue
        if dry_run:
            _print_table(outcome, several)
            continue
        progress.advance(outcome.target, outcome.label)
        if mode != "quiet":
            _print_changes(outcome, progress)
    progress.close()
    _summary(len(tasks), failed, dry_run, mode)
    if failed:
        raise SystemExit(1)


def _make_folder(folder: Path) -> None:
    from ..errors import OutputError

    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(f"无法新建输出文件夹 {folder}：{exc.strerror}") from None


def _outcomes(tasks: list[Any], jobs: int) -> Any:
    from ..wordin.job import run

    if jobs == 1 or len(tasks) < 2:
        return map(run, tasks)
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)))
    return _pooled(pool, tasks)


def _pooled(pool: Any, tasks: list[Any]) -> Any:
    from ..wordin.job import run

    with pool:
        yield from pool.map(run, tasks)


def _print_table(outcome: Any, several: bool) -> None:
    from ..progress import width

    if several:
        click.echo(f"== {outcome.label} ==")
    header = ("段", "开头", "识别为", "改动")
    rows = [header] + outcome.table
    widths = [max(width(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [row[i] + " " * (widths[i] - width(row[i])) for i in range(3)]
        click.echo("  ".join(cells + [row[3]]).rstrip())
    for notice in outcome.notices:
        click.echo(f"提醒：{notice}")
    click.echo(f"共 {len(outcome.table)} 项，{outcome.corrections} 处改动（未写文件）。")


def _print_changes(outcome: Any, progress: Any) -> None:
    changes = [f"第 {number} 段：{notes}" for number, _, _, notes in outcome.table if notes]
    if changes:
        progress.note(f"  {outcome.corrections} 处改动：\n" + "\n".join("    " + c for c in changes))
    for notice in outcome.notices:
        progress.note(f"  提醒：{notice}")
    if outcome.check_notes:
        progress.note("  提醒：排版后的文稿里有以下问题：\n" +
                      "\n".join("    " + line for line in outcome.check_notes.strip().splitlines()))


def _summary(total: int, failed: list[tuple[str, str]], dry_run: bool, mode: str) -> None:
    def say(text: str) -> None:
        click.echo(text, err=True)

    if total == 1 and failed:
        say(f"错误：{failed[0][1]}")
    elif failed:
        say(f"失败 {len(failed)} 份：")
        for label, why in failed:
            say(f"  {label}：\n" + "\n".join("    " + line for line in why.strip().splitlines()))
    if total > 1 and (mode != "quiet" or failed):
        done = "已列出" if dry_run else "已排版"
        say(f"共 {total} 份：{done} {total - len(failed)} 份，失败 {len(failed)} 份。")
