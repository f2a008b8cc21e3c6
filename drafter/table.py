"""A table of units (Excel .xlsx or CSV) as overrides of one base YAML, row by row.

The first row holds the headers, written as field paths (`unit.name`, `speaker.name`,
`leaders.0.name` …); every later row is one document. A filled cell replaces the
base YAML's value at its path; an empty cell keeps it. Every value remembers its
cell, so validation errors read "名单.xlsx 第 7 行 C 列（unit.kind）".

Headers are checked against the template's input model before any row is used:
a header that is not a field path is an error naming its column.

Tables as people make them in Excel and WPS:
- Merged cells. A merge down one column of data rows (a 村 written once for three
  villages) means "this value for every row of the merge", so every row of it gets the
  value; a row that is blank apart from the merge stays blank and makes no document.
  A merge that touches the header row (a title above the headers), or one that spans
  several columns of which another than its first has a header (one value, two
  fields), cannot be read either way. Like a wrong header it is a fault of the table's
  layout, not of one unit, so the whole table is refused before any document is
  written, naming the range of every such merge ("名单.xlsx B3:C3：…").
- Several sheets. `sheet` names the sheet to read; without it the first non-empty
  sheet in workbook order is read (not the active one, which is wherever the file was
  last left open) and `Table.notes` says which one, naming the non-empty sheets left
  unread; the same note ends the error when that sheet cannot be used. When a workbook
  has more than one sheet, positions name the sheet too ("名单.xlsx 工作表“名单” 第 7 行 C 列").
- CSV as Excel saves it: UTF-8 with or without BOM, GBK, and “Unicode 文本”, which is
  UTF-16 with a BOM and tab-separated. The separator is a tab when the header row has
  more tabs than commas (field paths contain neither), else a comma.

- Formulas count by the result Excel saved with the file; a result that is an Excel
  error (#REF!, #N/A …) is an error at its cell, never text in a document.

An .xlsx is loaded whole (openpyxl's streaming mode does not report merged cells);
its rows, like a CSV's, are made into `Row`s one at a time when a batch runs.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from .errors import InputError, InputErrors, UsageError
from .source import Path_, Source, read_text
from .validation import field_path

# Excel's “Unicode 文本” and “文本文件（制表符分隔）” save as .txt.
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
_TRUE = {"是", "true", "yes", "y", "1", "对", "√"}
_FALSE = {"否", "false", "no", "n", "0", "不", "×"}
# What Excel shows in a cell whose formula failed; never a value anyone meant.
EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!"}


class CellPosition(NamedTuple):
    """A table cell, where errors point (a Position): `line` is the spreadsheet row,
    `column` the 1-based column number, `header` the field path written above it,
    `sheet` the worksheet's name when the workbook has several."""

    file: str
    line: int
    column: int
    header: str = ""
    sheet: str = ""

    def __str__(self) -> str:
        where = f"{place(self.file, self.sheet)} 第 {self.line} 行 {column_letter(self.column)} 列"
        return f"{where}（{self.header}）" if self.header else where


def place(file: str, sheet: str) -> str:
    """“名单.xlsx” or “名单.xlsx 工作表“名单””: how messages name a table."""
    return f"{file} 工作表“{sheet}”" if sheet else file


def column_letter(number: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA: the column names Excel and WPS show."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Merge(NamedTuple):
    """A merged range of cells (1-based, inclusive)."""

    top: int
    left: int
    bottom: int
    right: int

    def __str__(self) -> str:
        return f"{column_letter(self.left)}{self.top}:{column_letter(self.right)}{self.bottom}"


@dataclass
class Column:
    """One column with a header: its number (1-based), the header as written, the
    field path it names and the annotation at the end of that path (str, int, date …)."""

    number: int
    header: str
    path: Path_
    leaf: Any


@dataclass
class Row:
    """One data row: the values of its filled cells, by field path."""

    number: int  # spreadsheet row number (the header is row 1)
    values: dict[Path_, Any] = field(default_factory=dict)
    cells: dict[Path_, CellPosition] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)  # cells that cannot be used; fail this row only


