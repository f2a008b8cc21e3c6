"""Every package under drafter/ is listed in pyproject.toml, or the installed command
would miss it (the editable install of the tests would not notice)."""

from __future__ import annotations

import ast
import re

from conftest import ROOT


def test_every_subpackage_is_shipped():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # tomllib is 3.11+, drafter supports 3.10
    listed = set(ast.literal_eval(re.search(r"^packages = (\[.*\])$", text, re.M).group(1)))
    on_disk = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "drafter").rglob("__init__.py")}
    assert on_disk - listed == set()
