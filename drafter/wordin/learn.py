"""`drafter learn`: a user's own speech or report → a template of their own plus the input
file that gives the original back.

read() lays the file out as `drafter format` does (headings split from run-on text) and
finds the proposals; build() writes the template and the input file for the proposals
the user accepted, after rendering them once: a template that does not load, or does not
give back the original, is drafter's bug and is never written.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from drafter.document import Document
from drafter.errors import DrafterError, OutputError, UsageError
from drafter.wordin.proposals import Found, Proposal, find
from drafter.templates.files import NAME_RULE, SUFFIX, is_template_name
from drafter.wordin.template_writer import Learned, write

TEMPLATE_SUFFIX = SUFFIX


class LearnError(DrafterError):
    """The file cannot be turned into a template (no headings, no unit name …)."""


class LearnBug(DrafterError):
    """The template drafter wrote does not give back the original: drafter's own bug."""

    exit_code = 70


@dataclass
class Read:
    path: Path
    document: Document
    sources: list[int]  # the paragraph number in the file of each block
    found: Found
    corrections: list[tuple[int, str]]  # what laying the file out changed (as format reports it)
    notices: list[str]


def template_name(output: Path) -> str:
    """The template's name from -o; refuses what cannot be a template file."""
    if output.suffix.lower() != TEMPLATE_SUFFIX:
        raise UsageError(f"-o 应为模板文件名，以 .j2 结尾，如：templates/我局讲话.j2（现在是：{output}）")
    name = output.name[: -len(TEMPLATE_SUFFIX)]
    if not is_template_name(name):
        raise UsageError(f"模板名“{name}”{NAME_RULE}（模板名就是 -o 的文件名）")
    return name


def read(path: Path, unit: str = "", kind: str = "") -> Read:
    """Lay the file out and find the proposals; Chinese errors for what cannot be learnt."""
    from drafter.check.reader import ReadError
    from drafter.wordin.layout import layout
    from drafter.wordin.roles import detect
    from drafter.wordin.source import read_source

    items = detect(read_source(path))
    if not any(item.text.strip() or item.rows for item in items):
        raise ReadError(f"{path} 里没有文字，无法生成模板")
    if not any(item.role == "heading" for item in items):
        raise LearnError(f"{path} 里没有找到小标题（一、（一）1. 或 Word 的标题样式）：learn 按小标题把文稿分成"
                         "可以单独改写的章节，没有小标题就无法生成模板。可先用 drafter format --dry-run 查看每段识别成了什么")
    formatted = layout(items, split_headings=True)
    sources = _block_sources(formatted.items)
    if len(sources) != len(formatted.document.blocks):  # a way of joining lines this module does not know
        raise LearnBug("drafter 的程序错误：原稿的段落与排版结果对不上。请把原稿报告给维护者")
    found = find(formatted.document, sources, unit, kind)
    if not found.facts.unit_name:
        raise LearnError(f"没有在 {path} 里找到本单位的全称，请用 --unit 指定，如：--unit 清河县档案馆 --kind 馆")
    corrections = [(item.source, note) for item in formatted.items for note in item.notes
                   if not note.startswith(("按“标题”样式识别", "保留为表格", "从小标题段中拆出"))]
    notices = [n for n in formatted.notices if not n.startswith("表格保留为表格")] + found.notices
    return Read(path, formatted.document, sources, found, corrections, notices)


def _block_sources(items: list) -> list[int]:
    """The paragraph number of each block layout() made: title lines join one block, a
    签发人 line joins the 发文字号 before it."""
    sources: list[int] = []
    previous = ""
    for item in items:
        joins = (item.role == "title" and previous == "title") or \
            (item.role == "signer" and previous == "doc_number")
        if not joins:
            sources.append(item.source)
        previous = "doc_number" if item.role == "signer" else item.role
    return sources


def build(read_result: Read, accepted: list[Proposal], output: Path, yaml_path: Path, base: str | None,
          force: bool, template_dirs: tuple[Path, ...] = ()) -> Learned:
    """Write the template and its input file for the accepted proposals."""
    from drafter.output import write_atomic

    name = template_name(output)
    for path in (output, yaml_path):
        _writable(path, force)
    library = _library(output.parent, template_dirs)
    base = base or ("base-report" if read_result.document.genre == "汇报" else "base-speech")
    if base == name:
        raise UsageError(f"模板名“{name}”与它继承的框架同名，请给 -o 换一个文件名")
    base_blocks = _base_blocks(library, base)
    kept = {(p.is_list, p.where[0] if p.is_list else p.text) for p in accepted}
    rejected = [p for p in read_result.found.proposals if (p.is_list, p.where[0] if p.is_list else p.text) not in kept]
    learned = write(read_result.document, read_result.sources, accepted, rejected, read_result.found.facts,
                    name=name, base=base, base_blocks=base_blocks)
    _verify(learned, name, output.parent, template_dirs)
    for folder in {output.parent, yaml_path.parent}:
        make_folder(folder)
    existed = output.exists()
    write_atomic(output, learned.template.encode("utf-8"), force)
    try:
        write_atomic(yaml_path, learned.yaml.encode("utf-8"), force)
    except BaseException:
        if not existed:
            output.unlink(missing_ok=True)  # no template without its input file
        raise
    return learned


