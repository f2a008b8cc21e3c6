"""Dates as users write them, the one parser (drafter.dates) every command uses."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from docx2python import docx2python

from conftest import MINIMAL_YAML, run_cli
from drafter.dates import DATE_IN_TEXT, hanzi_date, parse_date


@pytest.mark.parametrize("text, expected", [
    ("二〇二四年一月二十五日", dt.date(2024, 1, 25)),
    ("二○二四年十二月三十一日", dt.date(2024, 12, 31)),  # ○ (a circle) as many people type 〇
    ("二零二三年十月十日", dt.date(2023, 10, 10)),
    (" 二〇二四年三月五日 ", dt.date(2024, 3, 5)),
])
def test_dates_in_chinese_numerals(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["二〇二四年二月三十日", "二〇二四年十三月一日", "二〇二四年一月三十二日"])
def test_a_chinese_numeral_date_that_does_not_exist_says_so(text):
    with pytest.raises(ValueError, match=f"“{text}”不是一个存在的日期"):
        parse_date(text)


def test_hanzi_date_is_the_inverse_of_the_parser_over_years():
    day = dt.date(2019, 1, 1)
    while day < dt.date(2031, 1, 1):
        assert parse_date(hanzi_date(day)) == day
        day += dt.timedelta(days=13)
    assert hanzi_date(dt.date(2030, 10, 10)) == "二〇三〇年十月十日"


def test_dates_in_running_text_are_found_in_every_form():
    import re

    text = "（二〇二四年一月二十五日）……2023年5月1日以来，2023年5月起，2024.3.5、2024-03-05、2024/3/5，版本1.2024.3.5.1"
    assert [m.group() for m in re.finditer(DATE_IN_TEXT, text)] == [
        "二〇二四年一月二十五日", "2023年5月1日", "2024.3.5", "2024-03-05", "2024/3/5"]


def test_an_input_file_may_give_the_meeting_date_in_chinese_numerals(tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text(MINIMAL_YAML.format(template="ideology-four-grips").replace(
        "date: 2024-03-15", "date: 二〇二四年三月十五日"), encoding="utf-8")
    result = run_cli("render", str(source), "-o", str(tmp_path / "out.docx"))
    assert result.code == 0, result.err
    with docx2python(str(tmp_path / "out.docx")) as read:
        text = read.text
    assert "2024年3月15日" in text  # the byline, from meeting.date_cn


def test_templates_can_print_the_date_in_chinese_numerals(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "hanzi.j2").write_text('{#---\ntitle: 汉字日期\ndescription: 署名日期用汉字数字\nkind: 讲话\n---#}\n{% extends "base-speech" %}\n'
                                     '{% block byline %}\n@byline （{{ meeting.date_hanzi }}）\n{% endblock %}\n'
                                     '{% block body %}\n# 一个部分\n正文。\n{% endblock %}\n', encoding="utf-8")
    data = yaml.safe_load(MINIMAL_YAML.format(template="hanzi"))
    data["meeting"]["date"] = "2024-01-25"
    (tmp_path / "in.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("render", str(tmp_path / "in.yaml"), "--templates", str(folder), "-o", str(tmp_path / "o.docx"))
    assert result.code == 0, result.err
    with docx2python(str(tmp_path / "o.docx")) as read:
        assert "（二〇二四年一月二十五日）" in read.text
