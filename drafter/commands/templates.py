"""`drafter templates` (list), `templates show NAME`, `templates new NAME --from 模板`."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DrafterError
from .common import ZhGroup, library, reports_errors, template_dirs_option


@click.group(cls=ZhGroup, invoke_without_command=True)
@template_dirs_option
@click.pass_context
@reports_errors
def templates(ctx: click.Context, template_dirs: tuple[Path, ...]) -> None:
    """列出可用的模板（名称、说明、来源）；子命令 show、new。"""
    ctx.obj = template_dirs
    if ctx.invoked_subcommand is not None:
        return
    for file in library(None, template_dirs).listed():
        click.echo(f"{file.name}\n    {_summary(file)}\n    [{_origin(file)}]")


def _summary(file) -> str:
    try:
        manifest = file.manifest
    except DrafterError as error:
        return f"（模板有误：{error}）"
    line = f"{manifest.title}：{manifest.description}"
    return "（基础框架，供其他模板继承）" + line if manifest.abstract else line


def _origin(file) -> str:
    def name(f) -> str:
        return "内置" if f.origin == "内置" else f.origin

    origin = "内置" if file.origin == "内置" else f"来自 {file.origin}"
    if file.overrides is not None:
        origin += f"，覆盖了{name(file.overrides)}的同名模板"
    return origin


@templates.command("show")
@click.argument("name")
@template_dirs_option
@click.pass_obj
@reports_errors
def templates_show(parent_dirs: tuple[Path, ...], name: str, template_dirs: tuple[Path, ...]) -> None:
    """显示模板的提纲（带编号）、字段说明和所继承的模板。"""
    from ..fields import FIELD_TYPES

    template = library(None, tuple(parent_dirs or ()) + template_dirs).get(name)
    manifest = template.manifest
    outline = template.outline()  # before printing anything: a broken template prints only its error
    click.echo(f"{template.name}：{manifest.title}（{manifest.genre}）\n  {manifest.description}")
    click.echo(f"  文件：{template.file.path}")
    if len(template.chain) > 1:
        click.echo("  继承：" + " → ".join(f.name for f in template.chain))
    click.echo("\n提纲：")
    for level, text in outline:
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
@click.option("--from", "parent", required=True, metavar="模板",
              help="要继承的模板名称，如 ideology-four-grips。")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("templates"), show_default=True,
              help="新模板放在哪个文件夹。")
@click.option("--force", is_flag=True, help="同名模板已存在时覆盖它。")
@template_dirs_option
@click.pass_obj
@reports_errors
def templates_new(parent_dirs: tuple[Path, ...], name: str, parent: str, folder: Path, force: bool,
                  template_dirs: tuple[Path, ...]) -> None:
    """新建模板 NAME（文件 NAME.j2），继承 --from 给出的模板，带说明块和一个改写章节的示例。"""
    from ..scaffold import new_template

    _refuse_existing(folder, name, force)
    path = new_template(library(None, tuple(parent_dirs or ()) + template_dirs), name, parent, folder, force)
    click.echo(f"已创建模板：{path}\n"
               f"下一步：\n"
               f"  1. 打开 {path}，修改开头说明块里的 title、description 和 fields；\n"
               f"  2. 改写或增加章节（用 {{% block 名称 %}} 覆盖上级模板的同名章节）；\n"
               f"  3. drafter templates show {name} --templates {folder} 查看提纲；\n"
               f"  4. drafter init {name} --templates {folder} -o 输入.yaml 生成输入文件后 render。")


def _refuse_existing(folder: Path, name: str, force: bool) -> None:
    """The file's name is the template's name, so the way out is another name or folder (there is no -o)."""
    from ..errors import OutputError
    from ..templates import SUFFIX
    from ..templates.files import is_template_name

    path = folder / (name + SUFFIX)
    if is_template_name(name) and path.exists() and not force:  # a bad name gets its own message
        raise OutputError(f"模板文件已存在：{path}（要覆盖请加 --force；或换一个模板名，或用 --dir 放到其他文件夹）")
