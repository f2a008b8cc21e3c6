"""The commands as a user meets them: help, templates, init → render, formats, names."""

from __future__ import annotations

import re

import docx
import pytest

from conftest import MINIMAL_YAML, run_cli, write_minimal

BUILTIN = ["ideology-four-grips", "ideology-three-duties", "quarterly-report"]


def test_help_is_chinese_and_lists_commands():
    result = run_cli("--help")
    assert result.code == 0
    assert "用法：" in result.out and "命令" in result.out
    for command in ("render", "validate", "templates", "init", "schema", "check"):
        assert command in result.out


def test_templates_lists_builtins_with_descriptions():
    result = run_cli("templates")
    assert result.code == 0, result.err
    for name in BUILTIN:
        assert re.search(rf"^{name}\n    \S.*：\S+", result.out, re.M), name
    assert "[内置]" in result.out
    assert "基础框架" in result.out  # base-speech is listed, marked as a frame


@pytest.mark.parametrize("name", BUILTIN)
def test_init_output_renders_as_is(tmp_path, name):
    assert run_cli("init", name, "-o", "in.yaml", cwd=tmp_path).code == 0
    result = run_cli("render", "in.yaml", "-o", "out.docx", cwd=tmp_path)
    assert result.code == 0, result.err
    document = docx.Document(str(tmp_path / "out.docx"))
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(level1) >= 3 and level1[0].startswith("一、")
    assert len("".join(p.text for p in document.paragraphs)) >= 700
    assert run_cli("validate", "in.yaml", cwd=tmp_path).code == 0


@pytest.mark.parametrize("name", BUILTIN)
def test_minimal_input_gives_a_complete_document(tmp_path, name):
    source = write_minimal(tmp_path, name)
    result = run_cli("render", str(source), "-f", "text")
    assert result.code == 0, result.err
    body = re.sub(r"\s", "", result.out)
    assert len(body) >= 2000, len(body)
    assert "我局" in body and "我村" not in body


def test_report_is_titled_as_a_report(tmp_path):
    source = write_minimal(tmp_path, "quarterly-report")
    text = run_cli("render", str(source), "-f", "text").out
    title = text.splitlines()[0]
    assert "报告" in title and "讲话" not in title
    for heading in ("一、工作情况", "二、存在问题", "三、下一步打算"):
        assert heading in text


def test_text_and_markdown_go_to_stdout_and_write_nothing(tmp_path):
    source = write_minimal(tmp_path)
    text = run_cli("render", str(source), "-f", "text")
    assert text.code == 0 and text.out.startswith("党组书记在")
    assert "\u3000\u3000一、" in text.out
    markdown = run_cli("render", str(source), "-f", "markdown")
    assert markdown.code == 0
    assert markdown.out.startswith("# 党组书记在") and "\n## 一、" in markdown.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.yaml"]


def test_default_docx_name_from_unit_meeting_and_date(tmp_path):
    source = write_minimal(tmp_path)
    result = run_cli("render", str(source))
    assert result.code == 0, result.err
    written = [p.name for p in tmp_path.glob("*.docx")]
    assert len(written) == 1
    assert written[0].startswith("某某县统计局-") and written[0].endswith("-2024-03-15.docx")
    assert "已生成" in result.err


def test_template_option_overrides_the_file(tmp_path):
    source = write_minimal(tmp_path, "ideology-four-grips")
    result = run_cli("render", str(source), "-t", "ideology-three-duties", "-f", "text")
    assert result.code == 0, result.err
    assert "抓好责任落实" in result.out and "抓认识" not in result.out


def test_abstract_frame_cannot_be_rendered(tmp_path):
    source = write_minimal(tmp_path, "base-speech")
    result = run_cli("render", str(source))
    assert result.code == 1 and "基础框架" in result.err


def test_validate_reports_success(tmp_path):
    source = write_minimal(tmp_path)
    result = run_cli("validate", str(source))
    assert result.code == 0 and "检查通过" in result.out


def test_self_reference_follows_the_unit_kind(tmp_path):
    source = tmp_path / "village.yaml"
    source.write_text(MINIMAL_YAML.format(template="ideology-four-grips").replace("某某县统计局", "某某村")
                      .replace("kind: 局", "kind: 村").replace("党组书记", "村党支部书记"), encoding="utf-8")
    text = run_cli("render", str(source), "-f", "text").out
    assert "我村" in text and "我局" not in text
    assert text.startswith("村党支部书记在")


def test_render_warns_about_findings_and_strict_refuses_to_write(tmp_path):
    source = tmp_path / "in.yaml"
    # a title that says 党委书记 over a speaker who is 党组书记: the checker's roles rule
    source.write_text(MINIMAL_YAML.format(template="ideology-four-grips")
                      + "title: 党委书记在意识形态工作会议上的讲话\n", encoding="utf-8")
    warned = run_cli("render", str(source), "-o", str(tmp_path / "a.docx"))
    assert warned.code == 0 and (tmp_path / "a.docx").exists()
    assert "提醒" in warned.err and "roles." in warned.err and "党委书记" in warned.err
    strict = run_cli("render", str(source), "-o", str(tmp_path / "b.docx"), "--strict")
    assert strict.code == 1 and "--strict" in strict.err
    assert not (tmp_path / "b.docx").exists()
    quiet = run_cli("render", str(source), "-o", str(tmp_path / "c.docx"), "--no-check")
    assert quiet.code == 0 and "提醒" not in quiet.err
