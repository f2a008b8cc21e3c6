"""What `drafter render` is asked to make: the options, and one Job per document.

A single input is a batch of one: it goes through the same worker, naming and
placing as forty rows of a table, so both behave alike (atomic writes, checks,
PDF conversion, the same messages).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from .errors import OutputError, UsageError
from .writers import FORMATS

YAML_SUFFIXES = (".yaml", ".yml")
# Output names people type that drafter cannot write, and what to say instead.
_UNWRITABLE = {
    ".doc": "Word 97-2003 格式（.doc）",
    ".wps": "WPS 格式（.wps）",
    ".rtf": "RTF 格式",
    ".odt": "OpenDocument 格式（.odt）",
}


class RenderOptions(NamedTuple):  # NamedTuple rather than a frozen dataclass: a third of the start-up cost
    template: str | None = None  # -t: overrides each file's template field
    fmt: str = "docx"  # a key of writers.FORMATS
    pdf: bool = False  # --pdf: a PDF next to every .docx
    force: bool = False
    strict: bool = False  # findings of the check refuse the document
    template_dirs: tuple[Path, ...] = ()


class Job(NamedTuple):
    index: int
    label: str  # what messages call this input: a file, or "名单.xlsx 第 7 行"
    out_dir: Path
    path: Path | None = None  # a YAML file, loaded by the worker
    row: Any = None  # or a table row over the base YAML: (row number, cell values) or a table.Row
    problem: str = ""  # an input that failed before rendering (an empty folder …)
    name: str = ""  # the output file name given with -o; "" = named after unit, meeting and date


def format_of(output: Path | None, several: bool) -> str:
    """The format an -o file name asks for (讲话.txt → text); docx otherwise."""
    if output is not None and not several:
        for fmt, suffix in FORMATS.items():
            if output.suffix.lower() == suffix:
                return fmt
    return "docx"


def single_job(input_file: Path, output: Path | None, fmt: str) -> tuple[Job, str]:
    """The job for one input and -o; also a note for the user ("" if none).

    -o may name a file (its extension must fit the format), an existing folder (the
    document is named after unit, meeting and date inside it) or a name without an
    extension (the format's is added). It may never be the input itself."""
    label = str(input_file)
    if output is None:
        return Job(0, label, input_file.resolve().parent, path=input_file), ""
    if output.is_dir():
        return Job(0, label, output, path=input_file), ""
    if output.resolve() == input_file.resolve():
        raise UsageError(f"-o 指定的输出文件就是输入文件 {input_file}：请换一个文件名（加 --force 也不会覆盖输入文件）")
    suffix = output.suffix.lower()
    note = ""
    if suffix in _UNWRITABLE:
        raise UsageError(f"不能生成{_UNWRITABLE[suffix]}：drafter 生成 .docx 文件（Word 2007 及以后版本、WPS 都能打开），"
                         f"请把 -o 的扩展名改为 .docx")
    if suffix == "":
        output = output.with_name(output.name + FORMATS[fmt])
        note = f"提醒：-o 的文件名没有扩展名，已写为 {output.name}"
    elif suffix != FORMATS[fmt]:
        known = "、".join(FORMATS.values())
        raise UsageError(f"-o 的扩展名“{output.suffix}”与输出格式 {fmt}（{FORMATS[fmt]}）不符"
                         f"（可用的扩展名：{known}）")
    if not output.parent.is_dir():
        raise OutputError(f"输出文件夹不存在：{output.parent}")
    return Job(0, label, output.parent, path=input_file, name=output.name), note


def collect(inputs: Iterable[Path], output: Path | None) -> list[Job]:
    """Jobs for YAML files and folders of them, in the order given; each file once."""
    if output is not None and (output.is_file() or (not output.exists() and output.suffix.lower() in
                                                    tuple(FORMATS.values()) + tuple(_UNWRITABLE))):
        raise UsageError(f"生成多份文稿时，-o 应为输出文件夹，而不是文件：{output}")
    jobs: list[Job] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            jobs.append(Job(len(jobs), str(path), output or key.parent, path=path))

    for item in inputs:
        if not item.is_dir():
            add(item)
            continue
        found = sorted(p for p in item.iterdir() if p.suffix.lower() in YAML_SUFFIXES and p.is_file()
                       and not p.name.startswith((".", "~")))
        if not found:
            jobs.append(Job(len(jobs), str(item), output or item.resolve(), problem=f"文件夹 {item} 里没有 .yaml 文件"))
        for path in found:
            add(path)
    return jobs


class TableJobs:
    """The jobs of a table, made as the rows are read: nothing is kept per row."""

    def __init__(self, table: Any, out_dir: Path):
        self.table = table
        self.out_dir = out_dir

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[Job]:
        for index, (number, values) in enumerate(self.table.iter_rows()):
            yield Job(index, self.table.label(number), self.out_dir, row=(number, values))


def table_jobs(base_path: Path, table_path: Path, output: Path | None, options: RenderOptions,
               sheet: str | None = None) -> tuple[TableJobs, Any]:
    """Jobs for the rows of a table over a base YAML; also the base Source for the workers."""
    from .pipeline import choose_template
    from .source import load_file
    from .table import read_table
    from .templates import Library

    if output is not None and output.is_file():
        raise UsageError(f"使用 --table 时，-o 应为输出文件夹，而不是文件：{output}")
    base = load_file(base_path)
    template = choose_template(base, options.template, Library.discover(base_path, options.template_dirs))
    table = read_table(table_path, template.input_model, sheet=sheet)
    return TableJobs(table, output or base_path.resolve().parent), base
