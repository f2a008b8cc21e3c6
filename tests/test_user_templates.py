"""Templates a unit makes itself: folders, inheritance, declared fields, schema, safety."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import docx
import jsonschema
import pytest
import yaml

from conftest import EXAMPLES, MINIMAL_YAML, files_in, run_cli

CHILD = """\
{#---
title: 意识形态工作会议讲话（含网络安全）
description: 在四抓讲话的基础上改写协调一节，并增加网络安全一节
fields:
  network_measures:
    type: list
    title: 网络安全措施
    required: true
---#}
{% extends "ideology-four-grips" %}
{% block grip_coordination %}
# 抓统筹，凝聚意识形态工作合力
{{ unit.self_ref }}各股室要把意识形态工作纳入年度重点任务，统筹推进。
{% endblock %}
{% block more_sections %}
# 抓网络安全，筑牢网上意识形态防线
{{ network_measures | points }}
{% endblock %}
"""

CHILD_INPUT = MINIMAL_YAML.format(template="network-speech") + """\
network_measures:
  - 落实网络安全责任制
  - 定期开展网站和公众号安全检查
"""


def headings(path: Path, style: str = "Heading 1") -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == style]


@pytest.fixture
def user_folder(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "network-speech.j2").write_text(CHILD, encoding="utf-8")
    (tmp_path / "in.yaml").write_text(CHILD_INPUT, encoding="utf-8")
    return tmp_path


def test_child_template_replaces_one_section_and_adds_one(user_folder):
    result = run_cli("render", "in.yaml", "-o", "out.docx", cwd=user_folder)
    assert result.code == 0, result.err
    level1 = headings(user_folder / "out.docx")
    assert level1 == ["一、" + level1[0][2:], "二、抓统筹，凝聚意识形态工作合力", level1[2], level1[3],
                      "五、抓网络安全，筑牢网上意识形态防线"]
    assert "抓阵地" in level1[2] and "抓机制" in level1[3]
    text = "\n".join(p.text for p in docx.Document(str(user_folder / "out.docx")).paragraphs)
    assert "我局各股室要把意识形态工作纳入年度重点任务" in text
    assert "一是落实网络安全责任制；二是定期开展网站和公众号安全检查。" in text
    assert "抓协调" not in text  # the replaced section is gone


def test_missing_new_field_is_reported_with_its_line(user_folder):
    (user_folder / "in.yaml").write_text(MINIMAL_YAML.format(template="network-speech"), encoding="utf-8")
    result = run_cli("render", "in.yaml", "-o", "out.docx", cwd=user_folder)
    assert result.code == 1
    assert "缺少必填字段“network_measures”" in result.err and "第 1 行" in result.err
    assert not (user_folder / "out.docx").exists()


def test_folders_from_env_and_option_and_override_marks(tmp_path, monkeypatch):
    env_dir, opt_dir = tmp_path / "env", tmp_path / "opt"
    env_dir.mkdir()
    opt_dir.mkdir()
    (env_dir / "network-speech.j2").write_text(CHILD, encoding="utf-8")
    own = CHILD.replace("title: 意识形态工作会议讲话（含网络安全）", "title: 本单位自己的四抓讲话").replace(
        '{% extends "ideology-four-grips" %}', '{% extends "base-speech" %}')
    own = own.replace("{% block grip_coordination %}", "{% block body %}")
    (opt_dir / "ideology-four-grips.j2").write_text(own.replace("required: true", "default: [一项措施]"), encoding="utf-8")
    monkeypatch.setenv("DRAFTER_TEMPLATES", str(env_dir))
    listing = run_cli("templates", "--templates", str(opt_dir), cwd=tmp_path)
    assert listing.code == 0, listing.err
    assert "network-speech" in listing.out and f"来自 {env_dir}" in listing.out
    block = listing.out.split("ideology-four-grips\n", 1)[1].split("\n\n")[0]
    assert "本单位自己的四抓讲话" in block and "覆盖了内置的同名模板" in block

    source = tmp_path / "in.yaml"
    source.write_text(MINIMAL_YAML.format(template="ideology-four-grips"), encoding="utf-8")
    result = run_cli("render", str(source), "--templates", str(opt_dir), "-f", "text")
    assert result.code == 0, result.err
    assert "一、抓统筹，凝聚意识形态工作合力" in result.out and "抓阵地" not in result.out


def test_templates_show_outline_fields_and_parent(user_folder):
    result = run_cli("templates", "show", "network-speech", cwd=user_folder)
    assert result.code == 0, result.err
    assert "继承：network-speech → ideology-four-grips → base-speech" in result.out
    assert "二、抓统筹，凝聚意识形态工作合力" in result.out
    assert "五、抓网络安全，筑牢网上意识形态防线" in result.out
    assert "network_measures（文字列表" in result.out and "必填" in result.out


def test_templates_new_scaffolds_a_working_template(tmp_path):
    result = run_cli("templates", "new", "my-speech", "--from", "ideology-four-grips", "--dir", "mine", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "mine" / "my-speech.j2").is_file()
    assert "下一步" in result.out
    init = run_cli("init", "my-speech", "--templates", "mine", "-o", "my.yaml", cwd=tmp_path)
    assert init.code == 0, init.err
    rendered = run_cli("render", "my.yaml", "--templates", "mine", "-f", "text", cwd=tmp_path)
    assert rendered.code == 0, rendered.err
    assert "五、抓好新增工作" in rendered.out
    again = run_cli("templates", "new", "my-speech", "--from", "ideology-four-grips", "--dir", "mine", cwd=tmp_path)
    assert again.code == 1 and "已存在" in again.err


def test_templates_new_names_its_own_options_when_the_file_exists(tmp_path):
    """There is no -o on `templates new`: the file's name is the template's name."""
    first = run_cli("templates", "new", "我局讲话", "--from", "ideology-four-grips", cwd=tmp_path)
    assert first.code == 0, first.err
    again = run_cli("templates", "new", "我局讲话", "--from", "ideology-four-grips", cwd=tmp_path)
    assert again.code == 1
    assert "已存在" in again.err and "--force" in again.err and "--dir" in again.err
    assert "-o" not in again.err


def test_templates_new_help_names_the_template_it_extends_in_chinese():
    missing = run_cli("templates", "new", "我局讲话")
    assert missing.code == 2 and "--from" in missing.err
    help_text = run_cli("templates", "new", "--help").out
    assert "--from 模板" in help_text and "TEXT" not in help_text and "PARENT" not in help_text


# ---------------------------------------------------------------- inheritance --
# Jinja renders a child's block only where an ancestor has one of that name, and drops
# a child's text outside its blocks: both would vanish from the document without a word.


def scaffolded(tmp_path: Path) -> tuple[Path, str]:
    """`drafter templates new 我局讲话 --from ideology-four-grips` and an input for it."""
    result = run_cli("templates", "new", "我局讲话", "--from", "ideology-four-grips", cwd=tmp_path)
    assert result.code == 0, result.err
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="我局讲话"), encoding="utf-8")
    path = tmp_path / "templates" / "我局讲话.j2"
    return path, path.read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_a_misspelt_block_name_is_an_error_at_its_line(tmp_path):
    path, text = scaffolded(tmp_path)
    text = text.replace("{% block grip_awareness %}", "{% block grip_awarenes %}")
    path.write_text(text, encoding="utf-8")
    for command in ("validate", "render"):
        result = run_cli(command, "in.yaml", cwd=tmp_path)
        assert result.code == 1, result
        assert f"我局讲话.j2 第 {line_of(text, 'grip_awarenes %}')} 行" in result.err
        assert "block“grip_awarenes”在上级模板“ideology-four-grips”中没有，是不是“grip_awareness”？" in result.err
        listed = result.err.split("可用的 block：")[1].split("、")
        assert {"grip_awareness", "more_sections", "title", "byline"} <= {b.strip() for b in listed}  # the whole chain


def test_a_new_block_the_child_renders_itself_is_kept(tmp_path):
    path, text = scaffolded(tmp_path)
    path.write_text(text.replace("# 抓好新增工作\n", "# 抓好新增工作\n{{ self.own_words() }}\n"
                                 "{% block nested_words %}嵌套的新章节文字。{% endblock %}\n")
                    + "{% block own_words %}自己调用的新章节文字。{% endblock %}\n", encoding="utf-8")
    result = run_cli("render", "in.yaml", "-f", "text", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "自己调用的新章节文字。" in result.out and "嵌套的新章节文字。" in result.out


def test_text_after_the_last_block_is_an_error_at_its_line(tmp_path):
    path, text = scaffolded(tmp_path)
    text += "\n# 抓作风建设\n要加强作风建设。\n"
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", "in.yaml", cwd=tmp_path)
    assert result.code == 1, result
    assert f"我局讲话.j2 第 {line_of(text, '# 抓作风建设')} 行" in result.err
    assert ("继承其他模板（extends）的模板里，文字必须写在 block 里面；"
            "要增加一节，写在 {% block more_sections %} … {% endblock %} 里") in result.err


@pytest.mark.parametrize("stray", ["{{ unit.name }}", '{% include "_part" %}', "{% if true %}要点{% endif %}"])
def test_tags_that_print_outside_blocks_are_errors_too(tmp_path, stray):
    path, text = scaffolded(tmp_path)
    (tmp_path / "templates" / "_part.j2").write_text("片段\n", encoding="utf-8")
    path.write_text(text + stray + "\n", encoding="utf-8")
    result = run_cli("render", "in.yaml", cwd=tmp_path)
    assert result.code == 1, result
    assert f"我局讲话.j2 第 {len(text.splitlines()) + 1} 行" in result.err and "必须写在 block 里面" in result.err


def test_what_prints_nothing_may_stand_outside_blocks(tmp_path):
    path, text = scaffolded(tmp_path)
    (tmp_path / "templates" / "_macros.j2").write_text("{% macro shout(s) %}{{ s }}！{% endmacro %}\n",
                                                       encoding="utf-8")
    head, blocks = text.split("{% block ", 1)
    path.write_text(head + "\n{# 说明 #}\n{% set word = \"务实\" %}\n{% set long %}长文字{% endset %}\n"
                    '{% from "_macros" import shout %}\n{% import "_macros" as m %}\n'
                    "{% macro quiet() %}宏里的文字{% endmacro %}\n   \n{% block " + blocks
                    .replace("# 抓好新增工作\n", "# 抓好新增工作\n{{ shout(word) }}{{ m.shout(long) }}{{ quiet() }}\n"),
                    encoding="utf-8")
    result = run_cli("render", "in.yaml", "-f", "text", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "务实！长文字！宏里的文字" in result.out


def test_without_more_sections_text_outside_blocks_lists_the_blocks(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "frame.j2").write_text("{#---\ntitle: 框架\ndescription: 框架\nabstract: true\n---#}\n"
                                     "@title 标题\n{% block part_one %}{% endblock %}\n"
                                     "{% block part_two %}{% endblock %}\n", encoding="utf-8")
    (folder / "mine.j2").write_text("{#---\ntitle: 我的\ndescription: 我的\n---#}\n{% extends \"frame\" %}\n"
                                    "{% block part_one %}\n# 一节\n正文。\n{% endblock %}\n多出的话。\n", encoding="utf-8")
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="mine"), encoding="utf-8")
    result = run_cli("render", "in.yaml", cwd=tmp_path)
    assert result.code == 1, result
    assert "mine.j2 第 10 行" in result.err
    assert "文字必须写在 block 里面；可用的 block：part_one、part_two" in result.err


def test_a_template_between_the_user_and_drafter_is_checked_too(tmp_path):
    path, text = scaffolded(tmp_path)
    path.write_text(text.replace("{% block more_sections %}", "{% block more_section %}"), encoding="utf-8")
    (tmp_path / "templates" / "下级.j2").write_text(
        "{#---\ntitle: 下级\ndescription: 下级\n---#}\n{% extends \"我局讲话\" %}\n", encoding="utf-8")
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="下级"), encoding="utf-8")
    result = run_cli("render", "in.yaml", cwd=tmp_path)
    assert result.code == 1, result
    assert "我局讲话.j2" in result.err and "是不是“more_sections”？" in result.err


# ---------------------------------------------------------------- schema ------


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()  # what the YAML language server sees
    return value


def schema_for(name: str, cwd: Path | None = None) -> dict:
    result = run_cli("schema", name, cwd=cwd)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_schema_accepts_every_example_and_rejects_broken_ones():
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 4
    for path in examples:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        schema = schema_for(data["template"], cwd=path.parent)
        jsonschema.validate(_jsonable(data), schema)
        broken = dict(_jsonable(data), unit={"short_name": "无全称"})
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(dict(_jsonable(data), speeker={"title": "x"}), schema)


def test_schema_of_a_user_template_has_its_fields(user_folder):
    schema = schema_for("network-speech", cwd=user_folder)
    assert "network_measures" in schema["required"]
    assert schema["properties"]["network_measures"]["type"] == "array"


def test_init_writes_schema_line_and_renders_as_is(tmp_path):
    result = run_cli("init", "ideology-four-grips", "-o", "speech.yaml", cwd=tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "speech.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=ideology-four-grips.schema.json")
    schema = json.loads((tmp_path / "ideology-four-grips.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(_jsonable(yaml.safe_load(text)), schema)
    assert run_cli("render", "speech.yaml", "-o", "speech.docx", cwd=tmp_path).code == 0


# ---------------------------------------------------------------- safety ------

UNSAFE = {
    "mro": ("{{ ''.__class__.__mro__ }}", "不允许"),
    "globals": ("{{ cycler.__init__.__globals__ }}", "不允许"),
    "format": ("{{ '{0.__class__}'.format(unit) }}", "不允许"),
    "parent-include": ('{% include "../secret" %}', "不合法"),
    "absolute-extends": ('{% include "/etc/passwd" %}', "不合法"),
    "undeclared": ("{{ secret_field }}", "未声明的变量“secret_field”"),
    "syntax": ("{% if unit.name %}没有结束", "{% if %} 没有对应的 {% endif %}"),
    "list-printed": ("{{ leaders }}", "不能直接输出列表"),
    "runtime": ("{{ 1 // 0 }}", "evil.j2 第 9 行第 1 列：模板运行时除以了零"),
}


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_unsafe_or_broken_templates_fail_cleanly_and_write_nothing(tmp_path, case):
    snippet, words = UNSAFE[case]
    (tmp_path / "secret.j2").write_text("机密", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "evil.j2").write_text(textwrap.dedent("""\
        {#---
        title: 测试
        description: 测试
        ---#}
        {% extends "base-speech" %}
        {% block body %}
        # 一节
        正文
        """) + snippet + "\n{% endblock %}\n", encoding="utf-8")
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="evil"), encoding="utf-8")
    result = run_cli("render", "in.yaml", "-o", "out.docx", cwd=tmp_path)
    assert result.code == 1, result
    assert words in result.err, result.err
    assert "Traceback" not in result.err
    if case == "undeclared":
        assert "evil.j2 第 9 行" in result.err
    if case == "syntax":  # Jinja notices the missing endif where endblock comes
        assert "evil.j2 第 10 行" in result.err
    assert "机密" not in result.err + result.out
    assert files_in(tmp_path) == {"secret.j2", "templates", "in.yaml"}


def test_template_name_with_path_is_refused(tmp_path):
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="../etc/passwd"), encoding="utf-8")
    result = run_cli("render", "in.yaml", cwd=tmp_path)
    assert result.code == 1
    assert "不合法" in result.err and "第 1 行" in result.err


def test_bad_manifest_is_reported_with_file_and_line(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "bad.j2").write_text("{#---\ntitle: 坏\ndescription: 坏\nfields:\n  x:\n    type: picture\n---#}\n"
                                   '{% extends "base-speech" %}\n', encoding="utf-8")
    (tmp_path / "in.yaml").write_text(MINIMAL_YAML.format(template="bad"), encoding="utf-8")
    result = run_cli("render", "in.yaml", cwd=tmp_path)
    assert result.code == 1
    assert "bad.j2 第 6 行" in result.err and "字段类型只能是" in result.err


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.schema.json")), ids=lambda p: p.stem)
def test_example_schema_files_are_current(path):
    """The examples' `$schema=` lines point at these files; they must match `drafter schema`."""
    name = path.name[: -len(".schema.json")]
    assert json.loads(path.read_text(encoding="utf-8")) == schema_for(name, cwd=EXAMPLES)


def test_every_example_points_at_an_existing_schema():
    for path in EXAMPLES.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (EXAMPLES / first.split("=", 1)[1].strip()).is_file(), path.name
