"""Parse the plain-text markup that templates produce into a `Document`.

One line, one block:

    @title 标题                      the title (several @title lines: one title, several lines)
    @byline 署名或日期                 centred lines under the title
    @salutation 同志们：
    # 一级标题 … #### 四级标题         numbers are added from the level
    @closing 谢谢大家！               the closing line(s)
    @signature 落款                   right-aligned lines (reports)
    any other line                   a body paragraph

Blank lines are ignored. Each heading goes at most one level deeper than the one
before it (`#` then `###` is an error). Values interpolated from the user's data are
wrapped in DATA_START/DATA_END by the template environment, so a user's text that
begins with "#" or "@" stays a body paragraph and never becomes markup.

A markup line may begin with an origin marker (`origin_marker`): the template file and
line it was written on. The template loader puts one in front of every template line
that starts with "#" or "@", so an error found here, in the rendered text, names the
line the author has to change. Markers never reach the document.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from .document import Block, Document, BlockType, number_headings
from .errors import Position, TemplateError

# Noncharacters: the input model refuses them in users' data, so they cannot be forged.
DATA_START = "\ufdd0"
DATA_END = "\ufdd1"
_ORIGIN_START = "\ufdd2"
_ORIGIN_END = "\ufdd3"
_ORIGIN = re.compile(f"{_ORIGIN_START}(\\d+):([^{_ORIGIN_END}]*){_ORIGIN_END}")
_MARKS = re.compile(f"[{DATA_START}{DATA_END}]|{_ORIGIN.pattern}")
_LEVEL_NAMES = "零一二三四"
_DIRECTIVES = {
    "title": BlockType.TITLE,
    "byline": BlockType.BYLINE,
    "salutation": BlockType.SALUTATION,
    "closing": BlockType.CLOSING,
    "signature": BlockType.SIGNATURE,
}
_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
_DIRECTIVE = re.compile(r"^@([a-z]+)\s*(.*)$")
# Numbers typed at the start of a heading (一、 （一） 1. （1） …) are dropped: the
# level decides the number, so text copied from an old document numbers correctly.
_TYPED_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])\s*"
)
_STRIP = " \t\u3000"


def origin_marker(file: str, line: int) -> str:
    """An invisible prefix for a template line: where it was written."""
    return f"{_ORIGIN_START}{line}:{quote(file)}{_ORIGIN_END}"


class _Line:
    """One rendered markup line: its text, its number in the rendered text, where it was written."""

    def __init__(self, raw: str, number: int, template: str):
        self.text = raw.strip(_STRIP)
        self.origin: Position | None = None
        origin = _ORIGIN.match(self.text)
        if origin:
            self.origin = Position(unquote(origin.group(2)), int(origin.group(1)), 1)
            self.text = self.text[origin.end():].lstrip(_STRIP)
        self.number = number
        self.template = template

    def error(self, message: str) -> TemplateError:
        shown = f"“{_plain(self.text)[:30]}”"
        if self.origin is not None:
            return TemplateError(f"{shown}：{message}", self.origin)
        where = f"模板 {self.template} 生成的" if self.template else "生成的"
        return TemplateError(f"{where}第 {self.number} 行{shown}：{message}")


def parse(text: str, template: str = "") -> list[Block]:
    blocks: list[Block] = []
    level = 0  # of the last heading
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _Line(raw, number, template)
        if not _plain(line.text):
            continue
        block = _block(line)
        if block.type is BlockType.HEADING:
            if block.level > level + 1:
                raise line.error(_skipped(level, block.level))
            level = block.level
        if blocks and block.type is BlockType.TITLE and blocks[-1].type is BlockType.TITLE:
            blocks[-1].text += "\n" + block.text  # one title on several lines
        else:
            blocks.append(block)
    number_headings(blocks)
    return blocks


def _block(line: _Line) -> Block:
    if line.text.startswith(DATA_START):  # a line that starts with user data is always text
        return Block(BlockType.BODY, _plain(line.text))
    heading = _HEADING.match(line.text)
    if heading:
        level = len(heading.group(1))
        if level > 4:
            raise line.error(f"标题最多四级（#### ），这里有 {level} 级")
        text = _TYPED_NUMBER.sub("", _plain(heading.group(2)), count=1)
        if not text:
            raise line.error("标题是空的")
        return Block(BlockType.HEADING, text, level)
    directive = _DIRECTIVE.match(line.text)
    if directive:
        block_type = _DIRECTIVES.get(directive.group(1))
        if block_type is None:
            known = "、".join("@" + name for name in _DIRECTIVES)
            raise line.error(f"不认识的标记“@{directive.group(1)}”，可用：{known}")
        return Block(block_type, _plain(directive.group(2)))
    return Block(BlockType.BODY, _plain(line.text))


def _skipped(previous: int, level: int) -> str:
    """Why a heading that goes more than one level deeper is refused, and what to write."""
    wanted = _LEVEL_NAMES[previous + 1]
    if previous == 0:
        before = "它前面还没有一级标题"
    else:
        before = f"上一个标题是{_LEVEL_NAMES[previous]}级"
    return (f"标题跳级：这是{_LEVEL_NAMES[level]}级标题，{before}；"
            f"请改成{wanted}级（{'#' * (previous + 1)} ），或在它前面先写一个{wanted}级标题")


def _plain(text: str) -> str:
    return _MARKS.sub("", text).strip(_STRIP)


def build_document(text: str, *, template: str = "", author: str = "", subject: str = "",
                   date=None, genre: str = "讲话") -> Document:
    blocks = parse(text, template)
    titles = [b.text for b in blocks if b.type is BlockType.TITLE]
    if len(titles) > 1:
        raise TemplateError(f"模板 {template} 生成了 {len(titles)} 个标题（@title 只能连续出现在开头）")
    title = titles[0].replace("\n", "") if titles else ""
    return Document(blocks, title=title, author=author, subject=subject, date=date, genre=genre)
