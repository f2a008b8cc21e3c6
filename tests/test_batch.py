"""Many documents in one run: a base YAML plus a table of units (xlsx, csv), several YAML
files and folders. One bad input never stops the others; the summary names it (row and
column for a table); nothing is left behind for it; exit status 1."""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

import docx
import openpyxl
import pytest

from conftest import MINIMAL_YAML, files_in, run_cli, write_minimal
from drafter.progress import Progress, choose_mode

BASE = MINIMAL_YAML.format(template="ideology-four-grips") + """\
leaders:
  - name: 张卫东
    post: 党组书记、局长
    role: 第一责任人
  - name: 李红梅
    post: 党组成员、副局长
    role: 分管领导
"""
HEADERS = ["unit.name", "unit.short_name", "unit.kind", "speaker.name", "leaders.1.name", "meeting.date"]


def body_text(path: Path) -> str:
    return "".join(p.text for p in docx.Document(str(path)).paragraphs)


def make_xlsx(path: Path, rows: list[list], headers: list[str] = HEADERS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def forty_units() -> list[list]:
    rows = []
    for i in range(1, 41):
        kind = "科室" if i == 17 else ("村" if i % 5 == 0 else "局")  # row 18 of the sheet is broken
        name = f"某某县第{i}村" if kind == "村" else f"某某县第{i}局"
        rows.append([name, name.replace("某某县", "县"), kind, f"王{i}", f"刘{i}", datetime.datetime(2024, 3, 15)])
    return rows


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "底稿.yaml"
    path.write_text(BASE, encoding="utf-8")
    return path


def test_forty_row_xlsx_with_one_broken_row(tmp_path, base):
    table = make_xlsx(tmp_path / "名单.xlsx", forty_units())
    out = tmp_path / "out"
    result = run_cli("render", str(base), "--table", str(table), "-o", str(out), "-j", "2")
    assert result.code == 1
    written = sorted(out.iterdir())
    assert len(written) == 39 and all(p.suffix == ".docx" for p in written)  # no staging folder left
    # the summary names the broken row's cell and the reason
    assert f"{table} 第 18 行 C 列（unit.kind）" in result.err
    assert "科室" in result.err and "失败 1 份" in result.err and "共 40 份：已生成 39 份，失败 1 份" in result.err
    assert not any("第17局" in p.name for p in written)
    # every other row is its own document: unit, speaker and first leader from the row
    village = next(p for p in written if p.name.startswith("县第5村"))
    text = body_text(village)
    assert "我村" in text and "王5" in text and "刘5同志分管" in text and "我局" not in text
    assert "2024年3月15日" in text
    office = next(p for p in written if p.name.startswith("县第1局"))
    assert "我局" in body_text(office) and "党组成员、副局长刘1同志" in body_text(office)  # post kept from the base


def test_same_unit_twice_never_overwrites_and_names_do_not_depend_on_jobs(tmp_path, base):
    rows = [["某某县统计局", "县统计局", "局", "甲", None, None]] * 3 + [["某某县林业局", "县林业局", "局", None, None, None]]
    table = make_xlsx(tmp_path / "名单.xlsx", rows)
    names = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = run_cli("render", str(base), "--table", str(table), "-o", str(out), "-j", jobs)
        assert result.code == 0, result.err
        names.append(sorted(files_in(out)))
    assert names[0] == names[1]
    stems = [re.sub(r"\.docx$", "", n) for n in names[0]]
    assert len(stems) == 4
    first = "县统计局-意识形态工作会议讲话-2024-03-15"
    assert {first, first + "-2", first + "-3"} <= set(stems)


def test_existing_files_are_kept_without_force(tmp_path, base):
    table = make_xlsx(tmp_path / "名单.xlsx", [["某某县统计局", "县统计局", "局", None, None, None],
                                              ["某某县林业局", "县林业局", "局", None, None, None]])
    out = tmp_path / "out"
    assert run_cli("render", str(base), "--table", str(table), "-o", str(out)).code == 0
    target = out / "县林业局-意识形态工作会议讲话-2024-03-15.docx"
    target.write_bytes(b"mine")
    (out / "县统计局-意识形态工作会议讲话-2024-03-15.docx").unlink()
    result = run_cli("render", str(base), "--table", str(table), "-o", str(out))
    assert result.code == 1
    assert "输出文件已存在" in result.err and "--force" in result.err
    assert target.read_bytes() == b"mine"
    assert (out / "县统计局-意识形态工作会议讲话-2024-03-15.docx").is_file()  # the other one is written
    assert run_cli("render", str(base), "--table", str(table), "-o", str(out), "--force").code == 0
    assert target.read_bytes().startswith(b"PK")


def test_gbk_csv_numbers_and_empty_cells(tmp_path, base):
    table = tmp_path / "名单.csv"
    with open(table, "w", encoding="gbk", newline="") as handle:  # as Excel on Chinese Windows saves it
        writer = csv.writer(handle)
        writer.writerow(["unit.name", "unit.kind", "leaders.1.name", "leaders.2.name", "leaders.2.role",
                         "meeting.date"])
        writer.writerow(["某某县110指挥中心", "中心", "110", "赵文斌", "分管领导", "2024年4月1日"])
        writer.writerow(["某某街道办事处", "街道", "", "", "", ""])
    out = tmp_path / "out"
    result = run_cli("render", str(base), "--table", str(table), "-o", str(out), "-q")
    assert result.code == 0, result.err
    assert result.err == "" and result.out == ""  # --quiet: nothing when all went well
    first = next(out.glob("某某县110指挥中心*.docx"))
    text = body_text(first)
    assert "我中心" in text and "110、赵文斌同志分管" in text and "2024年4月1日" in text
    second = next(out.glob("某某街道-*.docx"))
    text = body_text(second)
    assert "我街道" in text and "李红梅同志分管" in text and "2024年3月15日" in text  # empty cells keep the base


@pytest.mark.parametrize("header, expected", [
    ("单位名称", ["A 列", "单位名称", "字段路径", "unit.name"]),
    ("unit.nmae", ["A 列", "是不是“unit.name”"]),
    ("leaders.name", ["A 列", "leaders", "序号"]),
])
def test_unknown_header_names_the_column(tmp_path, base, header, expected):
    table = make_xlsx(tmp_path / "名单.xlsx", [["某某县统计局", "局"]], headers=[header, "unit.kind"])
    out = tmp_path / "out"
    result = run_cli("render", str(base), "--table", str(table), "-o", str(out))
    assert result.code == 1
    for text in expected:
        assert text in result.err
    assert f"{table} 第 1 行" in result.err
    assert not out.exists() or not list(out.iterdir())


def test_dates_in_cells(tmp_path, base):
    rows = [["某某县统计局", datetime.datetime(2024, 5, 6)], [datetime.datetime(2024, 1, 2), datetime.datetime(2024, 5, 6)]]
    table = make_xlsx(tmp_path / "名单.xlsx", rows, headers=["unit.name", "meeting.date"])
    out = tmp_path / "out"
    result = run_cli("render", str(base), "--table", str(table), "-o", str(out))
    assert result.code == 1
    assert f"{table} 第 3 行 A 列（unit.name）" in result.err and "日期" in result.err
    [only] = out.iterdir()
    assert "2024年5月6日" in body_text(only)


def test_yaml_files_and_folders_one_bad_input_does_not_stop_the_others(tmp_path):
    folder = tmp_path / "各单位"
    folder.mkdir()
    for name, unit in (("a.yaml", "某某县统计局"), ("b.yaml", "某某县林业局")):
        (folder / name).write_text(BASE.replace("某某县统计局", unit), encoding="utf-8")
    (folder / "broken.yaml").write_text(BASE.replace("  kind: 局", "  kind: 局: 科"), encoding="utf-8")
    (folder / "notes.txt").write_text("not an input", encoding="utf-8")
    extra = write_minimal(tmp_path, name="c.yaml")
    out = tmp_path / "out"
    result = run_cli("render", str(folder), str(extra), str(tmp_path / "missing.yaml"), "-o", str(out))
    assert result.code == 1
    assert len(list(out.iterdir())) == 3
    assert "broken.yaml 第 4 行" in result.err and "YAML 格式错误" in result.err
    assert "找不到输入文件" in result.err and "missing.yaml" in result.err
    assert "共 5 份：已生成 3 份，失败 2 份" in result.err
    # plain lines when the output is not a terminal
    assert re.search(r"^\[\d/5\] 已生成：", result.err, re.M)
    assert re.search(r"^\[\d/5\] 失败：.*broken\.yaml", result.err, re.M)


def test_folders_without_o_write_next_to_each_input(tmp_path):
    folder = tmp_path / "各单位"
    folder.mkdir()
    for name, unit in (("a.yaml", "某某县统计局"), ("b.yaml", "某某县林业局")):
        (folder / name).write_text(BASE.replace("某某县统计局", unit), encoding="utf-8")
    result = run_cli("render", str(folder), "-f", "text")
    assert result.code == 0, result.err
    texts = sorted(p.name for p in folder.glob("*.txt"))
    assert len(texts) == 2 and texts[0].endswith(".txt")
    assert "某某县林业局" in "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.txt"))