def _writable(path: Path, force: bool) -> None:
    """As write_atomic will check, except that a missing folder is made (templates/ the
    first time): only where a file stands in its way."""
    from drafter.output import check_writable

    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(f"无法新建文件夹 {path.parent}：{parent} 是一个文件，不是文件夹")
    if path.parent.is_dir():
        check_writable(path, force)


def make_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(f"无法新建文件夹 {folder}：{exc.strerror}") from None


def _library(folder: Path, extra: tuple[Path, ...]):
    from drafter.templates import Library
    from drafter.templates.files import template_dirs

    folders = template_dirs(None, extra)
    if folder.is_dir() and folder.resolve() not in [f for f, _ in folders]:
        folders.append((folder.resolve(), str(folder)))
    return Library(folders)


def check_base(output: Path, base: str, template_dirs: tuple[Path, ...] = ()) -> None:
    """Refuse a --base that cannot be a frame before anything is read."""
    _base_blocks(_library(output.parent, template_dirs), base)


def _base_blocks(library, base: str) -> set[str]:
    """Block names of the frame and the templates it extends."""
    from jinja2 import nodes

    from drafter.templates.files import read_template

    names: set[str] = set()
    current: str | None = base
    seen: set[str] = set()
    while current and current not in seen:
        seen.add(current)
        tree = library.env.parse(read_template(library.find_path(current)))
        names.update(block.name for block in tree.find_all(nodes.Block))
        extends = next(tree.find_all(nodes.Extends), None)
        current = extends.template.value if extends is not None and isinstance(extends.template, nodes.Const) else None
    missing = [b for b in ("title", "body") if b not in names]
    if missing:
        raise UsageError(f"--base 的模板“{base}”没有 {'、'.join(missing)} 章节（block），不能作为框架；"
                         "可用 base-speech（讲话）或 base-report（汇报）")
    return names


def _verify(learned: Learned, name: str, folder: Path, extra: tuple[Path, ...]) -> None:
    """Load the template as drafter render will and render it with the input file: it must
    give back the expected paragraphs."""
    from drafter.pipeline import render_source
    from drafter.source import load_text
    from drafter.templates import Library
    from drafter.templates.files import template_dirs

    with tempfile.TemporaryDirectory(prefix="drafter-learn-") as temp:
        (Path(temp) / (name + TEMPLATE_SUFFIX)).write_text(learned.template, encoding="utf-8")
        folders = template_dirs(None, extra)
        if folder.is_dir():
            folders.append((folder.resolve(), str(folder)))
        library = Library(folders + [(Path(temp), str(folder))])
        try:
            rendered = render_source(load_text(learned.yaml, name + ".yaml"), library.get(name))
        except DrafterError as error:
            raise LearnBug(f"drafter 的程序错误：生成的模板不能使用（{error}）。请把原稿报告给维护者") from None
    got, wanted = rendered.document.paragraphs(), learned.expected.paragraphs()
    if got != wanted:
        index = next((i for i, (a, b) in enumerate(zip(got, wanted)) if a != b), min(len(got), len(wanted)))
        raise LearnBug(f"drafter 的程序错误：生成的模板不能还原原稿（第 {index + 1} 段不同）。请把原稿报告给维护者")


def default_yaml_path(output: Path) -> Path:
    """The input file beside the template; beside its folder when that is a templates/ folder
    (drafter render finds templates/ next to the input file)."""
    name = output.name[: -len(TEMPLATE_SUFFIX)] + ".yaml"
    folder = output.parent.parent if output.parent.name == "templates" else output.parent
    return folder / name


def render_hint(output: Path, yaml_path: Path) -> str:
    """How to render the input file: --templates when drafter render would not find the template."""
    found = yaml_path.parent.resolve() / "templates" == output.parent.resolve() or \
        Path.cwd().resolve() / "templates" == output.parent.resolve()
    extra = "" if found else f" --templates {output.parent}"
    return f"drafter render {yaml_path}{extra}"


def existing_output(path: Path, force: bool, what: str) -> None:
    if path.exists() and not force:
        raise OutputError(f"{what}已存在：{path}（要覆盖请加 --force，或换一个文件名）")

