"""Start-up stays light: `drafter --help` and `drafter templates` load neither python-docx
nor lxml (each costs tens of milliseconds on every run). Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# ----------------------------------------------- built-in templates without the full load ---

def _template_files():
    from conftest import EXAMPLES, ROOT

    files = sorted((ROOT / "templates").glob("*.j2")) + sorted((EXAMPLES / "templates").glob("*.j2"))
    assert len(files) >= 6
    return files


@pytest.mark.parametrize("path", _template_files(), ids=lambda p: p.name)
def test_the_quick_reading_of_a_template_agrees_with_the_full_one(path):
    """drafter's own templates are read at each start with a plain look for `{% extends %}` and
    PyYAML for the manifest, instead of a Jinja parse and the validating models; for every
    built-in and example template both readings give the same result."""
    from jinja2 import nodes

    from drafter.templates import Library
    from drafter.templates.manifest import read_builtin_manifest, read_manifest
    from drafter.templates.sources import builtin_extends

    text = path.read_text(encoding="utf-8")
    tree = Library([]).env.parse(text)
    node = next(tree.find_all(nodes.Extends), None)
    quick = builtin_extends(text, str(path))
    if node is None:
        assert quick is None
    else:
        assert quick is not None
        assert (quick[0], quick[1].line) == (node.template.value, node.lineno)
    full, fast = read_manifest(text, str(path)), read_builtin_manifest(text, str(path))
    assert fast == full
    assert [spec.model_dump() for spec in fast.fields] == [spec.model_dump() for spec in full.fields]
    assert [spec.model_fields_set for spec in fast.fields] == [spec.model_fields_set for spec in full.fields]


@pytest.mark.parametrize("text, expected", [
    ('{#---\ntitle: 甲\n---#}\n{% extends "base-speech" %}\n', ("base-speech", 4)),
    ("{%- extends 'base-report' -%}", ("base-report", 1)),
    ('{# {% extends "base-report" %} #}\n{% extends "base-speech" %}', ("base-speech", 2)),
    ('{% raw %}\n{% extends "base-report" %}\n{% endraw %}\n正文', None),
    ('{#- 说明：用 {% extends "base-report" %} 继承 -#}\n正文', None),
    ('{{ "{% extends \'base-report\' %}" }}\n正文', None),
    ('{% raw %}\n{% extends "base-report" %}\n', None),
])
def test_the_quick_extends_skips_comments_and_raw_text(text, expected):
    from drafter.templates.sources import builtin_extends

    found = builtin_extends(text, "t.j2")
    assert (found and (found[0], found[1].line)) == expected


def test_a_start_with_a_builtin_template_parses_no_template_and_builds_no_manifest_model(tmp_path):
    """Rendering with a built-in template neither parses nor lexes a template with Jinja (the
    compiled code comes from the cache) nor validates a manifest (checked in a fresh interpreter)."""
    probe = """
import sys, jinja2
from drafter.cli import main
parsed = []
original = jinja2.Environment.parse
jinja2.Environment.parse = lambda self, *args, **kwargs: parsed.append(args) or original(self, *args, **kwargs)
original_lex = jinja2.Environment.lex
jinja2.Environment.lex = lambda self, *args, **kwargs: parsed.append(args) or original_lex(self, *args, **kwargs)
try:
    main(["render", "in.yaml", "-o", "out.docx", "--force", "-q"])
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
from drafter.templates.manifest import _ManifestModel
sys.__stderr__.write("PROBE %d %s\\n" % (len(parsed), _ManifestModel.__pydantic_complete__))
"""
    from conftest import write_minimal

    write_minimal(tmp_path)
    outputs = []
    for _ in range(2):  # the first run fills the cache of compiled templates
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                                cwd=tmp_path)
        outputs.append([line for line in result.stderr.splitlines() if line.startswith("PROBE")])
    assert outputs[1] == ["PROBE 0 False"], result.stderr
    assert (tmp_path / "out.docx").stat().st_size > 5000


# ------------------------------------------------ origin markers without Jinja's lexer ---

_TRICKY_TEMPLATES = [
    "{% if x %}\n# a\n{% endif %}\n@para\n",
    "{% if x %}# a{% endif %}\n",
    "{% if x -%}\n\n  # a\n{%- endif %}\n",
    "{# c\n# not a heading\n#}\n# yes\n",
    "{#- c -#}\n# after a trimmed comment\n",
    "{# c #}# mid-line\n{{ x }}# mid-line\n# line\n",
    "{{ x -}}\n# after a trimmed expression\n",
    "  {% if x %}\n  # indented\n\u3000# full-width space\n{% endif %}\n",
    "{% raw %}\n# raw line\n{# x #}\n{% endraw %}\n# after\n",
    "{% raw -%}\n# raw, trimmed\n{%- endraw -%}\n# after\n",
    "\n\n{% block b %}\n# h\n{{ super() }}\n@p {{ v }}\n{% endblock %}\n",
    "a\r\n# crlf\r\n",
]
_PIECES = ["# h", "@p", "text", "\n", "\n", "  ", "\u3000", "{% if a %}", "{% endif %}", "{%- if a %}",
           "{% if a -%}", "{%- endif -%}", "{# c #}", "{#- c -#}", "{# two\n# lines #}", "{{ x }}", "{{- x -}}",
           "{% raw %}# r{% endraw %}", "{%- raw -%}\n# r\n{%- endraw -%}", "{% set z = 1 %}", "## hh", " # sp"]


def _both_scans(text):
    from drafter.templates import Library
    from drafter.templates.origins import _markup_lines, plain_markup_lines

    return plain_markup_lines(text), _markup_lines(Library([]).env, text)


@pytest.mark.parametrize("path", _template_files(), ids=lambda p: p.name)
def test_the_plain_scan_marks_the_lines_jinjas_lexer_marks_in_every_shipped_template(path):
    """drafter's own templates get their origin markers from a plain scan of the tags (Jinja's
    lexer costs about 5 ms a start); the marked text, and so Jinja's compiled-code cache, is
    the same either way."""
    plain, lexed = _both_scans(path.read_text(encoding="utf-8"))
    assert lexed and plain == lexed


@pytest.mark.parametrize("text", _TRICKY_TEMPLATES)
def test_the_plain_scan_agrees_on_whitespace_control_comments_and_raw_blocks(text):
    plain, lexed = _both_scans(text)
    assert plain == lexed


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
def test_the_plain_scan_agrees_with_the_lexer_on_any_mix_of_tags(pieces):
    plain, lexed = _both_scans("".join(pieces))
    assert plain == lexed


def test_render_of_one_document_imports_only_what_it_uses(tmp_path):
    """`drafter render` (check on) does not load the PDF converter (and with it subprocess),
    the models `check --unit-yaml` reads a YAML with, python-docx, lxml or the Word reader."""
    from conftest import write_minimal

    write_minimal(tmp_path)
    probe = """
