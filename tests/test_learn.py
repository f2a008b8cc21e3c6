"""drafter learn: a speech or report → a template and its input file. The input file renders
the original back paragraph for paragraph (read with docx2python and LibreOffice, readers
nobody here wrote), up to the corrections learn reports; another unit's data leaves none of
the original's names; the proposals are confirmed with --accept, a proposals file or on a
terminal; bad inputs get Chinese errors and leave nothing behind."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from conftest import run_cli
from learn_samples import (BUREAU_OPTIONS, BUREAU_SPEECH, COMMUNITY, COMMUNITY_NAMES, COMMUNITY_OPTIONS,
                           COUNTY_FIRE_OPTIONS, COUNTY_FIRE_SPEECH, COUNTY_NOTICE, REPORT, REPORT_NAMES, SPLIT_TITLE,
                           STYLED_NAMES, STYLED_OPTIONS, SUBDISTRICT_REPORT, TOWN_OPTIONS, TOWN_SPEECH, centred_docx,
                           libreoffice_docx, other_unit, plain_docx, styled_speech)

SEED_PATH = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_ee7c459c3ded9266.txt"
SEED_TITLE = "党委书记在意识形态工作会上的讲话"
SEED_NAMES = ["镇沅", "地方志", "志办", "垛团", "胡先卫"]
_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])")
_HALF = str.maketrans(",:;()!?", "，：；（）！？")


def seed_texts() -> list[list[str]]:
    """The seed's three texts without the web page around them: each starts at its title."""
    if not SEED_PATH.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the shared seed is missing: {SEED_PATH}")
        pytest.skip(f"shared seed not available at {SEED_PATH}")
    lines = [line.strip() for line in SEED_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    starts = [i for i, line in enumerate(lines) if line == SEED_TITLE]
    return [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])][1:]


def make_sample(name: str, folder: Path) -> tuple[Path, tuple[str, ...], list[str], dict]:
    """(the .docx, learn's options, names that must not survive, the other unit)"""
    if name == "styled":
        return (styled_speech(folder / "讲话.docx"), STYLED_OPTIONS, STYLED_NAMES,
                dict(name="清河县档案馆", kind="馆", place="清河县"))
    if name == "report":
        return (plain_docx(folder / "报告.docx", REPORT), (), REPORT_NAMES,
                dict(name="云岭区统计局", kind="局", short="区统计局"))
    if name == "community":
        return (libreoffice_docx(folder, COMMUNITY), COMMUNITY_OPTIONS, COMMUNITY_NAMES,
                dict(name="柳林镇新华村", kind="村", short="新华村"))
    number = int(name[-1])
    options = {1: ("--unit", "镇沅县地方志办公室", "--kind", "办"), 2: ("--unit", "清河县工业和信息化局", "--kind", "局"),
               3: ("--kind", "村")}[number]
    other = {1: dict(name="云岭区统计局", kind="局", place="云岭区", short="区统计局"),
             2: dict(name="柳林镇人民政府", kind="镇"), 3: dict(name="柳林镇新华村", kind="村")}[number]
    return plain_docx(folder / f"seed{number}.docx", seed_texts()[number - 1]), options, SEED_NAMES, other


def paragraphs_of(path: Path) -> list[str]:
    from docx2python import docx2python

    with docx2python(str(path)) as read:  # the body only: page numbers are in the footers
        return [text.strip() for table in read.body for row in table for cell in row for text in cell
                if text.strip()]


def normalised(text: str) -> str:
    return re.sub(r"\s+", "", _NUMBER.sub("", text.strip()).translate(_HALF))


def aligned(original: list[str], rendered: list[str]) -> int:
    """Match every original paragraph with one rendered paragraph, or with a heading and the
    text split off it; the number of such splits (a title the writer sets on two lines is
    no split)."""
    splits, index = 0, 0
    for number, paragraph in enumerate(map(normalised, original)):
        assert index < len(rendered), f"nothing rendered for: {paragraph}"
        got = normalised(rendered[index])
        index += 1
        while got != paragraph:
            assert index < len(rendered) and paragraph.startswith(got), f"\n{got}\n!=\n{paragraph}"
            following = normalised(rendered[index])
            index += 1
            joint = next((j for j in ("", "。", "：") if paragraph.startswith(got + j + following)), "。")
            got = got + joint + following
            splits += number > 0
    assert index == len(rendered), rendered[index:]
    return splits


SAMPLES = ["styled", "report", "community", "seed1", "seed2", "seed3"]


@pytest.fixture(scope="module")
def learned(tmp_path_factory):
    """Each sample learnt with --accept all, its input file rendered to .docx."""
    results = {}
    for name in SAMPLES:
        folder = tmp_path_factory.mktemp(name)
        try:
            source, options, names, other = make_sample(name, folder)
        except pytest.skip.Exception:
            continue
        template = folder / "templates" / "学来的.j2"
        template.parent.mkdir()
        result = run_cli("learn", str(source), "-o", str(template), *options, "--accept", "all")
        assert result.code == 0, result.err + result.out
        rendered = run_cli("render", str(folder / "学来的.yaml"), "-o", str(folder / "还原.docx"))
        assert rendered.code == 0, rendered.err
        results[name] = dict(folder=folder, source=source, template=template, result=result, names=names,
                             other=other, yaml=folder / "学来的.yaml")
    return results


def sample(learned, name):
    if name not in learned:
        pytest.skip(f"{name}: the shared seed is not available")
    return learned[name]


@pytest.mark.parametrize("name", SAMPLES)
def test_the_input_file_renders_the_original_back(learned, name):
    case = sample(learned, name)
    original = paragraphs_of(case["source"])
    rendered = paragraphs_of(case["folder"] / "还原.docx")
    splits = aligned(original, rendered)
    assert splits == case["result"].out.count("拆为两段")


