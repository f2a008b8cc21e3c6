"""`drafter render`: one input, several, folders of them, or a base YAML and a table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import UsageError
from ..writers import FORMATS
from .common import ZhCommand, reports_errors, template_dirs_option


@click.command(cls=ZhCommand)
@click.argument("inputs", metavar="INPUT.yaml…", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-t", "--template", metavar="模板", help="模板名称（覆盖文件里的 template 字段）。")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="输出文件名或文件夹；不填时 docx 按“单位-会议-日期”命名，text/markdown 输出到屏幕。"
                   "生成多份时为输出文件夹（不存在则新建；不填则放在输入文件旁边）。")
@click.option("-f", "--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="输出格式（pdf 需要安装 LibreOffice）；不填时按 -o 文件名的扩展名（.docx .txt .md .pdf）确定，默认 docx。")
@click.option("--pdf", is_flag=True, help="在每个 .docx 旁边再生成一份 PDF（需要安装 LibreOffice）。")
@click.option("--table", type=click.Path(path_type=Path),
              help="单位名单（.xlsx、.csv，或 Excel 另存的“Unicode 文本”.txt）：INPUT.yaml 作为底稿，表格每行生成一份；"
                   "第 1 行写字段路径，如 unit.name、unit.kind、speaker.name、leaders.0.name，空白的格子保留底稿的值。")
@click.option("--sheet", metavar="工作表", help="名单所在的工作表名称（.xlsx 有多个工作表时；默认第一个有内容的工作表）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="同时生成的进程数（默认：CPU 核数）。")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度和生成的文件，只报告失败。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@click.option("--strict", is_flag=True, help="检查发现问题时当作错误（不写文件，退出状态 1）。")
@click.option("--no-check", is_flag=True, help="不检查生成的文稿。")
@template_dirs_option
@reports_errors
def render(inputs: tuple[Path, ...], template: str | None, output: Path | None, fmt: str | None, pdf: bool,
           table: Path | None, sheet: str | None, jobs: int | None, quiet: bool, force: bool, strict: bool,
           no_check: bool, template_dirs: tuple[Path, ...]) -> None:
    """按模板把 INPUT.yaml 生成为文稿。

    \b
    一次生成多份：
      drafter render 甲.yaml 乙.yaml -o 输出          几个 YAML 文件
      drafter render 各单位/ -o 输出                  文件夹里的全部 .yaml 文件
      drafter render 底稿.yaml --table 名单.xlsx -o 输出   名单的每一行一份
    """
    from .. import jobs as planning

    single = table is None and len(inputs) == 1 and not inputs[0].is_dir()
    fmt = fmt or planning.format_of(output, not single)
    if pdf and fmt not in ("docx", "pdf"):
        raise UsageError("--pdf 只能与 Word 格式（-f docx）一起使用")
    if table is not None and len(inputs) != 1:
        raise UsageError("使用 --table 时只能给一个底稿 YAML 文件")
    if sheet is not None and table is None:
        raise UsageError("--sheet 只能与 --table 一起使用")
    if single and output is None and fmt in ("text", "markdown"):
        _preview(inputs[0], fmt, template, template_dirs)
        return
    options = planning.RenderOptions(template, fmt, pdf, force, strict, tuple(template_dirs))
    base = None
    if single:
        job, note = planning.single_job(inputs[0], output, fmt)
        if note:
            click.echo(note, err=True)
        job_list: Any = [job]
    elif table is not None:
        job_list, base = planning.table_jobs(inputs[0], table, output, options, sheet)
        for note in job_list.table.notes:
            click.echo(f"提醒：{note}", err=True)
    else:
        job_list = planning.collect(inputs, output)
    _run(job_list, options, jobs, quiet, base, inputs[0] if table else None, not no_check)


def _preview(input_file: Path, fmt: str, template: str | None, template_dirs: tuple[Path, ...]) -> None:
    """Text or Markdown on the screen: nothing is written, nothing is checked."""
    from ..pipeline import load_and_render
    from ..writers import serialise

    rendered = load_and_render(input_file, template, extra_dirs=tuple(template_dirs))
    click.echo(serialise(rendered.document, fmt).decode("utf-8"), nl=False)


def _run(job_list: Any, options: Any, workers: int | None, quiet: bool, base: Any, base_path: Path | None,
         check: bool) -> None:
    from .. import batch
    from ..progress import Progress, choose_mode

    mode = choose_mode(len(job_list), quiet)
    report = batch.run(job_list, options, workers, base=base, base_path=base_path,
                       progress=Progress(len(job_list), mode), checker=check_rendered if check else None)
    _print_report(report, mode)
    if report.failed or report.pdf_missing:
        raise SystemExit(1)


def check_rendered(rendered: Any) -> str:
    """What `drafter check` finds in a rendered document, as text; "" when nothing."""
    from ..check import CheckContext, check_paragraphs, format_text

    findings = check_paragraphs(rendered.document.paragraphs(), CheckContext.from_data(rendered.data))
    return format_text(findings, show_source=False) if findings else ""


def _print_report(report: Any, mode: str) -> None:
    def say(text: str) -> None:
        click.echo(text, err=True)

    one = report.total == 1
    if mode != "quiet":
        for label, notes in report.notes:
            say("提醒：生成的文稿里有以下问题：\n" + _indent(notes, "  ") if one
                else f"提醒：{label}{' ' if label[-1:].isascii() else ''}里有以下问题：\n" + _indent(notes, "    "))
        if report.notes_count > len(report.notes):
            say(f"……另有 {report.notes_count - len(report.notes)} 份有提醒（可用 drafter check 逐份查看）")
        if mode == "bar" and report.written:
            say("已生成：")
            for path in report.written:
                say(f"  {path}")
            if report.written_count > len(report.written):
                say(f"  ……共 {report.written_count} 个文件")
    if one and report.failed:
        say(f"错误：{report.failed[0][1]}")
    elif report.failed:
        say(f"失败 {len(report.failed)} 份：")
        for label, why in report.failed:
            say(f"  {label}：\n" + _indent(why, "    "))
    if report.pdf_missing:
        from ..pdf import INSTALL_HINT  # only then: it brings in subprocess

        say(INSTALL_HINT)
    if not one and (mode != "quiet" or report.failed):
        say(f"共 {report.total} 份：已生成 {report.total - len(report.failed)} 份，失败 {len(report.failed)} 份。"
            if report.total else "没有要生成的文稿。")


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.strip().splitlines())
