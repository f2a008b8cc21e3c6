"""Mistakes new users make when they edit an example YAML by hand: each names the line
the user typed and says, in Chinese, what to type instead."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, run_cli

BASE = (EXAMPLES / "community-three-duties.yaml").read_text(encoding="utf-8")


def line_of(text: str) -> int:
    """1-based number of the example's line that starts with `text` (after indentation)."""
    (number,) = [i for i, line in enumerate(BASE.splitlines(), 1) if line.strip().startswith(text)]
    return number


def validate(tmp_path, text: str, encoding: str = "utf-8"):
    source = tmp_path / "input.yaml"
    source.write_bytes(text.encode(encoding))
    result = run_cli("validate", str(source))
    assert "Traceback" not in result.err + result.out
    return result


def assert_reported(result, line: int, *words: str) -> None:
    assert result.code == 1, result
    first = result.err.splitlines()[0]
    assert f"input.yaml 第 {line} 行" in first, result.err
    for word in words:
        assert word in first, (word, result.err)
    for python_word in ("None", "True", "False", "Tab"):
        assert python_word not in result.err, result.err


# 1. A list left empty (its items deleted) means "use the default".

def without_items(field: str) -> str:
    lines = BASE.splitlines(keepends=True)
    start = line_of(f"{field}:") - 1
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    return "".join(lines[: start + 1] + lines[end:])


@pytest.mark.parametrize("field", ["channels", "superiors", "leaders", "tasks"])
def test_a_list_left_empty_uses_the_default(tmp_path, field):
    text = without_items(field)
    assert f"{field}:" in text and "  - " not in text.split(f"{field}:")[1].split("\n\n")[0]
    result = validate(tmp_path, text)
    assert result.code == 0, result.err


def test_an_empty_optional_text_or_group_uses_the_default(tmp_path):
    text = BASE.replace("  name: 2023年意识形态工作会议\n  date: 2023-02-20\n", "").replace("  short_name: 翠湖社区", "  short_name:")
    assert validate(tmp_path, text).code == 0


def test_an_empty_required_group_says_it_is_empty(tmp_path):
    text = BASE.replace("  title: 社区党委书记、居委会主任\n  name: 赵文斌\n", "")
    assert_reported(validate(tmp_path, text), line_of("speaker:"), "字段“speaker”（讲话人）没有填写")


def test_an_empty_required_text_says_it_is_empty(tmp_path):
    text = BASE.replace("  title: 社区党委书记、居委会主任", "  title:")
    assert_reported(validate(tmp_path, text), line_of("title: 社区党委书记"), "字段“speaker.title”（讲话人职务）没有填写")


def test_yes_where_text_is_expected_is_shown_as_yaml_reads_it(tmp_path):
    text = BASE.replace("  title: 社区党委书记、居委会主任", "  title: yes")
    assert_reported(validate(tmp_path, text), line_of("title: 社区党委书记"), "speaker.title", "“是”", "引号")


def test_a_list_where_text_is_expected_is_not_shown_as_python(tmp_path):
    text = BASE.replace("  title: 社区党委书记、居委会主任", "  title: [书记, 主任]")
    result = validate(tmp_path, text)
    assert_reported(result, line_of("title: 社区党委书记"), "speaker.title", "应为文字", "现在是一个列表")
    assert "'" not in result.err and "[" not in result.err


# 2. Colons and dashes typed the way one writes Chinese.

FULL_WIDTH_COLON = "把全角冒号“：”改成半角“: ”"
SPACE_AFTER_COLON = "冒号后面要有一个空格"
SPACE_AFTER_DASH = "短横线后面要有一个空格"

