"""Write a form's data back into the user's YAML file, keeping everything else as it was.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and layout, but writes
every list with one indentation and drops spaces at line ends. So the file's own
indentation is measured and given to ruamel, and afterwards every line whose text did
not change gets back its original spacing (a `drafter init` file indents the lists of
the common fields and not those of the template's own fields; both stay). Only values
that changed are assigned, lists item by item (replacing a whole list would drop the
comments on its items); an empty field the form sends back empty is not touched; keys
the data does not mention are left alone. drafter reads files with PyYAML
(YAML 1.1), which takes `no`, `on`, dates and `关于: x` for something other than text,
so a new text value that PyYAML would misread is written quoted, and a date field gets
a real date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Any, Callable, Iterable

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from ..errors import InputError

Path_ = tuple[Any, ...]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _round_trip(text: str) -> YAML:
    mapping, offset = _indentation(text)
    handler = YAML(typ="rt")
    handler.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    handler.width = 4096
    handler.preserve_quotes = True
    return handler


def apply_changes(text: str, data: dict, is_date: Callable[[Path_], bool] = lambda path: False,
                  drop: Iterable[str] = ()) -> str:
    """`text` (a YAML file) with its values changed to those of `data`, and the top-level
    keys in `drop` taken out."""
    handler = _round_trip(text)
    try:
        tree = handler.load(text)
    except YAMLError as exc:
        raise InputError(f"文件不是正确的 YAML，无法保存修改：{exc}") from None
    if not isinstance(tree, CommentedMap):
        raise InputError("文件顶层不是一组“字段名: 值”，无法保存修改")
    _merge_map(tree, data, (), is_date)
    for key in drop:
        tree.pop(key, None)
    out = io.StringIO()
    handler.dump(tree, out)
    return _with_original_spacing(text, out.getvalue())


# -- indentation ----------------------------------------------------------------------------

_KEY_LINE = re.compile(r"( *)[^\s#-][^#]*?:(?:\s+#.*)?\s*$")  # `key:` opening a block
_LINE_INDENT = re.compile(r"( *)(- )?")


def _indentation(text: str) -> tuple[int, int]:
    """The indentation most of the file uses: how far a mapping's keys sit right of its
    key, and how far a list's dashes (0 for `key:\n- a`, 2 for `key:\n  - a`)."""
    mappings: Counter[int] = Counter()
    offsets: Counter[int] = Counter()
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for line, following in zip(lines, lines[1:]):
        opener = _KEY_LINE.match(line)
        if opener is None:
            continue
        key_column = len(opener.group(1))
        column = len(following) - len(following.lstrip(" "))
        if following.lstrip().startswith("- "):
            offsets[column - key_column] += 1
        elif column > key_column:
            mappings[column - key_column] += 1
    mapping = mappings.most_common(1)[0][0] if mappings else 2
    offset = offsets.most_common(1)[0][0] if offsets else 2
    return mapping, max(offset, 0)


def _with_original_spacing(original: str, dumped: str) -> str:
    """`dumped` with each line whose text (spaces aside) is that of a line of `original`
    written as in `original`; a new line moves as far left or right as the
    lines it belongs under moved. Kept only when it reads back the same as `dumped`."""
    old_lines, new_lines = original.splitlines(keepends=True), dumped.splitlines(keepends=True)
    # spaces inside a line count neither: ruamel moves a comment when it moves its line
    matcher = SequenceMatcher(None, [" ".join(line.split()) for line in old_lines],
                              [" ".join(line.split()) for line in new_lines],
                              autojunk=False)
    kept: dict[int, str] = {}
    for tag, old_start, _, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(new_end - new_start):
                ending = new_lines[new_start + offset][len(new_lines[new_start + offset].rstrip("\r\n")):]
                kept[new_start + offset] = old_lines[old_start + offset].rstrip("\r\n") + ending
    result = _shift_new_lines(new_lines, kept)
    try:
        same = yaml.safe_load(result) == yaml.safe_load(dumped)
    except yaml.YAMLError:
        same = False
    return result if same else dumped