@pytest.mark.parametrize("name", SAMPLES)
def test_another_units_data_names_only_that_unit(learned, name):
    case = sample(learned, name)
    data = yaml.safe_load(case["yaml"].read_text(encoding="utf-8"))
    moved = case["folder"] / "别的单位.yaml"
    moved.write_text(yaml.safe_dump(other_unit(data, **case["other"]), allow_unicode=True), encoding="utf-8")
    result = run_cli("render", str(moved), "-o", str(case["folder"] / "别的单位.docx"))
    assert result.code == 0, result.err
    text = "\n".join(paragraphs_of(case["folder"] / "别的单位.docx"))
    assert [n for n in case["names"] if n in text] == []
    template = re.sub(r"\{#.*?#\}", "", case["template"].read_text(encoding="utf-8"), flags=re.S)
    assert [n for n in case["names"] if n in template and not n.isdigit()] == []


def test_libreoffice_reads_the_other_units_speech(learned, tmp_path):
    from drafter.pdf import convert

    case = sample(learned, "styled")
    data = other_unit(yaml.safe_load(case["yaml"].read_text(encoding="utf-8")), **case["other"])
    moved = case["folder"] / "档案馆.yaml"
    moved.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run_cli("render", str(moved), "-o", str(tmp_path / "档案馆.docx")).code == 0
    pdf = convert([tmp_path / "档案馆.docx"], tmp_path)[tmp_path / "档案馆.docx"]
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                              check=True).stdout)
    assert "党支部书记在2027年意识形态工作推进会上的讲话" in text
    assert "清河县档案馆党支部书记张晓梅" in text and "（2027年2月20日）" in text
    assert "一、提高政治站位，扛牢主体责任" in text and "（二）严格考核问责" in text
    assert "总结2026年工作" in text and "馆党支部召开" in text and "为建设美丽清河" in text
    assert "刚才，马文涛同志通报了全馆" in text and "分管纪检委员林秀英同志是直接责任人" in text
    assert "由支部委员郑海波同志约谈提醒" in text
    assert not [n for n in STYLED_NAMES if n in text]


def test_the_template_is_a_clean_user_template(learned):
    case = sample(learned, "styled")
    text = case["template"].read_text(encoding="utf-8")
    assert text.startswith("{#---\n") and '{% extends "base-speech" %}' in text
    assert "{% block 提高政治站位 %}\n# 提高政治站位，扛牢主体责任\n" in text
    assert "{% block 健全责任清单 %}\n## 健全责任清单\n" in text
    assert "{# 一、提高政治站位，扛牢主体责任 #}" in text
    assert "@title {{ speaker.title }}在{{ meeting.name }}上的讲话" in text
    assert "{{ leaders[1].post }}{{ leaders[1].name }}同志" in text
    assert "总结{{ meeting.year - 1 }}年工作" in text
    assert "{% for item in points_1 %}{{ loop.index | cn_number }}是{{ item }}{% endfor %}" in text


def test_templates_show_and_init_work_for_a_learnt_template(learned, tmp_path):
    """The template names leaders by position: its example data has that many leaders."""
    case = sample(learned, "styled")
    folder = str(case["template"].parent)
    shown = run_cli("templates", "show", "学来的", "--templates", folder)
    assert shown.code == 0, shown.err
    assert "提纲：" in shown.out and "提高政治站位，扛牢主体责任" in shown.out
    started = run_cli("init", "学来的", "-o", str(tmp_path / "新.yaml"), "--templates", folder)
    assert started.code == 0, started.err
    rendered = run_cli("render", str(tmp_path / "新.yaml"), "--templates", folder, "-o", str(tmp_path / "新.txt"))
    assert rendered.code == 0, rendered.err
    text = (tmp_path / "新.txt").read_text(encoding="utf-8")
    assert "{{" not in text and "李某某同志" in text


def test_dated_wording_follows_the_meeting_date(learned):
    case = sample(learned, "community")
    text = case["template"].read_text(encoding="utf-8")
    assert "认真学习{{ era.congress }}精神" in text and "二十大" not in text
    assert "{{ unit.kind }}{{ unit.org }}要把意识形态工作" in text
    assert "{% for item in points_1 %}{{ loop.index | cn_number }}要{{ item }}{% endfor %}" in text


def test_one_section_can_be_overridden(learned):
    case = sample(learned, "styled")
    folder = case["template"].parent
    (folder / "改一节.j2").write_text(
        "{#---\ntitle: 改一节\ndescription: 只改“严格考核问责”一节\nkind: 讲话\n---#}\n"
        '{% extends "学来的" %}\n{% block 严格考核问责 %}\n## 严格考核问责\n{{ unit.self_ref }}每季度通报一次考核结果。\n'
        "{% endblock %}\n", encoding="utf-8")
    data = yaml.safe_load(case["yaml"].read_text(encoding="utf-8"))
    data["template"] = "改一节"
    changed = case["folder"] / "改一节.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = run_cli("render", str(case["yaml"]), "-f", "text", "-o", str(case["folder"] / "原.txt"))
    after = run_cli("render", str(changed), "-f", "text", "-o", str(case["folder"] / "改.txt"))
    assert before.code == after.code == 0, after.err
    old = (case["folder"] / "原.txt").read_text(encoding="utf-8").splitlines()
    new = (case["folder"] / "改.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in new if line not in old] == ["　　我局每季度通报一次考核结果。"]
    assert len([line for line in old if line not in new]) == 1


# ---------------------------------------------------------------- confirming the proposals


def test_without_a_choice_it_writes_the_proposals_for_editing_and_no_template(tmp_path):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    result = run_cli("learn", str(source), "-o", str(tmp_path / "报告模板.j2"))
    assert result.code == 0, result.err
    assert "替换建议：" in result.out and "清河县审计局" in result.out and "unit.name（单位全称）" in result.out
    assert "没有写模板" in result.out and "--proposals" in result.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx", "报告模板-替换建议.yaml"]
    entries = yaml.safe_load((tmp_path / "报告模板-替换建议.yaml").read_text(encoding="utf-8"))["proposals"]
    assert {"text": "孙立平", "field": "leaders.0.name"} not in entries
    assert {"text": "局长孙立平", "field": "leaders.0"} in entries


def test_the_command_to_run_next_pastes_into_cmd_and_posix_shells(tmp_path):
    """Windows' cmd knows no single quotes: a word is bare, or in double quotes when it has a space."""
    folder = tmp_path / "我的 文稿"
    folder.mkdir()
    source = plain_docx(folder / "报告.docx", REPORT)
    result = run_cli("learn", str(source), "-o", str(tmp_path / "报告模板.j2"), "--unit", "清河县审计局")
    assert result.code == 0, result.err
    assert f'drafter learn "{source}" -o {tmp_path / "报告模板.j2"} --unit 清河县审计局 --accept all' in result.out
    assert "'" not in result.out


def test_an_edited_proposals_file_is_not_overwritten(tmp_path):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    assert run_cli("learn", str(source), "-o", str(tmp_path / "报告模板.j2")).code == 0
    path = tmp_path / "报告模板-替换建议.yaml"
    path.write_text("proposals:\n  - text: 我局\n    field: unit.self_ref\n", encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "报告模板.j2"))
    assert result.code == 0 and "已存在，没有覆盖" in result.out
    assert path.read_text(encoding="utf-8").count("text:") == 1
    assert run_cli("learn", str(source), "-o", str(tmp_path / "报告模板.j2"), "--force").code == 0
    assert path.read_text(encoding="utf-8").count("text:") > 1