COLON_AND_DASH_CASES = {
    "full-width colon in a mapping": ("  kind: 社区", "  kind：社区", "kind:", [FULL_WIDTH_COLON]),
    "full-width colon, last of its group": ("  party_org: 社区党委", "  party_org：社区党委", "party_org:", [FULL_WIDTH_COLON]),
    "no space after the colon": ("  kind: 社区", "  kind:社区", "kind:", [SPACE_AFTER_COLON, "kind: 社区"]),
    "no space after the colon, first of its group": ("  name: 云岭区青山", "  name:云岭区青山", "name: 云岭区青山",
                                                      [SPACE_AFTER_COLON]),
    "no space after the colon in a list item": ("  - name: 孙海燕", "  - name:孙海燕", "- name: 孙海燕", [SPACE_AFTER_COLON]),
    "no space after the colon, last field": ("  - 街道党工委", "  - 街道党工委\nrecipient:某某", "- 街道党工委", [SPACE_AFTER_COLON]),
    "full-width colon in a list item": ("  - name: 周志强", "  - name：周志强", "- name: 周志强", [FULL_WIDTH_COLON]),
    "no space after the dash, first item": ("  - 社区微信公众号", "  -社区微信公众号", "- 社区微信公众号", [SPACE_AFTER_DASH]),
    "no space after the dash, middle item": ("  - 居民微信群", "  -居民微信群", "- 居民微信群", [SPACE_AFTER_DASH]),
    "no space after the dash, last item": ("  - 社区宣传栏", "  -社区宣传栏", "- 社区宣传栏", [SPACE_AFTER_DASH]),
    "no space after the dash, end of file": ("  - 街道党工委", "  -街道党工委", "- 街道党工委", [SPACE_AFTER_DASH]),
}


@pytest.mark.parametrize("name", sorted(COLON_AND_DASH_CASES))
def test_colons_and_dashes_name_the_line_typed(tmp_path, name):
    old, new, line_start, words = COLON_AND_DASH_CASES[name]
    text = BASE.replace(old, new, 1)
    assert text != BASE
    expected_line = line_of(line_start) + (1 if new.startswith(old + "\n") else 0)
    assert_reported(validate(tmp_path, text), expected_line, *words)


def test_a_group_written_on_one_line_without_the_space(tmp_path):
    text = BASE.replace("  title: 社区党委书记、居委会主任\n  name: 赵文斌\n", "  title:社区党委书记\n")
    assert_reported(validate(tmp_path, text), line_of("title: 社区党委书记"), SPACE_AFTER_COLON, "title: 社区党委书记")


# 3. Paragraphs.

def test_an_unindented_line_under_a_bar_names_that_line(tmp_path):
    text = BASE.replace("purpose: 深入学习贯彻党的二十大精神，落实街道党工委意识形态工作部署",
                        "purpose: |\n  深入学习贯彻党的二十大精神。\n落实街道党工委意识形态工作部署。")
    result = validate(tmp_path, text)
    assert_reported(result, line_of("purpose:") + 2, "没有缩进", "“|”", "每一行")


def test_a_second_paragraph_without_a_bar_says_how_to_write_paragraphs(tmp_path):
    text = BASE.replace("purpose: 深入学习贯彻党的二十大精神，落实街道党工委意识形态工作部署",
                        "purpose: 深入学习贯彻党的二十大精神。\n落实街道党工委意识形态工作部署。")
    assert_reported(validate(tmp_path, text), line_of("purpose:") + 1, "“|”", "缩进")


def test_a_pasted_indented_line_is_not_silently_joined_with_a_space(tmp_path):
    # YAML would fold the two lines into one with an ASCII space between the Chinese
    # sentences; whether the user meant a new paragraph or one sentence, that is wrong.
    text = BASE.replace("让党的创新理论走进楼栋、走进家庭。", "让党的创新理论走进楼栋、走进家庭。\n      居民群众反映良好。")
    result = validate(tmp_path, text)
    assert_reported(result, line_of("detail: 每月至少") + 1, "字段“tasks”第 1 项的“detail”", "“|”", "同一行")


def test_english_text_wrapped_over_two_lines_is_folded_as_yaml_says(tmp_path):
    text = BASE.replace("  name: 赵文斌", "  name: Zhao\n    Mou")
    assert validate(tmp_path, text).code == 0


# 4. Invisible and reserved characters.

@pytest.mark.parametrize("old", ["  kind: 社区", "  - 居民微信群"])
def test_a_full_width_space_in_the_indentation(tmp_path, old):
    text = BASE.replace(old, "\u3000\u3000" + old.lstrip(" "))
    assert_reported(validate(tmp_path, text), line_of(old.strip()), "全角空格")


def test_a_full_width_space_after_the_colon(tmp_path):
    text = BASE.replace("  kind: 社区", "  kind:\u3000社区")
    assert_reported(validate(tmp_path, text), line_of("kind:"), "全角空格", SPACE_AFTER_COLON)


