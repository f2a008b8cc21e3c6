"""Every example renders; the seed examples reproduce their texts with the defects gone;
templates carry no unit's names."""

from __future__ import annotations

import re

import docx
import pytest
import yaml

from conftest import EXAMPLES, ROOT, run_cli

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
SEED_NAMES = ["镇沅", "地方志", "垛团", "胡先卫", "环卫", "第一文档网", "志办"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("examples")
    texts = {}
    for path in EXAMPLE_FILES:
        out = folder / (path.stem + ".docx")
        result = run_cli("render", str(path), "-o", str(out))
        assert result.code == 0, (path.name, result.err)
        texts[path.stem] = [p.text for p in docx.Document(str(out)).paragraphs if p.text]
    return texts


def test_there_is_an_example_per_seed_text_and_invented_units():
    kinds = {yaml.safe_load(p.read_text(encoding="utf-8"))["unit"]["kind"] for p in EXAMPLE_FILES}
    assert {"办", "局", "村"} <= kinds  # the three seed texts
    assert kinds - {"办", "局", "村"}  # and units of other kinds
    assert len(EXAMPLE_FILES) >= 4


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_renders_with_its_unit_and_title(rendered, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    paragraphs = rendered[path.stem]
    text = "\n".join(paragraphs)
    assert len(re.sub(r"\s", "", text)) >= (1000 if data["template"] == "quarterly-report" else 2000)
    if data["template"] == "quarterly-report":
        assert paragraphs[0].endswith("报告") and "讲话" not in paragraphs[0]
    else:
        assert paragraphs[0].startswith(data["speaker"]["title"]) and paragraphs[0].endswith("讲话")
    # the self-reference follows the unit's kind, and no other kind's slips in
    from drafter.unit_types import UNIT_TYPES

    own = UNIT_TYPES[data["unit"]["kind"]].self_ref
    assert own in text
    others = {k.self_ref for k in UNIT_TYPES.values()} - {own, "我县", "我区", "我市"}
    assert not [ref for ref in others if re.search(ref + r"(?![长面限])", text)]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_no_paragraph_is_repeated(rendered, path):
    long_ones = [p for p in rendered[path.stem] if len(p) > 30]
    assert len(long_ones) == len(set(long_ones))


def test_seed_one_keeps_its_structure_with_defects_fixed(rendered):
    text = "\n".join(rendered["county-office-four-grips"])
    for heading in ("一、抓认识", "二、抓协调", "三、抓阵地", "四、抓机制"):
        assert heading in text
    for phrase in ("首先，", "其次，", "再次，", "一要明势", "二要顺势", "三要造势", "我办"):
        assert phrase in text
    assert "（二）构建意识形态工作应急机制" in rendered["county-office-four-grips"]  # was swallowed in the seed
    assert "极端十分" not in text
    assert "党的十九大" in text  # dated 2022-01-25, before the 二十大 opened


def test_seed_two_title_matches_the_speaker(rendered):
    paragraphs = rendered["bureau-three-duties"]
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "党组书记在意识形态工作会议上的讲话"
    assert "作为党组书记" in text and "党委书记" not in text
    assert "一下几点" not in text and "我局" in text
    assert "胡先卫同志分管意识形态工作" in text


def test_seed_three_is_a_village_report(rendered):
    text = "\n".join(rendered["village-quarterly-report"])
    assert "我村" in text and "我街道" not in text and "环卫" not in text and "街道党组" not in text
    for heading in ("一、工作情况", "二、存在问题", "三、下一步打算"):
        assert heading in text


@pytest.mark.parametrize("template", sorted((ROOT / "templates").glob("*.j2")), ids=lambda p: p.stem)
def test_templates_carry_no_names_from_the_seeds(template):
    text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)  # comments may explain
    assert not [name for name in SEED_NAMES if name in text]
    assert "十九大" not in text and "二十大" not in text  # dated formulations come from era


def test_benchmark_reference_has_the_agreed_shape(rendered):
    paragraphs = rendered["county-office-four-grips"]
    assert 44 <= len(paragraphs) <= 52
    assert 4000 <= len("".join(paragraphs)) <= 5000