def test_an_edited_proposals_file_replaces_only_what_it_keeps(tmp_path):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    template = tmp_path / "报告模板.j2"
    assert run_cli("learn", str(source), "-o", str(template)).code == 0
    path = tmp_path / "报告模板-替换建议.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"  - text: 我局 .*\n    field: unit.self_ref\n", "", text)  # rejected
    text = re.sub(r"(  - text: 县审计局 .*\n    field: )unit.short_name", r"\1alias_1", text)  # moved
    path.write_text(text, encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(template), "--proposals", str(path))
    assert result.code == 0, result.err
    written = template.read_text(encoding="utf-8")
    assert "现将我局{{ meeting.year }}年第{{ quarter }}季度" not in written
    assert "现将我局" in written and "{{ unit.self_ref }}" not in written
    assert "对{{ alias_1 }}网站" in written and "alias_1:\n" in written
    data = yaml.safe_load((tmp_path / "报告模板.yaml").read_text(encoding="utf-8"))
    assert data["alias_1"] == "县审计局" and "short_name" not in data["unit"]
    rendered = run_cli("render", str(tmp_path / "报告模板.yaml"), "--templates", str(tmp_path), "-o",
                       str(tmp_path / "还原.docx"))
    assert rendered.code == 0, rendered.err
    assert aligned(REPORT, paragraphs_of(tmp_path / "还原.docx")) == 3


@pytest.mark.parametrize("content, message", [
    ("proposals:\n  - text: 我局\n    field unit.self_ref\n", "第 3 行"),
    ("proposals:\n  - text: 清河县审计局\n    field: unit.nmae\n", "不认识的字段“unit.nmae”"),
    ("proposals:\n  - text: 清河县审计局\n    field: unit.name\n  - text: 县审计局\n    field: unit.name\n",
     "字段 unit.name 已经对应“清河县审计局”"),
    ("proposals:\n  - text: 花溪县审计局\n    field: unit.name\n", "不是 drafter learn 建议替换的文字"),
    ("proposals:\n  - text: 我局\n    field: place\n", "只能对应字段 unit.self_ref"),
    ("- 我局\n", "只有一个字段 proposals"),
])
def test_a_wrong_proposals_file_is_named_with_its_line(tmp_path, content, message):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    path = tmp_path / "建议.yaml"
    path.write_text(content, encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "模板.j2"), "--proposals", str(path))
    assert result.code != 0 and message in result.err and str(path) in result.err, result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["建议.yaml", "报告.docx"]


def test_on_a_terminal_it_asks_for_each_proposal(tmp_path):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    main, secondary = pty.openpty()
    answers = ("n\n" + "y\n" * 30).encode()
    os.write(main, answers)
    process = subprocess.run([sys.executable, "-m", "drafter", "learn", str(source), "-o", str(tmp_path / "模板.j2")],
                             stdin=secondary, capture_output=True, text=True, timeout=60)
    os.close(main)
    os.close(secondary)
    assert process.returncode == 0, process.stderr
    assert "1. “清河县审计局” 换成 unit.name" in process.stdout
    written = (tmp_path / "模板.j2").read_text(encoding="utf-8")
    assert "{{ unit.name }}" not in written and "@signature 清河县审计局" in written
    assert "{{ unit.self_ref }}" in written


# ---------------------------------------------------------------- what it refuses


