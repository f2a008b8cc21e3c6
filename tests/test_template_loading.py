"""Loading templates: built-in ones pass every check, the compiled-code cache, the genre,
and random mistakes in a user's template never end in a traceback or exit 70."""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, MINIMAL_YAML, run_cli
from drafter.errors import TemplateError
from drafter.templates import BUILTIN_ORIGIN, Library, Template, builtin_dir
from drafter.templates.checks import check_template

# ---------------------------------------------------------------- built-in ----


def test_builtin_templates_pass_every_load_time_check():
    """They are not checked when a user renders with them, so they are checked here."""
    library = Library([(builtin_dir(), BUILTIN_ORIGIN)])
    assert len(library.files) >= 5
    for file in library.files.values():
        template = Template(library, file)
        check_template(template, check_all=True)
        if not file.manifest.abstract:
            assert template.outline(), file.name  # renders its example, headings in order


@pytest.mark.parametrize("original, broken, error", [
    ("{{ unit.self_ref }}", "{{ unit.nmae }}", "unit.nmae"),
    ("{% block closing %}", "{% block closnig %}", "是不是“closing”"),
    ("{% block opening %}", "要点{% block opening %}", "文字必须写在 block 里面"),
])
def test_the_check_of_builtin_templates_can_fail(tmp_path, original, broken, error):
    """check_all really looks into built-in files: a misspelt field, a block the frame
    lacks, text outside the blocks in one is found."""
    folder = tmp_path / "builtin"
    folder.mkdir()
    for path in builtin_dir().glob("*.j2"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    grips = folder / "ideology-four-grips.j2"
    text = grips.read_text(encoding="utf-8")
    assert original in text
    grips.write_text(text.replace(original, broken, 1), encoding="utf-8")
    library = Library([(folder, BUILTIN_ORIGIN)])
    template = Template(library, library.files["ideology-four-grips"])
    check_template(template)  # what a user's start does: drafter's own files are trusted
    with pytest.raises(TemplateError, match=error):
        check_template(template, check_all=True)


def test_every_example_template_passes_every_load_time_check():
    library = Library([(builtin_dir(), BUILTIN_ORIGIN), (EXAMPLES / "templates", "examples")])
    for path in sorted((EXAMPLES / "templates").glob("*.j2")):
        check_template(Template(library, library.files[path.stem]))


# ---------------------------------------------------------------- bytecode cache --


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    """drafter's cache folder, moved into tmp_path (platformdirs reads these variables)."""
    from platformdirs import user_cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))  # Linux, BSD
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "cache-home"))  # Windows
    folder = Path(user_cache_dir("drafter"))
    if tmp_path not in folder.parents:
        pytest.skip("platformdirs does not let the cache folder be moved on this system (macOS)")
    return folder


def render_example(folder: Path) -> str:
    (folder / "in.yaml").write_text(MINIMAL_YAML.format(template="ideology-four-grips"), encoding="utf-8")
    result = run_cli("render", "in.yaml", "-f", "text", "--no-check", cwd=folder)
    assert result.code == 0, result.err
    return result.out


def test_compiled_templates_are_kept_in_the_user_cache_folder(tmp_path, cache_folder):
    first = render_example(tmp_path)
    kept = sorted(cache_folder.glob("__jinja2_*.cache"))
    assert len(kept) == 2  # the template and the frame it extends
    assert render_example(tmp_path) == first


def test_a_damaged_cache_file_is_compiled_again(tmp_path, cache_folder):
    first = render_example(tmp_path)
    assert list(cache_folder.glob("__jinja2_*.cache"))
    for path in cache_folder.glob("__jinja2_*.cache"):
        path.write_bytes(b"j2\x00not what jinja wrote")
    assert render_example(tmp_path) == first


def test_no_cache_when_its_folder_cannot_be_made(tmp_path, cache_folder):
    blocker = cache_folder.parent
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    render_example(tmp_path)
    assert blocker.is_file()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder permissions are a POSIX notion")
def test_a_cache_folder_others_can_write_to_is_not_used(tmp_path, cache_folder):
    cache_folder.mkdir(parents=True)
    cache_folder.chmod(0o777)
    render_example(tmp_path)
    assert list(cache_folder.iterdir()) == []


# ---------------------------------------------------------------- genre -------

GENRE_TEMPLATE = textwrap.dedent("""\
    {{#---
    title: 测试
    description: 测试
    {key}: {genre}
    ---#}}
    {{% extends "base-speech" %}}
    {{% block body %}}
    # 一节
    这是一篇{{{{ doc.genre }}}}，旧写法也能用：{{{{ doc.kind }}}}。
    {{% endblock %}}
    """)


