"""PDF through LibreOffice: a whole batch in one run, read back with pdftotext; the
Windows font names mapped to free fonts; without LibreOffice a Chinese message says how
to install it and the .docx are still written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl

from conftest import files_in, run_cli, write_minimal


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def make_table(path: Path, units: list[tuple[str, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["unit.name", "unit.short_name", "unit.kind", "speaker.name"])
    for name, kind in units:
        sheet.append([name, name.replace("某某县", "县"), kind, "王某某"])
    book.save(path)
    return path


def test_batch_to_pdf_in_one_libreoffice_run(tmp_path, monkeypatch):
    base = write_minimal(tmp_path, name="底稿.yaml")
    table = make_table(tmp_path / "名单.xlsx", [("某某县统计局", "局"), ("某某县某某村", "村"), ("某某县林业局", "科室")])
    calls = []

    class CountingPopen(subprocess.Popen):
        def __init__(self, command, *args, **kwargs):
            if any("UserInstallation" in str(part) for part in command):
                calls.append(command)
            super().__init__(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", CountingPopen)
    out = tmp_path / "out"
    result = run_cli("render", str(base), "--table", str(table), "-o", str(out), "-f", "pdf")
    monkeypatch.undo()
    assert result.code == 1  # the 科室 row is broken
    assert "名单.xlsx 第 4 行 C 列（unit.kind）" in result.err
    assert len(calls) == 1  # one LibreOffice run for the whole batch, with a private profile
    assert any(str(part).startswith("-env:UserInstallation=file://") for part in calls[0])
    names = files_in(out)
    assert len(names) == 2 and all(n.endswith(".pdf") for n in names)  # no .docx, no staging folder
    village = pdf_text(next(out.glob("县某某村*.pdf")))
    assert "我村" in re.sub(r"\s", "", village) and "王某某" in village
    assert "— 1 —" in village or "—1—" in re.sub(r"\s", "", village)
    office = re.sub(r"\s", "", pdf_text(next(out.glob("县统计局*.pdf"))))
    assert "我局" in office and "同志们：" in office


def test_pdf_next_to_docx_uses_the_mapped_free_fonts(tmp_path):
    source = write_minimal(tmp_path)
    target = tmp_path / "讲话.docx"
    result = run_cli("render", str(source), "-o", str(target), "--pdf")
    assert result.code == 0, result.err
    pdf = target.with_suffix(".pdf")
    assert target.is_file() and pdf.is_file()
    assert "我局" in re.sub(r"\s", "", pdf_text(pdf))
    if shutil.which("pdffonts") and Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol").is_dir():
        fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
        # 仿宋_GB2312 → FandolFang, 楷体_GB2312 → FandolKai, 黑体 → FandolHei, 方正小标宋简体 → FandolSong
        for face in ("FandolFang", "FandolKai", "FandolHei", "FandolSong"):
            assert face in fonts, fonts
        assert "DejaVu" not in fonts
    # an existing PDF is kept without --force, and then the .docx is not written either
    target.unlink()
    pdf.write_bytes(b"mine")
    refused = run_cli("render", str(source), "-o", str(target), "--pdf")
    assert refused.code == 1 and "已存在" in refused.err
    assert pdf.read_bytes() == b"mine" and not target.exists()
    again = run_cli("render", str(source), "-o", str(target), "--pdf", "--force")
    assert again.code == 0 and pdf.read_bytes().startswith(b"%PDF") and target.is_file()


def test_without_libreoffice_the_docx_are_written_and_the_message_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "no-such-soffice"))
    source = write_minimal(tmp_path)
    single = run_cli("render", str(source), "-f", "pdf", "-o", str(tmp_path / "讲话.pdf"))
    assert single.code == 1
    assert "没有找到 LibreOffice" in single.err and "apt-get install libreoffice-writer-nogui" in single.err
    assert "Windows" in single.err and "macOS" in single.err and "Traceback" not in single.err
    assert (tmp_path / "讲话.docx").is_file() and not (tmp_path / "讲话.pdf").exists()

    second = tmp_path / "second.yaml"
    second.write_text(source.read_text(encoding="utf-8").replace("某某县统计局", "某某县林业局"), encoding="utf-8")
    out = tmp_path / "out"
    batch = run_cli("render", str(source), str(second), "-f", "pdf", "-o", str(out))
    assert batch.code == 1
    assert "apt-get install libreoffice-writer-nogui" in batch.err
    names = files_in(out)
    assert len(names) == 2 and all(n.endswith(".docx") for n in names)


def test_pdf_option_needs_word_format(tmp_path):
    result = run_cli("render", str(write_minimal(tmp_path)), "-f", "text", "--pdf")
    assert result.code == 2 and "--pdf" in result.err


def test_relative_output_names_convert_too(tmp_path):
    """LibreOffice misread the relative staging paths of `-o 讲话.pdf` and made no PDF."""
    write_minimal(tmp_path, name="a.yaml")
    single = run_cli("render", "a.yaml", "-o", "讲话.pdf", cwd=tmp_path)
    assert single.code == 0, single.err
    assert (tmp_path / "讲话.pdf").read_bytes().startswith(b"%PDF")
    assert "同志们：" in re.sub(r"\s", "", pdf_text(tmp_path / "讲话.pdf"))
    assert files_in(tmp_path) == {"a.yaml", "讲话.pdf"}
    # one PDF: no line about the Word file it is made from, whose name would be the input's
    assert "已排版" not in single.err and "a.yaml" not in single.err and "已生成：讲话.pdf" in single.err
