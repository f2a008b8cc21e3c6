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

clizh.install()

FORMATS = {"docx": ".docx", "text": ".txt", "markdown": ".md"}
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


class LazyGroup(click.Group):
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
@click.argument("input_file", metavar="INPUT.yaml", type=click.Path(path_type=Path))
@click.option("-t", "--template", help="模板名称（覆盖文件里的 template 字段）。")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="输出文件名；不填时 docx 按“单位-会议-日期”命名，text/markdown 输出到屏幕。")
@click.option("-f", "--format", "fmt", type=click.Choice(list(FORMATS)), default="docx", show_default=True,
              help="输出格式。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@click.option("--strict", is_flag=True, help="检查发现问题时当作错误（不写文件，退出状态 1）。")
@click.option("--no-check", is_flag=True, help="不检查生成的文稿。")
@TEMPLATE_DIRS
@reports_errors
def render(input_file: Path, template: str | None, output: Path | None, fmt: str, force: bool,
           strict: bool, no_check: bool, template_dirs: tuple[Path, ...]) -> None:
    """按模板把 INPUT.yaml 生成为文稿。"""
    from .pipeline import default_filename, load_and_render

    rendered = load_and_render(input_file, template, _library(input_file, template_dirs))
    if fmt != "docx" and output is None:
        click.echo(_serialise(rendered.document, fmt).decode("utf-8"), nl=False)
        return
    target = output or input_file.resolve().parent / default_filename(rendered, FORMATS[fmt])
    if not no_check:
        _check_rendered(rendered, strict)
    from .output import write_atomic

    write_atomic(target, _serialise(rendered.document, fmt), force)
    click.echo(f"已生成：{target}", err=True)


def _serialise(document: Any, fmt: str) -> bytes:
    if fmt == "docx":
        from .writers.docx import to_bytes

        return to_bytes(document)
    from .writers.text import to_markdown, to_text

    return (to_text(document) if fmt == "text" else to_markdown(document)).encode("utf-8")


def _check_rendered(rendered: Any, strict: bool) -> None:
    """Run `drafter check` on what we produced; warnings, or errors with --strict."""
    try:
        from .check import CheckContext, check_paragraphs, format_text
    except ImportError:  # the checker is optional at this stage of the build
        return
    data = rendered.data
    context = CheckContext(unit_name=data.unit.name, unit_short_name=data.unit.short_name,
                           unit_kind=data.unit.kind, speaker_title=data.speaker.title,
                           date=data.meeting.date)
    findings = check_paragraphs(rendered.document.paragraphs(), context)
    if not findings:
        return
    click.echo(("错误" if strict else "提醒") + "：生成的文稿里有以下问题：\n" + format_text(findings), err=True)
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
        click.echo(f"  {spec.name}（{FIELD_TYPES[spec.type][2]}，{flag}）：{spec.title} {spec.help}".rstrip())
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
        cli.main(args=argv, prog_name="drafter", standalone_mode=False)
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
    main()
