"""Rule files: the shipped ones load; a user's file adds, replaces and disables rules; a
broken file is refused with a Chinese message naming the file and line."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import datetime as dt

from drafter.check import ERROR, CheckContext, RuleFileError, check_paragraphs
from drafter.check.rules import (DATA, SHIPPED_FILES, RuleSet, load_rule_file, load_rules, parse_rules,
                                 shipped_rules)
from drafter.errors import DrafterError


def write(tmp_path, text, name="my-rules.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_shipped_rules_load():
    rules = shipped_rules()
    assert rules.wording and rules.formulations and rules.trades
    assert "村" in rules.no_party_group
    assert rules.self_ref.follow_re("局") is not None


def test_shipped_rule_files_are_valid_and_read_as_validated():
    """shipped_rules() skips the file-format models at each run; here every shipped file goes
    through them (valid regexes, ids, dates …) and must give exactly the same rules."""
    validated = RuleSet()
    for name in SHIPPED_FILES:
        text = (DATA / name).read_text(encoding="utf-8")
        validated = validated.merged(parse_rules(text, f"drafter/data/{name}"))
    assert shipped_rules() == validated
    for rule in validated.wording + validated.placeholders + validated.formulations + validated.trades:
        assert rule.pattern.search  # compiles


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
    # a user's trade without a note names the user's file as its source, not drafter's own
    assert findings[0].source == f"行业词与单位名称不符（{path} 的 trades）"
    findings = check_paragraphs(paragraphs, CheckContext(unit_name="某某县茶叶站", unit_kind="站",
                                                         date=dt.date(2019, 1, 1)), [path])
    assert [f.rule for f in findings] == ["dated.old-campaign"]


def test_later_files_win(tmp_path):
    a = write(tmp_path, "wording:\n  - {id: x, pattern: 甲, message: A, note: n}\n", "a.yaml")
    b = write(tmp_path, "wording:\n  - {id: x, pattern: 甲, message: B, note: n}\n", "b.yaml")
    rules = load_rules([a, b])
    assert [r.message for r in rules.wording if r.id == "x"] == ["B"]


@pytest.mark.parametrize("text, expected", [
    ("wording:\n  - id: a\n    pattern: '(甲'\n    message: m\n",
     "第 3 行第 14 列：字段“wording”第 1 项的“pattern”：正则表达式有误：括号没有闭合"),
    ("wording:\n  - id: a\n    message: m\n", "第 2 行第 5 列：缺少必填字段“wording”第 1 项的“pattern”"),
    ("wording:\n  - id: a\n    pattern: 甲\n", "第 2 行第 5 列：缺少必填字段“wording”第 1 项的“message”"),
    ("wording:\n  - id: A B\n    pattern: 甲\n    message: m\n", "第 2 行第 9 列：字段“wording”第 1 项的“id”：规则 id“A B”只能用小写字母、数字和连字符"),
    ("wording:\n  - id: a\n    pattern: 甲\n    message: m\n    severity: 严重\n",
     "第 5 行第 15 列：字段“wording”第 1 项的“severity”：应为“错误”或“提示”，而不是“严重”"),
    ("wording:\n  - id: a\n    pattern: 甲\n    message: m\n    colour: red\n", "第 5 行第 5 列：不认识的字段“wording”第 1 项的“colour”"),
    ("wording:\n  - {id: a, pattern: 甲, message: m}\n  - {id: a, pattern: 乙, message: m}\n",
     "第 3 行第 5 列：规则 id“a”重复（第 2 行已有）"),
    ("wording:\n  - id: a\n    pattern: '甲?'\n    message: m\n", "正则表达式会匹配空文本：甲?"),
    ("wording:\n  - id: a\n    pattern: 甲\n    message: m\n    replacement: '\\2'\n", "“replacement”引用了不存在的分组"),
    ("wording:\n  - id: a\n    pattern: 甲\n    message: m\n    aggregate: 是\n", "“wording”第 1 项的“aggregate”应为 true 或 false"),
    ("wording:\n  - id: a\n    pattern: 甲\n    message: m\n    needle: ['']\n", "“wording”第 1 项的“needle”：不能有空的文字"),
    ("formulations:\n  - id: a\n    pattern: 甲\n    message: m\n", "第 2 行第 5 列：字段“formulations”第 1 项：过时提法须写明“after”"),
    ("formulations:\n  - id: a\n    pattern: 甲\n    message: m\n    after: 去年\n",
     "第 5 行第 12 列：字段“formulations”第 1 项的“after”：应为日期（如 2022-10-16）或党代会名称（党的十八大、党的十九大、党的二十大），而不是“去年”"),
    ("wording: 甲\n", "第 1 行第 10 列：字段“wording”应为列表"),
    ("trades:\n  - id: t\n    words:\n", "第 3 行第 11 列：字段“trades”第 1 项的“words”"),
    ("self_reference:\n  not_followed_by:\n    局: ['(']\n",
     "第 3 行第 9 列：字段“self_reference.not_followed_by.局”第 1 项：正则表达式有误：括号没有闭合"),
    ("rules: []\n", "第 1 行第 1 列：不认识的字段“rules”"),
    ("version: 2\n", "不支持的规则文件版本“2”（当前为 1）"),
    ("version: true\n", "字段“version”应为整数"),
    ("wording:\n  - id: a\n   pattern: x\n", "第 3 行第 4 列：YAML 格式错误"),
    ("wording: []\nwording: []\n", "第 2 行第 1 列：字段“wording”重复出现（第一次在第 1 行）"),
    ("- a\n- b\n", "第 1 行第 1 列：顶层应为键值对"),
])
def test_broken_rules_files(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as excinfo:
        load_rule_file(path)
    message = str(excinfo.value)
    assert message.startswith(f"规则文件 {path} ")
    assert expected in message
    assert excinfo.value.exit_code == 2  # the check cannot run as asked: an unreadable input


def test_missing_rules_file(tmp_path):
    with pytest.raises(RuleFileError, match="找不到规则文件"):
        check_paragraphs(["讲话"], None, [tmp_path / "nope.yaml"])


def test_empty_rules_file_is_fine(tmp_path):
    assert check_paragraphs(["讲话"], None, [write(tmp_path, "")]) == []


def test_parse_rules_names_the_source():
    with pytest.raises(RuleFileError, match="^规则文件 内存中 第 1 行第 1 列：顶层应为键值对"):
        parse_rules("[1, 2]", "内存中")


def test_rule_file_error_joins_the_one_hierarchy():
    assert issubclass(RuleFileError, DrafterError)


def test_several_problems_are_reported_at_once(tmp_path):
    path = write(tmp_path, """\
        wording:
          - id: a
            pattern: 甲
          - id: b
            pattern: 乙
            message: m
            severity: 严重
        """)
    with pytest.raises(RuleFileError) as excinfo:
        load_rule_file(path)
    lines = str(excinfo.value).splitlines()
    assert lines == [f"规则文件 {path} 第 2 行第 5 列：缺少必填字段“wording”第 1 项的“message”",
                     f"规则文件 {path} 第 7 行第 15 列：字段“wording”第 2 项的“severity”：应为“错误”或“提示”，而不是“严重”"]


def test_comments_only_and_empty_parts_add_nothing(tmp_path):
    path = write(tmp_path, "# 本单位的规则，以后再加\n")
    assert check_paragraphs(["讲话"], None, [path]) == []
    path = write(tmp_path, "wording:\nformulations:\ntrades:\ndisable:\n", "empty-parts.yaml")
    rules = load_rule_file(path)
    assert (rules.wording, rules.formulations, rules.trades, rules.disabled) == ((), (), (), frozenset())


def test_formulation_after_a_congress_named(tmp_path):
    """`after: 党的二十大` takes the opening day from drafter/era.py; {after} writes it out."""
    path = write(tmp_path, """\
        formulations:
          - id: old-spirit
            pattern: 甲乙精神
            after: 党的二十大
            message: 党的二十大已于{after}开幕，“{match}”已过时
        """)
    (rule,) = load_rule_file(path).formulations
    assert rule.after == dt.date(2022, 10, 16)
    assert rule.message == "党的二十大已于2022年10月16日开幕，“{match}”已过时"
    paragraphs = ["讲话", "学习甲乙精神。"]
    before = check_paragraphs(paragraphs, CheckContext(date=dt.date(2022, 10, 16)), [path])
    after = check_paragraphs(paragraphs, CheckContext(date=dt.date(2022, 10, 17)), [path])
    assert [f.rule for f in before] == []
    assert [f.message for f in after] == ["党的二十大已于2022年10月16日开幕，“甲乙精神”已过时（会议日期：2022年10月17日）"]


def test_shipped_formulations_take_congress_dates_from_era():
    from drafter.era import congress_opened

    rules = {r.id: r for r in shipped_rules().formulations}
    assert rules["nineteenth-congress-spirit"].after == congress_opened("党的二十大")
    assert rules["eighteenth-congress-spirit"].after == congress_opened("党的十九大")
    assert rules["twentieth-congress-too-early"].before == congress_opened("党的二十大")
    assert "2022年10月16日" in rules["nineteenth-congress-spirit"].message
    text = (DATA / "formulations.yaml").read_text(encoding="utf-8")
    for name in ("党的十九大", "党的二十大"):  # their opening days are written in era.py only
        day = congress_opened(name)
        assert day.isoformat() not in text and f"{day.year}年{day.month}月{day.day}日" not in text


def test_needle_lets_a_draft_skip_a_rule(tmp_path):
    """A rule whose needle is absent is not run at all: a deliberately wrong needle shows it."""
    path = write(tmp_path, """\
        wording:
          - id: wrong-needle
            pattern: '甲[乙丙]'
            needle: 丁
            message: m
        """)
    assert check_paragraphs(["讲话", "甲乙。"], None, [path]) == []
    path.write_text(path.read_text(encoding="utf-8").replace("丁", "甲"), encoding="utf-8")
    assert [f.rule for f in check_paragraphs(["讲话", "甲乙。"], None, [path])] == ["wording.wrong-needle"]


def test_a_plain_pattern_is_its_own_needle():
    (rule,) = parse_rules("wording:\n  - {id: a, pattern: 狠抓, message: m}\n", "r.yaml").wording
    assert rule.needles == ("狠抓",)
    (rule,) = parse_rules("wording:\n  - {id: a, pattern: '狠抓+', message: m}\n", "r.yaml").wording
    assert rule.needles == ()


TOP_KEYS = ["version", "wording", "formulations", "trades", "self_reference", "no_party_group", "disable"]
ITEM_KEYS = ["id", "pattern", "message", "severity", "replacement", "suggestion", "note", "unless", "aggregate",
             "needle", "after", "before", "words", "unit_words", "suffix", "not_followed_by", "ben_kinds", "局"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=16),
                    st.dates(), st.sampled_from(["甲", "(甲", "甲?", "\\1", "错误", "提示", "党的二十大", "a-b",
                                                 "{match}", "[", "", "我"]))
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3))
ITEMS = st.dictionaries(st.sampled_from(ITEM_KEYS), st.one_of(VALUES, st.dictionaries(st.sampled_from(ITEM_KEYS),
                                                                                     VALUES, max_size=2)),
                        max_size=6)
RULE_FILES = st.dictionaries(st.sampled_from(TOP_KEYS), st.one_of(st.lists(ITEMS, max_size=3), ITEMS, VALUES),
                             max_size=4)


@settings(max_examples=300, deadline=None)
@given(data=RULE_FILES)
def test_any_rules_file_loads_or_is_refused_in_chinese(data):
    """Whatever a rules file holds: rules, or a RuleFileError naming the file (never another
    exception, which the command would report as an internal error)."""
    import yaml

    try:
        parse_rules(yaml.safe_dump(data, allow_unicode=True), "r.yaml")
    except RuleFileError as error:
        assert str(error).startswith("规则文件 r.yaml")
        for word in ("None", "True", "False", "'"):
            assert word not in str(error), str(error)


def test_user_placeholders_and_one_finding_per_sentence(tmp_path):
    path = write(tmp_path, """\
        placeholders:
          - id: tbd
            pattern: 待定
            message: “{match}”尚未填写
        wording:
          - id: loud
            pattern: '[狠猛]抓'
            needle: [狠抓, 猛抓]
            message: “{match}”语气过重
            per_sentence: true
        """)
    findings = check_paragraphs(["讲话", "会议时间待定。要狠抓学习、猛抓落实。再狠抓一遍。"], CheckContext(), [path])
    assert [(f.rule, f.severity, f.snippet) for f in findings] == [
        ("placeholder.tbd", ERROR, "待定"), ("wording.loud", ERROR, "狠抓"), ("wording.loud", ERROR, "狠抓")]
    assert "本句共 2 处" in findings[1].message and "本句" not in findings[2].message


def test_shipped_placeholder_rules_have_sources():
    rules = shipped_rules()
    assert rules.placeholders and all(r.source and r.severity == ERROR for r in rules.placeholders)
    assert all(r.source for r in rules.wording + rules.formulations)