def _refused(tmp_path: Path, *args: str, message: str, code: int | None = None) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run_cli("learn", *args)
    assert result.code != 0 if code is None else result.code == code
    assert result.err.startswith("错误：") and message in result.err, result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("name, content, message", [
    ("稿.pdf", b"%PDF-1.4", "不支持的文件类型“.pdf”"),
    ("稿.docx", b"PK\x03\x04broken", "文件已损坏或不完整"),
    ("稿.docx", b"\xd0\xcf\x11\xe0" + b"\0" * 60, "加了密码的文档"),
])
def test_files_it_cannot_read(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    _refused(tmp_path, str(tmp_path / name), "-o", str(tmp_path / "模板.j2"), "--accept", "all", message=message)


def test_an_empty_document_and_one_without_headings(tmp_path):
    docx.Document().save(str(tmp_path / "空.docx"))
    _refused(tmp_path, str(tmp_path / "空.docx"), "-o", str(tmp_path / "模板.j2"), message="里没有文字")
    plain_docx(tmp_path / "无标题.docx", ["今天开会。", "大家辛苦了，清河县审计局的工作很好。"])
    _refused(tmp_path, str(tmp_path / "无标题.docx"), "-o", str(tmp_path / "模板.j2"), "--accept", "all",
             message="没有找到小标题")


def test_output_it_will_not_write(tmp_path):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    _refused(tmp_path, str(source), "-o", str(tmp_path / "模板.txt"), message="-o 应为模板文件名，以 .j2 结尾", code=2)
    (tmp_path / "模板.j2").write_text("旧的", encoding="utf-8")
    _refused(tmp_path, str(source), "-o", str(tmp_path / "模板.j2"), "--accept", "all",
             message="模板文件已存在")
    assert (tmp_path / "模板.j2").read_text(encoding="utf-8") == "旧的"
    (tmp_path / "文件").write_text("", encoding="utf-8")
    _refused(tmp_path, str(source), "-o", str(tmp_path / "文件" / "模板.j2"), "--yaml", str(tmp_path / "输入.yaml"),
             "--accept", "all", message="是一个文件，不是文件夹")
    _refused(tmp_path, str(source), "-o", str(tmp_path / "新.j2"), "--kind", "科室", "--accept", "all",
             message="不认识的单位类型“科室”", code=2)
    _refused(tmp_path, str(source), "-o", str(tmp_path / "新.j2"), "--base", "没有这个", "--accept", "all",
             message="找不到模板“没有这个”")
    _refused(tmp_path, str(source), "-o", str(tmp_path / "base-report.j2"), "--accept", "all",
             message="与它继承的框架同名", code=2)


def test_a_built_in_template_as_the_frame(tmp_path):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "报告.j2"), "--base", "quarterly-report",
                     "--accept", "all")
    assert result.code == 0, result.err
    assert '{% extends "quarterly-report" %}' in (tmp_path / "templates" / "报告.j2").read_text(encoding="utf-8")
    assert run_cli("render", str(tmp_path / "报告.yaml"), "-o", str(tmp_path / "还原.docx")).code == 0
    assert aligned(REPORT, paragraphs_of(tmp_path / "还原.docx")) == 3


def test_the_template_folder_is_made_and_the_input_file_put_beside_it(tmp_path):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    result = run_cli("learn", str(source), "-o", str(tmp_path / "新" / "templates" / "报告.j2"), "--accept", "all")
    assert result.code == 0, result.err
    assert (tmp_path / "新" / "templates" / "报告.j2").is_file() and (tmp_path / "新" / "报告.yaml").is_file()
    assert f"生成文稿：drafter render {tmp_path / '新' / '报告.yaml'}\n" in result.out
    assert run_cli("render", str(tmp_path / "新" / "报告.yaml"), "-f", "text", "-o", str(tmp_path / "报告.txt")).code == 0


def test_sub_headings_without_text_of_their_own_become_a_list(learned):
    case = sample(learned, "report")
    assert "小标题“把意识形态工作与审计…”等 2 项" in case["result"].out
    text = case["template"].read_text(encoding="utf-8")
    assert "{% for item in subheadings_1 %}\n## {{ item }}\n{% endfor %}\n" in text
    data = yaml.safe_load(case["yaml"].read_text(encoding="utf-8"))
    assert data["subheadings_1"] == ["把意识形态工作与审计业务深度融合。", "组织一次意识形态专题培训。"]
    data["subheadings_1"].append("开展一次网络舆情应急演练。")
    three = case["folder"] / "三项.yaml"
    three.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run_cli("render", str(three), "-o", str(case["folder"] / "三项.docx")).code == 0
    assert "（三）开展一次网络舆情应急演练。" in paragraphs_of(case["folder"] / "三项.docx")


def test_a_post_in_the_text_that_contradicts_the_title_is_reported_not_replaced(learned):
    case = sample(learned, "seed2")
    assert "“作为党组书记”与标题中讲话人的职务“党委书记”不一致，没有替换" in case["result"].out
    assert "作为党组书记，我是" in case["template"].read_text(encoding="utf-8")


def test_without_a_unit_name_it_asks_for_unit(tmp_path):
    source = plain_docx(tmp_path / "讲话.docx", ["党组书记在工作会议上的讲话", "一、抓好学习",
                                                 "我局要抓好学习。", "二、抓好落实", "全局要抓好落实。"])
    _refused(tmp_path, str(source), "-o", str(tmp_path / "模板.j2"), "--accept", "all", message="--unit")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "模板.j2"), "--unit", "清河县审计局", "--accept", "all")
    assert result.code == 0, result.err
    assert yaml.safe_load((tmp_path / "模板.yaml").read_text(encoding="utf-8"))["unit"] == \
        {"name": "清河县审计局", "kind": "局"}


@pytest.mark.parametrize("title, unit", [
    ("柳溪村2024年上半年工作总结", "柳溪村"),
    ("南山小学关于2024年意识形态工作的报告", "南山小学"),
    ("石桥乡党委书记2024年度述职报告", "石桥乡"),
])
def test_the_unit_a_title_opens_with_is_found(tmp_path, title, unit):
    source = plain_docx(tmp_path / "稿.docx", [title, "一、抓好学习", "本单位要抓好学习，服务发展大局。",
                                              "二、抓好落实", "要抓好落实。"])
    result = run_cli("learn", str(source), "-o", str(tmp_path / "模板.j2"), "--accept", "all")
    assert result.code == 0, result.err
    assert yaml.safe_load((tmp_path / "模板.yaml").read_text(encoding="utf-8"))["unit"]["name"] == unit
    assert "服务发展大局" in (tmp_path / "模板.j2").read_text(encoding="utf-8")  # no unit, a phrase


def test_a_unit_name_the_text_does_not_contain_is_pointed_out(tmp_path):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    result = run_cli("learn", str(source), "-o", str(tmp_path / "模板.j2"), "--unit", "云岭区统计局",
                     "--accept", "all")
    assert result.code == 0, result.err
    assert "原稿里没有“云岭区统计局”这几个字，单位全称不会被替换" in result.err + result.out


def test_a_missing_proposals_file_is_named_as_such(tmp_path):
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    _refused(tmp_path, str(source), "-o", str(tmp_path / "模板.j2"), "--proposals", str(tmp_path / "没有.yaml"),
             message="找不到替换建议文件")


