"""What the verbs share: Chinese usage lines, the --templates option, error reporting."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any, Callable

import click

from ..errors import DrafterError


class ZhFormatter(click.HelpFormatter):
    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class ZhContext(click.Context):
    formatter_class = ZhFormatter


class ZhCommand(click.Command):
    """A command whose usage line reads 用法： drafter render [选项] …"""

    context_class = ZhContext

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
        super().__init__(*args, **kwargs)


class ZhGroup(click.Group):
    command_class = ZhCommand
    context_class = ZhContext

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
        super().__init__(*args, **kwargs)


ZhGroup.group_class = ZhGroup

template_dirs_option = click.option(
    "--templates", "template_dirs", multiple=True, type=click.Path(path_type=Path), metavar="文件夹",
    help="额外的模板文件夹（可重复使用；后面的同名模板覆盖前面的）。",
)


def fail(error: DrafterError, exit_code: int | None = None) -> None:
    click.echo(f"错误：{error}", err=True)
    sys.exit(error.exit_code if exit_code is None else exit_code)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """A DrafterError becomes a Chinese message and its exit status, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DrafterError as error:
            fail(error)

    return wrapper


def library(anchor: Path | None, template_dirs: tuple[Path, ...]) -> Any:
    """The templates visible from `anchor` (an input file) plus --templates folders."""
    from ..templates import Library

    return Library.discover(anchor, tuple(template_dirs))
