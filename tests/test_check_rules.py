"""Rule files: the shipped ones load; a user's file adds, replaces and disables rules; a
broken file is refused with a Chinese message naming the file and line."""

from __future__ import annotations

import textwrap

import pytest

from drafter.check import CheckContext, RuleFileError, check_paragraphs
from drafter.check.rules import load_rule_file, load_rules, parse_rules, shipped_rules


def write(tmp_path, text, name="my-rules.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_shipped_rules_load():
    rules = shipped_rules()
    assert rules.wording and rules.formulations and rules.trades
    assert "村" in rules.no_party_group
    assert rules.self_ref.follow_re("局") is not None


def test_user_rule_is_applied(tmp_path):
    path = write(tmp_path, """\
        version: 1
        wording:
          - id: no-grasp-hard
            pattern: 狠抓
            message: “{match}”语气过重
            replacement: 抓好
            severity: 提示
            note: 本单位文风要求
        """)
    findings = check_paragraphs(["讲话", "要狠抓落实。"], CheckContext(), [path])
    (f,) = findings
    assert (f.rule, f.snippet, f.replacement, f.severity, f.source) == (
        "wording.no-grasp-hard", "狠抓", "抓好", "提示", "本单位文风要求")
    assert f.message == "“狠抓”语气过重" and f.suggestion == "建议改为“抓好”"


def test_user_rule_replaces_a_shipped_rule_with_the_same_id(tmp_path):
    path = write(tmp_path, """\
        wording:
          - id: yixia-yixia
            pattern: 一下几点
            message: 本单位说法
            severity: 提示
            note: 自定
        """)
    (f,) = check_paragraphs(["讲话", "我讲一下几点意见。"], CheckContext(), [path])
    assert (f.rule, f.severity, f.message) == ("wording.yixia-yixia", "提示", "本单位说法")


def test_disable_rules_and_families(tmp_path):
    paragraphs = ["讲话", "我讲一下几点意见,要牢牢的把握方向。"]
    assert {f.rule for f in check_paragraphs(paragraphs)} == {
        "wording.yixia-yixia", "wording.halfwidth-punct", "wording.adverbial-de"}
    one = write(tmp_path, "disable: [wording.halfwidth-punct]\n", "one.yaml")
    assert {f.rule for f in check_paragraphs(paragraphs, None, [one])} == {
        "wording.yixia-yixia", "wording.adverbial-de"}
    family = write(tmp_path, "disable: [wording]\n", "family.yaml")
    assert check_paragraphs(paragraphs, None, [family]) == []


def test_user_formulation_and_trade(tmp_path):
    path = write(tmp_path, """\
        formulations:
          - id: old-campaign
            pattern: 开展“两学一做”学习教育
            after: 2017-12-31
            message: “{match}”已推进为常态化制度化
            severity: 提示
            note: 示例
        trades:
          - id: tea
            words: [茶叶]
            unit_words: [茶]
        """)
    paragraphs = ["讲话", "开展“两学一做”学习教育，推动茶叶产业发展，振兴茶叶事业。"]
    findings = check_paragraphs(paragraphs, CheckContext(unit_name="某某县统计局", unit_kind="局",
                                                         date=None), [path])
    assert [f.rule for f in findings] == ["unit.trade"]
    import datetime as dt
    findings = check_paragraphs(paragraphs, CheckContext(unit_name="某某县茶叶站", unit_kind="站",
                                                         date=dt.date(2019, 1, 1)), [path])
    assert [f.rule for f in findings] == ["dated.old-campaign"]


def test_later_files_win(tmp_path):
    a = write(tmp_path, "wording:\n  - {id: x, pattern: 甲, message: A, note: n}\n", "a.yaml")
    b = write(tmp_path, "wording:\n  - {id: x, pattern: 甲, message: B, note: n}\n", "b.yaml")
    rules = load_rules([a, b])
    assert [r.message for r in rules.wording if r.id == "x"] == ["B"]


@pytest.mark.parametrize("text, expected", [
    ("wording:\n  - id: a\n    pattern: '(甲'\n    message: m\n", "第 2 行：“pattern”的正则表达式有误"),
    ("wording:\n  - id: a\n    message: m\n", "第 2 行：缺少“pattern”"),
    ("wording:\n  - id: a\n    pattern: 甲\n", "第 2 行：缺少“message”"),
    ("wording:\n  - id: A B\n    pattern: 甲\n    message: m\n", "只能用小写字母、数字和连字符"),
    ("wording:\n  - id: a\n    pattern: 甲\n    message: m\n    severity: 严重\n", "“severity”应为“错误”或“提示”"),
    ("wording:\n  - id: a\n    pattern: 甲\n    message: m\n    colour: red\n", "未知的键“colour”"),
    ("wording:\n  - {id: a, pattern: 甲, message: m}\n  - {id: a, pattern: 乙, message: m}\n",
     "第 3 行：规则 id“a”重复（第 2 行已有）"),
    ("wording:\n  - id: a\n    pattern: '甲?'\n    message: m\n", "会匹配空文本"),
    ("wording:\n  - id: a\n    pattern: 甲\n    message: m\n    replacement: '\\2'\n", "引用了不存在的分组"),
    ("formulations:\n  - id: a\n    pattern: 甲\n    message: m\n", "须写明“after”"),
    ("formulations:\n  - id: a\n    pattern: 甲\n    message: m\n    after: 去年\n", "“after”应为日期"),
    ("wording: 甲\n", "“wording”应为列表"),
    ("rules: []\n", "顶层中有未知的键“rules”"),
    ("version: 2\n", "不支持的规则文件版本"),
    ("wording:\n  - id: a\n   pattern: x\n", "第 3 行：YAML 格式有误"),
    ("wording: []\nwording: []\n", "第 2 行：键“wording”重复"),
    ("- a\n- b\n", "顶层应为键值对"),
])
def test_broken_rules_files(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as excinfo:
        load_rule_file(path)
    message = str(excinfo.value)
    assert message.startswith(f"规则文件 {path}")
    assert expected in message


def test_missing_rules_file(tmp_path):
    with pytest.raises(RuleFileError, match="找不到规则文件"):
        check_paragraphs(["讲话"], None, [tmp_path / "nope.yaml"])


def test_empty_rules_file_is_fine(tmp_path):
    assert check_paragraphs(["讲话"], None, [write(tmp_path, "")]) == []


def test_parse_rules_names_the_source():
    with pytest.raises(RuleFileError, match="^规则文件 内存中：顶层应为键值对"):
        parse_rules("[1, 2]", "内存中")
