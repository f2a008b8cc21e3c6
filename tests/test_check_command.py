"""The `drafter check` command: inputs, unit data, output formats, exit status, usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import jsonschema
import pytest
from conftest import run_cli

VILLAGE_DRAFT = """\
柳湾村一季度意识形态工作情况汇报
一、工作情况
一季度，我村认真学习贯彻上级关于意识形态工作的决策部署，切实指导实践，确保我街道各项工作高效推进。
二、存在问题
意识形态正面舆论引导方式途径不够丰富，对党员群众的思想政治教育还需常态化。
"""

CLEAN_DRAFT = """\
红星街道意识形态工作情况汇报
一、工作情况
一季度，我街道认真学习贯彻上级关于意识形态工作的决策部署，确保各项工作高效推进。
二、存在问题
我讲以下几点意见，要坚持问题导向，抓好整改落实。
"""

# The JSON output contract of docs/check.md, version 1.
# The village's unit data as an input file (template name filled in by each test).
VILLAGE_INPUT = """\
template: {template}
unit:
  name: 柳湾村
  kind: 村
speaker:
  title: 党支部书记
meeting:
  date: 2024-03-15
"""

SCHEMA = {
    "type": "object",
    "required": ["version", "file", "context", "findings", "summary"],
    "properties": {
        "version": {"const": 1},
        "file": {"type": ["string", "null"]},
        "context": {"type": "object"},
        "findings": {"type": "array", "items": {
            "type": "object",
            "required": ["rule", "severity", "paragraph", "column", "snippet", "message",
                         "suggestion", "replacement", "related_paragraph", "source"],
            "additionalProperties": False,
            "properties": {
                "rule": {"type": "string", "pattern": r"^[a-z]+\.[a-z0-9-]+$"},
                "severity": {"enum": ["错误", "提示"]},
                "paragraph": {"type": "integer", "minimum": 1},
                "column": {"type": ["integer", "null"], "minimum": 1},
                "snippet": {"type": "string"},
                "message": {"type": "string"},
                "suggestion": {"type": "string"},
                "replacement": {"type": ["string", "null"]},
                "related_paragraph": {"type": ["integer", "null"], "minimum": 1},
                "source": {"type": "string"},
            },
        }},
        "summary": {"type": "object", "required": ["错误", "提示"],
                    "additionalProperties": False,
                    "properties": {"错误": {"type": "integer"}, "提示": {"type": "integer"}}},
    },
}


class Outcome:
    """What one `drafter check` printed and its exit status, in the shape the tests read."""

    def __init__(self, result):
        self.exit_code = result.code
        self.stdout = result.out
        self.stderr = result.err
        self.output = result.out + result.err


@pytest.fixture
def run(tmp_path):
    def invoke(*args):
        return Outcome(run_cli("check", *args, cwd=tmp_path))

    return invoke


@pytest.fixture
def village(tmp_path):
    path = tmp_path / "village.txt"
    path.write_text(VILLAGE_DRAFT, encoding="utf-8")
    return path


def test_text_output_and_exit_status_1(run, village):
    result = run(str(village), "--unit", "柳湾村", "--kind", "村")
    assert result.exit_code == 1, result.output
    assert "第3段 [错误] unit.self-ref：“我街道”与单位“柳湾村”的类型“村”不符 → 建议改为“我村”" in result.stdout
    assert "共 1 处：错误 1 处，提示 0 处。" in result.stdout


def test_kind_inferred_from_the_unit_name(run, village):
    result = run(str(village), "--unit", "柳湾村")
    assert result.exit_code == 1 and "类型“村”不符" in result.stdout


def test_clean_draft_exit_status_0(run, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN_DRAFT, encoding="utf-8")
    result = run(str(path), "--unit", "红星街道办事处")
    assert result.exit_code == 0, result.output
    assert "未发现问题。" in result.stdout


def test_hints_only_exit_0_unless_strict(run, tmp_path):
    path = tmp_path / "hint.txt"
    path.write_text("汇报\n要牢牢的把握正确方向，做好各项工作。\n", encoding="utf-8")
    assert run(str(path)).exit_code == 0
    assert run(str(path), "--strict").exit_code == 1


def test_json_output_follows_the_contract(run, village):
    result = run(str(village), "--unit", "柳湾村", "--kind", "村", "--date", "2024-03-15",
                 "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["file"] == str(village)
    assert data["context"]["unit_kind"] == "村" and data["context"]["date"] == "2024-03-15"
    assert data["summary"] == {"错误": 1, "提示": 0}
    (finding,) = data["findings"]
    assert finding == {
        "rule": "unit.self-ref", "severity": "错误", "paragraph": 3, "column": 38,
        "snippet": "我街道", "message": "“我街道”与单位“柳湾村”的类型“村”不符",
        "suggestion": "建议改为“我村”", "replacement": "我村", "related_paragraph": None,
        "source": "单位自称须与本单位类型一致（单位类型表 drafter/unit_types.py）",
    }
    assert VILLAGE_DRAFT.splitlines()[2][finding["column"] - 1:].startswith("我街道")


def test_unit_yaml_gives_the_context(run, village, tmp_path):
    unit = tmp_path / "unit.yaml"
    unit.write_text(VILLAGE_INPUT.format(template="ideology-four-grips"), encoding="utf-8")
    result = run(str(village), "--unit-yaml", str(unit), "--format", "json")
    data = json.loads(result.stdout)
    assert data["context"] == {"unit_name": "柳湾村", "unit_short_name": None, "unit_kind": "村",
                               "speaker_title": "党支部书记", "date": "2024-03-15", "party_org": None,
                               "date_source": "given", "year": None}
    assert [f["rule"] for f in data["findings"]] == ["unit.self-ref"]


def test_date_overrides_the_unit_yaml(run, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n深入学习贯彻党的十九大精神。\n", encoding="utf-8")
    unit = tmp_path / "unit.yaml"
    unit.write_text("unit: {name: 某某县统计局}\nmeeting: {date: 2022-01-25}\n", encoding="utf-8")
    assert run(str(draft), "--unit-yaml", str(unit)).exit_code == 0
    result = run(str(draft), "--unit-yaml", str(unit), "--date", "2023年3月1日")
    assert result.exit_code == 1 and "dated.nineteenth-congress-spirit" in result.stdout


# A byline date the checker reads when no date is given, and a formulation it makes out of date.
DATED_DRAFT = """\
梨花镇2023年工作总结
会议日期：2023年12月20日
今年以来，我镇深入学习贯彻党的十九大精神，各项工作稳步推进。
"""


def test_json_context_gives_the_date_the_rules_used(run, tmp_path):
    draft = tmp_path / "dated.txt"
    draft.write_text(DATED_DRAFT, encoding="utf-8")
    found = json.loads(run(str(draft), "--unit", "梨花镇", "--format", "json").stdout)
    assert (found["context"]["date"], found["context"]["date_source"], found["context"]["year"]) == \
        ("2023-12-20", "text", None)
    (finding,) = found["findings"]
    assert finding["rule"] == "dated.nineteenth-congress-spirit" and "会议日期：2023年12月20日" in finding["message"]
    text = run(str(draft), "--unit", "梨花镇").stdout
    assert "会议日期：2023年12月20日" in text
    given = json.loads(run(str(draft), "--date", "2024-01-05", "--format", "json").stdout)["context"]
    assert (given["date"], given["date_source"], given["year"]) == ("2024-01-05", "given", None)


def test_json_context_gives_the_year_when_there_is_no_date(run, tmp_path):
    draft = tmp_path / "undated.txt"
    draft.write_text(DATED_DRAFT.replace("会议日期：2023年12月20日\n", ""), encoding="utf-8")
    data = json.loads(run(str(draft), "--format", "json").stdout)
    assert (data["context"]["date"], data["context"]["date_source"], data["context"]["year"]) == \
        (None, None, 2023)
    assert "文稿年份：2023年" in data["findings"][0]["message"]
    nothing = tmp_path / "plain.txt"
    nothing.write_text("讲话\n要把各项工作抓实抓细。\n", encoding="utf-8")
    context = json.loads(run(str(nothing), "--format", "json").stdout)["context"]
    assert (context["date"], context["date_source"], context["year"]) == (None, None, None)


def _empty_docx(path):
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("\u3000 ")
    document.save(str(path))


@pytest.mark.parametrize("name, write", [
    ("empty.txt", lambda p: p.write_bytes(b"")),
    ("blank.txt", lambda p: p.write_text("\n \n\u3000\n", encoding="utf-8")),
    ("empty.md", lambda p: p.write_text("\n---\n\n", encoding="utf-8")),
    ("empty.docx", _empty_docx),
])
def test_a_draft_without_text_cannot_be_checked(run, tmp_path, name, write):
    write(tmp_path / name)
    result = run(name)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == f"错误：{name} 里没有文字，无法检查"


def test_docx_and_markdown_drafts(run, tmp_path):
    document = docx.Document()
    for line in VILLAGE_DRAFT.splitlines():
        document.add_paragraph(line)
    document.save(str(tmp_path / "v.docx"))
    result = run(str(tmp_path / "v.docx"), "--kind", "村")
    assert result.exit_code == 1 and "第3段 [错误] unit.self-ref" in result.stdout
    md = tmp_path / "v.md"
    md.write_text("\n\n".join(("## " + l) if l.startswith(("一、", "二、")) else l
                              for l in VILLAGE_DRAFT.splitlines()), encoding="utf-8")
    result = run(str(md), "--kind", "村")
    assert result.exit_code == 1 and "第3段 [错误] unit.self-ref" in result.stdout


def test_user_rules_file(run, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n要狠抓落实。\n", encoding="utf-8")
    rules = tmp_path / "r.yaml"
    rules.write_text("wording:\n  - {id: hard, pattern: 狠抓, message: 语气过重, note: 文风}\n",
                     encoding="utf-8")
    result = run(str(draft), "--rules", str(rules))
    assert result.exit_code == 1 and "wording.hard" in result.stdout


@pytest.mark.parametrize("args, message", [
    ([], "缺少参数"),
    (["nope.txt"], "nope.txt"),
    (["{draft}", "--kind", "省"], "不认识的单位类型“省”"),
    (["{draft}", "--date", "2023-02-30"], "“2023-02-30”不是一个存在的日期"),
    (["{draft}", "--format", "xml"], "“xml”不在可选值"),
    (["{draft}", "--unit-yaml", "{unit}", "--unit", "柳湾村"], "--unit-yaml 不能与"),
    (["{draft}", "--unit-yaml", "missing.yaml"], "找不到输入文件"),
    (["{draft}", "--unit-yaml", "{broken}"], "broken.yaml 第 2 行第 1 列：YAML 格式错误"),
    (["{draft}", "--unit-yaml", "{badkind}"], "不认识的单位类型“州”"),
    (["{draft}", "--rules", "{badrules}"], "规则文件"),
    (["{draft}", "--rules", "none.yaml"], "找不到规则文件"),
    (["{draft}", "--bogus"], "没有这个选项：--bogus"),
    (["{draft}", "--date"], "选项 --date 需要一个值"),
    (["{draft}", "extra"], "多余的参数（extra）"),
    (["{pdf}"], "这是 PDF 文件"),
])
def test_usage_errors(run, tmp_path, args, message):
    (tmp_path / "d.txt").write_text("讲话\n", encoding="utf-8")
    (tmp_path / "u.yaml").write_text("unit: {name: 柳湾村}\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("unit: [\n", encoding="utf-8")
    (tmp_path / "badkind.yaml").write_text("unit: {name: 某州, kind: 州}\n", encoding="utf-8")
    (tmp_path / "badrules.yaml").write_text("wording: 1\n", encoding="utf-8")
    (tmp_path / "d.pdf").write_bytes(b"%PDF")
    names = {"draft": "d.txt", "unit": "u.yaml", "broken": "broken.yaml", "badkind": "badkind.yaml",
             "badrules": "badrules.yaml", "pdf": "d.pdf"}
    result = run(*[a.format(**names) for a in args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "错误：" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr


def test_help_is_chinese(run):
    result = run("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("用法： drafter check [选项] FILE")
    assert "选项：" in result.stdout and "显示本帮助并退出。" in result.stdout
    assert "Show this message" not in result.stdout


DEMO_TEMPLATE = """\
{#---
title: 检查演示讲话
description: drafter check 测试用的最小讲话模板
---#}
{% extends "base-speech" %}
{% block body %}
# 抓认识，提高站位
{{ unit.self_ref }}要提高认识，我街道要加强领导，确保各项工作落到实处。
{% endblock %}
"""


def test_input_yaml_is_rendered_then_checked(run, tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "check-demo.j2").write_text(DEMO_TEMPLATE, encoding="utf-8")
    (tmp_path / "in.yaml").write_text(VILLAGE_INPUT.format(template="check-demo"), encoding="utf-8")
    result = run("in.yaml", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["context"]["unit_kind"] == "村"
    assert [(f["rule"], f["snippet"]) for f in data["findings"]] == [("unit.self-ref", "我街道")]
    # unit options make no sense for an input file
    assert run("in.yaml", "--kind", "村").exit_code == 2
    # a broken input cannot be read: exit 2, with the engine's own message (as render gives it)
    (tmp_path / "bad.yaml").write_text("template: nope\nunit: {name: 柳湾村}\n", encoding="utf-8")
    result = run("bad.yaml")
    rendered = run_cli("render", str(tmp_path / "bad.yaml"))
    assert result.exit_code == 2 and rendered.code == 1
    assert result.stderr.startswith("错误：bad.yaml 第 1 行第 11 列：字段“template”：找不到模板“nope”")
    assert result.stderr.split("：", 1)[1] == rendered.err.split("：", 1)[1].replace(str(tmp_path) + "/", "")


def test_templates_option_finds_a_template_outside_templates(run, tmp_path):
    """An input whose template `drafter learn` wrote into a folder of its own, as render takes it."""
    (tmp_path / "learnt").mkdir()
    (tmp_path / "learnt" / "check-demo.j2").write_text(DEMO_TEMPLATE, encoding="utf-8")
    (tmp_path / "in.yaml").write_text(VILLAGE_INPUT.format(template="check-demo"), encoding="utf-8")
    missing = run("in.yaml")
    assert missing.exit_code == 2 and "找不到模板“check-demo”" in missing.stderr
    result = run("in.yaml", "--templates", "learnt", "--format", "json")
    assert result.exit_code == 1, result.output
    assert [(f["rule"], f["snippet"]) for f in json.loads(result.stdout)["findings"]] == [("unit.self-ref", "我街道")]
    # the same option as render's and validate's: same name, same help
    def templates_help(output):
        return [line.split() for line in output.splitlines() if "--templates" in line]

    assert templates_help(run("--help").stdout) == templates_help(run_cli("render", "--help").out) != []


def test_module_entry_point(tmp_path, village):
    proc = subprocess.run([sys.executable, "-m", "drafter", "check", str(village), "--kind", "村"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1, proc.stderr
    assert "unit.self-ref" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "drafter", "check", "missing.txt"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2 and proc.stderr.startswith("错误：找不到") and "missing.txt" in proc.stderr


def test_light_imports():
    code = ("import sys, drafter.check, drafter.commands.check; "
            "print(any(m == 'docx' or m.startswith('docx.') for m in sys.modules), 'yaml' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.split() == ["False", "False"]


def test_examples_render_clean():
    """Every example input the project ships renders to a draft the checker finds clean."""
    examples = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
    assert examples
    from drafter.check import CheckContext, check_paragraphs, format_text
    from drafter.pipeline import load_and_render

    for path in examples:
        rendered = load_and_render(path)
        context = CheckContext.from_data(rendered.data)
        findings = check_paragraphs(rendered.document.paragraphs(), context)
        assert findings == [], f"{path.name}:\n{format_text(findings)}"