def _shift_new_lines(new_lines: list[str], kept: dict[int, str]) -> str:
    """The lines, those in `kept` replaced, the others shifted like their sibling (the
    nearest line at their column above, or else the next one below) or else their parent
    (the nearest line left of them above; a dash at a key's column is that key's item)."""
    above: list[tuple[int, bool, int]] = []  # (column, is a dash, shift) of the open lines above
    out = []
    for index, line in enumerate(new_lines):
        if not line.strip() or line.lstrip().startswith("#"):
            out.append(kept.get(index, line))
            continue
        column, dash = _place(line)
        if index in kept:
            shift = _column_of(kept[index]) - column
            out.append(kept[index])
        else:
            shift = _shift_of(new_lines, kept, index, above)
            out.append(" " * max(column + shift, 0) + line.lstrip(" ") if shift else line)
        while above and above[-1][0] >= column:
            above.pop()
        above.append((column, dash, shift))
    return "".join(out)


def _shift_of(new_lines: list[str], kept: dict[int, str], index: int, above: list[tuple[int, bool, int]]) -> int:
    column, dash = _place(new_lines[index])
    sibling = next(((c, d, s) for c, d, s in reversed(above) if c <= column), None)
    if sibling is not None and sibling[:2] == (column, dash):
        return sibling[2]
    for following in range(index + 1, len(new_lines)):
        line = new_lines[following]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _place(line) == (column, dash):
            if following in kept:
                return _column_of(kept[following]) - column
        elif _column_of(line) <= column:
            break
    return next((s for c, d, s in reversed(above) if c < column or (c == column and dash and not d)), 0)


def _place(line: str) -> tuple[int, bool]:
    """The column a line starts at and whether it is a list item."""
    indent = _LINE_INDENT.match(line)
    return len(indent.group(1)), indent.group(2) is not None


def _column_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_SCHEMA_HINT = re.compile(r"^(# yaml-language-server: \$schema=)\S+\.schema\.json", re.M)


def point_schema(text: str, template_name: str) -> str:
    """The editor hint `drafter init` writes, pointed at another template's schema."""
    return _SCHEMA_HINT.sub(lambda m: m.group(1) + template_name + ".schema.json", text, count=1)


def _merge_map(node: CommentedMap, new: dict, path: Path_, is_date: Callable[[Path_], bool]) -> None:
    """Keys missing from `new` are kept: the form sends every field it shows (an emptied one
    as None), so a missing key is one the form does not know, and it stays as written."""
    for key, value in new.items():
        here = path + (key,)
        if key not in node:
            if not _empty(value):
                last = list(node)[-1] if node else None
                following = _take_following(node, last) if last is not None else ""
                node[key] = _fresh(value, here, is_date)
                _put_following(node, key, following)
            continue
        old = node[key]
        if isinstance(old, CommentedSeq) and len(old) and _empty(value):
            _clear_list(node, key)
            continue
        node[key] = _merged(old, value, here, is_date)
        if isinstance(node[key], LiteralScalarString) and not isinstance(old, LiteralScalarString):
            _comment_above(node, key)


def _clear_list(node: CommentedMap, key: Any) -> None:
    """All items of the list at `key` removed: the key stays, empty, as `drafter init`
    writes an empty field, followed by what followed the list."""
    following = _take_following(node, key)
    node[key] = None
    _put_following(node, key, following)


def _merge_seq(node: CommentedSeq, new: list, path: Path_, is_date: Callable[[Path_], bool]) -> None:
    if len(new) < len(node) and new:
        following = _take_following(node, len(node) - 1)
        del node[len(new):]
        _put_following(node, len(new) - 1, following)
    for index, value in enumerate(new):
        here = path + (index,)
        if index < len(node):
            node[index] = _merged(node[index], value, here, is_date)
        else:
            following = _take_following(node, index - 1) if index else ""
            node.append(_fresh(value, here, is_date))
            _put_following(node, index, following)


# -- comments ---------------------------------------------------------------------------
# ruamel.yaml keeps the comment after a value, and the blank lines and comment lines after
# it (which belong to the next field), on the value's entry of its parent's `ca.items`
# (slot 2 in a mapping, slot 0 in a sequence). When an item is added after the last one of
# a list or group, or the last items of a list are removed, those lines move to the new end.

