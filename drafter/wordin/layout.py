"""Items found by roles.py into drafter's Document: title lines joined, headings split or
kept run in, numbers left to the writer (number_headings) and every changed number noted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.document import Block, Document, BlockType, number_headings
from drafter.wordin.punctuation import describe, full_width
from drafter.wordin.roles import Item, detect
from drafter.wordin.source import read_source

_BLOCK_TYPES = {
    "title": BlockType.TITLE, "byline": BlockType.BYLINE, "addressee": BlockType.SALUTATION, "salutation": BlockType.SALUTATION,
    "heading": BlockType.HEADING, "body": BlockType.BODY, "attachment": BlockType.ATTACHMENT, "closing": BlockType.CLOSING,
    "signature": BlockType.SIGNATURE, "date": BlockType.SIGNATURE, "table": BlockType.TABLE,
    "copy_number": BlockType.COPY_NUMBER, "secrecy": BlockType.SECRECY, "urgency": BlockType.URGENCY,
    "attachment_label": BlockType.ATTACHMENT_LABEL, "issuer_mark": BlockType.ISSUER_MARK, "doc_number": BlockType.DOC_NUMBER, "signer": BlockType.DOC_NUMBER,
}
_REPORT_WORDS = ("报告", "汇报", "总结", "情况")
# Roles whose text is Chinese prose, where half-width punctuation is corrected (not dates,
# 落款, nor the 版头's 发文字号; roles.py corrects tables' cells and, before roles are found,
# the paragraphs, so that this pass is left only what a split or a join brings)
_PROSE_ROLES = {"title", "byline", "addressee", "salutation", "heading", "body", "closing", "attachment"}


@dataclass
class Formatted:
    document: Document
    items: list[Item]
    notices: list[str]  # about the whole file (no headings found …)


def format_file(path: Path, split_headings: bool = False) -> Formatted:
    """Read a user's file and lay it out; raises ReadError (Chinese) when it cannot be read."""
    from drafter.check.reader import ReadError

    items = detect(read_source(path))
    if not items:
        raise ReadError(f"{path} 里没有文字，无法排版")
    return layout(items, split_headings)


def layout(items: list[Item], split_headings: bool = False) -> Formatted:
    items = _split_run_ins(items, split_headings)
    for item in items:
        if item.role in _PROSE_ROLES:
            _correct_punctuation(item)
    blocks: list[Block] = []
    for item in items:
        if item.role == "title" and blocks and blocks[-1].type is BlockType.TITLE:
            blocks[-1].text += item.text  # a title typed over several lines is one title
        elif item.role == "issuer_mark" and blocks and blocks[-1].type is BlockType.ISSUER_MARK:
            # a joint mark typed one issuer a line: the names one a line, 文件 after the last
            blocks[-1].text += item.text if item.text == "文件" else "\n" + item.text
        elif item.role == "signer" and blocks and blocks[-1].type is BlockType.DOC_NUMBER:
            blocks[-1].text += "\t" + item.text  # 签发人 on the 发文字号's line
        elif item.role == "signer":
            blocks.append(Block(BlockType.DOC_NUMBER, "\t" + item.text))
        else:
            blocks.append(_block(item))
    _count_lines_above_the_mark(blocks)
    titles = [block.text for block in blocks if block.type is BlockType.TITLE]
    title = titles[0] if titles else ""
    number_headings(blocks)
    _note_numbers(items, [b for b in blocks if b.type is BlockType.HEADING])
    notices = []
    if not any(item.role == "heading" for item in items):
        notices.append("没有找到带编号或标题样式的小标题，全文按正文排版")
    if any(item.role == "table" for item in items):
        notices.append("表格保留为表格，按正文字体（仿宋，4号）、单倍行距重排，列宽平均分配，合并的单元格照旧合并")
    genre = "汇报" if any(word in title for word in _REPORT_WORDS) else "讲话"
    return Formatted(Document(blocks, title=title, genre=genre), items, notices)


def _split_run_ins(items: list[Item], split_headings: bool) -> list[Item]:
    """A first-level heading never runs on (黑体 through a paragraph is not a GB/T 9704
    form); lower levels run on unless the user asked for them split."""
    result: list[Item] = []
    for item in items:
        result.append(item)
        if item.role != "heading" or not item.run_in:
            continue
        if item.level == 1 or split_headings:
            result.append(Item(item.source, "body", item.run_in, notes=["从小标题段中拆出的正文"],
                               original=item.run_in))
            item.run_in = ""
            item.text = item.text.rstrip("。！!？?：:")
            item.notes.append("小标题与后面的正文拆为两段")
        else:
            item.notes.append("小标题接排正文：标题部分用标题字体，其余用仿宋")
    return result


def _count_lines_above_the_mark(blocks: list[Block]) -> None:
    """The 发文机关标志 keeps, as its level, how many 版头 lines (份号, 密级, 紧急程度) the
    writer puts above it: its distance from the top of the page depends on them."""
    above = 0
    for block in blocks:
        if block.type in (BlockType.COPY_NUMBER, BlockType.SECRECY, BlockType.URGENCY):
            above += 1
        elif block.type is BlockType.ISSUER_MARK:
            block.level = above
            return


def _correct_punctuation(item: Item) -> None:
    item.text, changes = full_width(item.text)
    if item.run_in:
        item.run_in, more = full_width(item.run_in)
        changes.update(more)
    item.notes.extend(describe(changes))


def _block(item: Item) -> Block:
    block_type = _BLOCK_TYPES[item.role]
    if block_type is BlockType.TABLE:
        return Block(block_type, "", rows=item.rows, merges=item.merges, page_break=item.page_break)
    return Block(block_type, item.text, level=item.level, run_in=item.run_in, page_break=item.page_break)


def _note_numbers(items: list[Item], headings: list[Block]) -> None:
    """Compare each heading's number as written with the one the writer gives it."""
    for item, block in zip([i for i in items if i.role == "heading"], headings):
        if not item.marker:
            item.notes.append(f"加编号“{block.number}”")
        elif item.marker != block.number:
            item.notes.append(f"编号“{item.marker}”改为“{block.number}”")


def role_table(items: list[Item], width: int = 16) -> list[tuple[str, str, str, str]]:
    """Rows of the --dry-run table: paragraph number, first characters, role, changes."""
    rows = []
    for item in items:
        shown = item.original if item.role != "table" else \
            " | ".join(cell.replace("\n", " ") for cell in item.rows[0]) if item.rows else ""
        first = shown if len(shown) <= width else shown[:width] + "…"
        rows.append((str(item.source), first, item.label, "；".join(item.notes)))
    return rows
