"""Load a YAML input keeping the line and column of every value.

PyYAML's composer gives us nodes with marks; we build plain Python data from them
ourselves so that duplicate keys are refused and every value's position is kept,
keyed by its path (("leaders", 0, "name")).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import mistakes
from .errors import InputError, Position

try:  # the C loader is several times faster where libyaml is available
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

Path_ = tuple[Any, ...]
_MAX_NODES = 100_000  # guards against alias bombs ("billion laughs")
_MAX_DEPTH = 50  # and against self-referencing anchors

# Problems that come from how a line is laid out, where the line the user typed may be
# a line or two above the one PyYAML names (see mistakes.py).
_LAYOUT_PROBLEMS = ("could not find expected ':'", "mapping values are not allowed", "expected <block end>",
                    "did not find expected key", "did not find expected '-'", "cannot start any token",
                    "block sequence entries are not allowed")
# Problems a line indented more than the field above it causes.
_ALIGNMENT_PROBLEMS = ("mapping values are not allowed", "did not find expected key", "expected <block end>")
_FIRST_KEY = re.compile(r"\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*\s*")
# Characters YAML refuses to read (its "printable" set, inverted).
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Line breaks as YAML counts them, so that line numbers agree with PyYAML's marks.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# PyYAML's problems, in the words a user needs. Matched by substring.
_PROBLEMS = [
    ("tab character", "这里有一个 Tab：缩进请用空格，不要用 Tab"),
    ("block sequence entries are not allowed", "此处不能出现“- ”列表项：列表从“字段名:”的下一行开始写，每项一行，以“- ”开头并缩进"),
    ("directive", "行首的“%”在 YAML 里有特殊含义：请把这一行的值用引号括起来"),
    ("mapping values are not allowed", "此处不能出现“: ”（值里含有冒号时，请把整个值用引号括起来）"),
    ("could not find expected ':'", "缺少冒号“:”，或者缩进不一致"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("expected <block end>", "缩进不一致"),
    ("did not find expected key", "缩进不一致或缺少“字段名: ”"),
    ("did not find expected node content", "缺少内容"),
    ("found undefined alias", "引用了未定义的锚点（&名称）"),
    ("expected a single document", "文件里只能有一个文档（不要用“---”分隔多个文档）"),
    ("found unknown escape character", "双引号里的反斜杠转义不正确（要写反斜杠本身请用单引号）"),
    ("could not determine a constructor", "使用了不支持的 YAML 标签（以 ! 开头）"),
    ("found duplicate anchor", "锚点名称重复"),
    ("did not find expected", "格式不正确"),
]


@dataclass
class Source:
    """Data loaded from one YAML file, with the position of every value."""

    file: str
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)  # of values
    key_positions: dict[Path_, Position] = field(default_factory=dict)  # of mapping keys

    def position_of(self, path: Path_) -> Position | None:
        """The position of `path`'s value, or of its nearest ancestor that exists in the file;
        None for data that was not read from a file."""
        if not self.positions:
            return None
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(self.file, 1, 1))

    def key_position_of(self, path: Path_) -> Position | None:
        """Where the key of `path` is written (for "unknown field" errors)."""
        return self.key_positions.get(tuple(path)) or self.position_of(path)


def read_text(path: Path, what: str = "输入文件", error: type[Exception] = InputError) -> str:
    """Read a user's text file: UTF-8, UTF-16 with its byte order mark (Notepad's
    "Unicode") or GBK, which Windows users often save in.

    `what` names the file in messages (输入文件, 规则文件, 文稿 …); `error` is the
    exception the caller reports its problems with.
    """
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise error(f"找不到{what}：{path}") from None
    except IsADirectoryError:
        raise error(f"{path} 是一个文件夹，不是{what}") from None
    except OSError as exc:
        raise error(f"无法读取{what} {path}：{exc.strerror}") from None
    encoding = text_encoding(raw)
    if encoding is None:
        raise error(f"{what} {path} 不是 UTF-8 或 GBK 编码的文本文件（也不是记事本保存的 UTF-16“Unicode”文本）")
    return raw.decode(encoding)


def text_encoding(raw: bytes) -> str | None:
    """The encoding a user's text file was saved in, as a codec name that writes it back the
    same way (byte order mark included), or None when it is none of those drafter reads."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8", "gb18030"):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


# Files people hand to `render` by mistake, and what to say about them.
_NOT_YAML = {
    ".docx": "这是 Word 文档。要检查现成的文稿请用 drafter check",
    ".doc": "这是 Word 文档。要检查现成的文稿请另存为 .docx 后用 drafter check",
    ".wps": "这是 WPS 文档。要检查现成的文稿请另存为 .docx 后用 drafter check",
    ".xlsx": "这是 Excel 表格。单位名单请用 --table 指定，并给出一个底稿 YAML 文件",
    ".csv": "这是表格文件。单位名单请用 --table 指定，并给出一个底稿 YAML 文件",
    ".pdf": "这是 PDF 文件",
}


