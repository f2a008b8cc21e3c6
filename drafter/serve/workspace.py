"""The folder `drafter serve` works in: its input files and the templates seen from it.

Every file name a request carries goes through `Workspace.input_path`, which refuses
anything that is not a YAML file inside the folder: `../`, absolute paths, drive
letters and links that lead out (the resolved path must stay inside the resolved folder).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ..errors import DrafterError, InputError
from ..source import load_file
from ..templates import Library, template_dirs

SUFFIXES = (".yaml", ".yml")
# A new file's name as a user types it: letters, digits, Chinese, - _ . and spaces.
_NEW_NAME = re.compile(r"[\w\-. \u4e00-\u9fff]+")


def is_input_name(name: str) -> bool:
    """Whether `name` ends like a YAML file; in any case (Windows users save 讲话.YAML)."""
    return name.lower().endswith(SUFFIXES)


class PathRefused(InputError):
    """A file name that points outside the workspace, or at something that is no input file."""


@dataclass
class InputSummary:
    """One input file as the workspace page lists it."""

    name: str
    template: str = ""
    unit: str = ""
    meeting: str = ""
    date: str = ""
    problem: str = ""  # the Chinese message when the file cannot be read


@dataclass
class TemplateSummary:
    name: str
    title: str = ""
    description: str = ""
    origin: str = ""
    problem: str = ""


class Workspace:
    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self._library: Library | None = None
        self._library_stamp: tuple = ()

    # -- paths ---------------------------------------------------------------------
    def input_path(self, name: str, must_exist: bool = True) -> Path:
        """The file `name` (relative to the folder) if it is a YAML file inside it."""
        if not name or "\x00" in name:
            raise PathRefused("没有指定文件")
        if (PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute()
                or PureWindowsPath(name).drive or name.startswith(("/", "\\"))):
            raise PathRefused(f"“{name}”是绝对路径：只能打开工作文件夹里的文件")
        parts = re.split(r"[\\/]", name)
        if ".." in parts:
            raise PathRefused(f"“{name}”指向工作文件夹以外：只能打开工作文件夹里的文件")
        if not is_input_name(name):
            raise PathRefused(f"“{name}”不是 YAML 输入文件（应以 .yaml 结尾）")
        path = self.folder.joinpath(*parts)
        resolved = path.resolve()
        if self.folder not in resolved.parents:
            raise PathRefused(f"“{name}”是指向工作文件夹以外的链接：只能打开工作文件夹里的文件")
        if must_exist and not resolved.is_file():
            raise PathRefused(f"找不到文件“{name}”")
        return path

    def relative(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def new_input_path(self, name: str) -> Path:
        """The path for a new input named by a user (".yaml" added when missing)."""
        name = name.strip()
        if not name:
            raise PathRefused("请填写文件名")
        if not is_input_name(name):
            name += ".yaml"
        if not _NEW_NAME.fullmatch(name) or name.startswith("."):
            raise PathRefused(f"文件名“{name}”只能用汉字、字母、数字、空格和 - _ .，不能以 . 开头")
        path = self.input_path(name, must_exist=False)
        if path.exists():
            raise PathRefused(f"文件“{name}”已经存在：请换一个名字，或在列表里打开它")
        return path

    # -- templates -----------------------------------------------------------------
    def library(self) -> Library:
        """The templates seen from the folder, as `render` finds them for a file in it;
        read again when a template file is added, changed or removed."""
        folders = template_dirs(self.folder / "input.yaml")
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                      for folder, _ in folders for p in sorted(folder.glob("**/*.j2")))
        if self._library is None or stamp != self._library_stamp:
            self._library = Library(folders)
            self._library_stamp = stamp
        return self._library

    def templates(self) -> list[TemplateSummary]:
        result = []
        for file in self.library().listed():
            try:
                manifest = file.manifest
                if manifest.abstract:
                    continue
                result.append(TemplateSummary(file.name, manifest.title, manifest.description,
                                              "内置" if file.builtin else "本文件夹"))
            except DrafterError as error:
                result.append(TemplateSummary(file.name, origin="本文件夹", problem=str(error)))
        return result

    # -- inputs --------------------------------------------------------------------
    def inputs(self) -> list[InputSummary]:
        found = sorted(p for p in self.folder.iterdir() if is_input_name(p.name))
        result = []
        for path in found:
            try:
                self.input_path(path.name)
            except PathRefused:
                continue  # a link leading out is not listed
            result.append(_summary(path))
        return result


def _summary(path: Path) -> InputSummary:
    summary = InputSummary(path.name)
    try:
        data = load_file(path).data
    except DrafterError as error:
        summary.problem = str(error)
        return summary
    if not isinstance(data, dict):
        summary.problem = "文件顶层不是一组“字段名: 值”"
        return summary
    summary.template = _text(data.get("template"))
    summary.unit = _text(_get(data, "unit", "name"))
    summary.meeting = _text(_get(data, "meeting", "name"))
    summary.date = _text(_get(data, "meeting", "date"))
    return summary


def _get(data: dict, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def fingerprint(data: bytes) -> str:
    """What the page remembers of a file it loaded, to notice a change on disk."""
    return hashlib.sha256(data).hexdigest()
