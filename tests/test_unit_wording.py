"""What a unit is called in the rendered text: its party organisation (from party_org, the
speaker's title or its kind), the name put before it (城关街道, not 城关街道办事处), its kind when
the input leaves it out, and what `drafter init` writes so that changing the kind changes the
wording. Every test reads the text `drafter render` writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import docx_text, run_cli

PARTY_ORGS = re.compile("党工委|党总支|党支部|党委|党组(?!织)")


def render_text(folder: Path, text: str, name: str = "in.yaml") -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    result = run_cli("render", str(path), "-f", "text")
    assert result.code == 0, result.err
    return result.out


def speech(template: str = "ideology-three-duties", *, unit: str, speaker: str, extra: str = "") -> str:
    """An input with a deputy, so that “经××会议研究，明确由……分管” is written too."""
    return (f"template: {template}\nunit:\n{unit}speaker:\n  title: {speaker}\nmeeting:\n  date: 2024-04-03\n"
            "leaders:\n  - name: 李某某\n    role: 分管领导\n" + extra)


def own_orgs(text: str, title: str = "") -> set[str]:
    """The party organisations the text names of its own: the generic 上级党委 and the
    speaker's title (which the text repeats as written) left out."""
    if title:
        text = text.replace(title, "")
    return set(PARTY_ORGS.findall(text.replace("上级党委", "")))


# ---------------------------------------------------------------- party organisation ------

@pytest.mark.parametrize("kind, name, title, org", [
    ("社区", "和平社区", "社区党委书记", "党委"),
    ("村", "柳湾村", "村党总支书记", "党总支"),
    ("街道", "城关街道办事处", "党工委书记", "党工委"),
    ("学校", "清河县第一中学", "党委书记、校长", "党委"),
])
def test_the_party_organisation_follows_the_speakers_title(tmp_path, kind, name, title, org):
    text = render_text(tmp_path, speech(unit=f"  name: {name}\n  kind: {kind}\n", speaker=title))
    assert f"作为{title}" in text
    assert f"经{org}会议研究" in text and f"{org}决定召开这次会议" in text
    assert own_orgs(text, title) == {org}


def test_a_title_naming_no_organisation_keeps_the_kinds(tmp_path):
    text = render_text(tmp_path, speech(unit="  name: 和平社区\n  kind: 社区\n", speaker="书记"))
    assert "经党支部会议研究" in text and own_orgs(text) == {"党支部"}


def test_a_village_speaker_left_as_党组书记_does_not_give_the_village_a_党组(tmp_path):
    """村 never has a 党组 (the checker says so too): the kind's 党支部 is used, not the slip."""
    text = render_text(tmp_path, speech(unit="  name: 柳湾村\n  kind: 村\n", speaker="党组书记"))
    assert "经党支部会议研究" in text and "党组会议" not in text
    assert own_orgs(text, "党组书记") == {"党支部"}


def test_party_org_given_in_the_input_wins_over_the_title(tmp_path):
    unit = "  name: 和平社区\n  kind: 社区\n  party_org: 党总支\n"
    text = render_text(tmp_path, speech(unit=unit, speaker="社区党委书记"))
    assert "经党总支会议研究" in text and own_orgs(text, "社区党委书记") == {"党总支"}


# ---------------------------------------------------------------- the unit's short name ------

REPORT = """\
template: quarterly-report
unit:
  name: {name}
  short_name:
  kind: {kind}
speaker:
  title: 党组书记
meeting:
  date: 2024-04-03
"""


@pytest.mark.parametrize("name, kind, short, org", [
    ("城关街道办事处", "街道", "城关街道", "党工委"),
    ("柳湾村民委员会", "村", "柳湾村", "党支部"),
    ("红旗村村民委员会", "村", "红旗村", "党支部"),
    ("东风社区居民委员会", "社区", "东风社区", "党支部"),
])
def test_the_name_before_the_party_organisation_is_the_place_not_its_office(tmp_path, name, kind, short, org):
    text = render_text(tmp_path, REPORT.format(name=name, kind=kind))
    lines = text.splitlines()
    assert lines[0] == f"{short}关于2024年第一季度意识形态工作情况的报告"
    assert f"在上级党委的坚强领导下，{short}{org}坚持" in text
    assert f"{name}{org}" not in text
    assert lines[-2].strip() == name  # the signature keeps the full name


def test_a_given_short_name_is_used_as_written(tmp_path):
    text = render_text(tmp_path, REPORT.format(name="城关街道办事处", kind="街道").replace(
        "short_name:", "short_name: 城关办"))
    assert "城关办党工委坚持" in text


# ---------------------------------------------------------------- kind left out ------

NO_KIND = """\
template: ideology-four-grips
unit:
  name: {name}
speaker:
  title: 党支部书记、村委会主任
meeting:
  date: 2024-03-05
"""


def test_a_unit_without_kind_gets_the_kind_its_name_tells(tmp_path):
    text = render_text(tmp_path, NO_KIND.format(name="柳湾村"))
    assert "我单位" not in text and "全单位" not in text
    assert "我村" in text and "各村民小组" in text and "纳入组织生活会对照检查" in text