def test_a_raw_control_character_names_line_and_field(tmp_path):
    text = BASE.replace("翠湖社区               #", "翠湖\x07社区               #")
    assert_reported(validate(tmp_path, text), line_of("short_name:"), "unit.short_name", "U+0007", "控制字符")


@pytest.mark.parametrize("character", ["@", "`"])
def test_a_reserved_character_at_the_start_of_a_value_says_to_quote(tmp_path, character):
    text = BASE.replace("  title: 社区党委书记", f"  title: {character}社区党委书记")
    assert_reported(validate(tmp_path, text), line_of("title: 社区"), f"“{character}”", "引号")


def test_a_tab_still_says_tab(tmp_path):
    result = validate(tmp_path, BASE.replace("  kind: 社区", "\tkind: 社区"))
    assert result.code == 1 and f"第 {line_of('kind:')} 行" in result.err and "Tab" in result.err


# 5. Encodings Notepad saves.

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "gbk"])
def test_encodings_notepad_saves_are_read(tmp_path, encoding):
    text = BASE if encoding != "utf-16-be" else "\ufeff" + BASE
    assert validate(tmp_path, text, encoding).code == 0


# Colons and dashes left out or typed as Chinese punctuation.

MORE_CASES = {
    "colon left out": ("  kind: 社区", "  kind 社区", "kind:", "字段名“kind”后面缺少冒号，写成“kind: 社区”"),
    "colon left out after a top-level name": ("channels:", "channels", "channels:", "字段名“channels”后面缺少冒号"),
    "colon left out in a list item": ("  - name: 孙海燕", "  - name 孙海燕", "- name: 孙海燕",
                                      "字段名“name”后面缺少冒号，写成“- name: 孙海燕”"),
    "field name left out in a list item": ("  - name: 孙海燕", "  - 孙海燕", "- name: 孙海燕", "“- name: 张三”"),
    "en dash": ("  - 社区微信公众号", "  – 社区微信公众号", "- 社区微信公众号", "半角短横线“-”加一个空格开头（现在是“–”）"),
    "full-width minus": ("  - 居民微信群", "  －居民微信群", "- 居民微信群", "现在是“－”），写成“- 居民微信群”"),
}


@pytest.mark.parametrize("name", sorted(MORE_CASES))
def test_missing_or_chinese_punctuation_names_the_line_typed(tmp_path, name):
    old, new, line_start, words = MORE_CASES[name]
    assert_reported(validate(tmp_path, BASE.replace(old, new, 1)), line_of(line_start), words)


@pytest.mark.parametrize("text, problem", [
    ("  - name: 孙海燕\n\tpost: 社区党委副书记", "Tab"),
    ("  - name: 孙海燕\n    post: - 社区党委副书记", "此处不能出现“- ”列表项：列表从“字段名:”的下一行开始写"),
])
def test_yaml_problems_are_all_in_chinese(tmp_path, text, problem):
    result = validate(tmp_path, BASE.replace("  - name: 孙海燕\n    post: 社区党委副书记", text))
    assert result.code == 1 and problem in result.err
    assert not any(word in result.err for word in ("while", "found", "expected", "scanning")), result.err


def test_no_space_after_a_colon_inside_braces(tmp_path):
    text = BASE.replace("  title: 社区党委书记、居委会主任\n  name: 赵文斌\n", "  {title: 社区党委书记, name:赵文斌}\n")
    text = text.replace("speaker:\n  {", "speaker: {")
    assert_reported(validate(tmp_path, text), line_of("speaker:"), SPACE_AFTER_COLON, "name: 赵文斌")


def test_a_quoted_value_over_two_lines_is_not_joined_with_a_space_either(tmp_path):
    text = BASE.replace("  title: 社区党委书记、居委会主任", '  title: "社区党委书记、\n    居委会主任"')
    assert_reported(validate(tmp_path, text), line_of("title: 社区党委书记") + 1, "speaker.title", "同一行")
    text = BASE.replace("  title: 社区党委书记、居委会主任", '  title: "社区党委书记、\\\n    居委会主任"')
    assert validate(tmp_path, text).code == 0


