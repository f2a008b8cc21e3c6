"""Mistakes template authors make: each names the template file and line, in Chinese, exit 1."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import MINIMAL_YAML, run_cli

# The snippet under test lands on line 9 of mine.j2.
TEMPLATE = textwrap.dedent("""\
    {#---
    title: 测试
    description: 测试
    ---#}
    {% extends "base-speech" %}
    {% block body %}
    # 一节
    正文
    """) + "{snippet}\n{{% endblock %}}\n"

LEADERS = """\
leaders:
  - name: 李某某
    role: 分管领导
"""


def render_with(folder: Path, snippet: str, encoding: str = "utf-8", extra_yaml: str = ""):
    """Render in.yaml (template: mine, named in the YAML as users do) with `snippet` on line 9."""
    templates = folder / "templates"
    templates.mkdir(exist_ok=True)
    text = TEMPLATE.replace("{snippet}", snippet).replace("{{% endblock %}}", "{% endblock %}")
    (templates / "mine.j2").write_bytes(text.encode(encoding))
    (folder / "in.yaml").write_text(MINIMAL_YAML.format(template="mine") + extra_yaml, encoding="utf-8")
    return run_cli("render", "in.yaml", "-o", "out.docx", cwd=folder)


def assert_template_error(result, *words: str, line: int = 9) -> None:
    assert result.code == 1, result
    assert f"mine.j2 第 {line} 行" in result.err, result.err
    for word in words:
        assert word in result.err, result.err
    assert "in.yaml" not in result.err  # the user's YAML is not to blame
    assert "Traceback" not in result.err and "内部错误" not in result.err


def test_include_of_a_missing_file_names_the_template_line(tmp_path):
    result = render_with(tmp_path, '{% include "missing" %}')
    assert_template_error(result, "找不到模板“missing”")
    assert not (tmp_path / "out.docx").exists()


def test_misspelt_field_suggests_the_right_one(tmp_path):
    result = render_with(tmp_path, "{{ unit.nmae }}")
    assert_template_error(result, "“unit.nmae”", "“unit.name”")
    assert "不能直接输出" not in result.err


def test_misspelt_field_of_a_loop_item_suggests_the_right_one(tmp_path):
    result = render_with(tmp_path, "{% for leader in leaders %}{{ leader.nmae }}{% endfor %}", extra_yaml=LEADERS)
    assert_template_error(result, "“leader.nmae”", "“leader.name”")


def test_misspelt_field_found_only_while_rendering_suggests_the_right_one(tmp_path):
    """Through a {% set %} the load-time check cannot follow the list; rendering still explains."""
    snippet = "{% set people = leaders %}{% for person in people %}{{ person.nmae }}{% endfor %}"
    result = render_with(tmp_path, snippet, extra_yaml=LEADERS)
    assert_template_error(result, "没有的字段“nmae”，是不是“name”？")


def test_misspelt_variable_suggests_the_right_one(tmp_path):
    result = render_with(tmp_path, "{{ speeker.title }}")
    assert_template_error(result, "未声明的变量“speeker”", "“speaker”")


def test_unknown_filter_is_a_template_error_with_a_suggestion(tmp_path):
    result = render_with(tmp_path, "{{ [unit.name] | cnjoin }}")
    assert_template_error(result, "过滤器“cnjoin”", "“cn_join”")


def test_unknown_test_is_a_template_error(tmp_path):
    result = render_with(tmp_path, "{% if unit.name is emptyy %}空{% endif %}")
    assert_template_error(result, "“emptyy”")


@pytest.mark.parametrize("snippet, sign", [
    ("{％ if unit.name ％}有{％ endif ％}", "％"),
    ("｛｛ unit.name ｝｝", "｛｛"),
    ("{{ unit.name ｝｝", "｝｝"),
    ("｛% if unit.name %}有{% endif %}", "｛%"),
])
def test_full_width_template_signs_are_flagged_not_printed(tmp_path, snippet, sign):
    result = render_with(tmp_path, snippet)
    assert_template_error(result, "全角", sign)
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("snippet, words", [
    ("{{ }}", ["{{ }}", "缺少"]),
    ("{% if %}有{% endif %}", ["if", "缺少"]),
    ("{{ unit.name", ["}}"]),
    ("{{ unit.name | }}", ["过滤器"]),
    ("{{ unit..name }}", ["字段名"]),
    ("{% for x %}{% endfor %}", ["{% for 项 in 列表 %}"]),
    ('{{ "abc }}', ["引号"]),
    ("{{ cn_number(1 }}", ["括号"]),
    ("{% %}", ["标签"]),
    ("{# 没有结束的注释", ["#}"]),
    ("{% endif %}", ["endif"]),
    ("{{ unit.name }", ["两个“}”"]),
    ("{% block a %}{% endblock %}{% block a %}{% endblock %}", ["block“a”定义了两次"]),
    ('{% extends "base-speech" %}', ["最外层"]),
])
def test_jinja_syntax_messages_are_explained_in_chinese(tmp_path, snippet, words):
    result = render_with(tmp_path, snippet)
    assert result.code == 1, result
    assert "mine.j2 第" in result.err and "模板语法错误" in result.err, result.err
    for word in words:
        assert word in result.err, result.err
    for english in ("xpected", "Encountered", "Missing", "tag name"):  # Jinja's words are translated
        assert english not in result.err, result.err


@pytest.mark.parametrize("snippet, words", [
    ("{{ unit | cn_join }}", "cn_join 需要一个文字列表"),
    ("{{ unit | points }}", "points 需要一个文字列表"),
    ('{{ unit.name | with_role("分管") | length }}', "with_role 需要领导名单"),
    ('{{ ["甲"] | with_role("分管") | length }}', "with_role 需要领导名单"),
    ("{{ unit.name | cn_number }}", "cn_number 需要一个整数"),
])
def test_a_filter_given_the_wrong_data_says_which_filter(tmp_path, snippet, words):
    assert_template_error(render_with(tmp_path, snippet), words)


def test_first_of_an_empty_list_is_explained(tmp_path):
    result = render_with(tmp_path, "{{ tasks | first }}")
    assert_template_error(result, "列表是空的，取不到第一项")


def test_heading_that_skips_a_level_is_an_error_at_its_template_line(tmp_path):
    result = render_with(tmp_path, "### 跳过了二级")
    assert_template_error(result, "跳", "三级", "“### 跳过了二级”")
    assert not (tmp_path / "out.docx").exists()


def test_heading_that_skips_a_level_in_a_child_block_names_the_child(tmp_path):
    """The skipped level shows only in the rendered whole: the child's line is named."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "frame.j2").write_text(TEMPLATE.replace("{snippet}", "{% block more %}{% endblock %}").replace(
        "{{% endblock %}}", "{% endblock %}"), encoding="utf-8")
    (folder / "mine.j2").write_text(textwrap.dedent("""\
        {#---
        title: 测试
        description: 测试
        ---#}
        {% extends "frame" %}
        {% block more %}
        {# the frame's last heading is a first-level one #}

        ### 新增的小节
        {% endblock %}
        """), encoding="utf-8")
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="mine"), encoding="utf-8")
    result = run_cli("render", "in.yaml", "-o", "out.docx", cwd=tmp_path)
    assert_template_error(result, "跳级", "上一个标题是一级")


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x0b", "\ufdd0", "\ufdd2"])
def test_characters_a_document_cannot_hold_are_named(tmp_path, character):
    """Word cannot store control characters; the noncharacters are drafter's own markers."""
    result = render_with(tmp_path, f"正文{character}里")
    assert_template_error(result, f"U+{ord(character):04X}")
    assert not (tmp_path / "out.docx").exists()


