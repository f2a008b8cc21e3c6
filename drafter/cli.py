"""The `drafter` command line.

Only click is imported at start-up: each command imports what it needs when it
runs, so `drafter --help` and `drafter templates` stay quick and never load
python-docx or lxml.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__, clizh
from .errors import DrafterError, OutputError
from .writers import FORMATS

clizh.install()


def _no_pydantic_plugins() -> None:
    """drafter uses no pydantic plugins. Without this, building the first model scans
    every installed distribution's entry points for them, and even with the scan
    switched off pydantic imports importlib.metadata (~8 ms) before it reads the
    switch; its plugin loader is given the answer it would reach: none."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    name = "pydantic.plugin._loader"
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__" and name not in sys.modules:
        import types

        loader = types.ModuleType(name)
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules[name] = loader


_no_pydantic_plugins()

TEMPLATE_DIRS = click.option(
    "--templates", "template_dirs", multiple=True, type=click.Path(path_type=Path),
    help="额外的模板文件夹（可重复使用；后面的同名模板覆盖前面的）。",
)


def _fail(error: DrafterError) -> None:
    click.echo(f"错误：{error}", err=True)
    sys.exit(error.exit_code)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a DrafterError into a Chinese message and its exit status, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DrafterError as error:
            _fail(error)

    return wrapper


class ZhCommand(click.Command):
    """A command whose usage line reads 用法： drafter render [选项] …"""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class ZhGroup(click.Group):
    command_class = ZhCommand

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)


ZhGroup.group_class = ZhGroup


class LazyGroup(ZhGroup):
    """Commands that live in other modules are imported only when invoked."""

    lazy = {"check": ("drafter.check.command", "check_command", "检查文稿中常见的错误：单位称谓、重复段落、编号、职务、过时提法、用词。")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            import importlib

            module, attr, _ = self.lazy[name]
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy:
                rows.append((name, self.lazy[name][2]))
            else:
                command = super().get_command(ctx, name)
                rows.append((name, command.get_short_help_str(60) if command else ""))
        with formatter.section(clizh.gettext("Commands")):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="drafter")
def cli() -> None:
    """drafter：用 YAML 填写本单位信息，按模板生成符合 GB/T 9704-2012 的讲话稿和汇报材料。

    \b
    常用步骤：
      drafter templates                      查看有哪些模板
      drafter init ideology-four-grips -o 讲话.yaml   生成可直接修改的示例
      drafter render 讲话.yaml                生成 Word 文档
    """


def _library(input_file: Path | None, template_dirs: tuple[Path, ...]):
    from .templates import Library

    return Library.discover(input_file, tuple(template_dirs))


# ------------------------------------------------------------------ render ----


@cli.command()
@click.argument("inputs", metavar="INPUT.yaml…", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-t", "--template", help="模板名称（覆盖文件里的 template 字段）。")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="输出文件名；不填时 docx 按“单位-会议-日期”命名，text/markdown 输出到屏幕。"
                   "生成多份时为输出文件夹（不存在则新建；不填则放在输入文件旁边）。")
