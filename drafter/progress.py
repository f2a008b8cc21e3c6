"""Progress of a batch: a bar on a terminal, plain lines in a log, nothing with --quiet.

    bar     12/40 [#######-------------]  30%  35.2 份/秒  剩余 0:01   (redrawn in place)
    lines   [12/40] 已生成：out/县统计局-意识形态工作会议讲话-2024-03-15.docx
"""

from __future__ import annotations

import shutil
import sys
import time
import unicodedata
from pathlib import Path
from typing import IO

_REDRAW_EVERY = 0.1  # seconds


def choose_mode(total: int, quiet: bool, stream: IO[str] | None = None) -> str:
    if quiet:
        return "quiet"
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return "bar" if tty and total > 1 else "lines"


def width(text: str) -> int:
    """Columns a text takes on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    def __init__(self, total: int, mode: str, stream: IO[str] | None = None):
        self.total = total
        self.mode = mode
        self.stream = stream or sys.stderr
        self.done = 0
        self.start = time.perf_counter()
        self.last_draw = 0.0
        self.drawn = False

    # -- events --------------------------------------------------------------------

    def advance(self, path: "str | Path | None", label: str) -> None:
        """One document rendered: written to `path`, or (path None) waiting for LibreOffice."""
        self.done += 1
        if self.mode == "lines":
            if path is None and self.total == 1:
                return  # one PDF: "正在用 LibreOffice 转换" and "已生成：X.pdf" follow
            counter = f"[{self.done}/{self.total}] " if self.total > 1 else ""
            self._print(f"{counter}已生成：{path}" if path is not None else f"{counter}已排版，待转 PDF：{label}")
        elif self.mode == "bar":
            self._draw()

    def failed(self, label: str, why: str) -> None:
        """One document failed; the summary at the end gives the whole reason."""
        self.done += 1
        if self.total == 1:  # the summary gives the reason in full
            return
        reason = _first_line(why)
        if not reason.startswith(label):  # a table row's reason already names its cell
            reason = f"{label}：{reason}"
        if self.mode == "lines":
            self._print(f"[{self.done}/{self.total}] 失败：{reason}")
        elif self.mode == "bar":
            self._above(f"失败：{reason}")
            self._draw()

    def written(self, path: Path) -> None:
        """A file made after the documents were rendered (a PDF)."""
        if self.mode == "lines":
            self._print(f"已生成：{path}")

    def note(self, text: str) -> None:
        if self.mode != "quiet":
            self._above(text) if self.mode == "bar" else self._print(text)

    def close(self) -> None:
        if self.mode == "bar" and self.total:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False

    # -- drawing -------------------------------------------------------------------

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        percent = 100 * self.done // max(self.total, 1)
        head = f"{self.done}/{self.total} "
        tail = f" {percent:3d}%  {rate:.1f} 份/秒  剩余 {clock(left)}"
        columns = shutil.get_terminal_size((80, 20)).columns - 1
        room = max(10, min(40, columns - width(head) - width(tail) - 2))
        filled = room * self.done // max(self.total, 1)
        return f"{head}[{'#' * filled}{'-' * (room - filled)}]{tail}"

    def _draw(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and self.done < self.total and now - self.last_draw < _REDRAW_EVERY:
            return
        self.last_draw = now
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()
        self.drawn = True

    def _above(self, text: str) -> None:
        """A message printed above the bar, which is then redrawn."""
        self.stream.write("\r\x1b[2K" + text + "\n")
        if self.drawn:
            self._draw(force=True)
        self.stream.flush()

    def _print(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


def _first_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first + ("……" if "\n" in text.strip() else "")
