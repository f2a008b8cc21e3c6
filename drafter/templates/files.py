"""Template files: where they are looked for, how they are read.

Templates are looked up in layered folders (built-in, local `templates/`,
$DRAFTER_TEMPLATES, --templates); a later folder overrides an earlier one by name.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import cached_property
from pathlib import Path
from typing import Optional

from ..errors import Position, TemplateError
from ..source import read_text
from .manifest import Manifest, read_builtin_manifest, read_manifest

SUFFIX = ".j2"
_NAME = re.compile(r"[\w\-\u4e00-\u9fff]+")
NAME_RULE = "只能用字母、数字、汉字、- 和 _，且不能以 _ 开头"


def is_template_name(name: str) -> bool:
    """A name a user may give a template of their own (NAME_RULE)."""
    return bool(_NAME.fullmatch(name)) and not name.startswith("_")
BUILTIN_ORIGIN = "内置"
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what Jinja counts as a line break


def read_template(path: Path) -> str:
    """A template's text, UTF-8 or GBK; an unreadable one is named with the line it fails on."""
    try:
        return read_text(path, "模板", TemplateError)
    except TemplateError as exc:
        raise TemplateError(exc.message, Position(str(path), _first_undecodable_line(path), 1)) from None


def _first_undecodable_line(path: Path) -> int:
    try:
        raw = path.read_bytes()
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw[: exc.start].count(b"\n") + 1
    except OSError:
        pass
    return 1


class TemplateFile:
    """A template file found in one of the template folders."""

    def __init__(self, name: str, path: Path, origin: str, overrides: Optional["TemplateFile"] = None):
        self.name = name
        self.path = path
        self.origin = origin  # 内置, or the folder it came from
        self.overrides = overrides  # the file of the same name this one hides

    @property
    def builtin(self) -> bool:
        return self.origin == BUILTIN_ORIGIN

    @cached_property
    def text(self) -> str:
        return read_template(self.path)

    @cached_property
    def manifest(self) -> Manifest:
        read = read_builtin_manifest if self.builtin else read_manifest  # the tests check built-in ones
        return read(self.text, str(self.path))


def builtin_dir() -> Path:
    """The top-level templates/ folder, shipped as the drafter.builtin_templates package."""
    spec = importlib.util.find_spec("drafter.builtin_templates")
    if spec is not None and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    checkout = Path(__file__).resolve().parents[2] / "templates"  # running from a source checkout
    if (checkout / "base-speech.j2").is_file():
        return checkout
    raise TemplateError("安装不完整：找不到内置模板，请重新安装 drafter")


def template_dirs(input_file: Path | None = None, extra: tuple[Path, ...] = ()) -> list[tuple[Path, str]]:
    """Template folders, lowest priority first; each once."""
    candidates: list[tuple[Path, str]] = [(builtin_dir(), BUILTIN_ORIGIN), (Path.cwd() / "templates", "")]
    if input_file is not None:
        candidates.append((input_file.resolve().parent / "templates", ""))
    for entry in os.environ.get("DRAFTER_TEMPLATES", "").split(os.pathsep):
        if entry.strip():
            candidates.append((Path(entry.strip()), ""))
    candidates.extend((Path(d), "") for d in extra)
    seen: set[Path] = set()
    result = []
    for folder, origin in candidates:
        if not folder.is_dir():
            if folder in [Path(d) for d in extra]:
                raise TemplateError(f"模板文件夹不存在：{folder}")
            continue
        resolved = folder.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        result.append((resolved, origin or str(folder)))
    return result
