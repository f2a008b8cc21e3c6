"""Parse the plain-text markup that templates produce into a `Document`.

One line, one block:

    @title 标题                      the title (several @title lines: one title, several lines)
    @byline 署名或日期                 centred lines under the title
    @salutation 同志们：
    # 一级标题 … #### 四级标题         numbers are added from the level
    @closing 谢谢大家！               the closing line(s)
    @signature 落款                   right-aligned lines (reports)
    any other line                   a body paragraph

Blank lines are ignored. Values interpolated from the user's data are wrapped in
DATA_START/DATA_END by the template environment, so a user's text that begins with
"#" or "@" stays a body paragraph and never becomes markup.
"""

from __future__ import annotations

import re

from .document import Block, Document, Kind, number_headings
from .errors import TemplateError

DATA_START = "\ufdd0"
DATA_END = "\ufdd1"
_DIRECTIVES = {
    "title": Kind.TITLE,
    "byline": Kind.BYLINE,
    "salutation": Kind.SALUTATION,
    "closing": Kind.CLOSING,
    "signature": Kind.SIGNATURE,
}
_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
_DIRECTIVE = re.compile(r"^@([a-z]+)\s*(.*)$")
# Numbers typed at the start of a heading (一、 （一） 1. （1） …) are dropped: the
# level decides the number, so text copied from an old document numbers correctly.
_TYPED_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])\s*"
)
_STRIP = " \t\u3000"


def parse(text: str, template: str = "") -> list[Block]:
    blocks: list[Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip(_STRIP)
        if not line.replace(DATA_START, "").replace(DATA_END, "").strip(_STRIP):
            continue
        block = _block(line, number, template)
        if blocks and block.kind is Kind.TITLE and blocks[-1].kind is Kind.TITLE:
            blocks[-1].text += "\n" + block.text  # one title on several lines
        else:
            blocks.append(block)
    number_headings(blocks)
    return blocks


def _block(line: str, number: int, template: str) -> Block:
    if line.startswith(DATA_START):  # a line that starts with user data is always text
        return Block(Kind.BODY, _plain(line))
    heading = _HEADING.match(line)
    if heading:
        level = len(heading.group(1))
        if level > 4:
            raise _error(f"标题最多四级（#### ），这里有 {level} 级", number, line, template)
        text = _TYPED_NUMBER.sub("", _plain(heading.group(2)), count=1)
        if not text:
            raise _error("标题是空的", number, line, template)
        return Block(Kind.HEADING, text, level)
    directive = _DIRECTIVE.match(line)
    if directive:
        kind = _DIRECTIVES.get(directive.group(1))
        if kind is None:
            known = "、".join("@" + name for name in _DIRECTIVES)
            raise _error(f"不认识的标记“@{directive.group(1)}”，可用：{known}", number, line, template)
        return Block(kind, _plain(directive.group(2)))
    return Block(Kind.BODY, _plain(line))


def _plain(text: str) -> str:
    return text.replace(DATA_START, "").replace(DATA_END, "").strip(_STRIP)


def _error(message: str, number: int, line: str, template: str) -> TemplateError:
    where = f"模板 {template} 生成的" if template else "生成的"
    return TemplateError(f"{where}第 {number} 行“{_plain(line)[:30]}”：{message}")


def build_document(text: str, *, template: str = "", author: str = "", subject: str = "",
                   date=None, kind: str = "讲话") -> Document:
    blocks = parse(text, template)
    titles = [b.text for b in blocks if b.kind is Kind.TITLE]
    if len(titles) > 1:
        raise TemplateError(f"模板 {template} 生成了 {len(titles)} 个标题（@title 只能连续出现在开头）")
    title = titles[0].replace("\n", "") if titles else ""
    return Document(blocks, title=title, author=author, subject=subject, date=date, kind=kind)
