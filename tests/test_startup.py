"""Start-up stays light: `drafter --help` and `drafter templates` load neither python-docx
nor lxml (each costs tens of milliseconds on every run). Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from drafter.cli import main
try:
    main({args!r})
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("docx", "lxml", "docxtpl", "openpyxl"))
sys.__stderr__.write("MODULES" + json.dumps(heavy) + "\\n")
"""


@pytest.mark.parametrize("args", [["--help"], ["templates"], ["render", "--help"]])
def test_light_commands_do_not_import_docx_or_lxml(args):
    result = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True,
                            timeout=60)
    marker = [line for line in result.stderr.splitlines() if line.startswith("MODULES")]
    assert marker, result.stderr
    assert json.loads(marker[0][len("MODULES"):]) == []
    assert result.stdout.strip()  # the command did print its help or list


def _drafter(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """The installed command's code path: `python -m drafter` runs the same main() entry point."""
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_command_prints_what_the_in_process_entry_prints(tmp_path):
    from conftest import EXAMPLES, run_cli

    example = str(EXAMPLES / "county-office-four-grips.yaml")
    result = _drafter("render", example, "-f", "text", "--no-check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == run_cli("render", example, "-f", "text", "--no-check").out
    assert len(result.stdout) > 4000


@pytest.mark.parametrize("args, status, message", [
    (["render", "missing.yaml"], 1, "找不到输入文件"),
    (["render", "--no-such-option"], 2, "no-such-option"),
    (["--version"], 0, "drafter"),
])
def test_command_exit_status_and_messages(tmp_path, args, status, message):
    result = _drafter(*args, cwd=tmp_path)
    assert result.returncode == status, result.stderr
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_command_batch_with_workers_finishes_cleanly(tmp_path):
    """A batch through the real entry point (worker processes) writes every document
    and leaves no staging folder behind."""
    from conftest import write_minimal

    for name in ("a.yaml", "b.yaml", "c.yaml"):
        write_minimal(tmp_path, name=name)
    result = _drafter("render", "a.yaml", "b.yaml", "c.yaml", "-o", "out", "-j", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == 3 and all(name.endswith(".docx") for name in written), written
    assert "共 3 份：已生成 3 份，失败 0 份。" in result.stderr


def test_one_document_skips_the_batch_garbage_collection(tmp_path, monkeypatch):
    """A batch of one has no later collections to spare, so it pays for no full collection
    (about 16 ms at the end of every `drafter render` of one file); a longer batch still
    collects once and freezes what it loaded."""
    import gc

    from conftest import run_cli, write_minimal

    collections: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *generation: collections.append(1) or 0)
    write_minimal(tmp_path, name="a.yaml")
    write_minimal(tmp_path, name="b.yaml")
    result = run_cli("render", "a.yaml", "-o", "a.docx", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "a.docx").stat().st_size > 5000
    assert collections == []
    result = run_cli("render", "a.yaml", "b.yaml", "-o", "out", "-j", "1", cwd=tmp_path)
    assert result.code == 0, result.err
    assert len(list((tmp_path / "out").glob("*.docx"))) == 2
    assert collections == [1]
    assert gc.get_freeze_count() == 0  # unfrozen when the batch ends