def test_template_saved_as_gbk_is_read(tmp_path):
    result = render_with(tmp_path, "{{ unit.name }}的补充说明", encoding="gbk")
    assert result.code == 0, result.err
    assert (tmp_path / "out.docx").is_file()


def test_template_that_is_not_text_is_named(tmp_path):
    render_with(tmp_path, "正文")
    path = tmp_path / "templates" / "mine.j2"
    path.write_bytes(path.read_bytes() + b"\xff\xff\n")  # neither UTF-8 nor GBK
    result = run_cli("render", "in.yaml", "-o", "out.docx", cwd=tmp_path)
    assert result.code == 1
    assert "mine.j2" in result.err and "UTF-8" in result.err and "in.yaml" not in result.err


def test_a_list_shorter_than_the_template_needs_is_the_inputs_error_at_its_field(tmp_path):
    """A learnt template names the original's people by position (leaders[1]); an input with
    fewer leaders is told at its `leaders:` line, with the template line for reference."""
    result = render_with(tmp_path, "分管领导{{ leaders[1].name }}同志", extra_yaml=LEADERS)
    assert result.code == 1, result
    assert "in.yaml 第 9 行第 1 列：字段“leaders”只有 1 项，模板“mine”要用到第 2 项" in result.err, result.err
    assert "mine.j2 第 9 行" in result.err and "请在 leaders 下补足到至少 2 项" in result.err
    assert not (tmp_path / "out.docx").exists()


def test_an_index_into_a_list_the_template_made_stays_the_templates_error(tmp_path):
    result = render_with(tmp_path, '{% set pair = ["甲", "乙"] %}{{ pair[5] }}')
    assert_template_error(result, "列表只有 2 项，没有第 6 项")
