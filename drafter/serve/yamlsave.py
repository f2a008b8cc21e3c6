"""Write a form's data back into the user's YAML file, keeping everything else as it was.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and layout; with the
indentation drafter's files use (mappings 2, sequences 4 with the dash at 2, lines
never folded) an unchanged file comes out byte for byte. Only values that changed are
assigned, lists item by item (replacing a whole list would drop the comments on its
items); keys the data does not mention are left alone. drafter reads files with PyYAML
(YAML 1.1), which takes `no`, `on`, dates and `关于: x` for something other than text,
so a new text value that PyYAML would misread is written quoted, and a date field gets
a real date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
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


def _round_trip() -> YAML:
    handler = YAML(typ="rt")
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 4096
    handler.preserve_quotes = True
    return handler


def apply_changes(text: str, data: dict, is_date: Callable[[Path_], bool] = lambda path: False,
                  drop: Iterable[str] = ()) -> str:
    """`text` (a YAML file) with its values changed to those of `data`, and the top-level
    keys in `drop` taken out."""
    handler = _round_trip()
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
    return out.getvalue()


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
            if value is not None and value != [] and value != {}:
                last = list(node)[-1] if node else None
                node[key] = _fresh(value, here, is_date)
                if last is not None:
                    _carry_blank_lines(node, last, node, key)
            continue
        old = node[key]
        node[key] = _merged(old, value, here, is_date)
        if isinstance(node[key], LiteralScalarString) and not isinstance(old, LiteralScalarString):
            _comment_above(node, key)


def _merge_seq(node: CommentedSeq, new: list, path: Path_, is_date: Callable[[Path_], bool]) -> None:
    if len(new) < len(node) and new:
        _carry_blank_lines(node, len(node) - 1, node, len(new) - 1)
    del node[len(new):]
    for index, value in enumerate(new):
        here = path + (index,)
        if index < len(node):
            node[index] = _merged(node[index], value, here, is_date)
        else:
            node.append(_fresh(value, here, is_date))
            if index:
                _carry_blank_lines(node, index - 1, node, index)


# -- comments ---------------------------------------------------------------------------
# ruamel.yaml keeps the comment after a value, and the blank lines after it, on the
# value's entry of its parent's `ca.items` (slot 2 in a mapping, slot 0 in a sequence).
# When an item is added after the last one of a list or group, or the last item of a list
# is removed, the blank lines that separated it from what follows move with its end.

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


def _carry_blank_lines(source: Any, source_key: Any, target: Any, target_key: Any) -> None:
    """Move the blank lines that follow `source_key` to after `target_key`."""
    for container, key in reversed(_tail(source, source_key)):
        token = _token(container, key)
        if token is None or not isinstance(token.value, str):
            continue
        end_of_line = token.value.find("\n")
        blank = token.value[end_of_line + 1:] if end_of_line >= 0 else ""
        if not blank or blank.strip(" \n"):
            continue
        token.value = token.value[: end_of_line + 1]
        into, into_key = _tail(target, target_key)[-1]
        existing = _token(into, into_key)
        if existing is not None and isinstance(existing.value, str) and existing.value.endswith("\n"):
            existing.value += blank
        else:
            entry = into.ca.items.setdefault(into_key, [None, None, None, None])
            entry[_slot(into)] = CommentToken("\n" + blank, CommentMark(0), None)
        return


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
    if isinstance(old, CommentedMap) and isinstance(value, dict):
        _merge_map(old, value, path, is_date)
        return old
    if isinstance(old, CommentedSeq) and isinstance(value, list):
        _merge_seq(old, value, path, is_date)
        return old
    if _same(old, value):
        return old  # unchanged: keeps its quoting and style
    return _fresh(value, path, is_date)


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
            if item is not None and item != [] and item != {}:
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