@dataclass
class Table:
    """A table file with checked headers. Its rows are read again, one at a time, when a
    batch runs (`iter_rows`), so no `Row` is kept per unit.

    `sheet` is the worksheet read (None for CSV); positions name it when the workbook has
    `several_sheets`; `notes` are what the command should tell the user."""

    file: str
    columns: list[Column]
    count: int = 0  # data rows (blank rows are skipped)
    path: Path | None = None
    sheet: str | None = None
    several_sheets: bool = False
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return self.count

    def label(self, number: int) -> str:
        return f"{place(self.file, self.sheet_label)} 第 {number} 行"

    @property
    def sheet_label(self) -> str:
        """The sheet's name where positions show it, else ""."""
        return self.sheet if self.sheet and self.several_sheets else ""

    def iter_rows(self) -> Iterator[tuple[int, tuple]]:
        """(row number, cell values) of every non-blank data row, read from the file."""
        assert self.path is not None
        rows = open_grid(self.path, self.sheet).rows
        next(rows, None)  # the headers
        for number, values in enumerate(rows, start=2):
            if not _blank_row(values):
                yield number, tuple(values)

    def row(self, number: int, values: tuple) -> Row:
        return _row(self.file, self.sheet_label, number, values, self.columns)

    def head(self) -> "Table":
        """The headers only: what a worker process needs to read the cells of a row."""
        return Table(self.file, self.columns, sheet=self.sheet, several_sheets=self.several_sheets)


# ------------------------------------------------------------------ reading -----


class Grid(NamedTuple):
    """One sheet (or CSV file) as read: every row from row 1 on, blank ones included,
    with vertical merges filled in; the merged ranges; the sheet's name and whether
    the workbook has others ("" and False for CSV); notes for the user."""

    rows: Iterator[list[Any]]
    merges: list[Merge]
    sheet: str = ""
    several: bool = False
    notes: tuple[str, ...] = ()


def open_grid(path: Path, sheet: str | None = None) -> Grid:
    """The cells of `path`: a CSV file, or the sheet `sheet` of a workbook (default: its
    first non-empty sheet)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        if sheet is not None:
            raise UsageError(f"{path} 是 CSV 文本表格，没有工作表：--sheet 只用于 .xlsx 文件")
        return Grid(_csv_rows(path), [])
    if suffix == ".xlsx":
        return _xlsx_grid(path, sheet)
    if suffix in (".xls", ".et", ".ods"):
        raise InputError(f"{path}：不支持 {suffix} 格式，请在 Excel 或 WPS 里“另存为”.xlsx 或 CSV 文件")
    raise InputError(f"{path}：单位名单只能是 .xlsx、.csv 文件，或 Excel 另存的“Unicode 文本”（.txt）")


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    import csv
    import io

    text = read_text(path, "单位名单文件")  # UTF-8, GBK, or UTF-16 with a BOM (Excel's “Unicode 文本”)
    first_line = text.split("\n", 1)[0]
    separator = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        yield from reader
    except csv.Error as exc:
        raise InputError(f"{path} 第 {reader.line_num} 行不是有效的 CSV：{_csv_problem(exc)}") from None


def _csv_problem(exc: Exception) -> str:
    """csv's English reasons, as a user can act on them."""
    reason = str(exc)
    if "NUL" in reason:
        return "含有空字符（\\0），这不是文本表格，或者编码不对；请在 Excel 或 WPS 里重新“另存为”CSV"
    if "field larger" in reason:
        return "有一格的内容太长（超过 13 万字）"
    return "引号没有配对，或一行的格式不对；请在 Excel 或 WPS 里重新“另存为”CSV"


