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


MIXED = ("common:\n"
         "  - 甲\n"
         "  - 乙\n"
         "\n"
         "# 本模板特有\n"
         "own:\n"
         "- 丙\n"
         "- 丁\n"
         "\n"
         "# 下一个字段\n"
         "next: 1\n")


def test_each_list_keeps_its_own_indentation_and_new_items_follow_it():
    out = apply_changes(MIXED, {"common": ["甲", "乙", "戊"], "own": ["丙", "丁", "己"], "next": 1})
    assert out == MIXED.replace("  - 乙\n", "  - 乙\n  - 戊\n").replace("- 丁\n", "- 丁\n- 己\n")
    edited = apply_changes(MIXED, {"common": ["甲", "乙"], "own": ["丙", "庚"], "next": 1})
    assert edited == MIXED.replace("- 丁\n", "- 庚\n")


def test_a_list_written_into_an_empty_field_is_indented_as_the_files_lists_are():
    text = "a:\n- 一\nb:\nc:\n  d: 1\n"
    assert apply_changes(text, {"a": ["一"], "b": ["二"], "c": {"d": 1}}) == "a:\n- 一\nb:\n- 二\nc:\n  d: 1\n"
    deeper = "a:\n    - 一\nb:\nc:\n    d: 1\n"
    assert apply_changes(deeper, {"a": ["一"], "b": ["二"], "c": {"d": 1, "e": 2}}) == (
        "a:\n    - 一\nb:\n    - 二\nc:\n    d: 1\n    e: 2\n")


def test_empty_fields_sent_back_empty_are_left_as_written():
    text = "a:\nb: \nc:   # 说明\nd: ''\ne: []\nf:\n"
    assert apply_changes(text, {"a": [], "b": None, "c": [], "d": None, "e": [], "f": {"g": None}}) == text


def test_removing_the_last_items_moves_the_next_fields_comment_to_the_lists_end():
    out = apply_changes(MIXED, {"common": ["甲"], "own": [], "next": 1})
    assert out == MIXED.replace("  - 乙\n", "").replace("- 丙\n- 丁\n", "")
    assert load_text(out).data == {"common": ["甲"], "own": None, "next": 1}


def test_copies_of_an_item_added_to_a_list_are_indented_like_it():
    """The added copies may be taken for the old item and the old item for a new one:
    either way all of them line up."""
    text = "a:\n  - x: 1\n    y: 2\n\nb:\n- 甲\nc:\n- 乙\n"  # most lists unindented
    row = {"x": 1, "y": 2}
    assert apply_changes(text, {"a": [row, row, row], "b": ["甲"], "c": ["乙"]}) == (
        "a:\n" + "  - x: 1\n    y: 2\n" * 3 + "\nb:\n- 甲\nc:\n- 乙\n")
