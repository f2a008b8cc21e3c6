"""Mistakes people make when they type YAML by hand, found in the raw text of a line.

PyYAML reads `kind:局` as the text "kind:局" and `-门户网站` as the text "-门户网站", so
it complains a line or two later about something else, or not at all. These
functions look at the line the user typed and say what to type instead; source.py
and validation.py call them when YAML fails or when a value has the wrong shape.
"""

from __future__ import annotations

import re

FULL_WIDTH_SPACE = "\u3000"
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_COMMENT = re.compile(r"\s+#.*$")
_INDENT_WITH_TAB = re.compile(r"^[ \u3000]*\t")
_INDENT_WITH_FULL_WIDTH_SPACE = re.compile(r"^[ \t]*\u3000")
_FULL_WIDTH_COLON = re.compile(rf"^(\s*(?:-\s+)?)({_KEY})\s*：\s*(.*)$")
_FULL_WIDTH_SPACE_AFTER_COLON = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):\u3000+(.*)$")
_NO_SPACE_AFTER_COLON = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):(?!//)(\S.*)$")
_NO_SPACE_AFTER_DASH = re.compile(r"^(\s*)-(?=[^\s-])(.*)$")
_WIDE_DASH = re.compile(r"^(\s*)([–—―－‐‑‒])(?!\2)\s*(.+)$")
_KEY_WITHOUT_COLON = re.compile(rf"^(\s*(?:-\s+)?)({_KEY})(?:\s+(.*))?$")
_KEY_OF_LINE = re.compile(rf"^ *(?:- +)*({_KEY}) *:(?:\s|$)")
_BLOCK_SCALAR_HEADER = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")


def line_mistake(line: str) -> tuple[int, str] | None:
    """(1-based column, message) for a typing mistake in one raw line, or None."""
    if _INDENT_WITH_TAB.match(line):
        return line.index("\t") + 1, "这一行用 Tab 缩进了：缩进只能用空格，不要用 Tab"
    if _INDENT_WITH_FULL_WIDTH_SPACE.match(line):
        return line.index(FULL_WIDTH_SPACE) + 1, "这一行的缩进里有全角空格“　”：缩进只能用半角空格"
    line = _COMMENT.sub("", line)
    match = _FULL_WIDTH_COLON.match(line)
    if match:
        return (line.index("：") + 1,
                f"把全角冒号“：”改成半角“: ”（冒号后面再加一个空格），写成“{_suggest(match)}”")
    match = _FULL_WIDTH_SPACE_AFTER_COLON.match(line)
    if match:
        return (line.index(":") + 2,
                f"冒号后面要有一个空格，现在是全角空格“　”，请改成半角空格，写成“{_suggest(match)}”")
    match = _NO_SPACE_AFTER_COLON.match(line)
    if match:
        return line.index(":") + 2, f"冒号后面要有一个空格，写成“{_suggest(match)}”"
    match = _WIDE_DASH.match(line)
    if match:
        return (len(match.group(1)) + 1,
                f"列表项要用半角短横线“-”加一个空格开头（现在是“{match.group(2)}”），写成“- {match.group(3).strip()}”")
    match = _NO_SPACE_AFTER_DASH.match(line)
    if match:
        return (len(match.group(1)) + 1,
                f"短横线后面要有一个空格，写成“- {match.group(2).strip()}”（列表的每一项以“- ”开头）")
    return None


# A quote's full-width look-alikes: a value opened with " and "closed" with ” stays open.
_FULL_WIDTH_CLOSERS = {'"': "”“", "'": "’‘"}
_VALUE_START = re.compile(rf"^\s*(?:-\s+)*(?:{_KEY}\s*:\s+)?")


def unclosed_quote(line: str, column: int, number: int) -> str:
    """Why the quote at `column` (0-based) of line `number` (1-based) swallowed what follows."""
    quote = line[column]
    message = f"引号没有配对：第 {number} 行的“{quote}”没有对应的结束引号"
    wide = [c for c in _COMMENT.sub("", line[column + 1:]) if c in _FULL_WIDTH_CLOSERS[quote]]
    if wide:
        return message + f"（这一行的“{wide[-1]}”是全角引号，结束不了半角的“{quote}”：请改成半角“{quote}”）"
    return message + f"：请在这个值的末尾补上“{quote}”，或者去掉开头的“{quote}”"


def full_width_quotes(line: str) -> str | None:
    """The message for a value "quoted" with “ ” (or ‘ ’) that YAML still reads a colon in:
    full-width quotes are ordinary characters in YAML."""
    start = _VALUE_START.match(line).end()
    value = _COMMENT.sub("", line[start:]).strip()
    if not value or value[0] not in "“‘":
        return None
    suggestion = f'{line[:start].strip()} "{value.strip("“”‘’")}"'.strip()
    return f"全角引号“{value[0]}”在 YAML 里只是普通文字，括不住含冒号的值：请改用半角引号，写成“{suggestion}”"


def misaligned_key(lines: list[str], index: int) -> tuple[int, str] | None:
    """(1-based column, message) when line `index` is a `key: value` line indented more
    than the `key: value` line above it: YAML cannot read it as a field of the same group
    nor as a field inside a value that is already written."""
    line, above = lines[index], _line_above(lines, index)
    match = _KEY_OF_LINE.match(line)
    if match is None or above is None:
        return None
    above_match = _KEY_OF_LINE.match(lines[above])
    if above_match is None:
        return None
    value = _COMMENT.sub("", lines[above][above_match.end():]).strip()
    if not value or value[0] in "|>&!":
        return None  # "key:" (or "key: |") with its value on the next lines: indenting them is right
    if match.start(1) <= above_match.start(1):
        return None
    return above_match.start(1) + 1, indented_more(index + 1, above + 1, match.group(1), above_match.group(1),
                                                  above_match.start(1))


def indented_more(number: int, above: int, key: str, sibling: str, indent: int) -> str:
    """The message for line `number` (with `key:`) indented more than line `above` (with `sibling:`)."""
    which = "上一行" if above == number - 1 else f"第 {above} 行"
    return (f"第 {number} 行比{which}多缩进了空格：同一组的字段要对齐"
            f"（“{key}:”要和“{sibling}:”一样缩进 {indent} 个空格）")


def starts_field(line: str) -> bool:
    """Whether a line starts a field (`key:`) or a list item (`- `)."""
    return bool(_KEY_OF_LINE.match(line)) or line.lstrip(" ").startswith("- ")


def _line_above(lines: list[str], index: int) -> int | None:
    """The nearest line above `index` with content (not blank, not only a comment)."""
    for above in range(index - 1, -1, -1):
        if lines[above].strip() and not lines[above].lstrip().startswith("#"):
            return above
    return None


def value_mistake(value: str) -> str | None:
    """The message for a text value that looks like a mistyped `key: value` or `- item`."""
    found = line_mistake(value.split("\n")[0])
    return found[1] if found else None


def _suggest(match: re.Match) -> str:
    return _suggest_parts(*match.groups())


def _suggest_parts(prefix: str, key: str, value: str) -> str:
    dash = "- " if prefix.strip() else ""
    return f"{dash}{key}: {value.strip()}".strip()


def key_path_at(lines: list[str], index: int) -> str:
    """The dotted field names leading to line `index` (0-based), read from indentation."""
    keys: list[str] = []
    deepest = None
    for line in reversed(lines[: index + 1]):
        match = _KEY_OF_LINE.match(line)
        if match and (deepest is None or match.start(1) < deepest):
            keys.insert(0, match.group(1))
            deepest = match.start(1)
            if deepest == 0:
                break
    return ".".join(keys)


def unexpected_line(lines: list[str], index: int) -> str:
    """Why line `index`, with no "key: " in it, stands where YAML expected a field name:
    a field name without its colon, a list item of plain text followed by fields, or
    text meant to continue the value above (a second paragraph written without `|`, or
    a line under `|` that is not indented).
    """
    match = _KEY_WITHOUT_COLON.match(_COMMENT.sub("", lines[index]))
    if match:
        prefix, key, value = match.groups()
        return f"字段名“{key}”后面缺少冒号，写成“{_suggest_parts(prefix, key, value or '')}”"
    if lines[index].lstrip(" ").startswith("- "):
        return ("这一项只写了文字，下面却跟着“字段名: 值”：一项要么只是一句文字，要么每个内容都写成"
                "“字段名: 值”（如“- name: 张三”）")
    indent = len(lines[index]) - len(lines[index].lstrip(" "))
    for above in reversed(lines[:index]):
        if not above.strip() or len(above) - len(above.lstrip(" ")) > indent:
            continue
        if _BLOCK_SCALAR_HEADER.search(above):
            return ("这一行没有缩进，不算作上面“|”的文字：“|”下面的每一行都要比字段名多缩进两个空格"
                    "（空行除外）")
        break
    return ("这一行不是“字段名: 值”。如果它是上一项文字的下一段，请在字段名后面写“|”，"
            "再把每一段另起一行、都缩进两个空格")


def folded_line(previous: str, line: str) -> bool:
    """Whether YAML joining these two lines with a space puts it next to Chinese text.

    YAML folds a value written over several lines into one line with a space between
    them: right for English, wrong for Chinese, where the user meant either a new
    paragraph or no space at all.
    """
    before, after = previous.rstrip(), line.lstrip(" ")
    return bool(before and after) and (not before[-1].isascii() or not after[0].isascii())


FOLDED_TEXT = ("这一行接着上一行的文字，YAML 会把它们连成一段，中间还多出一个空格。"
               "要分段，请在字段名后面写“|”，再把每一段另起一行、都缩进两个空格；不分段就写在同一行")
