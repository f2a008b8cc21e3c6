"""Shared helpers: run the CLI in-process like a user would, read .docx parts."""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafter.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

MINIMAL_YAML = """\
template: {template}
unit:
  name: 某某县统计局
  kind: 局
speaker:
  title: 党组书记
meeting:
  date: 2024-03-15
"""


def pytest_configure(config):
    """Keep Jinja's compiled templates (platformdirs' user cache folder) out of the user's own."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="drafter-test-cache-")
    config.drafter_cache = folder
    os.environ["XDG_CACHE_HOME"] = folder  # Linux
    os.environ["LOCALAPPDATA"] = folder  # Windows


def pytest_unconfigure(config):
    import shutil

    shutil.rmtree(getattr(config, "drafter_cache", ""), ignore_errors=True)


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    """Run `drafter ARGS` in this process; returns exit status and captured output."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(old)
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    return run_cli


def docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def write_minimal(folder: Path, template: str = "ideology-four-grips", name: str = "in.yaml") -> Path:
    path = folder / name
    path.write_text(MINIMAL_YAML.format(template=template), encoding="utf-8")
    return path


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def docx_text(path: Path) -> str:
    """The text of a .docx as docx2python (a reader nobody here wrote) sees it."""
    from docx2python import docx2python

    with docx2python(str(path)) as read:
        return read.text