def test_help_is_chinese():
    result = run_cli("learn", "--help")
    assert result.code == 0 and "用法： drafter learn [选项] INPUT" in result.out
    assert "替换建议" in result.out and "--proposals FILE" in result.out


@pytest.mark.parametrize("signed", [False, True])
def test_the_masthead_stays_out_of_the_template(tmp_path, signed):
    from format_samples import red_head

    source = red_head(tmp_path / "公文.docx", signed=signed)
    result = run_cli("learn", str(source), "-o", str(tmp_path / "公文.j2"), "--accept", "all")
    assert result.code == 0, result.err
    assert "不写入模板（每份文件不同）" in result.out
    text = (tmp_path / "公文.j2").read_text(encoding="utf-8")
    assert not [word for word in ("000123", "秘密", "特急", "人民政府文件", "5号", "12号", "签发人") if word in text]
    assert "\n@title 关于" in text and "\n# 提高思想认识\n" in text


def test_an_enumeration_of_clauses_ends_at_the_last_items_full_stop():
    from drafter.wordin.proposals import enumeration

    assert enumeration("要做到：一是学深，二是悟透。下一步，要抓落实。") == \
        ("要做到：", "是", ["学深，", "悟透。"], "下一步，要抓落实。")
    assert enumeration("一是建制度。要细化。二是抓考核。要严格。") == ("", "是", ["建制度。要细化。", "抓考核。要严格。"], "")
    assert enumeration("一要明势，二要顺势，三要造势") == ("", "要", ["明势，", "顺势，", "造势"], "")
    assert enumeration("坚持统一是根本，二是关键。") is None


def test_a_speech_drafter_wrote_comes_back_from_its_own_template(tmp_path):
    example = Path(__file__).resolve().parents[1] / "examples" / "county-office-four-grips.yaml"
    assert run_cli("render", str(example), "-o", str(tmp_path / "讲话.docx")).code == 0
    result = run_cli("learn", str(tmp_path / "讲话.docx"), "-o", str(tmp_path / "templates" / "学来的.j2"),
                     "--accept", "all")
    assert result.code == 0, result.err
    assert re.search(r"县地方志办公室\s+unit\.name", result.out)
    assert run_cli("render", str(tmp_path / "学来的.yaml"), "-o", str(tmp_path / "还原.docx")).code == 0
    assert paragraphs_of(tmp_path / "还原.docx") == paragraphs_of(tmp_path / "讲话.docx")


def test_a_report_with_a_table_a_text_box_and_attachments(tmp_path):
    from format_samples import messy_report

    source = messy_report(tmp_path / "报告.docx")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "报告.j2"), "--unit", "清河县审计局", "--accept", "all")
    assert result.code == 0, result.err
    assert "表格的单元格逐个写成正文段落" in result.out and "附件说明按正文写入模板" in result.out
    assert run_cli("render", str(tmp_path / "报告.yaml"), "--templates", str(tmp_path), "-o",
                   str(tmp_path / "还原.docx")).code == 0
    rendered = paragraphs_of(tmp_path / "还原.docx")
    cells = [cell for table in docx.Document(str(source)).tables for row in table.rows for cell in row.cells]
    assert all(cell.text in rendered for cell in cells if cell.text)
    assert rendered[-5:] == ["特此报告。", "附件：1.意识形态工作台账", "2.学习记录", "中共清河县审计局党组", "2024年12月20日"]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_and_markdown_files(tmp_path, suffix):
    source = tmp_path / f"报告{suffix}"
    source.write_text("\n\n".join(REPORT) + "\n", encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "报告.j2"), "--accept", "all")
    assert result.code == 0, result.err
    assert run_cli("render", str(tmp_path / "报告.yaml"), "-o", str(tmp_path / "还原.docx")).code == 0
    assert aligned(REPORT, paragraphs_of(tmp_path / "还原.docx")) == 3


PLACE_SPEECH = [
    "在全区自然资源工作会议上的讲话",
    "（二〇二四年一月二十五日）",
    "同志们：",
    "今天召开会议。云岭区今年的发展任务很重，云岭区自然资源局要为建设美丽云岭多作贡献。",
    "一、抓好规划",
    "要按照云岭区国土空间规划抓好落实，二〇二四年一月二十五日以后的项目一律按新规划审批。",
]


def test_the_place_keeps_its_level_and_a_date_in_chinese_numerals_follows_the_meeting(tmp_path):
    """云岭区 becomes the other unit's 清河县 (not 清河区), 美丽云岭 becomes 美丽清河, and the
    byline's 二〇二四年一月二十五日 becomes the new meeting's date in the same numerals."""
    source = tmp_path / "讲话.txt"
    source.write_text("\n".join(PLACE_SPEECH) + "\n", encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "规划.j2"),
                     "--unit", "云岭区自然资源局", "--kind", "局", "--accept", "all")
    assert result.code == 0, result.err
    template = (tmp_path / "templates" / "规划.j2").read_text(encoding="utf-8")
    assert "{{ place }}国土空间规划" in template and "美丽{{ place | bare_place }}" in template
    assert "（{{ meeting.date_hanzi }}）" in template
    data = yaml.safe_load((tmp_path / "规划.yaml").read_text(encoding="utf-8"))
    assert data["place"] == "云岭区" and str(data["meeting"]["date"]) == "2024-01-25"
    assert run_cli("render", str(tmp_path / "规划.yaml"), "-o", str(tmp_path / "还原.docx")).code == 0
    assert aligned(PLACE_SPEECH, paragraphs_of(tmp_path / "还原.docx")) == 0

    data.update(place="清河县", unit={"name": "清河县自然资源局", "kind": "局"}, meeting={"date": "2027-02-20"})
    (tmp_path / "清河.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run_cli("render", str(tmp_path / "清河.yaml"), "-o", str(tmp_path / "清河.docx")).code == 0
    text = "\n".join(paragraphs_of(tmp_path / "清河.docx"))
    assert "（二〇二七年二月二十日）" in text
    assert "清河县今年的发展任务很重，清河县自然资源局要为建设美丽清河多作贡献" in text
    assert "按照清河县国土空间规划" in text and "二〇二七年二月二十日以后的项目" in text
    assert "云岭" not in text and "清河区" not in text and "二〇二四" not in text


def _learn_and_move(tmp_path: Path, source: Path, *options: str, **other) -> tuple[dict, str, str]:
    """Learn with --accept all; (the input file's data, the template, the text rendered for `other`)."""
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "学来的.j2"), *options, "--accept", "all")
    assert result.code == 0, result.err
    data = yaml.safe_load((tmp_path / "学来的.yaml").read_text(encoding="utf-8"))
    moved = tmp_path / "别的单位.yaml"
    moved.write_text(yaml.safe_dump(other_unit(data, **other), allow_unicode=True), encoding="utf-8")
    rendered = run_cli("render", str(moved), "-o", str(tmp_path / "别的单位.docx"))
    assert rendered.code == 0, rendered.err
    template = (tmp_path / "templates" / "学来的.j2").read_text(encoding="utf-8")
    return data, template, re.sub(r"\s+", "", "".join(paragraphs_of(tmp_path / "别的单位.docx")))


