"""`drafter learn`: turn a user's own speech or report into a template of their own."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from .common import ZhCommand, reports_errors, template_dirs_option


@click.command("learn", cls=ZhCommand)
@click.argument("source", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="要写的模板文件（.j2），文件名就是模板名，如：templates/我局讲话.j2。")
@click.option("--unit", default="", metavar="名称", help="本单位全称（原稿中的写法），不填时从原稿里推测。")
@click.option("--kind", default="", metavar="类型", help="单位类型：办、局、村、街道……，决定“我局”“全局”等称谓。")
@click.option("--yaml", "yaml_path", type=click.Path(path_type=Path),
              help="输入文件写到哪里（默认：模板旁边的“模板名.yaml”；模板在 templates 文件夹里时写在它的上一级）。")
@click.option("--base", default=None, metavar="模板",
              help="继承的框架模板（默认：讲话用 base-speech，汇报用 base-report）。")
@click.option("--accept", type=click.Choice(["all", "none"]), default=None,
              help="不逐项确认：all 接受全部替换建议，none 一项也不替换。")
@click.option("--proposals", "proposals_path", type=click.Path(path_type=Path), metavar="FILE",
              help="按改好的替换建议文件生成（删掉不要的项、改字段；文件由不带 --accept 的 learn 写出）。")
@click.option("--force", is_flag=True, help="模板、输入文件已存在时覆盖。")
@template_dirs_option
@reports_errors
def learn(source: Path, output: Path, unit: str, kind: str, yaml_path: Path | None, base: str | None,
          accept: str | None, proposals_path: Path | None, force: bool, template_dirs: tuple[Path, ...]) -> None:
    """把一份已有的讲话稿或汇报（.docx、.doc、.wps、.txt、.md）做成本单位的模板。

    因单位、年份而异的文字（单位名称和简称、我局/全局/局党组、讲话人、会议名称和日期、年份、季度、班子成员、上级党委、“一是……二是……”列举的各项）列成替换建议，确认后换成字段；其余文字照原稿保留。每个小标题成为一个可以单独改写的章节（block）。

    同时写出输入文件：用它 drafter render 得到的文稿与原稿文字相同；换成别的单位只需改其中的单位、讲话人、会议和班子成员。

    \b
      drafter learn 讲话.docx -o templates/我局讲话.j2 --unit 清河县档案馆 --kind 馆
      drafter learn 讲话.docx -o templates/我局讲话.j2 --accept all
      drafter learn 讲话.docx -o templates/我局讲话.j2 --proposals 我局讲话-替换建议.yaml
    """
    from ..errors import UsageError
    from ..model import known_kind
    from ..wordin.learn import (build, check_base, default_yaml_path, existing_output, read, render_hint,
                                template_name)

    template_name(output)
    if accept and proposals_path:
        raise UsageError("--accept 和 --proposals 只能用一个")
    if kind:
        try:
            known_kind(kind)
        except ValueError as exc:
            raise UsageError(f"--kind：{exc}") from None
    yaml_path = yaml_path or default_yaml_path(output)
    if yaml_path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"--yaml 应为 .yaml 文件名：{yaml_path}")
    existing_output(output, force, "模板文件")
    existing_output(yaml_path, force, "输入文件")
    if base:
        check_base(output, base, template_dirs)
    result = read(source, unit.strip(), kind)
    proposals = result.found.proposals
    _print_table(proposals)
    for notice in result.notices:
        click.echo(f"提醒：{notice}")
    accepted = _choose(result, accept, proposals_path, output, yaml_path, source, unit, kind, force)
    if accepted is None:
        return
    learned = build(result, accepted, output, yaml_path, base, force, template_dirs)
    _print_corrections(result.corrections + learned.corrections)
    click.echo(f"已写出模板 {output}（替换了 {len(accepted)} 项，共 {len(proposals)} 项建议）")
    click.echo(f"已写出输入文件 {yaml_path}")
    click.echo(f"生成文稿：{render_hint(output, yaml_path)}")


def _choose(result: Any, accept: str | None, proposals_path: Path | None, output: Path, yaml_path: Path,
            source: Path, unit: str, kind: str, force: bool) -> list[Any] | None:
    """The accepted proposals; None when the user is to edit the proposals file first."""
    from ..output import write_atomic
    from ..wordin.learn import make_folder
    from ..wordin.proposals_file import compact, proposals_yaml, read_proposals

    proposals = result.found.proposals
    if accept == "all":
        return compact(list(proposals))
    if accept == "none" or not proposals:
        return []
    if proposals_path is not None:
        return compact(read_proposals(proposals_path, proposals))
    if sys.stdin.isatty():
        return compact(_ask(proposals))
    path = yaml_path.with_name(output.name[: -len(output.suffix)] + "-替换建议.yaml")
    command = _rerun(source, output, unit, kind, path)
    if path.exists() and not force:  # it may hold the user's edits
        click.echo(f"\n没有写模板：替换建议文件 {path} 已存在，没有覆盖（要重新写出请加 --force）。改好后运行\n"
                   f"  {command}")
        return None
    make_folder(path.parent)
    write_atomic(path, proposals_yaml(proposals, command).encode("utf-8"), force=True)
    click.echo(f"\n没有写模板：请确认替换建议。已把建议写到 {path}：删掉不要替换的项（或改 field），然后运行\n"
               f"  {command}\n"
               f"全部接受可以直接运行：{_rerun(source, output, unit, kind, None)} --accept all")
    return None


def _rerun(source: Path, output: Path, unit: str, kind: str, proposals: Path | None) -> str:
    """The command to type next, pasteable into cmd, PowerShell and a POSIX shell alike."""
    parts = ["drafter", "learn", str(source), "-o", str(output)]
    if unit:
        parts += ["--unit", unit]
    if kind:
        parts += ["--kind", kind]
    if proposals is not None:
        parts += ["--proposals", str(proposals)]
    return " ".join(_shell_word(part) for part in parts)


_PLAIN_WORD = re.compile(r"[^\s\"'`$&|<>^()%!;*?]+")


def _shell_word(word: str) -> str:
    """Double quotes only where a shell needs them: Windows' cmd knows no single quotes."""
    return word if _PLAIN_WORD.fullmatch(word) else '"' + word + '"'


