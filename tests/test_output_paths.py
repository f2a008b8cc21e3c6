"""Where `render -o` writes: names people type that must not produce a wrong or lost file."""

from __future__ import annotations

import pytest

from conftest import files_in, run_cli, write_minimal


@pytest.mark.parametrize("name", ["讲话.doc", "讲话.wps", "讲话.DOC"])
def test_doc_and_wps_names_are_refused_and_nothing_is_written(tmp_path, name):
    source = write_minimal(tmp_path)
    result = run_cli("render", str(source), "-o", str(tmp_path / name))
    assert result.code == 2
    assert "不能生成" in result.err and ".docx" in result.err and "Traceback" not in result.err
    assert files_in(tmp_path) == {"in.yaml"}


def test_a_name_without_extension_gets_the_format_s_and_says_so(tmp_path):
    source = write_minimal(tmp_path)
    result = run_cli("render", str(source), "-o", str(tmp_path / "讲话"))
    assert result.code == 0, result.err
    assert "没有扩展名，已写为 讲话.docx" in result.err
    assert files_in(tmp_path) == {"in.yaml", "讲话.docx"}
    assert (tmp_path / "讲话.docx").read_bytes()[:2] == b"PK"
    text = run_cli("render", str(source), "-o", str(tmp_path / "预览"), "-f", "text")
    assert text.code == 0 and (tmp_path / "预览.txt").read_text(encoding="utf-8").startswith("党组书记在")


def test_an_extension_that_does_not_fit_the_format_is_refused(tmp_path):
    source = write_minimal(tmp_path)
    result = run_cli("render", str(source), "-o", str(tmp_path / "讲话.txt"), "-f", "docx")
    assert result.code == 2 and "“.txt”与输出格式 docx" in result.err
    assert files_in(tmp_path) == {"in.yaml"}


@pytest.mark.parametrize("extra", [[], ["--force"]])
def test_the_input_itself_is_never_overwritten(tmp_path, extra):
    source = write_minimal(tmp_path)
    before = source.read_bytes()
    result = run_cli("render", str(source), "-o", str(source), "-f", "text", *extra)
    assert result.code == 2 and "就是输入文件" in result.err
    assert source.read_bytes() == before and files_in(tmp_path) == {"in.yaml"}


def test_an_existing_folder_receives_the_document_under_its_usual_name(tmp_path):
    source = write_minimal(tmp_path)
    (tmp_path / "输出").mkdir()
    result = run_cli("render", str(source), "-o", str(tmp_path / "输出"))
    assert result.code == 0, result.err
    assert files_in(tmp_path / "输出") == {"某某县统计局-意识形态工作会议讲话-2024-03-15.docx"}
    assert "已生成：" in result.err and "输出" in result.err


def test_a_missing_folder_in_the_output_name_is_named(tmp_path):
    source = write_minimal(tmp_path)
    result = run_cli("render", str(source), "-o", str(tmp_path / "没有" / "讲话.docx"))
    assert result.code == 1 and "输出文件夹不存在" in result.err
    assert files_in(tmp_path) == {"in.yaml"}