def test_strict_fails_documents_the_checker_objects_to(tmp_path, base):
    clean = BASE.replace("某某县统计局", "清河县统计局")  # 某某 is a placeholder the checker refuses
    (tmp_path / "bad.yaml").write_text(clean.replace("meeting:\n", "title: 村党支部书记在会议上的讲话\nmeeting:\n"),
                                       encoding="utf-8")
    (tmp_path / "good.yaml").write_text(clean, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("render", str(tmp_path / "bad.yaml"), str(tmp_path / "good.yaml"), "-o", str(out), "--strict")
    assert result.code == 1, result
    assert "--strict" in result.err and "bad.yaml" in result.err
    assert len(list(out.iterdir())) == 1


def test_output_must_be_a_folder_for_several_documents(tmp_path, base):
    result = run_cli("render", str(base), str(write_minimal(tmp_path)), "-o", str(tmp_path / "x.docx"))
    assert result.code == 2 and "文件夹" in result.err


def test_progress_bar_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    assert choose_mode(3, False, stream) == "bar"
    assert choose_mode(1, False, stream) == "lines"
    assert choose_mode(3, True, stream) == "quiet"
    assert choose_mode(3, False, io.StringIO()) == "lines"
    progress = Progress(3, "bar", stream)
    progress.advance(Path("a.docx"), "a")
    progress.failed("名单.xlsx 第 3 行", "名单.xlsx 第 3 行 C 列：不对\n第二行")
    progress.advance(Path("c.docx"), "c")
    progress.close()
    shown = stream.getvalue()
    assert "\r" in shown and "3/3 [" in shown and "100%" in shown and "份/秒" in shown and "剩余 0:00" in shown
    assert "失败：名单.xlsx 第 3 行" in shown


def test_single_file_still_refuses_to_overwrite(tmp_path):
    source = write_minimal(tmp_path)
    target = tmp_path / "out.docx"
    assert run_cli("render", str(source), "-o", str(target)).code == 0
    result = run_cli("render", str(source), "-o", str(target))
    assert result.code == 1 and "已存在" in result.err


def test_workers_started_by_spawn_as_on_windows_and_macos(tmp_path, base, monkeypatch):
    import multiprocessing

    real = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: real("spawn"))
    table = make_xlsx(tmp_path / "名单.xlsx", [["某某县统计局", "县统计局", "局", None, None, None],
                                              ["某某县林业局", "县林业局", "局", None, None, None]])
    out = tmp_path / "out"
    result = run_cli("render", str(base), "--table", str(table), "-o", str(out), "-j", "2", "--no-check")
    assert result.code == 0, result.err
    assert sorted(files_in(out)) == ["县林业局-意识形态工作会议讲话-2024-03-15.docx",
                                     "县统计局-意识形态工作会议讲话-2024-03-15.docx"]


