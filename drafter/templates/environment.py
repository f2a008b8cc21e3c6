"""The Jinja environment every template renders in: sandboxed, strict, data marked as data."""

from __future__ import annotations

import os
import pickle
import stat
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing
from markupsafe import Markup

from .. import filters
from ..markup import DATA_END, DATA_START


def sandbox(loader: jinja2.BaseLoader) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=ExplainedUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,  # see _finalize: marks data, never HTML-escapes
        finalize=_finalize,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(filters.FILTERS)
    return env


def _finalize(value: Any) -> Markup:
    """What `{{ value }}` prints: user data marked as data, None as nothing.

    Autoescaping is on only to tell the two kinds of output apart: what a template
    produced itself (super(), blocks, macros) arrives as Markup and may carry markup
    lines; anything else is data. Returning Markup keeps Jinja from HTML-escaping.
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, jinja2.Undefined):
        str(value)  # raises the UndefinedError that says which field is missing
    if isinstance(value, bool):
        text = "是" if value else "否"
    elif isinstance(value, date):
        text = filters.cn_date(value)
    elif isinstance(value, (str, int, float)):
        text = str(value)
    else:
        raise filters.TemplateUsage(
            "不能直接输出列表或字段组，请用 cn_join、points 等过滤器，或用 {% for %} 逐项输出")
    return Markup(DATA_START + text.replace("\n", DATA_END + "\n" + DATA_START) + DATA_END)


class ExplainedUndefined(jinja2.StrictUndefined):
    """A strict undefined value whose error says, in Chinese, what is missing and what exists."""

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                 exc: type[jinja2.UndefinedError] = jinja2.UndefinedError) -> None:
        if hint is None and name is not None:
            hint = _missing(obj, name)
            if isinstance(obj, (list, tuple)) and isinstance(name, int):
                exc = partial(ShortList, items=obj, index=name)  # type: ignore[assignment]
        super().__init__(hint, obj, name, exc)


class ShortList(jinja2.UndefinedError):
    """A template asked for item `index` of a list with fewer items (leaders[2] of two
    leaders): the input's list is too short, which the pipeline tells at its YAML field."""

    def __init__(self, message: str | None = None, items: Any = (), index: int = 0) -> None:
        super().__init__(message)
        self.items = items
        self.index = index


def _missing(owner: Any, name: Any) -> str:
    from difflib import get_close_matches  # only when a template reaches for what is not there

    if owner is missing:
        return f"用到了没有的变量“{name}”"
    if isinstance(owner, dict):
        known = sorted(key for key in owner if isinstance(key, str))
        close = get_close_matches(str(name), known, n=1, cutoff=0.6)
        if close:
            return f"用到了没有的字段“{name}”，是不是“{close[0]}”？"
        return f"用到了没有的字段“{name}”（这里的字段有：{'、'.join(known) or '无'}）"
    if isinstance(owner, (list, tuple)) and isinstance(name, int):
        return f"列表只有 {len(owner)} 项，没有第 {name + 1} 项"
    return f"用到了没有的字段“{name}”"


class _TolerantBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates; a file it cannot read or write is skipped."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()  # a damaged file: compile again

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a full disk or a read-only folder: the next start compiles again


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates in the user's cache folder; none if that folder cannot be made.

    The files hold code that is run, so a folder someone else could write to is not used."""
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("drafter"))
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return None
    except OSError:
        return None
    return _TolerantBytecodeCache(str(folder))


def _private(folder: Path) -> bool:
    if not hasattr(os, "getuid"):  # Windows: the profile folder is the user's own
        return True
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
