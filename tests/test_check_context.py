"""The checker reads unit data with the rules and messages render uses: one date parser,
one unit-kind message, one error hierarchy, YAML positions."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import MINIMAL_YAML, run_cli
from drafter.check.context import CheckContext, ContextError, parse_date
from drafter.errors import InputError
from drafter.source import Source, load_file

GOOD = MINIMAL_YAML.format(template="ideology-four-grips")
BAD_DATE = "“2024-02-30”不是一个存在的日期"
BAD_KIND = "不认识的单位类型“州”，可选：办、局"


def write(tmp_path, text: str):
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "d.txt").write_text("讲话\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, message", [
    ("2024-03-15", "2024-02-30", BAD_DATE),
    ("kind: 局", "kind: 州", BAD_KIND),
])
def test_render_validate_and_check_give_the_same_message(tmp_path, old, new, message):
    path = write(tmp_path, GOOD.replace(old, new))
    for args in (["validate", str(path)], ["render", str(path), "-o", str(tmp_path / "o.docx")],
                 ["check", str(tmp_path / "d.txt"), "--unit-yaml", str(path)]):
        result = run_cli(*args)
        assert result.code == (2 if args[0] == "check" else 1), (args, result)
        assert message in result.err, (args, result.err)


def test_check_date_option_gives_the_date_message(tmp_path):
    write(tmp_path, GOOD)
    result = run_cli("check", str(tmp_path / "d.txt"), "--date", "2024-02-30")
    assert result.code == 2 and BAD_DATE in result.err


def test_check_kind_option_gives_the_kind_message(tmp_path):
    write(tmp_path, GOOD)
    result = run_cli("check", str(tmp_path / "d.txt"), "--kind", "州")
    assert result.code == 2 and BAD_KIND in result.err


def test_unit_data_errors_carry_yaml_positions(tmp_path):
    path = write(tmp_path, GOOD.replace("kind: 局", "kind: 州").replace("  name: 某某县统计局", "  nmae: 某某县统计局"))
    with pytest.raises(InputError) as caught:
        CheckContext.from_source(load_file(path))
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{path} 第 3 行第 3 列：不认识的字段“unit.nmae”，是不是“name”？"
    assert lines[1].startswith(f"{path} 第 4 行第 9 列：字段“unit.kind”：{BAD_KIND}")


def test_unit_data_needs_no_speaker_and_ignores_template_fields(tmp_path):
    path = write(tmp_path, "unit:\n  name: 柳湾村\nchannels:\nspeaker:\nmeeting:\n  date: 2022年1月25日\n")
    context = CheckContext.from_source(load_file(path))
    assert (context.unit_name, context.unit_kind, context.speaker_title, context.date) == (
        "柳湾村", "村", None, dt.date(2022, 1, 25))


def test_unit_data_without_a_file_has_no_positions():
    with pytest.raises(InputError) as caught:
        CheckContext.from_source(Source("单位资料", {"unit": {"name": "某州", "kind": "州"}}))
    assert str(caught.value).startswith(f"字段“unit.kind”：{BAD_KIND}")


def test_context_errors_are_input_errors():
    with pytest.raises(InputError, match=BAD_DATE):
        parse_date("2024-02-30")
    with pytest.raises(ContextError, match="不是日期，请写成 2024-01-25"):
        parse_date("下周一")
    with pytest.raises(InputError, match=BAD_KIND):
        CheckContext(unit_kind="州")


@pytest.mark.parametrize("text", ["2024-1-5", "2024/1/5", "2024.1.5", "2024年1月5日", " 2024-01-05 "])
def test_the_date_forms_users_write(text):
    assert parse_date(text) == dt.date(2024, 1, 5)
