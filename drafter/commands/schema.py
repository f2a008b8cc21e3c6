"""`drafter schema NAME`: the JSON Schema of a template's input file, for editors."""

from __future__ import annotations

from pathlib import Path

import click

from .common import ZhCommand, library, reports_errors, template_dirs_option


@click.command(cls=ZhCommand)
@click.argument("name")
@template_dirs_option
@reports_errors
def schema(name: str, template_dirs: tuple[Path, ...]) -> None:
    """输出模板 NAME 的输入文件 JSON Schema，供编辑器自动补全和检查。"""
    import json

    from ..scaffold import json_schema

    click.echo(json.dumps(json_schema(library(None, template_dirs).get(name)), ensure_ascii=False, indent=2))
