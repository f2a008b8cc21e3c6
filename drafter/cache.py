"""An on-disk cache for work that depends only on file contents.

Loading a template (reading its manifest, checking its variables, compiling it) and
loading the checker's rule files cost more than rendering a whole document, and a
user runs the same templates and rules again and again (compiled regex programs,
regexcache.py, are kept here too). Their results are kept here,
keyed by a hash of the exact inputs, drafter's own code and the Python version: an
edited template, a new rules file or an upgrade simply misses and is redone.

The cache can only make drafter faster, never different: a missing, unreadable,
corrupt or read-only cache is the same as an empty one. `DRAFTER_NO_CACHE=1` turns
it off; `DRAFTER_CACHE_DIR` moves it (default: the user's cache folder).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")


@lru_cache(maxsize=1)
def folder() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("DRAFTER_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("DRAFTER_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
            return Path(base) / "drafter" / "cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "drafter"
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter"
    except (RuntimeError, KeyError, OSError):  # no home folder (a service account): no cache
        return None


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """drafter's code as installed: any reinstall or edit of a module invalidates every entry
    (names, sizes and modification times of the package's .py files: ~0.3 ms to read)."""
    from . import __version__

    digest = hashlib.sha1(f"{__version__}|{sys.implementation.cache_tag}|{pickle.HIGHEST_PROTOCOL}".encode())
    package = Path(__file__).resolve().parent
    for modules in (package, package / "check", package / "writers"):
        try:
            with os.scandir(modules) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.name.endswith(".py"):
                        info = entry.stat()
                        digest.update(f"{modules.name}/{entry.name}|{info.st_size}|{info.st_mtime_ns}".encode())
        except OSError:
            pass
    return digest.digest()


def key(kind: str, *parts: str | bytes) -> str:
    """A file name for an entry: the kind, then a hash of drafter's code and the parts."""
    digest = hashlib.sha1(_code_fingerprint())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return f"{kind}-{digest.hexdigest()}"


def load(name: str) -> Any | None:
    """The value stored under `name`, or None (missing, unreadable or corrupt)."""
    base = folder()
    if base is None:
        return None
    try:
        with open(base / name, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - a bad entry is a miss, never an error
        return None


MAX_ENTRIES = 400  # past this many files, the oldest are removed down to half


def store(name: str, value: Any) -> None:
    """Keep `value` under `name`; written atomically, silently skipped if impossible."""
    base = folder()
    if base is None:
        return
    import tempfile  # only on a miss: not at every start

    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)  # entries are code to run: the user's alone
        fd, temp = tempfile.mkstemp(prefix=name[:40], suffix=".tmp", dir=base)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, base / name)
    except Exception:  # noqa: BLE001 - e.g. a full disk: the work is simply redone next time
        try:
            os.unlink(temp)
        except OSError:
            pass
        return
    _prune(base)


def _prune(base: Path) -> None:
    """Every edit of a template or rules file adds an entry: keep the folder small."""
    try:
        with os.scandir(base) as listing:
            entries = [(e.stat().st_mtime_ns, e.path) for e in listing if e.is_file()]
    except OSError:
        return
    if len(entries) <= MAX_ENTRIES:
        return
    for _, path in sorted(entries)[: len(entries) - MAX_ENTRIES // 2]:
        try:
            os.unlink(path)
        except OSError:
            pass


def memo(name: str, compute: Callable[[], T]) -> T:
    """The cached value under `name`, or compute() and keep it."""
    value = load(name)
    if value is None:
        value = compute()
        store(name, value)
    return value