def test_full_width_commas_in_brackets(tmp_path):
    text = BASE.replace("  - 社区微信公众号\n  - 居民微信群\n  - 社区宣传栏", "  [社区微信公众号，居民微信群, 社区宣传栏]")
    text = text.replace("channels:\n  [", "channels: [")
    assert_reported(validate(tmp_path, text), line_of("channels:"), "半角逗号“, ”", "全角逗号“，”")


# 6. Quotes left open, fields out of line, list items counted as people count them.

@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quote_left_open_names_the_line_it_opens(tmp_path, quote):
    text = BASE.replace("staff: 干部和网格员", f"staff: {quote}干部和网格员")
    assert_reported(validate(tmp_path, text), line_of("staff:"),
                    f"引号没有配对：第 {line_of('staff:')} 行的“{quote}”没有对应的结束引号")


def test_a_quote_left_open_up_to_the_next_quoted_value(tmp_path):
    text = BASE.replace("staff: 干部和网格员", 'staff: "干部和网格员').replace("departments: 各网格", 'departments: "各网格"')
    assert_reported(validate(tmp_path, text), line_of("staff:"), "引号没有配对", "“\"”没有对应的结束引号")


@pytest.mark.parametrize("opening, closing", [('"', "”"), ("'", "’")])
def test_a_quote_closed_with_a_full_width_one(tmp_path, opening, closing):
    text = BASE.replace("staff: 干部和网格员", f"staff: {opening}干部和网格员{closing}")
    assert_reported(validate(tmp_path, text), line_of("staff:"), "引号没有配对", f"“{closing}”是全角引号")


def test_full_width_quotes_around_a_value_with_a_colon(tmp_path):
    text = BASE.replace("staff: 干部和网格员", "staff: “干部: 网格员”")
    assert_reported(validate(tmp_path, text), line_of("staff:"), "全角引号", 'staff: "干部: 网格员"')


def test_a_quoted_value_over_two_lines_is_not_blamed_for_a_later_mistake(tmp_path):
    text = BASE.replace("  title: 社区党委书记、居委会主任", '  title: "社区党委书记、\\\n    居委会主任"')
    text = text.replace("  - 居民微信群", "  -居民微信群")
    assert_reported(validate(tmp_path, text), line_of("- 居民微信群") + 1, SPACE_AFTER_DASH)


INDENTED_MORE = "比上一行多缩进了空格：同一组的字段要对齐"


def test_a_field_indented_under_an_empty_text_field(tmp_path):
    text = BASE.replace("  short_name: 翠湖社区               # 单位简称\n  kind: 社区", "  short_name:\n   kind: 社区")
    result = validate(tmp_path, text)
    assert_reported(result, line_of("short_name:") + 1, INDENTED_MORE, "“kind:”要和“short_name:”一样缩进 2 个空格")
    assert "应为文字" not in result.err


@pytest.mark.parametrize("old, new", [
    ("  kind: 社区", "   kind: 社区"),  # the line above has a comment
    ("  name: 赵文斌", "   name: 赵文斌"),
    ("    post: 社区党委副书记", "     post: 社区党委副书记"),
])
def test_a_field_indented_more_than_the_field_above(tmp_path, old, new):
    assert_reported(validate(tmp_path, BASE.replace(old, new, 1)), line_of(old.strip()), INDENTED_MORE)


def test_a_group_inside_a_text_field_that_is_no_slip_of_indentation(tmp_path):
    text = BASE.replace("  title: 社区党委书记、居委会主任", "  title:\n    text: 社区党委书记")
    result = validate(tmp_path, text)
    assert_reported(result, line_of("title: 社区党委书记") + 1, "字段“speaker.title”（讲话人职务）应为文字")
    assert "缩进" not in result.err


def test_list_items_are_counted_from_one_with_the_field_title(tmp_path):
    text = BASE.replace("  - 居民微信群", "  - ")
    assert_reported(validate(tmp_path, text), line_of("- 社区微信公众号") + 1, "字段“channels”（宣传阵地）的第 2 项没有填写")
    text = BASE.replace("  - name: 周志强\n    post:", "  - post:")
    assert_reported(validate(tmp_path, text), line_of("post: 社区党委委员") - 1, "缺少必填字段“leaders”第 2 项的“name”（姓名）")
