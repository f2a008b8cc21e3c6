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
