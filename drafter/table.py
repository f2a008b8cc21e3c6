"""A table of units (Excel .xlsx or CSV) as overrides of one base YAML, row by row.

The first row holds the headers, written as field paths (`unit.name`, `speaker.name`,
`leaders.0.name` …); every later row is one document. A filled cell replaces the
base YAML's value at its path; an empty cell keeps it. Every value remembers its
cell, so validation errors read "名单.xlsx 第 7 行 C 列（unit.kind）".

Headers are checked against the template's input model before any row is used:
a header that is not a field path is an error naming its column.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Generator, Iterable, Iterator, NamedTuple

from .errors import InputError, InputErrors
from .source import Path_, Source, read_text
from .validation import field_path

SUFFIXES = (".xlsx", ".csv")
_TRUE = {"是", "true", "yes", "y", "1", "对", "√"}
_FALSE = {"否", "false", "no", "n", "0", "不", "×"}


class CellPosition(NamedTuple):
    """A table cell, where errors point (a Position): `line` is the spreadsheet row,
    `column` the 1-based column number, `header` the field path written above it."""

    file: str
    line: int
    column: int
    header: str = ""

    def __str__(self) -> str:
        where = f"{self.file} 第 {self.line} 行 {column_letter(self.column)} 列"
        return f"{where}（{self.header}）" if self.header else where


def column_letter(number: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA: the column names Excel and WPS show."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class Column:
    number: int  # 1-based
    header: str
    path: Path_
    leaf: Any  # the annotation at the end of the path (str, int, bool, date …)


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
    batch runs (`iter_rows`), so memory does not grow with the number of rows."""

    file: str
    columns: list[Column]
    count: int = 0  # data rows (blank rows are skipped)
    path: Path | None = None

    def __len__(self) -> int:
        return self.count

    def label(self, number: int) -> str:
        return f"{self.file} 第 {number} 行"

    def iter_rows(self) -> Iterator[tuple[int, tuple]]:
        """(row number, cell values) of every non-blank data row, read from the file."""
        assert self.path is not None
        rows = iter_cells(self.path)
        try:
            next(rows, None)  # the headers
            for number, values in enumerate(rows, start=2):
                if not _blank_row(values):
                    yield number, tuple(values)
        finally:
            rows.close()

    def row(self, number: int, values: tuple) -> Row:
        return _row(self.file, number, values, self.columns)

    @property
    def rows(self) -> list[Row]:
        return [self.row(number, values) for number, values in self.iter_rows()]

    def head(self) -> "Table":
        """The headers only: what a worker process needs to read the cells of a row."""
        return Table(self.file, self.columns)


# ------------------------------------------------------------------ reading -----


def iter_cells(path: Path) -> Generator[list[Any], None, None]:
    """The rows of the first (active) sheet or of the CSV file, one list of values at a time."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    if suffix in (".xls", ".et", ".ods"):
        raise InputError(f"{path}：不支持 {suffix} 格式，请在 Excel 或 WPS 里“另存为”.xlsx 或 CSV 文件")
    raise InputError(f"{path}：单位名单只能是 .xlsx 或 .csv 文件")


def _csv_rows(path: Path) -> Generator[list[Any], None, None]:
    """Rows of a CSV file in UTF-8 (with or without BOM) or GBK, as Excel on Chinese Windows saves it."""
    import csv
    import io

    text = read_text(path, "单位名单文件")
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as exc:
        raise InputError(f"{path} 不是有效的 CSV 文件：{exc}") from None


def _xlsx_rows(path: Path) -> Generator[list[Any], None, None]:
    if not path.is_file():
        raise InputError(f"找不到单位名单文件：{path}")
    import zipfile

    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise InputError("读取 .xlsx 需要 openpyxl：请运行 pip install openpyxl，或把表格另存为 CSV") from None
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(f"无法读取 {path}：不是有效的 .xlsx 文件（{type(exc).__name__}）") from None
    try:
        sheet = book.active if book.active is not None else book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def read_table(path: Path, model: Any) -> Table:
    """Check the table's headers against `model` (the template's input model) and count its rows.

    The rows themselves are not kept: a batch reads them again, one at a time.
    """
    file = str(path)
    rows = iter_cells(path)
    try:
        headers = next(rows, None)
        count = sum(1 for values in rows if not _blank_row(values))
    finally:
        rows.close()
    if headers is None or (_blank_row(headers) and not count):
        raise InputError(f"{file} 是空的：第 1 行应为列标题（字段路径，如 unit.name），从第 2 行起每行一个单位")
    columns = _columns(file, headers, model)
    if not count:
        raise InputError(f"{file} 只有列标题，没有单位：从第 2 行起每行填一个单位")
    return Table(file, columns, count, path)


def _blank_row(values: Iterable[Any]) -> bool:
    return all(_blank(v) for v in values)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _columns(file: str, headers: list[Any], model: Any) -> list[Column]:
    columns: list[Column] = []
    errors: list[InputError] = []
    seen: dict[Path_, int] = {}
    for number, raw in enumerate(headers, start=1):
        where = CellPosition(file, 1, number)
        if _blank(raw):
            continue  # a column without header must stay empty; _row checks that
        header = str(raw).strip()
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
                         CellPosition(file, 1, 1))
    return columns


def _row(file: str, number: int, values: Iterable[Any], columns: list[Column]) -> Row:
    row = Row(number)
    errors = row.errors
    by_number = {c.number: c for c in columns}
    for index, value in enumerate(values, start=1):
        if _blank(value):
            continue
        column = by_number.get(index)
        if column is None:
            errors.append(InputError("这一格有内容，但这一列没有列标题（第 1 行应写字段路径）",
                                     CellPosition(file, number, index)))
            continue
        where = CellPosition(file, number, index, column.header)
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
            if not part.isdigit():
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
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores every number as a float: 12 not 12.0
    if leaf is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"应填“是”或“否”（现在是“{value}”）")
    if leaf is date:
        if isinstance(value, datetime):
            return value.date()
        return value  # text dates (2024-01-25, 2024年1月25日) are parsed by the model
    if isinstance(value, (datetime, date, time)):
        if leaf in (int, float):
            raise ValueError("应为数字，但单元格是日期格式")
        raise ValueError("应为文字，但 Excel 把这一格当成了日期；请把单元格格式设为“文本”后重新输入")
    if leaf is str and not isinstance(value, str):
        return str(value)  # numbers in text fields (a unit called 110, a year) become text
    return value


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
