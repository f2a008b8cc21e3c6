"""`drafter check FILE`: find the defects that copying old drafts causes.

Exit status: 0 no 错误 (with --strict: no finding at all), 1 errors found, 2 an input
it cannot read (the draft, a --unit-yaml or --rules file) or a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..errors import DrafterError, UsageError
from .common import ZhCommand, fail, template_dirs_option

EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
YAML_SUFFIXES = (".yaml", ".yml")

HELP = """检查讲话稿、汇报材料中的常见问题。

FILE 可以是 .docx、.txt、.md 文稿，也可以是输入文件 .yaml（先渲染再检查）。
每条结果给出规则编号、级别（错误/提示）、段落序号、原文片段和修改建议。

\b
检查内容：
  单位一致性  自称（我局、我村、本街道……）与单位类型不符，街道党组等不存在的
              党组织，与单位职能不符的行业词（如村的汇报写“环卫事业”）
  重复        重复或几乎相同的段落、长句
  结构        标题序号跳号、乱序、写法不一，标题序号被并入正文
  职务        标题、署名中的职务与正文“作为……”不一致
  过时提法    按会议日期判断（如二十大后的“党的十九大精神”）
  用词        公文常见用词、语法、标点错误

\b
退出状态：0 没有错误；1 至少一处错误（加 --strict 时有任何问题）；2 文件无法读取或用法错误。
详见 docs/check.md。
"""


@click.command(cls=ZhCommand, help=HELP, short_help="检查文稿中的常见问题。")
@click.argument("file", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--unit-yaml", "unit_yaml", metavar="INPUT.yaml", type=click.Path(path_type=Path),
              help="从输入文件读取单位、讲话人、会议日期（unit:、speaker:、meeting:）。")
@click.option("--unit", "unit_name", metavar="名称", help="单位全称，如“某某村”。")
@click.option("--short-name", "short_name", metavar="名称", help="单位简称。")
@click.option("--kind", metavar="类型", help="单位类型：办、局、村、街道……（不写时按单位名称推断）。")
@click.option("--speaker", metavar="职务", help="讲话人职务，如“党组书记、局长”。")
@click.option("--party-org", "party_org", metavar="党组织", help="单位党组织：党组、党委、党支部……")
@click.option("--date", "date_text", metavar="日期", help="会议日期，如 2023-03-01；用于判断过时提法。")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="输出格式：text（文字，默认）或 json。")
@click.option("--rules", "rule_files", multiple=True, metavar="FILE", type=click.Path(path_type=Path),
              help="附加的规则文件（YAML，格式见 docs/check.md），可多次使用。")
@click.option("--strict", is_flag=True, help="有任何问题（包括提示）都以状态 1 退出。")
@template_dirs_option
def check(file: Path, unit_yaml: Path | None, unit_name: str | None, short_name: str | None, kind: str | None,
          speaker: str | None, party_org: str | None, date_text: str | None, output_format: str,
          rule_files: tuple[Path, ...], strict: bool, template_dirs: tuple[Path, ...]) -> None:
    from ..check.findings import format_json, format_text, has_errors

    try:
        findings, resolved = _run(file, unit_yaml, unit_name, short_name, kind, speaker, party_org,
                                  date_text, rule_files, template_dirs)
    except DrafterError as error:  # whatever drafter cannot read or use is exit 2 here
        fail(error, EXIT_UNREADABLE)
    if output_format == "json":
        click.echo(format_json(findings, file=str(file), context=resolved.to_dict()))
    else:
        click.echo(f"{file}：")
        click.echo(format_text(findings))
    if has_errors(findings) or (strict and findings):
        sys.exit(EXIT_FINDINGS)


def _run(file: Path, unit_yaml: Path | None, unit_name: str | None, short_name: str | None, kind: str | None,
         speaker: str | None, party_org: str | None, date_text: str | None,
         rule_files: tuple[Path, ...], template_dirs: tuple[Path, ...]) -> tuple[list, Any]:
    from ..check.context import CheckContext, parse_date
    from ..unit_types import kind_from_name
    from ..check.engine import check_resolved
    from ..check.reader import ReadError, read_draft
    from ..check.rules import load_rules

    inline_unit = any(v is not None for v in (unit_name, short_name, kind, speaker, party_org))
    if unit_yaml and inline_unit:
        raise UsageError("--unit-yaml 不能与 --unit、--kind、--short-name、--speaker、--party-org 同时使用")
    date = parse_date(date_text) if date_text is not None else None
    rules = load_rules(list(rule_files))
    if file.suffix.lower() in YAML_SUFFIXES:
        if unit_yaml or inline_unit:
            raise UsageError("检查输入文件 .yaml 时，单位资料取自该文件本身，不能再用 --unit-yaml、--unit、--kind 等选项")
        paragraphs, context = _render_input(file, template_dirs)
    else:
        paragraphs = read_draft(file)
        if not paragraphs:  # the words format and learn use for a file without text
            raise ReadError(f"{file} 里没有文字，无法检查")
        if unit_yaml:
            context = _context_from_yaml(unit_yaml)
        elif inline_unit:
            if kind is None and unit_name:
                kind = kind_from_name(unit_name)
                if kind is None:
                    click.echo(f"注意：无法从单位名称“{unit_name}”推断单位类型，请用 --kind 指定。", err=True)
            context = CheckContext(unit_name=unit_name, unit_short_name=short_name, unit_kind=kind,
                                   speaker_title=speaker, party_org=party_org)
        else:
            context = CheckContext()
    if date is not None:
        context.date = date
    return check_resolved(paragraphs, context, rules)


def _context_from_yaml(path: Path) -> Any:
    """The unit:/speaker:/meeting: parts of an input YAML (nothing is rendered)."""
    from ..check.context import CheckContext
    from ..source import load_file

    return CheckContext.from_source(load_file(path))


def _render_input(path: Path, template_dirs: tuple[Path, ...]) -> tuple[list[str], Any]:
    """Render an input YAML with the engine (its template found as render finds it, --templates
    folders included), then check what it produced."""
    from ..check.context import CheckContext
    from ..pipeline import load_and_render

    rendered = load_and_render(path, extra_dirs=tuple(template_dirs))
    return rendered.document.paragraphs(), CheckContext.from_data(rendered.data)
