"""The `drafter check` command.

    drafter check FILE [--unit-yaml INPUT.yaml | --unit NAME --kind KIND] [--date DATE]
                       [--format text|json] [--rules FILE ...] [--strict]

Exit status: 0 no 错误, 1 at least one 错误 (with --strict: any finding), 2 usage error.
Registered in drafter/cli.py; also runs as `python -m drafter.check.command`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

YAML_SUFFIXES = {".yaml", ".yml"}


class CheckUsageError(click.ClickException):
    """A usage error shown in Chinese, without a traceback, exit status 2."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, command_path: str = "drafter check") -> None:
        super().__init__(message)
        self.command_path = command_path

    def show(self, file: Any = None) -> None:
        file = file or sys.stderr
        click.echo(f"错误：{self.message}", file=file)
        click.echo(f"（运行“{self.command_path} --help”查看用法）", file=file)


class FindingsFound(click.ClickException):
    """Exit status 1 after the report was printed: at least one 错误 (or any finding with
    --strict). An exception rather than ctx.exit(1), so that the status survives callers
    that run click with standalone_mode=False."""

    exit_code = EXIT_FINDINGS

    def __init__(self) -> None:
        super().__init__("")

    def show(self, file: Any = None) -> None:
        return None


def _translate(exc: click.UsageError) -> str:
    """A Chinese message for click's own parse errors."""
    if isinstance(exc, click.NoSuchOption):
        message = f"没有选项“{exc.option_name}”"
        if exc.possibilities:
            message += "；是否想用：" + "、".join(sorted(exc.possibilities))
        return message
    if isinstance(exc, click.BadOptionUsage):
        return f"选项“{exc.option_name}”用法有误（缺少取值？）"
    if isinstance(exc, click.MissingParameter):
        return f"缺少参数 {exc.param_hint or ''}".strip()
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint or (exc.param.name if exc.param else "")
        return f"参数 {hint} 的取值无效"
    text = exc.format_message()
    extra = re.match(r"^(?:Got unexpected extra arguments? \((.*)\)|多余的参数（(.*)）)$", text)
    if extra:
        return f"多余的参数：{extra.group(1) or extra.group(2)}"
    if re.search(r"[\u4e00-\u9fff]", text):  # already Chinese (drafter.clizh translates click)
        return text
    return f"命令行参数有误（{text}）"


class ChineseCommand(click.Command):
    """click.Command with Chinese usage, help headings and parse errors."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise CheckUsageError(_translate(exc), ctx.command_path) from None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                records.append(record)
        if records:
            formatter.write_paragraph()
            formatter.write(f"{'':>{formatter.current_indent}}选项：\n")
            formatter.indent()
            try:
                formatter.write_dl(records)
            finally:
                formatter.dedent()

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        return None  # FILE is described in the help text


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
退出状态：0 没有错误；1 至少一处错误（加 --strict 时有任何问题）；2 用法错误。
详见 docs/check.md。
"""