def load_file(path: Path) -> Source:
    hint = _NOT_YAML.get(Path(path).suffix.lower())
    if hint:
        raise InputError(f"{path} 不是 YAML 输入文件：{hint}。输入文件可用 drafter init 生成")
    return load_text(read_text(path), str(path))


def load_text(text: str, file: str = "<输入>") -> Source:
    if not text.strip():
        raise InputError(f"{file} 是空的：请按模板填写字段（可用 drafter init 生成示例）")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(f"{file} 里没有任何字段（只有注释）：请按模板填写字段")
        source = Source(file, None)
        source.data = _Builder(loader, source, _lines(text)).build(node, ())
        return source
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc, _lines(text), file) from None
    except yaml.reader.ReaderError:
        raise _non_printable(text, file) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML 格式错误：{_translate(str(exc))}") from None
    except RecursionError:
        raise InputError(f"{file} 嵌套层次过深") from None
    finally:
        loader.dispose()


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _explain(exc: yaml.MarkedYAMLError, lines: list[str], file: str) -> InputError:
    """The error for a YAML syntax problem, at the line the user typed when we can find it."""
    problem = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark or exc.context_mark
    quote = _opening_quote(exc, lines)
    if quote is not None:
        return InputError(mistakes.unclosed_quote(lines[quote.line], quote.column, quote.line + 1),
                          _mark_position(file, quote))
    if mark is None or not any(needle in problem for needle in _LAYOUT_PROBLEMS):
        return InputError(_yaml_problem(exc), _mark_position(file, mark))
    if "cannot start any token" in problem:
        return InputError(_cannot_start(lines[mark.line], mark.column), _mark_position(file, mark))
    context = exc.context_mark
    first = context.line if context is not None and context.line <= mark.line else max(0, mark.line - 2)
    for index in range(first, min(mark.line, len(lines) - 1) + 1):
        found = mistakes.line_mistake(lines[index])
        if found:
            return InputError(found[1], Position(file, index + 1, found[0]))
    if any(needle in problem for needle in _ALIGNMENT_PROBLEMS):
        found = mistakes.misaligned_key(lines, mark.line)
        if found:
            return InputError(found[1], Position(file, mark.line + 1, found[0]))
    if "mapping values are not allowed" in problem:
        wide = mistakes.full_width_quotes(lines[mark.line])
        if wide:
            return InputError(wide, _mark_position(file, mark))
    if "could not find expected ':'" in problem and context is not None:
        return InputError(mistakes.unexpected_line(lines, context.line), _mark_position(file, context))
    if "mapping values are not allowed" in problem and _FIRST_KEY.fullmatch(lines[mark.line][: mark.column]):
        # A well-formed "key: value" line refused: the line above is what swallowed it.
        above = max((i for i in range(mark.line) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                    default=None)
        if above is not None:
            return InputError(mistakes.unexpected_line(lines, above), Position(file, above + 1, 1))
    return InputError(_yaml_problem(exc), _mark_position(file, mark))


def _opening_quote(exc: yaml.MarkedYAMLError, lines: list[str]) -> Any:
    """The mark of a quote left open, when that is what the error comes from: YAML read on
    to the end of the file, or to the next quote some lines below, as the quoted value."""
    if exc.context == "while scanning a quoted scalar":
        return exc.context_mark
    mark = exc.problem_mark
    if mark is None:
        return None
    swallowed = None
    try:
        for token in yaml.scan("\n".join(lines[: mark.line + 1]), Loader=_Loader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                swallowed = token
    except yaml.YAMLError:
        pass
    if swallowed is None or (swallowed.end_mark.line, swallowed.end_mark.column) != (mark.line, mark.column):
        return None
    start = swallowed.start_mark
    indent = len(lines[start.line]) - len(lines[start.line].lstrip(" "))
    fields_inside = (mistakes.starts_field(line) and len(line) - len(line.lstrip(" ")) <= indent
                     for line in lines[start.line + 1: mark.line + 1])
    return start if any(fields_inside) else None  # a value over several lines has no "key:" lines


def _cannot_start(line: str, column: int) -> str:
    """The message for a character YAML refuses where a value starts: a tab, or one of the
    characters YAML keeps for itself (@ `)."""
    character = line[column:column + 1]
    if character == "\t":
        return "这里有一个 Tab：缩进请用空格，不要用 Tab"
    value = re.sub(r"\s+#.*$", "", line[column:]).strip()
    suggestion = f'{line[:column].strip()} "{value}"'.strip()
    return f"值不能以“{character}”开头：请把整个值用引号括起来，写成“{suggestion}”"


def _non_printable(text: str, file: str) -> InputError:
    """Where the first character YAML refuses is, and in which field."""
    found = _NON_PRINTABLE.search(text)
    if found is None:  # pragma: no cover - PyYAML and this pattern agree on what is printable
        return InputError(f"{file} 含有不能读取的字符")
    lines = _lines(text[: found.start()])
    line, column = len(lines), len(lines[-1]) + 1
    field_name = mistakes.key_path_at(_lines(text), line - 1)
    where = f"字段“{field_name}”" if field_name else "这里"
    return InputError(f"{where}含有看不见的控制字符 U+{ord(found.group()):04X}，请删除它", Position(file, line, column))


def _mark_position(file: str, mark: Any) -> Position | None:
    if mark is None:
        return None
    return Position(file, mark.line + 1, mark.column + 1)


def _translate(problem: str) -> str:
    for needle, chinese in _PROBLEMS:
        if needle in problem:
            return chinese
    return "格式不正确"


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    return f"YAML 格式错误：{_translate(problem)}"


class _Builder:
    def __init__(self, loader: Any, source: Source, lines: list[str]):
        self.loader = loader
        self.source = source
        self.lines = lines
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > _MAX_NODES or len(path) > _MAX_DEPTH:
            raise InputError("文件内容过大、嵌套过深或含有循环引用的锚点", self._pos(node))
        self.source.positions.setdefault(path, self._pos(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.flow_style:
                self._check_flow_items(node)
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.style in ("", None, '"', "'") and node.start_mark.line != node.end_mark.line:
            self._check_lines(node, path)
        return self._scalar(node)

    def _check_lines(self, node: yaml.ScalarNode, path: Path_) -> None:
        """A plain or quoted value written over several lines: a typing mistake (`-item`,
        `key:value` swallowed into the text above), or Chinese paragraphs that YAML would
        join with a space."""
        first, last = node.start_mark.line, node.end_mark.line
        if not node.style:  # inside quotes "-x" and "a:b" are just text
            for index in range(first, last + 1):
                found = mistakes.line_mistake(self.lines[index])
                if found:
                    raise InputError(found[1], Position(self.source.file, index + 1, found[0]))
        for index in range(first + 1, last + 1):
            line, previous = self.lines[index], self.lines[index - 1]
            if mistakes.folded_line(previous, line) and not previous.endswith("\\"):  # "\" escapes the break
                column = len(line) - len(line.lstrip(" ")) + 1
                raise InputError(f"{field_label(path)}写成了多行：{mistakes.FOLDED_TEXT}",
                                 Position(self.source.file, index + 1, column))

    def _check_flow_items(self, node: yaml.SequenceNode) -> None:
        """`[省委，市委]` is one item: in brackets only the ASCII comma separates items."""
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and not item.style and "，" in item.value:
                raise InputError(f"方括号里的各项要用半角逗号“, ”分开，现在用的是全角逗号“，”：“{item.value}”",
                                 self._pos(item))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        self.loader.flatten_mapping(node)  # resolves `<<: *anchor` merges
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise InputError("字段名必须是文字", self._pos(key_node))
            key = str(key) if not isinstance(key, str) else key
            if mistakes.FULL_WIDTH_SPACE in key:
                found = mistakes.line_mistake(self.lines[key_node.start_mark.line])
                if found:
                    raise InputError(found[1], Position(self.source.file, key_node.start_mark.line + 1, found[0]))
            if key in first_seen:
                raise InputError(
                    f"{field_label(path + (key,))}重复出现（第一次在第 {first_seen[key].line} 行）；"
                    "请删去其中一个",
                    self._pos(key_node),
                )
            first_seen[key] = self.source.key_positions[path + (key,)] = self._pos(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise InputError(_yaml_problem(exc), self._pos(node)) from None
        except ValueError:  # 2022-02-30 looks like a timestamp but is no date: the model judges the text
            return node.value

    def _pos(self, node: yaml.Node) -> Position:
        return Position(self.source.file, node.start_mark.line + 1, node.start_mark.column + 1)


def field_label(path: Path_, title: str = "") -> str:
    """How messages name the field at `path`: 字段“unit.kind”（单位类型）,
    字段“channels”（宣传阵地）的第 1 项, 字段“leaders”第 3 项的“name”（姓名）.

    List items are counted from 1, as a reader counts them (the data counts from 0);
    `title`, the Chinese title of the last named field, follows that name.
    """
    if not path:
        return "文件顶层"
    pieces: list[Any] = []  # runs of field names (joined by dots) and item numbers
    for part in path:
        if isinstance(part, int):
            pieces.append(part)
        elif pieces and isinstance(pieces[-1], list):
            pieces[-1].append(str(part))
        else:
            pieces.append([str(part)])
    last_names = max((i for i, piece in enumerate(pieces) if isinstance(piece, list)), default=-1)
    text = "字段"
    for i, piece in enumerate(pieces):
        if isinstance(piece, int):
            text += ("的" if text.endswith("）") else "") + f"第 {piece + 1} 项"
            continue
        text += ("的" if i else "") + "“" + ".".join(piece) + "”"
        if i == last_names and title:
            text += f"（{title}）"
    return text
