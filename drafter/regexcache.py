"""Compiled regular expressions kept between runs, as .pyc files keep compiled Python.

Python compiles every regular expression anew in each process, in pure Python: for a
`drafter render` that is some 300 patterns (drafter's own, and those PyYAML, Jinja2,
pydantic and click compile when imported), about a tenth of the whole run. The
compiler's output, a list of integers for the regex engine, depends only on the
pattern, its flags and the Python build, so it is kept in drafter's cache folder and
handed straight to the engine next time.

Only the `drafter` command installs this (drafter.entry). It is built to fail safe:
the cache is keyed by the exact Python build, the engine itself validates every
program it is given, and any error at all falls back to Python's own compiler.
"""

from __future__ import annotations

import atexit
import sys
from typing import Any

from . import cache

try:  # the regex compiler's modules: re._compiler and re._parser from Python 3.11
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

import _sre

_DEBUG = 128  # re.DEBUG: prints the program, so always compiled for real
LIMIT = 3000  # programs kept; past this only those the last run used stay (a run uses ~300)


def install() -> None:
    """Route re.compile's cache misses through the kept programs; save new ones at exit."""
    if cache.folder() is None or getattr(_compiler.compile, "_drafter", False):
        return
    name = cache.key("regex", sys.version, str(_sre.MAGIC), str(_sre.CODESIZE))
    kept = cache.load(name)
    programs: dict[tuple, tuple] = kept if isinstance(kept, dict) else {}
    new: dict[tuple, tuple] = {}
    used: set[tuple] = set()
    python_compile = _compiler.compile

    def compile(pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, (str, bytes)) or flags & _DEBUG:
            return python_compile(pattern, flags)
        key = (type(pattern) is bytes, pattern, int(flags))
        used.add(key)
        program = programs.get(key)
        if program is not None:
            try:
                return _sre.compile(pattern, *program)
            except Exception:  # noqa: BLE001 - a program this build refuses: compile it afresh
                programs.pop(key, None)
        program = _program(pattern, int(flags))
        if program is None:
            return python_compile(pattern, flags)
        try:
            compiled = _sre.compile(pattern, *program)
        except Exception:  # noqa: BLE001 - an engine that wants something else: leave it to Python
            _compiler.compile = python_compile
            return python_compile(pattern, flags)
        new[key] = programs[key] = program
        return compiled

    def save() -> None:
        if new:
            fresh = cache.load(name)  # another drafter may have added programs meanwhile
            merged = fresh if isinstance(fresh, dict) else {}
            merged.update(new)
            if len(merged) > LIMIT:  # keep what this run used
                merged = {key: programs[key] for key in used if key in programs}
            cache.store(name, merged)

    compile._drafter = True  # type: ignore[attr-defined]
    _compiler.compile = compile
    atexit.register(save)


def _program(pattern: str | bytes, flags: int) -> tuple | None:
    """What re's compiler passes to the engine, as plain data; None if that fails."""
    parsed = _parser.parse(pattern, flags)  # a bad pattern raises re.error here, as usual
    try:
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for group, index in groupindex.items():
            indexgroup[index] = group
        return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - an unexpected compiler: leave it to Python
        return None
