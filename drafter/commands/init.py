"""`drafter init NAME`: a commented starter input file for a template (and its schema)."""

from __future__ import annotations

from pathlib import Path

import click

from .common import ZhCommand, library, reports_errors, template_dirs_option


@click.command(cls=ZhCommand)
@click.argument("name")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="写入的文件；不填则输出到屏幕。")
@click.option("--force", is_flag=True, help="文件已存在时覆盖它。")
@template_dirs_option
@reports_errors
def init(name: str, output: Path | None, force: bool, template_dirs: tuple[Path, ...]) -> None:
    """为模板 NAME 生成一份带中文注释、可直接生成文稿的 YAML 输入文件。"""
    import json

    from ..output import write_atomic
    from ..scaffold import json_schema, starter_yaml

    template = library(output, template_dirs).get(name)
    text = starter_yaml(template)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomic(output, text.encode("utf-8"), force)
    # the schema the `# yaml-language-server: $schema=` line points to, beside the YAML
    schema_path = output.parent / f"{template.name}.schema.json"
    if force or not schema_path.exists():
        schema = json.dumps(json_schema(template), ensure_ascii=False, indent=2) + "\n"
        write_atomic(schema_path, schema.encode("utf-8"), force=True)
    click.echo(f"已生成：{output}（按注释修改后运行 drafter render {output}）", err=True)