import sys
from drafter.cli import main
try:
    main(["render", "in.yaml", "-o", "out.docx", "--force", "-q"])
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
unwanted = ("subprocess", "drafter.pdf", "drafter.check.facts", "drafter.check.reader", "docx", "lxml",
            "openpyxl", "drafter.wordin", "ruamel", "starlette", "jinja2.nativetypes", "jinja2.meta",
            "drafter.templates.fieldnames", "traceback")
sys.__stderr__.write("LOADED " + " ".join(sorted(m for m in unwanted if m in sys.modules)) + "\\n")
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert [line for line in result.stderr.splitlines() if line.startswith("LOADED")] == ["LOADED "], result.stderr
    assert (tmp_path / "out.docx").stat().st_size > 5000


def test_check_reads_the_unit_from_a_yaml_with_renders_rules(tmp_path):
    """The --unit-yaml models moved out of drafter.model still give render's message."""
    from drafter.check import CheckContext, ContextError
    from drafter.errors import InputErrors
    from drafter.source import load_text

    context = CheckContext.from_source(load_text("unit:\n  name: 清河县统计局\n  kind: 局\nmeeting:\n  date: 2024-03-15\n"))
    assert (context.unit_name, context.unit_kind, context.date.isoformat()) == ("清河县统计局", "局", "2024-03-15")
    with pytest.raises((InputErrors, ContextError)) as caught:
        CheckContext.from_source(load_text("unit:\n  kind: 庙\n"))
    assert "不认识的单位类型“庙”" in str(caught.value)


def test_dates_in_a_draft_are_still_found_by_the_patterns_compiled_on_first_use():
    """The date patterns only a draft without a meeting date needs are compiled when first used."""
    from drafter.check.document import Draft
    from drafter.check.engine import infer_date, infer_year

    with_byline = Draft.from_paragraphs(["在全县统计工作会议上的讲话", "（2023年3月15日）", "同志们："])
    assert infer_date(with_byline).isoformat() == "2023-03-15"
    iso = Draft.from_paragraphs(["在全县统计工作会议上的讲话", "时间：2022-11-02", "同志们："])
    assert infer_date(iso).isoformat() == "2022-11-02"
    report = Draft.from_paragraphs(["清河县统计局2021年工作总结", "一、主要工作", "2021年以来，我局扎实推进各项工作。"])
    assert infer_date(report) is None and infer_year(report) == 2021
    planning = Draft.from_paragraphs(["工作要点", "一、目标", "到2035年，基本实现现代化；2020年以来，成效明显。"])
    assert infer_year(planning) == 2020


def test_what_repetition_keeps_per_paragraph_text_is_placed_in_each_document():
    """Results kept per paragraph text (a batch's documents share most paragraphs) are reported
    at the paragraph where each document has that text, and the same on every call."""
    from drafter.check import check_paragraphs

    doubled = "我们要认真学习学习贯彻会议精神。"
    listed = "加强政治建设、思想建设、组织建设、思想建设。"
    first = check_paragraphs(["标题", doubled, listed])
    second = check_paragraphs(["标题", "同志们：", listed, "其他工作。", doubled])

    def found(findings):
        return sorted((f.rule, f.paragraph, f.column, f.snippet) for f in findings if f.rule.startswith("repeat."))

    assert found(first) == [("repeat.list", 3, 1, "加强政治建设、思想建设、组织建设、思想建设"),
                            ("repeat.word", 2, 6, "学习学习")]
    assert found(second) == [("repeat.list", 3, 1, "加强政治建设、思想建设、组织建设、思想建设"),
                             ("repeat.word", 5, 6, "学习学习")]
    assert found(check_paragraphs(["标题", doubled, listed])) == found(first)