def _ask(proposals: list[Any]) -> list[Any]:
    from ..wordin.proposals import field_title

    click.echo("\n逐项确认（回车 = 是）：")
    accepted = []
    for number, proposal in enumerate(proposals, 1):
        question = (f"{number}. “{proposal.shown}” 换成 {proposal.field}（{field_title(proposal.field)}，"
                    f"{proposal.count} 处）？")
        if click.confirm(question, default=True):
            accepted.append(proposal)
    return accepted


def _print_table(proposals: list[Any]) -> None:
    from ..progress import width
    from ..wordin.proposals import field_title

    if not proposals:
        click.echo("没有找到可以换成字段的文字（单位名称、称谓、人名、日期……），模板将照录原文。")
        return
    header = ("序号", "原文", "字段", "段落", "次数")
    rows = [header] + [(str(i), p.shown if p.is_list else _short(p.shown), f"{p.field}（{field_title(p.field)}）",
                        "、".join(str(n) for n in p.where[:8]) + ("……" if len(p.where) > 8 else ""), str(p.count))
                       for i, p in enumerate(proposals, 1)]
    widths = [max(width(row[i]) for row in rows) for i in range(4)]
    click.echo("替换建议：")
    for row in rows:
        cells = [row[i] + " " * (widths[i] - width(row[i])) for i in range(4)]
        click.echo("  " + "  ".join(cells + [row[4]]).rstrip())


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _print_corrections(corrections: list[tuple[int, str]]) -> None:
    if not corrections:
        return
    click.echo(f"与原稿相比的改动（{len(corrections)} 处，生成的文稿按 GB/T 9704 排版）：")
    for number, note in sorted(corrections, key=lambda c: c[0]):
        click.echo(f"  第 {number} 段：{note}")