@click.command(name="check", cls=ChineseCommand, help=HELP, short_help="检查文稿中的常见问题。",
               context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("file", required=False, metavar="FILE")
@click.option("--unit-yaml", "unit_yaml", metavar="INPUT.yaml",
              help="从输入文件读取单位、讲话人、会议日期（unit:、speaker:、meeting:）。")
@click.option("--unit", "unit_name", metavar="NAME", help="单位全称，如“垛团村”。")
@click.option("--short-name", "short_name", metavar="NAME", help="单位简称。")
@click.option("--kind", metavar="KIND", help="单位类型：办、局、村、街道……（不写时按单位名称推断）。")
@click.option("--speaker", metavar="TITLE", help="讲话人职务，如“党组书记、局长”。")
@click.option("--party-org", "party_org", metavar="ORG", help="单位党组织：党组、党委、党支部……")
@click.option("--date", "date_text", metavar="DATE", help="会议日期，如 2023-03-01；用于判断过时提法。")
@click.option("--format", "output_format", default="text", metavar="text|json",
              help="输出格式：text（文字，默认）或 json。")
@click.option("--rules", "rule_files", multiple=True, metavar="FILE",
              help="附加的规则文件（YAML，格式见 docs/check.md），可多次使用。")
@click.option("--strict", is_flag=True, help="有任何问题（包括提示）都以状态 1 退出。")
@click.pass_context
def check_command(ctx: click.Context, file: str | None, unit_yaml: str | None,
                  unit_name: str | None, short_name: str | None, kind: str | None,
                  speaker: str | None, party_org: str | None, date_text: str | None,
                  output_format: str, rule_files: tuple[str, ...], strict: bool) -> None:
    from drafter.check.context import CheckContext, ContextError, kind_from_name, parse_date
    from drafter.check.engine import run_checks
    from drafter.check.findings import format_json, format_text, has_errors
    from drafter.check.reader import ReadError, read_draft
    from drafter.check.rules import RuleFileError, load_rules
    from drafter.kinds import KINDS, kind_names

    def usage(message: str) -> CheckUsageError:
        return CheckUsageError(message, ctx.command_path)

    if not file:
        raise usage("缺少要检查的文件 FILE")
    if output_format not in ("text", "json"):
        raise usage(f"--format 只能是 text 或 json，而不是“{output_format}”")
    path = Path(file)
    if not path.is_file():
        raise usage(f"找不到文件 {file}")
    inline_unit = any(v is not None for v in (unit_name, short_name, kind, speaker, party_org))
    if unit_yaml and inline_unit:
        raise usage("--unit-yaml 不能与 --unit、--kind、--short-name、--speaker、--party-org 同时使用")
    if kind is not None and kind not in KINDS:
        raise usage(f"未知的单位类型“{kind}”；可用的类型：{kind_names()}")
    date = None
    if date_text is not None:
        try:
            date = parse_date(date_text)
        except ContextError as exc:
            raise usage(str(exc)) from None

    try:
        rules = load_rules([Path(p) for p in rule_files])
    except RuleFileError as exc:
        raise usage(str(exc)) from None

    context: CheckContext | None = None
    if path.suffix.lower() in YAML_SUFFIXES:
        if unit_yaml or inline_unit:
            raise usage("检查输入文件 .yaml 时，单位资料取自该文件本身，不能再用 --unit-yaml、--unit、--kind 等选项")
        paragraphs, context = _render_input(path, usage)
    else:
        try:
            paragraphs = read_draft(path)
        except ReadError as exc:
            raise usage(str(exc)) from None

    try:
        if unit_yaml:
            context = _context_from_yaml(Path(unit_yaml), usage)
        elif inline_unit:
            if kind is None and unit_name:
                kind = kind_from_name(unit_name)
                if kind is None:
                    click.echo(f"注意：无法从单位名称“{unit_name}”推断单位类型，请用 --kind 指定。",
                               err=True)
            context = CheckContext(unit_name=unit_name, unit_short_name=short_name,
                                   unit_kind=kind, speaker_title=speaker, party_org=party_org)
        if context is None:
            context = CheckContext()
        if date is not None:
            context.date = date
    except ContextError as exc:
        raise usage(str(exc)) from None

    findings = run_checks(paragraphs, context, rules)
    if output_format == "json":
        click.echo(format_json(findings, file=str(file), context=context.to_dict()))
    else:
        click.echo(f"{file}：")
        click.echo(format_text(findings))
    if has_errors(findings) or (strict and findings):
        raise FindingsFound()


def _context_from_yaml(path: Path, usage) -> Any:
    """CheckContext from the unit:/speaker:/meeting: parts of an input YAML (no rendering)."""
    from drafter.check.context import CheckContext, ContextError
    from drafter.errors import InputError
    from drafter.source import load_file

    try:
        return CheckContext.from_mapping(load_file(path).data)
    except InputError as exc:
        raise usage(f"单位资料文件读取失败（YAML 格式有误或无法读取）：{exc}") from None
    except ContextError as exc:
        raise usage(str(exc)) from None


def _render_input(path: Path, usage) -> tuple[list[str], Any]:
    """Render an input YAML with the engine, then check what it produced."""
    from drafter.check.context import CheckContext, ContextError
    from drafter.errors import DrafterError
    from drafter.pipeline import load_and_render

    try:
        rendered = load_and_render(path)
    except DrafterError as exc:  # the engine's own errors carry Chinese messages
        raise usage(f"渲染输入文件 {path} 失败：{exc}") from None
    try:
        return rendered.document.paragraphs(), CheckContext.from_data(rendered.data)
    except ContextError as exc:
        raise usage(str(exc)) from None


def main() -> None:  # pragma: no cover - thin wrapper
    check_command(prog_name="drafter check")


if __name__ == "__main__":  # pragma: no cover
    main()