def _xlsx_grid(path: Path, wanted: str | None) -> Grid:
    book = _load_workbook(path)
    names = [sheet.title for sheet in book.worksheets]
    if wanted is not None:
        if wanted not in names:
            listed = "".join(f"“{name}”" for name in names)
            raise UsageError(f"{path} 里没有工作表“{wanted}”；有的工作表：{listed}")
        sheet, notes = book[wanted], ()
    else:
        sheet, notes = _first_filled_sheet(book.worksheets)
    merges = [Merge(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
    fills: dict[int, dict[int, Any]] = {}  # row -> column -> the value of the merge over that cell
    for merge in merges:
        for number in range(merge.top + 1, merge.bottom + 1):
            fills.setdefault(number, {})[merge.left] = sheet.cell(merge.top, merge.left).value
    return Grid(_filled_rows(sheet.iter_rows(values_only=True), fills), merges, sheet.title, len(names) > 1, notes)


def _load_workbook(path: Path) -> Any:
    if not path.is_file():
        raise InputError(f"找不到单位名单文件：{path}")
    import openpyxl

    try:
        return openpyxl.load_workbook(path, data_only=True)
    except Exception:  # noqa: BLE001 - a damaged file fails in zipfile, zlib, lxml or openpyxl, each its own way
        raise InputError(f"无法读取 {path}：文件已损坏，或不是 Excel、WPS 保存的 .xlsx 文件（设了打开密码的也读不了）；"
                         "请在 Excel 或 WPS 里打开它，重新“另存为”.xlsx 或 CSV 文件") from None


def _first_filled_sheet(sheets: list[Any]) -> tuple[Any, tuple[str, ...]]:
    """The first sheet with a filled cell (or the first sheet) and a note naming the
    other filled sheets, which are not read."""
    filled = [s for s in sheets if any(not _blank(v) for row in s.iter_rows(values_only=True) for v in row)]
    if not filled:
        return sheets[0], ()
    chosen, *others = filled
    if not others:
        return chosen, ()
    unread = "".join(f"“{s.title}”" for s in others)
    return chosen, (f"读取了工作表“{chosen.title}”；另有工作表{unread}未读取，可用 --sheet 指定",)


def _filled_rows(rows: Iterable[Iterable[Any]], fills: dict[int, dict[int, Any]]) -> Iterator[list[Any]]:
    """The rows with the values of `fills` put in, except in rows that are blank apart
    from merges (no unit is meant there)."""
    for number, values in enumerate(rows, start=1):
        values = list(values)
        if number in fills and not _blank_row(values):
            for column, value in fills[number].items():
                values.extend([None] * (column - len(values)))
                values[column - 1] = value
        yield values


def read_table(path: Path, model: Any, sheet: str | None = None) -> Table:
    """Check the table's headers and merged cells against `model` (the template's input
    model) and count its rows; `sheet` names the worksheet of an .xlsx to read.

    The rows themselves are not kept: a batch reads them again, one at a time.
    """
    grid = open_grid(path, sheet)
    try:
        return _checked_table(path, grid, model)
    except InputError as exc:
        if not grid.notes:
            raise
        # The sheet read may not be the one meant: say which it was and how to name another.
        errors = exc.errors if isinstance(exc, InputErrors) else [exc]
        raise InputErrors([*errors, *(InputError(note) for note in grid.notes)]) from None


def _checked_table(path: Path, grid: Grid, model: Any) -> Table:
    file = str(path)
    shown = grid.sheet if grid.several else ""
    headers = next(grid.rows, None)
    count = sum(1 for values in grid.rows if not _blank_row(values))
    if headers is None or (_blank_row(headers) and not count):
        raise InputError(f"{place(file, shown)} 是空的：第 1 行应为列标题（字段路径，如 unit.name），从第 2 行起每行一个单位")
    _check_merges(place(file, shown), grid.merges, headers)
    columns = _columns(file, shown, headers, model)
    if not count:
        raise InputError(f"{place(file, shown)} 只有列标题，没有单位：从第 2 行起每行填一个单位")
    return Table(file, columns, count, path, grid.sheet or None, grid.several, list(grid.notes))


def _check_merges(where: str, merges: list[Merge], headers: list[Any]) -> None:
    """Refuse the merges that cannot be read as one value per field (see the module's docstring)."""
    errors = []
    for merge in sorted(merges, key=lambda m: (m.top, m.left)):
        named = [(n, headers[n - 1]) for n in range(merge.left, merge.right + 1)
                 if n <= len(headers) and not _blank(headers[n - 1])]
        if merge.top == 1:
            errors.append(InputError(
                f"{where} {merge}：第 1 行是列标题（每格一个字段路径，如 unit.name），不能合并单元格；"
                "如果第 1 行是表格的标题，请删去这一行，让列标题在第 1 行"))
        elif any(number != merge.left for number, _ in named):
            fields = "、".join(f"{column_letter(n)} 列 {cell_text(h)}" for n, h in named)
            errors.append(InputError(
                f"{where} {merge}：这个合并单元格跨了几个字段（{fields}），不知道填给哪一个；"
                "请取消合并，在每一格里分别填写"))
    if errors:
        raise InputErrors(errors)


def _blank_row(values: Iterable[Any]) -> bool:
    return all(_blank(v) for v in values)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _columns(file: str, sheet: str, headers: list[Any], model: Any) -> list[Column]:
    columns: list[Column] = []
    errors: list[InputError] = []
    seen: dict[Path_, int] = {}
    for number, raw in enumerate(headers, start=1):
        where = CellPosition(file, 1, number, sheet=sheet)
        if _blank(raw):
            continue  # a column without header must stay empty; _row checks that
        header = cell_text(raw).strip()
        try:
            path, leaf = resolve_header(header, model)
        except ValueError as exc:
            errors.append(InputError(str(exc), where))
            continue
        if path in seen:
            errors.append(InputError(f"列标题“{header}”与 {column_letter(seen[path])} 列重复", where))
            continue
        seen[path] = number
        columns.append(Column(number, header, path, leaf))
    if errors:
        raise InputErrors(errors)
    if not columns:
        raise InputError("第 1 行应为列标题（字段路径，如 unit.name、speaker.name），现在没有任何列标题",
                         CellPosition(file, 1, 1, sheet=sheet))
    return columns


def _row(file: str, sheet: str, number: int, values: Iterable[Any], columns: list[Column]) -> Row:
    row = Row(number)
    errors = row.errors
    by_number = {c.number: c for c in columns}
    for index, value in enumerate(values, start=1):
        if _blank(value):
            continue
        column = by_number.get(index)
        if column is None:
            errors.append(InputError("这一格有内容，但这一列没有列标题（第 1 行应写字段路径）",
                                     CellPosition(file, number, index, sheet=sheet)))
            continue
        where = CellPosition(file, number, index, column.header, sheet)
        try:
            row.values[column.path] = cell_value(value, column.leaf)
        except ValueError as exc:
            errors.append(InputError(f"字段“{column.header}”{exc}", where))
            continue
        row.cells[column.path] = where
    return row


# ------------------------------------------------------------------ headers -----


def resolve_header(header: str, model: Any) -> tuple[Path_, Any]:
    """`leaders.0.name` -> (("leaders", 0, "name"), str); ValueError with a Chinese message."""
    parts = header.split(".")
    example = "如 unit.name、speaker.name、leaders.0.name"
    if any(not p.strip() for p in parts):
        raise ValueError(f"列标题“{header}”不是字段路径：应写成用“.”连接的字段名，{example}")
    path: list[Any] = []
    current: Any = model
    for part in parts:
        part = part.strip()
        kind, inner = _shape(current)
        if kind == "model":
            fields = inner.model_fields
            if part not in fields:
                raise ValueError(_unknown(header, path, part, list(fields), example))
            path.append(part)
            current = fields[part].annotation
        elif kind == "list":
            if not part.isdecimal():  # full-width digits too: int() reads them
                raise ValueError(f"列标题“{header}”：“{field_path(tuple(path))}”是列表，"
                                 f"后面应写序号（从 0 开始），如 {field_path(tuple(path))}.0")
            path.append(int(part))
            current = inner
        else:
            raise ValueError(f"列标题“{header}”：“{field_path(tuple(path))}”下面没有字段“{part}”")
    kind, inner = _shape(current)
    if kind == "model":
        names = "、".join(f"{header}.{n}" for n in list(inner.model_fields)[:3])
        raise ValueError(f"列标题“{header}”是一组字段，一列只能填其中一个，如 {names}")
    if kind == "list":
        raise ValueError(f"列标题“{header}”是列表，一列只能填其中一项，如 {header}.0")
    return tuple(path), inner


def _unknown(header: str, path: list[Any], part: str, known: list[str], example: str) -> str:
    import difflib

    prefix = field_path(tuple(path)) + "." if path else ""
    close = difflib.get_close_matches(part, known, n=1, cutoff=0.6)
    if close:
        hint = f"，是不是“{prefix}{close[0]}”？"
    elif path:
        hint = f"（可以用的字段：{'、'.join(prefix + k for k in known)}）"
    else:
        hint = f"：列标题应写字段路径，{example}"
    return f"列标题“{header}”不是模板的字段{hint}"


def _shape(annotation: Any) -> tuple[str, Any]:
    """("model", cls) / ("list", item annotation) / ("value", scalar annotation)."""
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return "model", annotation
    if typing.get_origin(annotation) in (list, tuple):
        args = typing.get_args(annotation)
        return "list", args[0] if args else Any
    return "value", annotation


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the type that matters."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or _is_union_type(annotation):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _is_union_type(annotation: Any) -> bool:
    import types

    return isinstance(annotation, types.UnionType)


# ------------------------------------------------------------------ cells -------


def cell_value(value: Any, leaf: Any) -> Any:
    """A cell's value as the field expects it; ValueError (Chinese) when it cannot be."""
    if isinstance(value, str):
        value = value.strip()
        if value in EXCEL_ERRORS:
            raise ValueError(f"是公式出错的结果“{value}”：请改正这一格的公式，或直接填写内容")
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores every number as a float: 12 not 12.0
    if leaf is bool:
        if isinstance(value, bool):
            return value
        text = cell_text(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"应填“是”或“否”（现在是“{cell_text(value)}”）")
    if isinstance(value, bool):
        value = cell_text(value)  # TRUE or FALSE, as Excel shows it, in any other field
    if leaf is date:
        if isinstance(value, datetime):
            return value.date()
        return value  # text dates (2024-01-25, 2024年1月25日) are parsed by the model
    if isinstance(value, (datetime, date, time, timedelta)):
        what = "日期" if isinstance(value, date) else "时间"
        if leaf in (int, float):
            raise ValueError(f"应为数字，但单元格是{what}格式")
        raise ValueError(f"应为文字，但 Excel 把这一格当成了{what}；请把单元格格式设为“文本”后重新输入")
    if leaf is str and not isinstance(value, str):
        return cell_text(value)  # numbers in text fields (a unit called 110, a year) become text
    return value


def cell_text(value: Any) -> str:
    """A cell's value as Excel shows it: TRUE (not True), 12 (not 12.0), 2024-03-15, 30:00:00."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, timedelta):
        minutes, seconds = divmod(int(value.total_seconds()), 60)
        return f"{minutes // 60}:{minutes % 60:02}:{seconds:02}"
    return str(value)


# ------------------------------------------------------------------ merging -----


UNIT_NAME, UNIT_SHORT_NAME = ("unit", "name"), ("unit", "short_name")


def merge(base: Source, row: Row) -> Source:
    """A Source for one row: the base YAML with the row's values put in at their paths.

    Positions of overridden values (and of anything below them) point at the cell;
    the rest keep their YAML positions. The base is never modified. Cells that could
    not be read raise here, so they fail this row only.
    """
    if row.errors:
        raise InputErrors(list(row.errors))
    data = base.data if isinstance(base.data, dict) else {}
    positions = dict(base.positions)
    key_positions = dict(base.key_positions)
    if UNIT_NAME in row.values and UNIT_SHORT_NAME not in row.values and isinstance(data.get("unit"), dict):
        # The base's short name belongs to the base's unit: a row naming another unit
        # without a short name of its own is called by its full name, never by the base's.
        data = dict(data, unit={k: v for k, v in data["unit"].items() if k != "short_name"})
    for path in sorted(row.values, key=_sort_key):
        cell = row.cells[path]
        data = _put(data, path, 0, row.values[path], cell, positions)
        for known in [p for p in positions if p[: len(path)] == path]:
            positions[known] = cell
        positions[path] = cell
        key_positions[path] = cell
    return Source(base.file, data, positions, key_positions)


def _sort_key(path: Path_) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)


def _put(data: Any, path: Path_, depth: int, value: Any, cell: CellPosition, positions: dict) -> Any:
    """A copy of `data` with `value` at `path[depth:]`; containers along the path are copied."""
    head = path[depth]
    last = depth == len(path) - 1
    here = field_path(path[:depth]) if depth else "（顶层）"
    if isinstance(head, int):
        if not isinstance(data, list):
            raise InputError(f"基础 YAML 里的“{here}”不是列表，不能按序号填写“{cell.header}”", cell)
        items = list(data)
        if head > len(items):
            have = f"只有 {len(items)} 项（序号 0 到 {len(items) - 1}）" if items else "还没有任何一项"
            raise InputError(f"“{here}”{have}，不能跳过中间的序号直接填序号 {head}"
                             f"（序号从 0 开始，请先填序号 {len(items)}）", cell)
        if head == len(items):  # one more item than the base YAML has
            items.append(None)
            positions.setdefault(path[: depth + 1], cell)
        items[head] = value if last else _put(items[head], path, depth + 1, value, cell, positions)
        return items
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"基础 YAML 里的“{here}”不是一组“字段名: 值”，不能填写“{cell.header}”", cell)
    copy = dict(data)
    if last:
        copy[head] = value
    else:
        child = copy.get(head)
        if child is None:
            child = [] if isinstance(path[depth + 1], int) else {}
        copy[head] = _put(child, path, depth + 1, value, cell, positions)
    return copy