@click.option("-f", "--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="输出格式（pdf 需要安装 LibreOffice）；不填时按 -o 文件名的扩展名（.docx .txt .md .pdf）确定，默认 docx。")
@click.option("--pdf", is_flag=True, help="在每个 .docx 旁边再生成一份 PDF（需要安装 LibreOffice）。")
@click.option("--table", type=click.Path(path_type=Path),
              help="单位名单（.xlsx 或 .csv）：INPUT.yaml 作为底稿，表格每行生成一份；"
                   "第 1 行写字段路径，如 unit.name、unit.kind、speaker.name、leaders.0.name，空白的格子保留底稿的值。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="同时生成的进程数（默认：CPU 核数）。")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度和生成的文件，只报告失败。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@click.option("--strict", is_flag=True, help="检查发现问题时当作错误（不写文件，退出状态 1）。")
@click.option("--no-check", is_flag=True, help="不检查生成的文稿。")
@TEMPLATE_DIRS
@reports_errors
def render(inputs: tuple[Path, ...], template: str | None, output: Path | None, fmt: str, pdf: bool,
           table: Path | None, jobs: int | None, quiet: bool, force: bool, strict: bool, no_check: bool,
           template_dirs: tuple[Path, ...]) -> None:
    """按模板把 INPUT.yaml 生成为文稿。

    \b
    一次生成多份：
      drafter render 甲.yaml 乙.yaml -o 输出          几个 YAML 文件
      drafter render 各单位/ -o 输出                  文件夹里的全部 .yaml 文件
      drafter render 底稿.yaml --table 名单.xlsx -o 输出   名单的每一行一份
    """
    from .errors import UsageError

    fmt = fmt or _format_of(output, table is not None or len(inputs) > 1)
    if pdf and fmt not in ("docx", "pdf"):
        raise UsageError("--pdf 只能与 Word 格式（-f docx）一起使用")
    if table is not None and len(inputs) != 1:
        raise UsageError("使用 --table 时只能给一个底稿 YAML 文件")
    if table is None and len(inputs) == 1 and not inputs[0].is_dir():
        _render_one(inputs[0], template, output, fmt, pdf, quiet, force, strict, no_check, template_dirs)
    else:
        _render_many(inputs, table, template, output, fmt, pdf, jobs, quiet, force, strict, no_check,
                     template_dirs)


def _format_of(output: Path | None, batch: bool) -> str:
    """The format an -o file name asks for (讲话.txt → text); docx otherwise."""
    if output is not None and not batch:
        for fmt, suffix in FORMATS.items():
            if output.suffix.lower() == suffix:
                return fmt
    return "docx"


def _render_one(input_file: Path, template: str | None, output: Path | None, fmt: str, pdf: bool,
                quiet: bool, force: bool, strict: bool, no_check: bool, template_dirs: tuple[Path, ...]) -> None:
    from .pipeline import default_filename, load_and_render
    from .writers import serialise

    rendered = load_and_render(input_file, template, _library(input_file, template_dirs))
    if fmt in ("text", "markdown") and output is None:
        click.echo(serialise(rendered.document, fmt).decode("utf-8"), nl=False)
        return
    target = output or input_file.resolve().parent / default_filename(rendered, FORMATS[fmt])
    if not no_check:
        _check_rendered(rendered, strict)
    from .output import check_writable, write_atomic

    if fmt == "pdf":
        check_writable(target, force)
        _one_pdf(serialise(rendered.document, "docx"), target, force, quiet)
        return
    if pdf:
        check_writable(target.with_suffix(".pdf"), force)
    write_atomic(target, serialise(rendered.document, fmt), force)
    if not quiet:
        click.echo(f"已生成：{target}", err=True)
    if pdf:
        _one_pdf(None, target.with_suffix(".pdf"), force, quiet, docx=target)


def _one_pdf(data: bytes | None, target: Path, force: bool, quiet: bool, docx: Path | None = None) -> None:
    """Convert one document with LibreOffice; without LibreOffice, keep the .docx and say how to install it."""
    import shutil
    import tempfile

    from .output import write_atomic
    from .pdf import LibreOfficeMissing, convert, find_soffice

    soffice = find_soffice()
    if soffice is None:
        if docx is None:  # -f pdf: the Word document is still worth having
            docx = target.with_suffix(".docx")
            write_atomic(docx, data or b"", force)
            click.echo(f"已生成：{docx}", err=True)
        raise LibreOfficeMissing()
    folder = Path(tempfile.mkdtemp(prefix="drafter-pdf-"))
    try:
        if docx is None:
            docx = folder / (target.stem + ".docx")
            docx.write_bytes(data or b"")
        made = convert([docx], folder / "pdf", soffice).get(docx)
        if made is None:
            raise OutputError("LibreOffice 没有生成 PDF（文档可能已损坏，或 LibreOffice 出错）")
        write_atomic(target, made.read_bytes(), force)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not quiet:
        click.echo(f"已生成：{target}", err=True)


def _render_many(inputs: tuple[Path, ...], table: Path | None, template: str | None, output: Path | None,
                 fmt: str, pdf: bool, jobs: int | None, quiet: bool, force: bool, strict: bool, no_check: bool,
                 template_dirs: tuple[Path, ...]) -> None:
    from . import batch
    from .errors import UsageError
    from .progress import Progress, choose_mode

    if output is not None and (output.is_file() or (not output.exists() and output.suffix.lower() in
                                                    (".docx", ".pdf", ".txt", ".md"))):
        raise UsageError(f"生成多份文稿时，-o 应为输出文件夹，而不是文件：{output}")
    options = batch.Options(template, fmt, pdf, force, strict, not no_check, tuple(template_dirs))
    base = None
    if table is not None:
        job_list, base = batch.table_jobs(inputs[0], table, output, options)
    else:
        job_list = batch.collect(inputs, output)
    mode = choose_mode(len(job_list), quiet)
    report = batch.run(job_list, options, jobs, base=base, base_path=inputs[0] if table else None,
                       progress=Progress(len(job_list), mode))
    _print_report(report, mode)
    if report.failed or report.pdf_missing:
        raise OutputError(f"{len(report.failed)} 份没有生成（原因见上）" if report.failed
                          else "PDF 没有生成（原因见上）")


def _print_report(report: Any, mode: str) -> None:
    from .pdf import INSTALL_HINT

    def say(text: str) -> None:
        click.echo(text, err=True)

    if mode != "quiet":
        if report.notes:
            say("提醒：生成的文稿里有以下问题：")
            for label, notes in report.notes:
                say(f"  {label}：\n" + _indent(notes, "    "))
            if report.notes_count > len(report.notes):
                say(f"  ……另有 {report.notes_count - len(report.notes)} 份有提醒（可用 drafter check 逐份查看）")
        if mode == "bar" and report.written:
            say("已生成：")
            for path in report.written:
                say(f"  {path}")
            if report.written_count > len(report.written):
                say(f"  ……共 {report.written_count} 个文件")
    if report.failed:
        say(f"失败 {len(report.failed)} 份：")
        for label, why in report.failed:
            say(f"  {label}：\n" + _indent(why, "    "))
    if report.pdf_missing:
        say(INSTALL_HINT)
    if mode != "quiet" or report.failed:
        say(f"共 {report.total} 份：已生成 {report.total - len(report.failed)} 份，失败 {len(report.failed)} 份。"
            if report.total else "没有要生成的文稿。")


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.strip().splitlines())


def _check_rendered(rendered: Any, strict: bool) -> None:
    """Run `drafter check` on what we produced; warnings, or errors with --strict."""
    from .pipeline import check_findings

    notes = check_findings(rendered)
    if not notes:
        return
    click.echo(("错误" if strict else "提醒") + "：生成的文稿里有以下问题：\n" + notes, err=True)
    if strict:
        raise OutputError("因使用了 --strict，未写入文件")


# ------------------------------------------------------------------ validate --


@cli.command()
@click.argument("input_file", metavar="INPUT.yaml", type=click.Path(path_type=Path))
@click.option("-t", "--template", help="模板名称（覆盖文件里的 template 字段）。")
@TEMPLATE_DIRS
@reports_errors
def validate(input_file: Path, template: str | None, template_dirs: tuple[Path, ...]) -> None:
    """只检查 INPUT.yaml 的字段是否填写正确，不生成文件。"""
    from .pipeline import choose_template
    from .source import load_file
    from .validation import validate as validate_source

    source = load_file(input_file)
    chosen = choose_template(source, template, _library(input_file, template_dirs))
    validate_source(source, chosen.input_model)
    click.echo(f"检查通过：{input_file} 符合模板“{chosen.name}”（{chosen.manifest.title}）的要求。")


# ------------------------------------------------------------------ templates -


@cli.group(invoke_without_command=True)
@TEMPLATE_DIRS
@click.pass_context
@reports_errors
def templates(ctx: click.Context, template_dirs: tuple[Path, ...]) -> None:
    """列出可用的模板（名称、说明、来源）；子命令 show、new。"""
    ctx.obj = template_dirs
    if ctx.invoked_subcommand is not None:
        return
    library = _library(None, template_dirs)
    for file in library.listed():
        try:
            manifest = file.manifest
            line = f"{manifest.title}：{manifest.description}"
            if manifest.abstract:
                line = "（基础框架，供其他模板继承）" + line
        except DrafterError as error:
            line = f"（模板有误：{error}）"
        origin = "内置" if file.origin == "内置" else f"来自 {file.origin}"
        if file.overrides is not None:
            origin += f"，覆盖了{'内置' if file.overrides.origin == '内置' else file.overrides.origin}的同名模板"
        click.echo(f"{file.name}\n    {line}\n    [{origin}]")


@templates.command("show")
@click.argument("name")
@TEMPLATE_DIRS
@click.pass_obj
@reports_errors
def templates_show(parent_dirs: tuple[Path, ...], name: str, template_dirs: tuple[Path, ...]) -> None:
    """显示模板的提纲（带编号）、字段说明和所继承的模板。"""
    from .fields import FIELD_TYPES

    template = _library(None, tuple(parent_dirs or ()) + template_dirs).get(name)
    manifest = template.manifest
    click.echo(f"{template.name}：{manifest.title}（{manifest.kind}）\n  {manifest.description}")
    click.echo(f"  文件：{template.file.path}")
    if len(template.chain) > 1:
        click.echo("  继承：" + " → ".join(f.name for f in template.chain))
    click.echo("\n提纲：")
    for level, text in template.outline():
        click.echo("  " + "  " * (level - 1) + text)
    click.echo("\n模板字段（公共字段 unit、speaker、meeting、leaders、tasks 之外）：")
    for spec in template.fields:
        flag = "必填" if spec.required else "可选"
        label = "：".join(part for part in (spec.title, spec.help) if part)
        click.echo(f"  {spec.name}（{FIELD_TYPES[spec.type][2]}，{flag}）{label}")
    if not template.fields:
        click.echo("  （无）")


@templates.command("new")
@click.argument("name")
@click.option("--from", "parent", required=True, help="要继承的模板名称。")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("templates"), show_default=True,
              help="新模板放在哪个文件夹。")