def test_a_street_office_without_kind_is_a_street(tmp_path):
    text = render_text(tmp_path, NO_KIND.format(name="城关街道办事处").replace("党支部书记、村委会主任", "党工委书记"))
    assert "我街道" in text and "我单位" not in text and own_orgs(text) == {"党工委"}


def test_我单位_only_when_the_name_tells_nothing(tmp_path):
    text = render_text(tmp_path, NO_KIND.format(name="某某联盟").replace("党支部书记、村委会主任", "书记"))
    assert "我单位" in text and "各部门" in text


# ---------------------------------------------------------------- drafter init ------

def init_file(folder: Path, template: str) -> str:
    result = run_cli("init", template, "-o", f"{template}.yaml", cwd=folder)
    assert result.code == 0, result.err
    return (folder / f"{template}.yaml").read_text(encoding="utf-8")


def with_unit(text: str, name: str, kind: str) -> str:
    """The init file with only the unit's name and kind changed, as a user would first do."""
    text = re.sub(r"(?m)^  name: 某某县某某局", f"  name: {name}", text)
    text = re.sub(r"(?m)^  short_name: 县某某局", "  short_name:", text)
    return re.sub(r"(?m)^  kind: 局", f"  kind: {kind}", text)


BUREAU_WORDS = ("各股室", "本县", "干部职工", "副局长", "党组成员", "县某某局", "我局", "全局党员")


@pytest.mark.parametrize("kind, name, own", [
    ("村", "柳湾村", ("我村", "全村党员干部", "各村民小组", "讲清楚本地的历史传统")),
    ("社区", "和平社区", ("我社区", "全社区党员干部", "各网格")),
    ("学校", "清河县第一中学", ("我校", "全校党员干部", "各处室")),
])
def test_changing_only_the_kind_of_the_four_grips_init_file_changes_the_wording(tmp_path, kind, name, own):
    text = render_text(tmp_path, with_unit(init_file(tmp_path, "ideology-four-grips"), name, kind), "mine.yaml")
    assert [word for word in own if word not in text] == []
    assert [word for word in BUREAU_WORDS if word in text] == []


@pytest.mark.parametrize("kind, name, own", [("村", "柳湾村", "我村"), ("学校", "清河县第一中学", "我校")])
def test_changing_only_the_kind_of_the_three_duties_init_file_changes_the_wording(tmp_path, kind, name, own):
    text = render_text(tmp_path, with_unit(init_file(tmp_path, "ideology-three-duties"), name, kind), "mine.yaml")
    assert own in text
    assert [word for word in BUREAU_WORDS if word in text] == []
    assert "运营商" not in text  # only a unit that oversees the operators fills that field


def test_the_init_file_as_written_reads_right_for_its_bureau(tmp_path):
    text = render_text(tmp_path, init_file(tmp_path, "ideology-four-grips"), "mine.yaml")
    assert "各股室" in text and "全局党员干部" in text and "我局" in text
    assert "讲清楚本地的历史传统" in text
    assert "李某某同志分管意识形态工作" in text


def test_the_init_file_of_a_report_speaks_of_a_report(tmp_path):
    text = init_file(tmp_path, "quarterly-report")
    shared = text.split("# ———— 以下是本模板特有的字段")[0]
    assert "讲话人" not in shared and "会议名称" not in shared and "会议日期" not in shared
    assert "汇报人" in shared and "成文日期" in shared
    speech_file = init_file(tmp_path, "ideology-four-grips")
    assert "# 讲话人" in speech_file and "会议名称" in speech_file


def test_init_leaves_an_empty_list_field_commented_so_the_editor_accepts_the_file(tmp_path):
    text = init_file(tmp_path, "ideology-four-grips")
    assert re.search(r"(?m)^# rule_documents:", text) and not re.search(r"(?m)^rule_documents:", text)
    assert re.search(r"(?m)^departments:$", text)


# ---------------------------------------------------------------- the Word file ------

def test_the_word_file_of_a_community_names_its_own_party_committee(tmp_path):
    source = tmp_path / "社区.yaml"
    source.write_text(speech(unit="  name: 和平社区居民委员会\n", speaker="社区党委书记"), encoding="utf-8")
    result = run_cli("render", str(source), "-o", "out.docx", cwd=tmp_path)
    assert result.code == 0, result.err
    text = docx_text(tmp_path / "out.docx")
    assert "我社区" in text and "经党委会议研究" in text
    assert own_orgs(text) == {"党委"}


def test_the_render_check_knows_the_party_organisation_the_speakers_title_names():
    """社区党委书记 without party_org: the text says 党委, and so does what the check suggests."""
    from drafter.check import CheckContext, check_paragraphs
    from drafter.model import SpeechInput

    data = SpeechInput.model_validate({"unit": {"name": "东风社区", "kind": "社区"},
                                       "speaker": {"title": "社区党委书记"}})
    assert data.unit.org == "党委"
    findings = check_paragraphs(["讲话", "社区党组要认真履行主体责任。"], CheckContext.from_data(data))
    org = [f for f in findings if f.rule == "unit.org"]
    assert org and org[0].replacement == "社区党委" and "党支部" not in org[0].suggestion
