"""Write output files atomically: a failed or refused write leaves nothing behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def _file_mode() -> int:
    """The mode a plain open() would give: mkstemp's 0600 would hide the file from colleagues."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def check_writable(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputError(f"输出文件已存在：{path}（要覆盖请加 --force，或用 -o 指定其他文件名）")
    if path.is_dir():
        raise OutputError(f"输出路径是一个文件夹：{path}")
    if not path.parent.is_dir():
        raise OutputError(f"输出文件夹不存在：{path.parent}")


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    check_writable(path, force)
    try:
        fd, temp = tempfile.mkstemp(prefix=".~" + path.name[:40], suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"无法在 {path.parent} 写文件：{exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, _file_mode())
        if not force and path.exists():  # appeared while we wrote
            raise OutputError(f"输出文件已存在：{path}（要覆盖请加 --force）")
        os.replace(temp, path)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"无法写入 {path}：{exc.strerror}") from None
        raise
