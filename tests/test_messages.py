"""What the command says: click's own messages in Chinese (through gettext, bound when a
command starts), a console that cannot show a character, and no private internals."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys

from conftest import ROOT, run_cli, write_minimal

sys.path.insert(0, str(ROOT / "tools"))
from compile_catalog import CATALOG, compiled  # noqa: E402


def test_the_committed_catalogue_is_the_compiled_po():
    assert CATALOG.with_suffix(".mo").read_bytes() == compiled()


def test_importing_drafter_changes_no_global_text_domain():
    code = "import gettext, drafter.cli; print(gettext.textdomain())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "messages"


def test_click_usage_errors_and_headings_are_chinese(tmp_path):
    missing = run_cli("render")
    assert missing.code == 2
    assert missing.err.startswith("用法： drafter render [选项] INPUT.yaml…")
    assert "错误：缺少参数 INPUT.yaml…。" in missing.err
    bad_choice = run_cli("render", str(write_minimal(tmp_path)), "-f", "word")
    assert bad_choice.code == 2
    assert "错误：-f / --format 的取值不正确：“word”不在可选值 docx、text、markdown、pdf 之中。" in bad_choice.err
    no_option = run_cli("templates", "new", "我局讲话")
    assert no_option.code == 2 and "错误：缺少选项 --from。" in no_option.err
    unknown = run_cli("render", "--jbos")
    assert unknown.code == 2 and "错误：没有这个选项：--jbos。是不是 --jobs？" in unknown.err
    extra = run_cli("schema", "a", "b")
    assert extra.code == 2 and "多余的参数（b）" in extra.err
    help_text = run_cli("render", "--help").out
    assert "选项：" in help_text and "显示本帮助并退出。" in help_text
    for text in (missing.err, bad_choice.err, no_option.err, unknown.err, extra.err, help_text):
        assert "'" not in text, text
        assert not re.search(r"\b(Usage|Error|Options|Show this message|Missing)\b", text), text
    assert gettext.textdomain() == "drafter"


def test_a_console_that_cannot_show_a_character_gets_a_stand_in_not_a_crash(tmp_path):
    """Windows' code page 936 (GBK) has no emoji and no rare characters of CJK extension B."""
    source = write_minimal(tmp_path)
    source.write_text(source.read_text(encoding="utf-8").replace("某某县统计局", "某某县𠀾统计局😀"), encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING="gbk")
    result = subprocess.run([sys.executable, "-m", "drafter", "render", str(source), "-f", "text", "--no-check"],
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    out = result.stdout.decode("gbk")
    assert "《某某县?统计局?意识形态工作责任制实施细则》" in out
    assert "Traceback" not in result.stderr.decode("gbk", "replace")


def test_drafter_uses_no_private_internals_of_python_or_libraries():
    pattern = re.compile(r"re\._|\b_sre\b|os\._exit|_run_exitfuncs|sys\.modules\[")
    offenders = [f"{path.relative_to(ROOT)}:{number}" for path in sorted((ROOT / "drafter").rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []
