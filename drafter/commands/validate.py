"""`drafter validate`: check an input file against its template without rendering."""

from __future__ import annotations

from pathlib import Path

import click

from .common import ZhCommand, library, reports_errors, template_dirs_option


@click.command(cls=ZhCommand)
@click.argument("input_file", metavar="INPUT.yaml", type=click.Path(path_type=Path))
@click.option("-t", "--template", metavar="模板", help="模板名称（覆盖文件里的 template 字段）。")
@template_dirs_option
@reports_errors
def validate(input_file: Path, template: str | None, template_dirs: tuple[Path, ...]) -> None:
    """只检查 INPUT.yaml 的字段是否填写正确，不生成文件。"""
    from ..pipeline import choose_template
    from ..source import load_file
    from ..validation import validate as validate_source

    source = load_file(input_file)
    chosen = choose_template(source, template, library(input_file, template_dirs))
    validate_source(source, chosen.input_model)
    click.echo(f"检查通过：{input_file} 符合模板“{chosen.name}”（{chosen.manifest.title}）的要求。")