def test_a_title_in_two_paragraphs_gives_the_unit_and_the_byline_the_speaker(tmp_path):
    """在白沙区农业农村局2025年……/工作会议上的讲话: the full name is in the joined title only;
    局党组书记、局长　何建平: both posts are the speaker's title."""
    source = centred_docx(tmp_path / "讲话.docx", SPLIT_TITLE)
    data, template, text = _learn_and_move(tmp_path, source, name="清河县档案馆", kind="馆")
    assert data["unit"]["name"] == "白沙区农业农村局"
    assert data["speaker"] == {"title": "局党组书记、局长", "name": "何建平"}
    assert "没有找到讲话人" not in (tmp_path / "学来的.yaml").read_text(encoding="utf-8")
    assert "@title 在{{ unit.name }}{{ meeting.name }}上的讲话" in template
    assert "在清河县档案馆2027年意识形态工作推进会上的讲话" in text
    assert "党支部书记张晓梅" in text
    assert not [word for word in ("白沙", "农业农村", "何建平", "局党组书记、局长") if word in text]

    named = run_cli("learn", str(source), "-o", str(tmp_path / "指定.j2"), "--unit", "白沙区农业农村局",
                    "--accept", "all")
    assert named.code == 0, named.err
    assert "原稿里没有" not in named.out + named.err


def test_a_short_name_distinguishes_the_unit_from_other_bodies(tmp_path):
    """石门镇人民政府: 镇政府 and 石门镇政府 are its short names; 县政府 and 各乡镇人民政府 are other
    bodies and stay as written, also for a 乡's government."""
    source = plain_docx(tmp_path / "讲话.docx", TOWN_SPEECH)
    data, template, text = _learn_and_move(tmp_path, source, *TOWN_OPTIONS, name="红岩乡人民政府", kind="乡",
                                           place="红岩乡", short="乡政府")
    names = [data["unit"].get("short_name")] + [value for key, value in data.items() if key.startswith("alias_")]
    assert set(names) == {"镇政府", "石门镇政府"}
    assert "{{ superiors[0] }}、{{ superiors[0] | government }}的防汛部署" in template  # the committee's level
    assert "向各乡镇人民政府下发" in template
    assert "县委、县政府的防汛部署" in text and "向各乡镇人民政府下发" in text
    assert "乡党委、乡政府主要负责同志" in text and "石门镇政府" not in text
    assert "县乡政府" not in text and "各乡镇乡政府" not in text and "石门" not in text
    district = yaml.safe_load((tmp_path / "别的单位.yaml").read_text(encoding="utf-8"))
    district["superiors"] = ["区委"]  # a 乡 under a district: 区委、区政府, never 区委、县政府
    (tmp_path / "区.yaml").write_text(yaml.safe_dump(district, allow_unicode=True), encoding="utf-8")
    assert run_cli("render", str(tmp_path / "区.yaml"), "-o", str(tmp_path / "区.docx")).code == 0
    text = re.sub(r"\s+", "", "".join(paragraphs_of(tmp_path / "区.docx")))
    assert "区委、区政府的防汛部署" in text and "县政府" not in text


def test_a_county_governments_short_name_is_its_own_but_not_the_townships(tmp_path):
    source = plain_docx(tmp_path / "通知.docx", COUNTY_NOTICE)
    result = run_cli("learn", str(source), "-o", str(tmp_path / "通知.j2"), "--accept", "all")
    assert result.code == 0, result.err
    data = yaml.safe_load((tmp_path / "通知.yaml").read_text(encoding="utf-8"))
    assert data["unit"]["name"] == "平阳县人民政府" and data["unit"]["short_name"] == "县政府"
    assert not [key for key in data if key.startswith("alias_")]
    template = (tmp_path / "通知.j2").read_text(encoding="utf-8")
    assert "经{{ unit.short }}研究" in template
    assert template.count("各乡镇人民政府") == 2 and "各乡镇{{" not in template


def _learn_and_render(tmp_path: Path, lines: list[str], options: tuple[str, ...], **changes) -> tuple[dict, str, str]:
    """Learn a typed text with --accept all; (the input file's data, the template, the text
    rendered from that data with `changes` to its sections)."""
    source = plain_docx(tmp_path / "原稿.docx", lines)
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "学来的.j2"), *options,
                     "--accept", "all")
    assert result.code == 0, result.err
    data = yaml.safe_load((tmp_path / "学来的.yaml").read_text(encoding="utf-8"))
    moved = {**data, **changes}
    (tmp_path / "别的.yaml").write_text(yaml.safe_dump(moved, allow_unicode=True), encoding="utf-8")
    rendered = run_cli("render", str(tmp_path / "别的.yaml"), "-o", str(tmp_path / "别的.docx"))
    assert rendered.code == 0, rendered.err
    template = (tmp_path / "templates" / "学来的.j2").read_text(encoding="utf-8")
    return data, template, re.sub(r"\s+", "", "".join(paragraphs_of(tmp_path / "别的.docx")))


