"""Tables of units as people make them in Excel and WPS: merged cells, several sheets,
CSV in every encoding Excel saves, and every mistake answered with a Chinese message
that names the cell (drafter.table)."""

from __future__ import annotations

import codecs
import datetime as dt
import re
import tempfile
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_YAML, run_cli
from drafter.errors import DrafterError, InputError, UsageError
from drafter.source import load_text
from drafter.table import merge, read_table
from drafter.templates import Library
from drafter.validation import validate

BASE_YAML = MINIMAL_YAML.format(template="ideology-four-grips") + """\
leaders:
  - name: 张某某
    post: 党组书记、局长
    role: 第一责任人
"""
MODEL = Library.discover(None, ()).get("ideology-four-grips").input_model
BASE = load_text(BASE_YAML, "底稿.yaml")


def workbook(path: Path, sheets: dict[str, list[list]], merged: dict[str, list[str]] | None = None,
             active: str | None = None) -> Path:
    """An .xlsx with the given sheets (rows from row 1) and merged ranges per sheet."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(name, []):
            sheet.merge_cells(cells)
    if active is not None:
        book.active = book.sheetnames.index(active)
    book.save(path)
    return path


def units(path: Path, sheet: str | None = None) -> list:
    """The validated input of every row, as a batch would render it."""
    table = read_table(path, MODEL, sheet=sheet)
    return [validate(merge(BASE, table.row(number, values)), MODEL) for number, values in table.iter_rows()]


def problem(path: Path, sheet: str | None = None) -> DrafterError:
    """The error that reading the table, or one of its rows, stops with."""
    with pytest.raises(DrafterError) as caught:
        units(path, sheet)
    return caught.value


# ------------------------------------------------------------------ merged cells ---

VILLAGES = [["unit.name", "unit.kind", "speaker.name"],
            ["某某县东村", "村", "王某"],
            ["某某县西村", None, "刘某"],
            ["某某县南村", None, "陈某"],
            ["某某县统计局", "局", "赵某"]]


def test_a_vertical_merge_fills_every_row_of_the_merge(tmp_path):
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": VILLAGES}, {"Sheet1": ["B2:B4"]})
    assert [(u.unit.name, u.unit.kind) for u in units(table)] == [
        ("某某县东村", "村"), ("某某县西村", "村"), ("某某县南村", "村"), ("某某县统计局", "局")]


def test_a_village_merged_with_its_neighbours_speaks_as_a_village(tmp_path):
    """The reported case: the rows under a merged 村 fell back to the base's 局."""
    base = tmp_path / "底稿.yaml"
    base.write_text(BASE_YAML, encoding="utf-8")
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": VILLAGES[:4]}, {"Sheet1": ["B2:B4"]})
    out = tmp_path / "out"
    result = run_cli("render", str(base), "--table", str(table), "-o", str(out), "-q", "--no-check")
    assert result.code == 0, result.err
    west = next(out.glob("某某县西村*.docx"))
    text = "".join(p.text for p in docx.Document(str(west)).paragraphs)
    assert "我村" in text and "我局" not in text


def test_a_merge_reaching_into_blank_rows_makes_no_units_of_them(tmp_path):
    rows = VILLAGES[:3] + [[None, None, None], [None, None, None]]
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": rows}, {"Sheet1": ["B2:B5"]})
    assert [(u.unit.name, u.unit.kind) for u in units(table)] == [("某某县东村", "村"), ("某某县西村", "村")]


def test_a_merged_title_above_the_headers_is_refused_with_its_range(tmp_path):
    rows = [["某某县单位名单", None, None]] + VILLAGES
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": rows}, {"Sheet1": ["A1:C1"]})
    error = problem(table)
    assert isinstance(error, InputError)
    message = str(error)
    assert message.startswith(f"{table} A1:C1：")
    assert "第 1 行" in message and "列标题" in message and "合并" in message


