"""Final names and places for the documents of a run.

Workers write into a staging folder; the parent gives each document its name in
input order, so names do not depend on -j: two units with the same name get
名称.docx and 名称-2.docx. Nothing existing is replaced without --force.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import OutputError
class Placer:
    """Gives each document its final name, in input order, and moves it there."""

    def __init__(self, force: bool):
        self.force = force
        self.claimed: set[str] = set()
        self.next_number: dict[str, int] = {}  # where to go on counting for a name already taken
        self.prefixes: dict[Path, str] = {}
        self.folders: dict[Path, str] = {}

    def claim(self, folder: Path, name: str, also: tuple[str, ...] = ()) -> str:
        """A name not yet used in this batch: 名称.docx, else 名称-2.docx, 名称-3.docx …

        `also` are other suffixes that go with the name (.pdf next to the .docx).
        """
        stem, suffix = os.path.splitext(name)
        suffixes = (suffix,) + also
        prefix = self._prefix(folder)
        candidate = stem
        if self._taken(prefix, candidate, suffixes):
            n = self.next_number.get(prefix + stem.casefold(), 2)
            candidate = f"{stem}-{n}"
            while self._taken(prefix, candidate, suffixes):
                n += 1
                candidate = f"{stem}-{n}"
            self.next_number[prefix + stem.casefold()] = n + 1
        for s in suffixes:
            self.claimed.add(prefix + (candidate + s).casefold())
        return os.path.normpath(os.path.join(self.folders[folder], candidate + suffix))  # str: pathlib interns names; normpath: no "./"

    def _prefix(self, folder: Path) -> str:
        prefix = self.prefixes.get(folder)
        if prefix is None:  # Windows and macOS file names ignore case
            self.folders[folder] = str(folder)
            prefix = self.prefixes[folder] = os.path.join(str(folder), "").casefold()
        return prefix

    def _taken(self, prefix: str, stem: str, suffixes: tuple[str, ...]) -> bool:
        return any(prefix + (stem + s).casefold() in self.claimed for s in suffixes)

    def refuse_existing(self, *paths: str | Path) -> None:
        for path in paths:
            if not self.force and os.path.lexists(path):
                raise OutputError(f"输出文件已存在：{path}（要覆盖请加 --force）")

    def place(self, staged: str | Path, final: str | Path) -> None:
        """Move `staged` to `final`; never replaces an existing file without --force."""
        if self.force:
            os.replace(staged, final)
            return
        try:
            os.link(staged, final)  # fails if `final` exists: no window for a race
        except FileExistsError:
            raise OutputError(f"输出文件已存在：{final}（要覆盖请加 --force）") from None
        except OSError:  # no hard links on this file system
            if os.path.lexists(final):
                raise OutputError(f"输出文件已存在：{final}（要覆盖请加 --force）") from None
            os.replace(staged, final)
            return
        os.unlink(staged)


