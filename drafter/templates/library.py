"""All templates visible from one place, and the environment that renders them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import jinja2

from ..errors import DrafterError, TemplateError
from .environment import sandbox
from .files import BUILTIN_ORIGIN, SUFFIX, TemplateFile, read_template, template_dirs
from .origins import mark_origins
from .template import Template

_NAME = re.compile(r"^[\w\-]+(?:/[\w\-]+)*$")  # \w takes in Chinese characters


class Library:
    """The template files of a list of folders (later ones override earlier ones by name)."""

    def __init__(self, folders: list[tuple[Path, str]]):
        self.folders = folders
        self.files: dict[str, TemplateFile] = {}
        for folder, origin in folders:
            for path in sorted(folder.glob("*" + SUFFIX)):
                name = path.name[: -len(SUFFIX)]
                earlier = self.files.get(name)
                if earlier is not None and earlier.path.read_bytes() == path.read_bytes():
                    continue  # the same file seen twice (a copy of a built-in one, unchanged)
                self.files[name] = TemplateFile(name, path, origin, earlier)
        self.env = sandbox(_Loader(self))
        self._checked: dict[str, Template] = {}

    @classmethod
    def discover(cls, input_file: Path | None = None, extra: tuple[Path, ...] = ()) -> "Library":
        return cls(template_dirs(input_file, extra))

    def listed(self) -> list[TemplateFile]:
        """Templates shown to users: partials (names starting with _) are left out."""
        return [f for name, f in sorted(self.files.items()) if not name.startswith("_")]

    def names(self) -> str:
        usable = [f.name for f in self.listed() if not _safe_abstract(f)]
        return "、".join(usable)

    def find_path(self, name: str) -> Path:
        """The file for a template name used by a user, an extends or an include."""
        normalised = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
        if normalised.startswith(("/", "\\")) or ".." in normalised.split("/") or not _NAME.match(normalised):
            raise TemplateError(f"模板名“{name}”不合法：只能引用模板文件夹里的模板，不能用路径（../ 或 /）")
        if normalised in self.files:
            return self.files[normalised].path
        for folder, _ in reversed(self.folders):  # partials in sub-folders: a/b.j2
            path = (folder / (normalised + SUFFIX)).resolve()
            if path.is_file() and folder in path.parents:
                return path
        raise TemplateError(f"找不到模板“{name}”。可用的模板：{self.names()}")

    def is_builtin(self, path: Path) -> bool:
        """Whether a file found by find_path is one of drafter's own (checked by its tests)."""
        return any(origin == BUILTIN_ORIGIN and folder in path.parents for folder, origin in self.folders)

    def get(self, name: str) -> Template:
        """A renderable template, loaded and checked."""
        if name not in self._checked:
            if name.startswith("_") or name not in self.files:
                self.find_path(name)  # refuses bad names with the right message
                raise TemplateError(f"找不到模板“{name}”。可用的模板：{self.names()}")
            template = Template(self, self.files[name])
            template.check()
            self._checked[name] = template
        return self._checked[name]


def _safe_abstract(file: TemplateFile) -> bool:
    try:
        return file.manifest.abstract
    except DrafterError:
        return False


class _Loader(jinja2.BaseLoader):
    """Gives Jinja the templates of a library, each markup line marked with its origin."""

    def __init__(self, library: Library):
        self.library = library

    def get_source(self, environment: jinja2.Environment, name: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            path = self.library.find_path(name)
        except TemplateError as exc:
            raise jinja2.TemplateNotFound(name, exc.message) from None
        text = mark_origins(environment, read_template(path), str(path), self.library.is_builtin(path))
        return text, str(path), lambda: True