def test_a_head_of_another_organisation_is_no_leader_of_the_unit(tmp_path):
    """县林业局局长彭建华, 县委宣传部部长宋小燕 head other organisations: left as written, never
    the county's 副县长 in another county's speech; 常务副县长罗振宇 and 县政府副县长曹雅琴 are its own."""
    data, template, text = _learn_and_render(
        tmp_path, COUNTY_FIRE_SPEECH, COUNTY_FIRE_OPTIONS, unit={"name": "青川县人民政府", "kind": "县"},
        leaders=[{"name": "吕志军", "post": "副县长"}, {"name": "白雪梅", "post": "副县长"}])
    assert [leader["name"] for leader in data["leaders"]] == ["罗振宇", "曹雅琴"]
    assert "县林业局局长彭建华同志通报" in template and "大队队长黄志刚同志" in template
    assert "由常务副县长吕志军同志牵头督查，县政府副县长白雪梅同志负责" in text
    assert "县林业局局长彭建华同志通报" in text and "县消防救援大队队长黄志刚同志讲了" in text
    assert "县委宣传部部长宋小燕同志对宣传" in text
    assert "罗振宇" not in text and "曹雅琴" not in text


def test_the_units_own_head_stays_a_leader_beside_another_bodys(tmp_path):
    """县审计局局长 of 清河县审计局 and 局党组书记 are the bureau's; 纪检监察组组长 is another body's."""
    data, _, text = _learn_and_render(
        tmp_path, BUREAU_SPEECH, BUREAU_OPTIONS, unit={"name": "云岭区统计局", "kind": "局", "short_name": "区统计局"},
        leaders=[{"name": "马文涛", "post": "局长"}, {"name": "林秀英", "post": "党组书记"},
                 {"name": "郑海波", "post": "副局长"}])
    assert [leader["name"] for leader in data["leaders"]] == ["孙立平", "刘建国", "周文斌"]
    assert "区统计局局长马文涛同志传达" in text and "纪检监察组组长邹平同志作了点评" in text
    assert "局党组书记林秀英同志" in text and "副局长郑海波同志" in text


@pytest.mark.parametrize("options", [(), ("--unit", "中共青梅街道工作委员会", "--kind", "街道")])
def test_a_subdistricts_party_committee_names_the_subdistrict(tmp_path, options):
    """中共青梅街道工作委员会 is the party organisation of 青梅街道: the unit is 青梅街道 (a 街道),
    党工委 after its name is its organisation, and neither 街道 nor 工委 alone is a short name."""
    data, template, text = _learn_and_render(
        tmp_path, SUBDISTRICT_REPORT, options, unit={"name": "柳岸街道", "kind": "街道"},
        leaders=[{"name": "葛文斌", "post": "副书记"}])
    assert data["unit"]["name"] == "青梅街道" and data["unit"]["kind"] == "街道"
    assert data["unit"]["party_org"] == "党工委" and "short_name" not in data["unit"]
    assert not [key for key in data if key.startswith("alias_")]
    assert "党{{" not in template and "组织街道机关干部" in template
    assert "关于柳岸街道2025年第一季度" in text and "柳岸街道党工委紧扣平安建设目标" in text
    assert "组织街道机关干部" in text and "坚持“街道吹哨、部门报到”" in text
    assert "柳岸街道将继续完善网格管理，街道党工委副书记葛文斌同志" in text
    assert text.endswith("中共柳岸街道工作委员会2025年4月3日")
    assert "青梅" not in text and "冯立新" not in text


def test_the_description_names_fields_by_their_short_title(tmp_path):
    """A heading with a field: `drafter templates` shows 【地名】, the template's outline the full label."""
    source = plain_docx(tmp_path / "讲话.docx", TOWN_SPEECH)
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "防汛.j2"), *TOWN_OPTIONS,
                     "--accept", "all")
    assert result.code == 0, result.err
    listed = run_cli("templates", "--templates", str(tmp_path / "templates"))
    assert listed.code == 0, listed.err
    assert "建设平安【地名】" in listed.out and "由 place 得出" not in listed.out
    template = (tmp_path / "templates" / "防汛.j2").read_text(encoding="utf-8")
    assert "三、建设平安【地名不带县、区等字，由 place 得出】" in template


def test_a_missing_output_folder_is_made_as_the_guide_says(tmp_path):
    """docs/learn.md §六 describes what learn does with -o into a folder that is missing or cannot be made."""
    guide = (Path(__file__).resolve().parents[1] / "docs" / "learn.md").read_text(encoding="utf-8")
    errors = guide.split("## 六、出错时")[1]
    assert "输出文件夹不存在" not in errors and "自动新建" in errors and "无法新建文件夹" in errors
    source = plain_docx(tmp_path / "报告.docx", REPORT)
    made = run_cli("learn", str(source), "-o", str(tmp_path / "甲" / "乙" / "报告.j2"), "--accept", "all")
    assert made.code == 0 and (tmp_path / "甲" / "乙" / "报告.j2").is_file(), made.err
    (tmp_path / "文件").write_text("", encoding="utf-8")
    _refused(tmp_path, str(source), "-o", str(tmp_path / "文件" / "丙" / "模板.j2"), "--accept", "all",
             message="无法新建文件夹")


QUARTER_REPORT = [
    "清河县审计局关于2024年第一季度意识形态工作情况的报告",
    "县委宣传部：",
    "现将我局2024年第一季度意识形态工作情况报告如下：",
    "一、主要工作",
    "一季度，局党组召开专题会议两次，研究部署意识形态工作。",
    "二、第二季度工作打算",
    "第二季度，我局将继续抓好理论学习，按县委、县政府的要求做好宣传阵地管理。",
    "特此报告。",
    "清河县审计局",
    "2024年4月8日",
]