@click.option("--force", is_flag=True, help="同名模板已存在时覆盖它。")
@TEMPLATE_DIRS
@click.pass_obj
@reports_errors
def templates_new(parent_dirs: tuple[Path, ...], name: str, parent: str, folder: Path, force: bool,
                  template_dirs: tuple[Path, ...]) -> None:
    """新建一个继承 PARENT 的模板，带说明块和一个改写章节的示例。"""
    from .scaffold import new_template

    library = _library(None, tuple(parent_dirs or ()) + template_dirs)
    path = new_template(library, name, parent, folder, force)
    click.echo(f"已创建模板：{path}\n"
               f"下一步：\n"
               f"  1. 打开 {path}，修改开头说明块里的 title、description 和 fields；\n"
               f"  2. 改写或增加章节（用 {{% block 名称 %}} 覆盖上级模板的同名章节）；\n"
               f"  3. drafter templates show {name} --templates {folder} 查看提纲；\n"
               f"  4. drafter init {name} --templates {folder} -o 输入.yaml 生成输入文件后 render。")


# ------------------------------------------------------------------ init / schema


@cli.command()
@click.argument("name")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="写入的文件；不填则输出到屏幕。")
@click.option("--force", is_flag=True, help="文件已存在时覆盖它。")
@TEMPLATE_DIRS
@reports_errors
def init(name: str, output: Path | None, force: bool, template_dirs: tuple[Path, ...]) -> None:
    """为模板 NAME 生成一份带中文注释、可直接生成文稿的 YAML 输入文件。"""
    import json

    from .scaffold import json_schema, starter_yaml

    template = _library(output, template_dirs).get(name)
    text = starter_yaml(template)
    if output is None:
        click.echo(text, nl=False)
        return
    from .output import write_atomic

    write_atomic(output, text.encode("utf-8"), force)
    # the schema the `# yaml-language-server: $schema=` line points to, beside the YAML
    schema_path = output.parent / f"{template.name}.schema.json"
    if force or not schema_path.exists():
        schema = json.dumps(json_schema(template), ensure_ascii=False, indent=2) + "\n"
        write_atomic(schema_path, schema.encode("utf-8"), force=True)
    click.echo(f"已生成：{output}（按注释修改后运行 drafter render {output}）", err=True)


