"""Every input a user can get wrong: a Chinese message naming the field and the YAML
line and column, exit status 1, no traceback, and no output file left behind."""

from __future__ import annotations

import pytest

from conftest import MINIMAL_YAML, files_in, run_cli

GOOD = MINIMAL_YAML.format(template="ideology-four-grips")

CASES = {
    "malformed": (GOOD.replace("  kind: 局", "  kind: 局: 科"), ["第 4 行", "YAML 格式错误", "冒号"]),
    "bad-indent": (GOOD.replace("  title: 党组书记", "\ttitle: 党组书记"), ["第 6 行", "Tab"]),
    "unclosed-quote": (GOOD.replace("name: 某某县统计局", 'name: "某某县统计局'), ["第 3 行第 9 列", "引号没有配对：第 3 行的“\"”没有对应的结束引号"]),
    "missing-required": (GOOD.replace("  title: 党组书记\n", "  name: 张三\n"), ["speaker.title", "缺少必填字段", "第 6 行"]),
    "missing-section": (GOOD.replace("speaker:\n  title: 党组书记\n", ""), ["缺少必填字段“speaker”", "第 1 行"]),
    "wrong-type": (GOOD + "leaders: 张三\n", ["leaders", "应为列表", "第 9 行第 10 列"]),
    "wrong-type-nested": (GOOD.replace("  name: 某某县统计局", "  name: [甲, 乙]"), ["unit.name", "应为文字", "第 3 行第 9 列"]),
    "bad-date": (GOOD.replace("2024-03-15", "2024-02-30"), ["2024-02-30", "不是一个存在的日期", "第 8 行第 9 列"]),
    "bad-date-text": (GOOD.replace("2024-03-15", "下周一"), ["meeting.date", "不是日期", "第 8 行第 9 列"]),
    "unknown-kind": (GOOD.replace("kind: 局", "kind: 科室"), ["unit.kind", "科室", "第 4 行第 9 列", "可选：办、局"]),
    "unknown-template": (GOOD.replace("ideology-four-grips", "no-such"), ["template", "no-such", "第 1 行第 11 列", "ideology-four-grips"]),
    "duplicate-key": (GOOD + "unit:\n  name: 另一个局\n", ["重复", "unit", "第 9 行第 1 列", "第 2 行"]),
    "control-char": (GOOD.replace("某某县统计局", '"某某县\\x07统计局"'), ["unit.name", "控制字符", "U+0007", "第 3 行"]),
    "unknown-field": (GOOD.replace("speaker:", "speeker:"), ["speeker", "是不是“speaker”", "第 5 行"]),
    "empty": ("", ["空的"]),
    "only-comments": ("# 只有注释\n", ["没有任何字段"]),
    "not-a-mapping": ("- 一\n- 二\n", ["顶层", "字段名: 值"]),
    "no-template": (GOOD.replace("template: ideology-four-grips\n", ""), ["没有指定模板", "ideology-four-grips"]),
    "alias-loop": ("a: &x [*x]\n", ["循环引用"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_in_chinese_and_writes_nothing(tmp_path, name):
    text, words = CASES[name]
    source = tmp_path / "input.yaml"
    source.write_text(text, encoding="utf-8")
    before = files_in(tmp_path)
    result = run_cli("render", str(source), cwd=tmp_path)
    assert result.code == 1, result
    assert result.err.startswith("错误：")
    for word in words:
        assert word in result.err, (word, result.err)
    assert "Traceback" not in result.err + result.out
    assert files_in(tmp_path) == before


def test_all_errors_of_one_file_are_reported_together(tmp_path):
    source = tmp_path / "input.yaml"
    source.write_text(GOOD.replace("kind: 局", "kind: 科室").replace("2024-03-15", "昨天"), encoding="utf-8")
    result = run_cli("validate", str(source))
    assert result.code == 1
    assert "unit.kind" in result.err and "meeting.date" in result.err
    assert result.err.index("unit.kind") < result.err.index("meeting.date")  # in file order


def test_gbk_encoded_input_is_read(tmp_path):
    source = tmp_path / "input.yaml"
    source.write_bytes(GOOD.encode("gbk"))
    assert run_cli("validate", str(source)).code == 0


def test_missing_input_file(tmp_path):
    result = run_cli("render", str(tmp_path / "nope.yaml"))
    assert result.code == 1
    assert "找不到输入文件" in result.err


def test_existing_output_is_never_overwritten_without_force(tmp_path):
    source = tmp_path / "input.yaml"
    source.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "out.docx"
    target.write_bytes(b"keep me")
    result = run_cli("render", str(source), "-o", str(target))
    assert result.code == 1
    assert "已存在" in result.err and "--force" in result.err
    assert target.read_bytes() == b"keep me"
    assert files_in(tmp_path) == {"input.yaml", "out.docx"}
    assert run_cli("render", str(source), "-o", str(target), "--force").code == 0
    assert target.read_bytes()[:2] == b"PK"


def test_output_into_missing_folder(tmp_path):
    source = tmp_path / "input.yaml"
    source.write_text(GOOD, encoding="utf-8")
    result = run_cli("render", str(source), "-o", str(tmp_path / "no" / "out.docx"))
    assert result.code == 1
    assert "输出文件夹不存在" in result.err


def test_usage_errors_exit_2_in_chinese(tmp_path):
    result = run_cli("render")
    assert result.code == 2
    assert "缺少参数" in result.err
    result = run_cli("render", "x.yaml", "--bogus")
    assert result.code == 2
    assert "没有这个选项" in result.err
    result = run_cli("render", "x.yaml", "-f", "pdfx")
    assert result.code == 2
    assert "取值不正确" in result.err


def test_written_files_get_the_usual_permissions(tmp_path):
    import os
    import stat

    source = tmp_path / "input.yaml"
    source.write_text(GOOD, encoding="utf-8")
    assert run_cli("render", str(source), "-o", str(tmp_path / "out.docx")).code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "out.docx").stat().st_mode) == 0o666 & ~umask


def test_a_word_file_given_as_input_gets_a_pointer_to_check(tmp_path):
    draft = tmp_path / "旧讲话.docx"
    draft.write_bytes(b"PK\x03\x04")
    result = run_cli("render", str(draft))
    assert result.code == 1
    assert "不是 YAML 输入文件" in result.err and "drafter check" in result.err


@pytest.mark.parametrize("name, starts", [("讲话.txt", "党组书记在"), ("讲话.md", "# 党组书记在"), ("讲话.docx", "PK")])
def test_output_format_follows_the_file_name(tmp_path, name, starts):
    source = tmp_path / "input.yaml"
    source.write_text(GOOD, encoding="utf-8")
    assert run_cli("render", str(source), "-o", str(tmp_path / name)).code == 0
    data = (tmp_path / name).read_bytes()
    assert data.startswith(starts.encode("utf-8"))