@pytest.mark.parametrize("quarter, following", [("三", "四"), ("四", "一")])
def test_the_next_quarter_a_report_plans_for_follows_its_quarter(tmp_path, quarter, following):
    source = tmp_path / "季报.txt"
    source.write_text("\n".join(QUARTER_REPORT) + "\n", encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "季报.j2"), "--accept", "all")
    assert result.code == 0, result.err
    template = (tmp_path / "templates" / "季报.j2").read_text(encoding="utf-8")
    assert "第{{ quarter | next_quarter }}季度工作打算" in template
    data = yaml.safe_load((tmp_path / "季报.yaml").read_text(encoding="utf-8"))
    assert data["quarter"] == "一" and data["superiors"] == ["县委"]
    assert data["meeting"]["name"] == "2024年第一季度意识形态工作情况"  # a report's subject: edited as a whole
    data.update(quarter=quarter, superiors=["区委"], meeting={"name": f"2024年第{quarter}季度意识形态工作情况"})
    (tmp_path / "下季.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run_cli("render", str(tmp_path / "下季.yaml"), "-o", str(tmp_path / "下季.docx")).code == 0
    text = "\n".join(paragraphs_of(tmp_path / "下季.docx"))
    assert f"第{quarter}季度意识形态工作情况" in text and f"第{following}季度工作打算" in text
    assert "区委、区政府的要求" in text and "第二季度" not in text.replace(f"第{quarter}", "")


VILLAGE_REPORT = [
    "桃园村党支部关于2024年上半年工作情况的报告",
    "镇党委：",
    "上半年，我村在镇党委、镇政府的坚强领导下，认真落实县委各项部署，村集体经济稳步增长。",
    "一、主要工作",
    "村党支部坚持每月召开支部委员会会议，研究村里的大事要事。",
    "特此报告。",
    "桃园村党支部",
    "2024年7月5日",
]


def test_a_villages_township_committee_and_government_follow_the_input(tmp_path):
    """镇党委 is a 村's superior (a 镇's own would be unit.party): a 村 under a 乡 gets 乡党委、乡政府."""
    source = tmp_path / "村报告.txt"
    source.write_text("\n".join(VILLAGE_REPORT) + "\n", encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "村报告.j2"), "--kind", "村",
                     "--accept", "all")
    assert result.code == 0, result.err
    data = yaml.safe_load((tmp_path / "村报告.yaml").read_text(encoding="utf-8"))
    assert data["superiors"] == ["县委", "镇党委"]
    data.update(superiors=["区委", "乡党委"], unit={"name": "杏林村", "kind": "村"})
    (tmp_path / "杏林.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run_cli("render", str(tmp_path / "杏林.yaml"), "-o", str(tmp_path / "杏林.docx")).code == 0
    text = "\n".join(paragraphs_of(tmp_path / "杏林.docx"))
    assert "乡党委：" in text and "在乡党委、乡政府的坚强领导下，认真落实区委各项部署" in text
    assert "镇" not in text and "桃园" not in text


@pytest.mark.parametrize("byline, later", [("2024.3.5", "2025.4.16"), ("（2024.03.05）", "（2025.04.16）"),
                                           ("2024-3-5", "2025-4-16"), ("2024/3/5", "2025/4/16")])
def test_a_byline_date_typed_in_digits_follows_the_meeting_in_the_same_form(tmp_path, byline, later):
    lines = ["在全镇2024年安全生产工作会议上的讲话", byline, "同志们：", "一、总结2023年工作",
             "2023年，全镇安全生产形势总体平稳。", "二、部署2024年任务", "2024年要抓好隐患排查。"]
    source = tmp_path / "讲话.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "安全.j2"), "--unit", "柳林镇",
                     "--kind", "镇", "--accept", "all")
    assert result.code == 0, result.err
    assert "没有在标题下或落款中找到日期" not in result.out + result.err
    data = yaml.safe_load((tmp_path / "安全.yaml").read_text(encoding="utf-8"))
    assert str(data["meeting"]["date"]) == "2024-03-05"
    data["meeting"]["date"] = "2025-04-16"
    (tmp_path / "明年.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run_cli("render", str(tmp_path / "明年.yaml"), "-o", str(tmp_path / "明年.docx")).code == 0
    text = "\n".join(paragraphs_of(tmp_path / "明年.docx"))
    assert later in text and "总结2024年工作" in text and "2025年要抓好" in text and "2023" not in text


def test_the_units_own_government_follows_its_kind(tmp_path):
    """乡党委、乡政府 in a 乡's speech: rendered for a 镇, 镇党委、镇政府 (not 镇党委、乡政府)."""
    lines = ["在全乡2024年秋冬种工作会议上的讲话", "（2024年10月8日）", "同志们：", "一、统一思想",
             "在乡党委、乡政府的统一部署下，全乡秋收工作进展顺利。", "二、抓好落实",
             "乡人民政府各站所要分片包村，我乡各村要抓紧备耕。"]
    source = tmp_path / "讲话.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("learn", str(source), "-o", str(tmp_path / "templates" / "秋冬种.j2"), "--unit", "青山乡",
                     "--kind", "乡", "--accept", "all")
    assert result.code == 0, result.err
    template = (tmp_path / "templates" / "秋冬种.j2").read_text(encoding="utf-8")
    assert "{{ unit.kind }}{{ unit.org }}、{{ unit.kind }}政府" in template and "{{ unit.kind }}人民政府{{ unit.divisions }}" in template
    data = yaml.safe_load((tmp_path / "秋冬种.yaml").read_text(encoding="utf-8"))
    data["unit"] = {"name": "柳林镇", "kind": "镇"}
    (tmp_path / "镇.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run_cli("render", str(tmp_path / "镇.yaml"), "-o", str(tmp_path / "镇.docx")).code == 0
    text = "\n".join(paragraphs_of(tmp_path / "镇.docx"))
    assert "在镇党委、镇政府的统一部署下，全镇秋收" in text and "镇人民政府各站所要分片包村，我镇各村" in text
    assert "乡" not in "".join(text.splitlines()[1:])  # the title's meeting name is edited as a whole