@cli.command()
@click.argument("name")
@TEMPLATE_DIRS
@reports_errors
def schema(name: str, template_dirs: tuple[Path, ...]) -> None:
    """输出模板 NAME 的输入文件 JSON Schema，供编辑器自动补全和检查。"""
    import json

    from .scaffold import json_schema

    click.echo(json.dumps(json_schema(_library(None, template_dirs).get(name)), ensure_ascii=False, indent=2))


def main(argv: list[str] | None = None) -> None:
    try:
        status = cli.main(args=argv, prog_name="drafter", standalone_mode=False)
        if isinstance(status, int) and status:  # a command's ctx.exit(N)
            sys.exit(status)
    except click.exceptions.NoArgsIsHelpError as exc:  # pragma: no cover - click ≥ 8.2
        click.echo(exc.ctx.get_help())
        sys.exit(0)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("已中止。", err=True)
        sys.exit(130)
    except DrafterError as error:
        _fail(error)
    except Exception as exc:  # noqa: BLE001 - last resort: a bug of ours, not the user's
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        click.echo(f"内部错误（请把输入文件和这条信息报告给维护者）：{type(exc).__name__}: {exc}", err=True)
        sys.exit(70)


if __name__ == "__main__":  # pragma: no cover
    from .entry import run

    run()