def test_a_header_merged_downwards_is_refused(tmp_path):
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": VILLAGES}, {"Sheet1": ["C1:C2"]})
    assert f"{table} C1:C2：" in str(problem(table))


def test_a_horizontal_merge_across_two_fields_is_refused_naming_both(tmp_path):
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": VILLAGES}, {"Sheet1": ["B3:C3"]})
    message = str(problem(table))
    assert message.startswith(f"{table} B3:C3：")
    assert "unit.kind" in message and "speaker.name" in message and "取消合并" in message


def test_every_refused_merge_is_named_at_once(tmp_path):
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": VILLAGES}, {"Sheet1": ["B3:C3", "A4:B5"]})
    message = str(problem(table))
    assert "B3:C3" in message and "A4:B5" in message


def test_a_merge_over_a_column_without_header_keeps_its_value_in_the_field(tmp_path):
    rows = [row + [None] for row in VILLAGES]
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": rows}, {"Sheet1": ["C2:D2"]})
    assert [u.speaker.name for u in units(table)] == ["王某", "刘某", "陈某", "赵某"]


# ------------------------------------------------------------------ sheets ---------

OTHER = [["说明"], ["第 1 行写字段路径"]]


def test_the_first_sheet_is_read_and_a_note_names_the_others(tmp_path):
    backup = [VILLAGES[0], ["某某县备份局", "局", "钱某"]]
    table_path = workbook(tmp_path / "名单.xlsx", {"名单": VILLAGES, "说明": OTHER, "备份": backup}, active="备份")
    table = read_table(table_path, MODEL)
    assert table.notes == ["读取了工作表“名单”；另有工作表“说明”“备份”未读取，可用 --sheet 指定"]
    assert len(table) == 4
    assert [u.unit.name for u in units(table_path)][0] == "某某县东村"


def test_empty_sheets_are_passed_over_and_not_mentioned(tmp_path):
    table_path = workbook(tmp_path / "名单.xlsx", {"Sheet1": [], "名单": VILLAGES, "Sheet3": []})
    table = read_table(table_path, MODEL)
    assert table.notes == [] and len(table) == 4


def test_a_single_sheet_gives_no_note(tmp_path):
    table = read_table(workbook(tmp_path / "名单.xlsx", {"Sheet1": VILLAGES}), MODEL)
    assert table.notes == []


def test_the_sheet_named_with_sheet_is_read(tmp_path):
    backup = [VILLAGES[0], ["某某县备份局", "局", "钱某"]]
    table_path = workbook(tmp_path / "名单.xlsx", {"名单": VILLAGES, "备份": backup})
    table = read_table(table_path, MODEL, sheet="备份")
    assert table.notes == []
    assert [u.unit.name for u in units(table_path, sheet="备份")] == ["某某县备份局"]


def test_an_unknown_sheet_lists_the_sheets_there_are(tmp_path):
    table_path = workbook(tmp_path / "名单.xlsx", {"名单": VILLAGES, "说明": OTHER})
    with pytest.raises(UsageError) as caught:
        read_table(table_path, MODEL, sheet="单位")
    assert str(caught.value) == f"{table_path} 里没有工作表“单位”；有的工作表：“名单”“说明”"


def test_sheet_with_a_csv_file_is_a_usage_error(tmp_path):
    table_path = tmp_path / "名单.csv"
    table_path.write_bytes("unit.name\n某某县东村\n".encode())
    with pytest.raises(UsageError) as caught:
        read_table(table_path, MODEL, sheet="名单")
    assert "CSV" in str(caught.value) and "--sheet" in str(caught.value)


def test_cells_name_their_sheet_when_the_workbook_has_several(tmp_path):
    rows = VILLAGES[:2] + [["某某县西村", "科室", "刘某"]]
    table_path = workbook(tmp_path / "名单.xlsx", {"名单": rows, "说明": OTHER})
    table = read_table(table_path, MODEL)
    assert table.label(3) == f"{table_path} 工作表“名单” 第 3 行"
    assert f"{table_path} 工作表“名单” 第 3 行 B 列（unit.kind）：" in str(problem(table_path))


