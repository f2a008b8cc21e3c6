"""The `drafter` command: a thin group over drafter/commands/, one module per verb.

Only click is imported at start-up; a verb's module (and whatever it needs) is
imported when that verb runs, so `drafter --help` never loads python-docx or lxml.

Exit statuses (README): render / validate 0 done, 1 bad input, 2 usage error;
check 0 no errors found, 1 errors found, 2 an input it cannot read or a usage error;
130 interrupted (Ctrl-C); 70 only for a bug of drafter's.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from typing import Any

import click

from . import __version__
from .commands import COMMANDS
from .commands.common import ZhGroup, fail
from .errors import DrafterError

EXIT_BUG = 70
EXIT_INTERRUPTED = 130


class VerbGroup(ZhGroup):
    """Lists every verb from COMMANDS and imports one only when it is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from gettext import gettext

        with formatter.section(gettext("Commands")):
            formatter.write_dl([(name, short) for name, (_, _, short) in COMMANDS.items()])


@click.group(cls=VerbGroup)
@click.version_option(__version__, "-V", "--version", prog_name="drafter", help="显示版本并退出。",
                      message="%(prog)s 版本 %(version)s")
def cli() -> None:
    """drafter：用 YAML 填写本单位信息，按模板生成符合 GB/T 9704-2012 的讲话稿和汇报材料。

    \b
    常用步骤：
      drafter templates                      查看有哪些模板
      drafter init ideology-four-grips -o 讲话.yaml   生成可直接修改的示例
      drafter render 讲话.yaml                生成 Word 文档
    """


def _interrupt_once(signum: int, frame: Any) -> None:
    """The first Ctrl-C stops the command; later ones (terminals and `timeout -s INT`
    often send two at once) are ignored, so clean-up (worker processes, temporary
    folders, LibreOffice's profile) runs to its end instead of being cut short."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _prepare_process() -> None:
    from .i18n import use_chinese

    use_chinese()
    for stream in (sys.stdout, sys.stderr):  # a GBK console cannot show every character: never crash
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
    try:
        signal.signal(signal.SIGINT, _interrupt_once)
    except ValueError:  # not the main thread (a caller's own thread): leave signals alone
        pass


def _show_in_chinese(exc: click.ClickException) -> None:
    """click's message (translated through locale/) with Chinese punctuation: click quotes names
    as '--from' and ends some sentences with '.', which its catalogue cannot change."""
    import io
    import re

    buffer = io.StringIO()
    exc.show(file=buffer)
    text = re.sub(r"'([^'\n]+)'", r"\1", buffer.getvalue())  # '--from' → --from, 'a', 'b' → a, b
    text = re.sub(r"\.$", "。", text, flags=re.M)
    text = re.sub(r"(?<=[\w-]), (?=[\w-])", "、", text)  # a list of choices
    click.echo(text.replace("。 ", "。"), err=True, nl=False)


def main(argv: list[str] | None = None) -> None:
    """Run one `drafter` command; always leaves through SystemExit with the exit status."""
    previous = signal.getsignal(signal.SIGINT)
    _prepare_process()
    try:
        status = cli.main(args=argv, prog_name="drafter", standalone_mode=False)
        sys.exit(status if isinstance(status, int) else 0)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help())
        sys.exit(0)
    except click.ClickException as exc:
        _show_in_chinese(exc)
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("已中止。", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except DrafterError as error:
        fail(error)
    except Exception as exc:  # noqa: BLE001 - last resort: a bug of ours, not the user's
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        click.echo(f"内部错误（请把输入文件和这条信息报告给维护者）：{type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_BUG)
    finally:
        try:
            signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
        except ValueError:
            pass


if __name__ == "__main__":  # pragma: no cover
    main()
