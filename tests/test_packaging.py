"""Every package under drafter/ is listed in pyproject.toml, or the installed command
would miss it (the editable install of the tests would not notice)."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_subpackage_is_shipped():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "drafter").rglob("__init__.py")}
    assert on_disk - listed == set()