def test_cells_of_a_single_sheet_are_named_without_it(tmp_path):
    rows = VILLAGES[:2] + [["某某县西村", "科室", "刘某"]]
    table_path = workbook(tmp_path / "名单.xlsx", {"Sheet1": rows})
    assert read_table(table_path, MODEL).label(3) == f"{table_path} 第 3 行"
    assert f"{table_path} 第 3 行 B 列（unit.kind）：" in str(problem(table_path))


def test_refused_merges_name_their_sheet_when_there_are_several(tmp_path):
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": VILLAGES, "说明": OTHER}, {"Sheet1": ["B3:C3"]})
    assert str(problem(table)).startswith(f"{table} 工作表“Sheet1” B3:C3：")


def test_columns_keep_their_letters_when_column_a_is_empty(tmp_path):
    rows = [[None] + row for row in VILLAGES[:2]] + [[None, "某某县西村", "科室", "刘某"]]
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": rows})
    assert f"{table} 第 3 行 C 列（unit.kind）：" in str(problem(table))


def damaged_workbooks(tmp_path: Path) -> dict[str, bytes]:
    whole = workbook(tmp_path / "好.xlsx", {"Sheet1": VILLAGES}).read_bytes()
    import zipfile
    broken = tmp_path / "坏.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
    return {"empty": b"", "text": "unit.name\n".encode(), "cut": whole[: len(whole) // 2],
            "not a workbook": broken.read_bytes(), "scrambled": whole[:600] + bytes(range(256)) * 4 + whole[1624:]}


@pytest.mark.parametrize("damage", ["empty", "text", "cut", "not a workbook", "scrambled"])
def test_a_damaged_workbook_is_a_chinese_error(tmp_path, damage):
    table = tmp_path / "名单.xlsx"
    table.write_bytes(damaged_workbooks(tmp_path)[damage])
    error = problem(table)
    assert isinstance(error, InputError)
    assert str(table) in str(error) and "另存为" in str(error)
    assert not re.search(r"Error|Zip|Exception|zlib|lxml", str(error)), str(error)


def test_a_table_read_from_the_wrong_sheet_says_which_sheet_to_name(tmp_path):
    table = workbook(tmp_path / "名单.xlsx", {"说明": OTHER, "名单": VILLAGES})
    message = str(problem(table))
    assert "工作表“说明” 第 1 行 A 列" in message
    assert message.endswith("读取了工作表“说明”；另有工作表“名单”未读取，可用 --sheet 指定")


# ------------------------------------------------------------------ CSV ------------

CSV_TEXT = "unit.name,unit.kind,speaker.name\r\n某某县东村,村,王某\r\n\"某某县西村\",村,\"刘某\"\r\n"
TSV_TEXT = CSV_TEXT.replace(",", "\t")


@pytest.mark.parametrize("text, data", [
    (CSV_TEXT, CSV_TEXT.encode("utf-8")),
    (CSV_TEXT, codecs.BOM_UTF8 + CSV_TEXT.encode("utf-8")),
    (CSV_TEXT, CSV_TEXT.encode("gbk")),
    (TSV_TEXT, TSV_TEXT.encode("utf-8")),
    (TSV_TEXT, codecs.BOM_UTF16_LE + TSV_TEXT.encode("utf-16-le")),  # Excel's “Unicode 文本”
    (CSV_TEXT, codecs.BOM_UTF16_LE + CSV_TEXT.encode("utf-16-le")),
    (TSV_TEXT, codecs.BOM_UTF16_BE + TSV_TEXT.encode("utf-16-be")),
], ids=["utf-8", "utf-8 bom", "gbk", "utf-8 tabs", "utf-16 tabs", "utf-16 commas", "utf-16 be"])
def test_csv_in_the_encodings_and_separators_excel_saves(tmp_path, text, data):
    table = tmp_path / "名单.csv"
    table.write_bytes(data)
    assert [(u.unit.name, u.unit.kind, u.speaker.name) for u in units(table)] == [
        ("某某县东村", "村", "王某"), ("某某县西村", "村", "刘某")]


def test_excel_unicode_text_saved_as_txt_is_read(tmp_path):
    """Excel's “Unicode 文本” and “文本文件（制表符分隔）” are saved with the extension .txt."""
    table = tmp_path / "名单.txt"
    table.write_bytes(codecs.BOM_UTF16_LE + TSV_TEXT.encode("utf-16-le"))
    assert [u.unit.name for u in units(table)] == ["某某县东村", "某某县西村"]


def test_other_files_are_refused_naming_the_kinds_that_are_read(tmp_path):
    table = tmp_path / "名单.docx"
    table.write_bytes(b"PK")
    message = str(problem(table))
    assert str(table) in message and ".xlsx" in message and ".csv" in message


def test_a_comma_inside_a_tab_separated_cell_stays_in_the_cell(tmp_path):
    table = tmp_path / "名单.txt.csv"
    table.write_bytes("unit.name\tunit.kind\n某某县东村,西村联合党支部\t村\n".encode("utf-8"))
    assert [u.unit.name for u in units(table)] == ["某某县东村,西村联合党支部"]


def test_a_csv_with_a_nul_byte_is_a_chinese_error_naming_the_row(tmp_path):
    table = tmp_path / "名单.csv"
    table.write_bytes(b"unit.name\n\xe6\x9d\x91\x00\n")
    message = str(problem(table))
    assert f"{table} 第 2 行" in message and "NUL" not in message and "line" not in message


def test_a_cell_too_long_for_csv_is_a_chinese_error_naming_the_row(tmp_path):
    table = tmp_path / "名单.csv"
    table.write_bytes(("unit.name\n某某县东村\n\"" + "村" * 140_000 + "\"\n").encode())
    message = str(problem(table))
    assert f"{table} 第 3 行" in message and "太长" in message and "field" not in message


def test_an_unknown_encoding_is_named(tmp_path):
    table = tmp_path / "名单.csv"
    table.write_bytes(b"unit.name\n\xff\xff\xfe\x80\n")
    assert "编码" in str(problem(table))


# ------------------------------------------------------------------ cells ----------


def test_an_excel_error_value_is_refused_at_its_cell(tmp_path):
    table = tmp_path / "名单.csv"
    table.write_bytes("unit.name,speaker.name\n某某县东村,#REF!\n".encode())
    message = str(problem(table))
    assert f"{table} 第 2 行 B 列（speaker.name）：" in message and "#REF!" in message and "公式" in message


def test_a_boolean_header_is_shown_as_excel_shows_it(tmp_path):
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": [["unit.name", True], ["某某县东村", None]]})
    message = str(problem(table))
    assert "“TRUE”" in message and "True" not in message


def test_booleans_and_durations_in_text_fields_are_not_python_words(tmp_path):
    rows = [["unit.name", "speaker.name", "meeting.name", "meeting.date"],
            ["某某县东村", False, dt.timedelta(hours=30), True]]
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": rows})
    try:
        data = units(table)
    except DrafterError as error:
        message = str(error)
    else:
        message = f"{data[0].speaker.name} {data[0].meeting.name}"
    assert not re.search(r"False|day", message), message


def test_a_full_width_list_number_in_a_header_is_understood(tmp_path):
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": [["unit.name", "leaders.０.name"], ["某某县东村", "孙某"]]})
    assert units(table)[0].leaders[0].name == "孙某"


def test_a_superscript_number_in_a_header_is_a_chinese_error(tmp_path):
    table = workbook(tmp_path / "名单.xlsx", {"Sheet1": [["unit.name", "leaders.².name"], ["某某县东村", "孙某"]]})
    message = str(problem(table))
    assert f"{table} 第 1 行 B 列" in message and "invalid" not in message


# ------------------------------------------------------------------ any table ------

HEADERS = ["unit.name", "unit.kind", "unit.short_name", "speaker.name", "meeting.date", "leaders.0.name",
           "leaders.1.name", "leaders.3.post", "tasks.0.title", "channels.0", "leaders.0", "unit", "单位名称",
           "unit.nmae", "leaders.x.name", "", None, 12, True, "unit..name"]
TEXT = st.text(alphabet="某县村局东西〇一二三 ,\t\"\n#!=.:", max_size=12)
CELLS = st.one_of(
    st.none(), TEXT, st.sampled_from(["村", "局", "科室", "是", "#N/A", "=A1", "=1/0", "2024-02-30", "2024年3月5日"]),
    st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)).map(lambda d: dt.datetime(d.year, d.month, d.day)),
    st.text(alphabet="村局", min_size=200, max_size=400),
)


