"""Dated formulations follow the meeting date, both ways."""

from datetime import date

import pytest

from conftest import MINIMAL_YAML, run_cli
from drafter.era import congress_names, congress_opened, era_for


@pytest.mark.parametrize("day, congress", [
    (date(2017, 10, 17), "党的十八大"), (date(2017, 10, 18), "党的十九大"),
    (date(2022, 10, 15), "党的十九大"), (date(2022, 10, 16), "党的二十大"), (date(2026, 11, 24), "党的二十大"),
])
def test_latest_congress_by_date(day, congress):
    assert era_for(day)["congress"] == congress


@pytest.mark.parametrize("name, opened", [
    ("党的十八大", date(2012, 11, 8)), ("党的十九大", date(2017, 10, 18)), ("党的二十大", date(2022, 10, 16)),
    ("二十大", date(2022, 10, 16)), (" 党的十九大 ", date(2017, 10, 18)), ("党的二十一大", None), ("去年", None),
])
def test_congress_by_name(name, opened):
    assert congress_opened(name) == opened


def test_each_congress_opens_its_era():
    """The checker's `after: 党的二十大` and the templates' era.congress use the same day."""
    names = congress_names()
    for earlier, name in zip(names, names[1:]):
        opened = congress_opened(name)
        assert era_for(opened)["congress"] == name
        assert era_for(date.fromordinal(opened.toordinal() - 1))["congress"] == earlier


@pytest.mark.parametrize("template", ["ideology-four-grips", "ideology-three-duties", "quarterly-report"])
def test_an_early_speech_carries_no_later_phrases(tmp_path, template):
    source = tmp_path / "in.yaml"
    source.write_text(MINIMAL_YAML.format(template=template).replace("2024-03-15", "2017-06-01"), encoding="utf-8")
    text = run_cli("render", str(source), "-f", "text").out
    assert "党的十八大" in text
    for later in ("十九大", "二十大", "第二个百年", "百年未有之大变局", "为国家立心", "政治领悟力"):
        assert later not in text, later


def test_a_current_speech_uses_current_phrases(tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text(MINIMAL_YAML.format(template="ideology-four-grips"), encoding="utf-8")
    text = run_cli("render", str(source), "-f", "text").out
    for current in ("党的二十大", "百年未有之大变局加速演进", "为国家立心、为民族立魂"):
        assert current in text