def _slot(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _tail(container: Any, key: Any) -> list[tuple[Any, Any]]:
    """(container, key) pairs from `key` down to the last leaf of its value."""
    chain = [(container, key)]
    value = container[key]
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        chain.append((value, last))
        value = value[last]
    return chain


def _token(container: Any, key: Any) -> CommentToken | None:
    entry = container.ca.items.get(key)
    return entry[_slot(container)] if entry and len(entry) > _slot(container) else None


def _take_following(container: Any, key: Any) -> str:
    """Take out the lines (blank or comments) that follow the value at `key`, after its
    own end-of-line comment."""
    for node, item in reversed(_tail(container, key)):
        token = _token(node, item)
        if token is None or not isinstance(token.value, str):
            continue
        end_of_line = token.value.find("\n")
        following = token.value[end_of_line + 1:] if end_of_line >= 0 else ""
        if following:
            token.value = token.value[: end_of_line + 1]
            return following
    return ""


def _put_following(container: Any, key: Any, following: str) -> None:
    """Put `following` (from `_take_following`) after the value at `key`."""
    if not following:
        return
    into, into_key = _tail(container, key)[-1]
    existing = _token(into, into_key)
    if existing is not None and isinstance(existing.value, str) and existing.value.endswith("\n"):
        existing.value += following
    else:
        entry = into.ca.items.setdefault(into_key, [None, None, None, None])
        entry[_slot(into)] = CommentToken("\n" + following, CommentMark(0), None)


def _comment_above(node: CommentedMap, key: Any) -> None:
    """A value that became a `|` block: its end-of-line comment goes on a line above its
    key (after a block's text it would read as a line of the text), and the line end the
    comment carried is dropped (the block ends its own last line)."""
    token = _token(node, key)
    if token is None or not isinstance(token.value, str):
        return
    text = token.value.lstrip(" ")
    comment, _, rest = text.partition("\n")
    if rest:
        token.value = rest
    else:
        node.ca.items[key][_slot(node)] = None
    if comment.startswith("#"):
        node.yaml_set_comment_before_after_key(key, before=comment.lstrip("# ").rstrip(),
                                               indent=_indent_of(node, key))


def _indent_of(node: CommentedMap, key: Any) -> int:
    position = node.lc.data.get(key) if hasattr(node, "lc") else None
    return position[1] if position else 0


def _merged(old: Any, value: Any, path: Path_, is_date: Callable[[Path_], bool]) -> Any:
    """The node to keep at `path`: the old one, edited in place where the shapes agree."""
    if _empty(old) and _empty(value):
        return old  # an empty field sent back empty (`tasks:` stays, never `tasks: []`)
    if isinstance(old, CommentedMap) and isinstance(value, dict):
        _merge_map(old, value, path, is_date)
        return old
    if isinstance(old, CommentedSeq) and isinstance(value, list):
        _merge_seq(old, value, path, is_date)
        return old
    if _same(old, value):
        return old  # unchanged: keeps its quoting and style
    return _fresh(value, path, is_date)


def _empty(value: Any) -> bool:
    """A value that means “not filled in”: nothing, or a group of such values (the form
    sends a group the file does not have with each of its fields empty)."""
    if isinstance(value, dict):
        return all(_empty(item) for item in value.values())
    return value is None or (isinstance(value, (str, list)) and not value)


def _same(old: Any, value: Any) -> bool:
    if isinstance(old, (dt.date, dt.datetime)):
        return isinstance(value, str) and old.isoformat()[:10] == value
    if isinstance(old, bool) or isinstance(value, bool):
        return type(old) is type(value) and old == value
    if isinstance(old, str) and isinstance(value, str):
        return str(old) == value
    return type(old) is type(value) and old == value


def _fresh(value: Any, path: Path_, is_date: Callable[[Path_], bool]) -> Any:
    """A new node for `value`, written so that drafter reads back exactly `value`."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            if not _empty(item):
                node[key] = _fresh(item, path + (key,), is_date)
        return node
    if isinstance(value, list):
        return CommentedSeq(_fresh(item, path + (index,), is_date) for index, item in enumerate(value))
    if isinstance(value, str):
        return _text(value, path, is_date)
    return value


def _text(value: str, path: Path_, is_date: Callable[[Path_], bool]) -> Any:
    if is_date(path) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass  # 2024-02-30: kept as text, the model names the mistake
    if "\n" in value.strip("\n"):
        return LiteralScalarString(value.rstrip("\n") + "\n")
    if _reads_back(value):
        return value
    if "'" in value and '"' not in value and "\\" not in value:
        return DoubleQuotedScalarString(value)
    return SingleQuotedScalarString(value)


def _reads_back(value: str) -> bool:
    """Whether PyYAML, as drafter reads files, takes the plain `value` as this same text."""
    if value != value.strip() or not value:
        return False
    try:
        return yaml.safe_load(value) == value
    except yaml.YAMLError:
        return False