@pytest.mark.parametrize("key", ["kind", "genre"])
def test_the_genre_is_read_from_kind_or_genre(tmp_path, key):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "mine.j2").write_text(GENRE_TEMPLATE.format(key=key, genre="汇报"), encoding="utf-8")
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="mine"), encoding="utf-8")
    result = run_cli("render", "in.yaml", "-f", "text", "--no-check", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "这是一篇汇报，旧写法也能用：汇报。" in result.out


def test_an_unknown_genre_is_named_at_its_manifest_line(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "mine.j2").write_text(GENRE_TEMPLATE.format(key="genre", genre="通知"),
                                                    encoding="utf-8")
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="mine"), encoding="utf-8")
    result = run_cli("render", "in.yaml", "-f", "text", cwd=tmp_path)
    assert result.code == 1
    assert "mine.j2 第 4 行" in result.err and "文稿类型只能是“讲话”或“汇报”" in result.err
    assert "in.yaml" not in result.err


# ---------------------------------------------------------------- includes ----


@pytest.mark.parametrize("include", [
    '{% include "nope" ignore missing %}',
    '{% include ["nope", "_part"] %}',
    '{% include "_part" %}',
])
def test_includes_that_resolve_are_accepted(tmp_path, include):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "_part.j2").write_text("{#---\ntitle: 片段\ndescription: 片段\n---#}\n片段里的话。\n", encoding="utf-8")
    (folder / "mine.j2").write_text(GENRE_TEMPLATE.format(key="kind", genre="讲话").replace(
        "# 一节\n", "# 一节\n" + include + "\n"), encoding="utf-8")
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="mine"), encoding="utf-8")
    result = run_cli("render", "in.yaml", "-f", "text", "--no-check", cwd=tmp_path)
    assert result.code == 0, result.err
    assert ("片段里的话。" in result.out) == ("_part" in include)


# ---------------------------------------------------------------- fuzzing -----

USER_TEMPLATE = textwrap.dedent("""\
    {#---
    title: 本单位的讲话
    description: 随手改坏的模板
    fields:
      measures:
        type: list
        default: [落实责任, 加强检查]
    ---#}
    {% extends "base-speech" %}
    {% block body %}
    # 抓{{ unit.short }}的工作
    {% for leader in leaders %}
    {{ leader.name }}同志{{ leader.role or "" }}。
    {% endfor %}
    ## 具体措施
    {{ measures | points }}
    {% if unit.kind == "局" %}{{ unit.self_ref }}要带头。{% else %}全体同志要带头。{% endif %}
    {% endblock %}
    """)
FUZZ_INPUT = MINIMAL_YAML.format(template="mine") + "leaders:\n  - name: 李某某\n    role: 分管领导\n"
# What an author types by mistake, or pastes from a Chinese document.
SLIPS = ["{", "}", "%", "#", "{{", "}}", "{%", "%}", "{#", "#}", "％", "｛", "｝", "＃", "|", "| cnjoin",
         "| points(", ".nmae", "unit.", "(", ")", "[", '"', "'", "\n", "###", "#####", "@", "@foo ", "super()",
         "{% endblock %}", "{% endif %}", "{% if %}", '{% include "nope" %}', '{% extends "nope" %}',
         "{% block body %}", "{{ leaders }}", "{{ 1/0 }}", "{{ x }}", "：", "\u3000", "\t", "\x00", "\x07"]
edits = st.lists(st.tuples(st.sampled_from(["insert", "delete"]), st.floats(min_value=0, max_value=1),
                           st.sampled_from(SLIPS), st.integers(min_value=1, max_value=4), st.booleans()),
                 min_size=1, max_size=4)
# Where slips do the most harm: inside tags, after a filter bar, after a dot.
HOT_SPOTS = re.compile(r"\{\{ |\{% |\| |\.| \}\}| %\}")


def edit(text: str, steps: list) -> str:
    for action, where, slip, count, in_a_tag in steps:
        spots = [m.end() for m in HOT_SPOTS.finditer(text)] if in_a_tag else []
        at = spots[int(where * (len(spots) - 1))] if spots else int(where * len(text))
        text = text[:at] + slip + text[at:] if action == "insert" else text[:at] + text[at + count:]
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_a_template_broken_at_random_never_crashes(steps):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "templates").mkdir()
        (folder / "templates" / "mine.j2").write_text(edit(USER_TEMPLATE, steps), encoding="utf-8")
        (folder / "in.yaml").write_text(FUZZ_INPUT, encoding="utf-8")
        result = run_cli("render", str(folder / "in.yaml"), "-o", str(folder / "out.docx"),
                         "--templates", str(folder / "templates"))
        assert result.code in (0, 1), result
        assert "Traceback" not in result.err + result.out
        if result.code == 1:
            assert result.err.startswith("错误："), result.err
        else:
            assert docx.Document(str(folder / "out.docx")).paragraphs  # Word can open what was written