@st.composite
def grids(draw) -> tuple[list[list], list[str]]:
    width = draw(st.integers(1, 5))
    height = draw(st.integers(0, 5))
    header = [draw(st.sampled_from(HEADERS)) for _ in range(width)]
    rows = [header] + [[draw(CELLS) for _ in range(width)] for _ in range(height)]
    merges, taken = [], set()
    for _ in range(draw(st.integers(0, 2))):
        top, left = draw(st.integers(1, height + 1)), draw(st.integers(1, width))
        bottom, right = draw(st.integers(top, height + 1)), draw(st.integers(left, width))
        cells = {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
        if len(cells) > 1 and not cells & taken:
            taken |= cells
            merges.append(f"{openpyxl.utils.get_column_letter(left)}{top}:"
                          f"{openpyxl.utils.get_column_letter(right)}{bottom}")
    return rows, merges


def csv_bytes(rows: list[list], encoding: str, separator: str) -> bytes:
    """The rows as Excel saves them: every cell quoted, TRUE/FALSE, dates without a time."""
    def text(value):
        if value is None:
            return ""
        shown = {True: "TRUE", False: "FALSE"}.get(value, value) if isinstance(value, bool) else value
        shown = shown.date() if isinstance(shown, dt.datetime) else shown
        return '"' + str(shown).replace('"', '""') + '"'
    body = "\r\n".join(separator.join(text(v) for v in row) for row in rows)
    return codecs.BOM_UTF16_LE + body.encode("utf-16-le") if encoding == "utf-16" else body.encode(encoding, "replace")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids(), st.sampled_from(["xlsx", "xlsx2", "utf-8", "gbk", "utf-16"]), st.sampled_from([",", "\t"]))
def test_any_table_gives_documents_or_chinese_errors_with_places(grid, form, separator):
    rows, merges = grid
    with tempfile.TemporaryDirectory() as folder:
        if form.startswith("xlsx"):
            path = Path(folder) / "名单.xlsx"
            sheets = {"名单": rows, "说明": OTHER} if form == "xlsx2" else {"名单": rows}
            workbook(path, sheets, {"名单": merges})
        else:
            path = Path(folder) / "名单.csv"
            path.write_bytes(csv_bytes(rows, form, separator))
        messages = []
        try:
            table = read_table(path, MODEL)
            for number, values in table.iter_rows():
                try:
                    validate(merge(BASE, table.row(number, values)), MODEL)
                except DrafterError as error:
                    messages.append(str(error))
                    assert table.label(number) in str(error)  # every row's problem names its row
        except DrafterError as error:
            messages.append(str(error))
            assert str(path) in str(error)  # the table's own problems name the file
        for message in messages:
            assert not re.search(r"\b(None|True|False)\b|Error|Traceback", message), message
