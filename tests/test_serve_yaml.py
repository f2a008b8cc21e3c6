"""Saving form data back into a YAML file (drafter.serve.yamlsave): the file stays the
user's, comments, order and blank lines included, and drafter reads back what was typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import EXAMPLES
from drafter.serve.form import to_json
from drafter.serve.yamlsave import apply_changes
from drafter.source import load_text


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_unchanged_data_leaves_every_example_byte_for_byte(path: Path):
    text = path.read_text(encoding="utf-8")
    assert apply_changes(text, to_json(load_text(text).data)) == text


def test_a_changed_value_keeps_its_comment_column():
    text = "unit:\n  name: 甲局      # 全称\n  kind: 局\n"
    assert apply_changes(text, {"unit": {"name": "乙局", "kind": "局"}}) == "unit:\n  name: 乙局      # 全称\n  kind: 局\n"


@pytest.mark.parametrize("value, written", [
    ("no", "'no'"), ("on", "'on'"), ("yes", "'yes'"), ("2024-01-25", "'2024-01-25'"), ("关于: 某事", "'关于: 某事'"),
    ("123", "'123'"), ("#井号", "'#井号'"), ("- 横线", "'- 横线'"), ("他说: 'no'", '"他说: \'no\'"'), ("~", "'~'"),
    ("普通文字", "普通文字"), (" 前有空格", "' 前有空格'"),
])
def test_text_that_yaml_would_misread_is_quoted(value, written):
    out = apply_changes("a: 原来\n", {"a": value})
    assert out == f"a: {written}\n"
    assert load_text(out).data == {"a": value}


def test_a_date_field_gets_a_date_and_a_text_field_text():
    out = apply_changes("d: 2023-01-01\nt: x\n", {"d": "2024-02-03", "t": "2024-02-03"}, lambda path: path == ("d",))
    assert out == "d: 2024-02-03\nt: '2024-02-03'\n"
    assert load_text(out).data == {"d": dt.date(2024, 2, 3), "t": "2024-02-03"}


def test_several_paragraphs_become_a_block_with_the_comment_above():
    text = "a: 一段   # 说明\n\nb: 1\n"
    out = apply_changes(text, {"a": "第一段\n第二段", "b": 1})
    assert out == "# 说明\na: |\n  第一段\n  第二段\n\nb: 1\n"
    assert load_text(out).data["a"] == "第一段\n第二段\n"


def test_list_items_are_edited_one_by_one_and_blank_lines_stay_at_the_end():
    text = ("items:   # 列表\n"
            "  - 甲   # 第一项\n"
            "  - 乙\n"
            "\n"
            "next: 1\n")
    added = apply_changes(text, {"items": ["甲", "乙", "丙"], "next": 1})
    assert added == "items:   # 列表\n  - 甲   # 第一项\n  - 乙\n  - 丙\n\nnext: 1\n"
    removed = apply_changes(text, {"items": ["甲"], "next": 1})
    assert removed == "items:   # 列表\n  - 甲   # 第一项\n\nnext: 1\n"


def test_new_keys_go_before_the_blank_line_of_their_group_and_empty_ones_are_not_added():
    text = "speaker:\n  title: 书记\n\nmeeting:\n  date: 2024-01-01\n"
    out = apply_changes(text, {"speaker": {"title": "书记", "name": "张某", "duty": None},
                               "meeting": {"date": "2024-01-01"}})
    assert out == "speaker:\n  title: 书记\n  name: 张某\n\nmeeting:\n  date: 2024-01-01\n"


def test_a_cleared_field_keeps_its_key_and_comment_and_unknown_keys_stay():
    text = "unit:\n  short_name: 县局   # 简称\n  note: 备注\n"
    out = apply_changes(text, {"unit": {"short_name": None}})
    assert out == "unit:\n  short_name:      # 简称\n  note: 备注\n"
    assert load_text(out).data == {"unit": {"short_name": None, "note": "备注"}}


def test_a_file_that_is_no_mapping_cannot_be_saved_into():
    from drafter.errors import InputError

    with pytest.raises(InputError, match="文件顶层不是一组"):
        apply_changes("- a\n- b\n", {"a": 1})