def test_a_row_naming_another_unit_drops_the_base_short_name(tmp_path):
    base = tmp_path / "底稿.yaml"
    base.write_text(BASE.replace("  name: 某某县统计局\n", "  name: 某某县统计局\n  short_name: 县统计局\n"),
                    encoding="utf-8")
    table = tmp_path / "名单.csv"
    table.write_text("unit.name,unit.short_name\n某某县林业局,\n某某县水务局,县水务局\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("render", str(base), "--table", str(table), "-o", str(out), "-q")
    assert result.code == 0, result.err
    names = sorted(p.name for p in out.iterdir())
    assert names[0].startswith("县水务局-") and names[1].startswith("某某县林业局-")
    forestry = body_text(out / names[1])
    assert "县统计局" not in forestry and "某某县林业局" in forestry


def test_a_rows_reminders_name_the_row_and_count_repeated_places_once(tmp_path):
    """The base text says 我村 twice in one paragraph; a 社区's row is told so on one line."""
    base = tmp_path / "底稿.yaml"
    base.write_text(MINIMAL_YAML.format(template="ideology-four-grips").replace("name: 某某县统计局", "name: 桃园村")
                    .replace("kind: 局", "kind: 村")
                    + "tasks:\n  - title: 抓好阵地\n    detail: 我村要管好宣传栏，我村广播每天播放。\n", encoding="utf-8")
    table = tmp_path / "名单.csv"
    table.write_text("unit.name,unit.kind\n和平社区,社区\n杏林村,村\n", encoding="utf-8")
    result = run_cli("render", str(base), "--table", str(table), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    assert f"提醒：{table} 第 2 行里有以下问题：" in result.err
    lines = [line.strip() for line in result.err.splitlines() if "unit.self-ref" in line]
    assert len(lines) == 1 and lines[0].startswith("第") and "段（2 处） [错误] unit.self-ref：“我村”" in lines[0]
