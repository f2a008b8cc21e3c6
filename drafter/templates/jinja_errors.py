"""Jinja's exceptions as TemplateErrors: in Chinese, at the template file and line."""

from __future__ import annotations

import re
from typing import Callable

import jinja2
from jinja2.sandbox import SecurityError

from .. import filters
from ..errors import Position, TemplateError
from .files import SUFFIX

# Jinja's names for tokens, in the words an author sees in the template.
_TOKENS = {
    "end of print statement": "“}}”",
    "end of statement block": "“%}”",
    "begin of print statement": "“{{”",
    "begin of statement block": "“{%”",
    "end of template": "模板结尾",
    "name": "名称",
    "integer": "数字",
    "float": "数字",
    "string": "文字",
}


def _token(description: str) -> str:
    return _TOKENS.get(description, f"“{description}”")


def _expected_expression(got: str) -> str:
    if got == "end of print statement":
        return "“{{ }}”里缺少要输出的内容"
    if got == "end of statement block":
        return "标签里缺少条件或表达式：{% if 条件 %}、{% elif 条件 %}、{% for 项 in 列表 %}"
    return f"这里应当写一个变量或表达式，却遇到了{_token(got)}"


def _expected_token(wanted: str, got: str) -> str:
    if wanted == "in":
        return "循环要写成 {% for 项 in 列表 %}"
    if wanted == "name":
        return f"这里应当写一个名称（“|”后面的过滤器名、block 或宏的名称），却遇到了{_token(got)}"
    if wanted in ("end of print statement", "end of statement block"):
        return f"{_token(wanted)}之前多出了{_token(got)}：一个标签里只能写一个表达式，或者这里缺少{_token(wanted)}"
    return f"写法不完整：这里应当是{_token(wanted)}，却遇到了{_token(got)}"


def _unexpected_char(char: str) -> str:
    if char in "\"'":
        return f"引号 {char} 没有闭合：标签里的文字要用一对引号括起来"
    if not char.isascii():
        return f"标签里出现了全角或不能识别的字符“{char}”：标签里的括号、引号、逗号等都要用半角"
    return f"标签里出现了不能识别的字符“{char}”"


def _unexpected(got: str, wanted: str | None) -> str:
    if wanted:
        return f"括号不配对：这里应当是“{wanted}”，却遇到了{_token(got)}"
    if got in _TOKENS:
        return f"{_token(got)}前面缺少内容（例如运算符后面缺少数值，extends、include 后面缺少模板名）"
    if got == "}":
        return "“}}”要写两个“}”；或者这里多出了一个“}”"
    return f"多出了“{got}”，或者它前面缺少内容"


def _unknown_tag(tag: str, innermost: str | None) -> str:
    if innermost:
        return f"{{% {innermost} %}} 没有对应的 {{% end{innermost} %}}（在这里遇到了 {{% {tag} %}}）"
    if tag.startswith("end"):
        return f"多出了 {{% {tag} %}}：前面没有对应的 {{% {tag[3:]} %}}"
    if tag in ("else", "elif"):
        return f"{{% {tag} %}} 只能写在 {{% if %}} 和 {{% endif %}} 之间"
    return f"不认识的标签“{{% {tag} %}}”（可用的标签有 if、for、set、block、include、macro 等）"


def _end_of_template(innermost: str | None) -> str:
    if innermost:
        return f"{{% {innermost} %}} 没有对应的 {{% end{innermost} %}}"
    return "模板意外结束：可能缺少 {% endif %}、{% endfor %} 或 {% endblock %}"


# Patterns over Jinja's messages, needed only when a template is wrong: re compiles (and keeps)
# each on first use instead of at every start.
_INNERMOST = r"innermost block that needs to be closed is '(\w+)'"

# (pattern, explanation from the match); the first match wins.
_SYNTAX: list[tuple[str, Callable[[re.Match], str]]] = [
    (r"Expected an expression, got '(.+?)'", lambda m: _expected_expression(m[1])),
    (r"unexpected end of template, expected '(.+?)'", lambda m: f"模板意外结束：缺少{_token(m[1])}"),
    (r"expected token '(.+?)', got '(.+?)'", lambda m: _expected_token(m[1], m[2])),
    (r"expected name or number", lambda m: "点号“.”后面缺少字段名"),
    (r"unexpected char '(.)'|unexpected char \"(.)\"", lambda m: _unexpected_char(m[1] or m[2])),
    (r"Encountered unknown tag '(\w+)'",
     lambda m: _unknown_tag(m[1], _innermost(m.string))),
    (r"Unexpected end of template", lambda m: _end_of_template(_innermost(m.string))),
    (r"unexpected '(.+?)'(?:, expected '(.+?)')?", lambda m: _unexpected(m[1], m[2])),
    (r"tag name expected", lambda m: "“{% %}”里缺少标签名（如 if、for、block）"),
    (r"Missing end of comment tag", lambda m: "注释的“{#”没有对应的“#}”"),
    (r"Missing end of raw directive", lambda m: "{% raw %} 没有对应的 {% endraw %}"),
    (r"No filter named '(.+?)'", lambda m: f"没有名为“{m[1]}”的过滤器"),
    (r"No test named '(.+?)'", lambda m: f"没有名为“{m[1]}”的判断（is 后面的词）"),
    (r"[Bb]lock '(.+?)' defined twice", lambda m: f"block“{m[1]}”定义了两次"),
    (r"can't assign to", lambda m: "{% set %} 的等号左边应当是变量名"),
    (r"cannot use extend from a non top-level scope",
     lambda m: "{% extends %} 只能写在模板的最外层，不能放在 block、if、for 里面"),
]


def _innermost(message: str) -> str | None:
    match = re.search(_INNERMOST, message)
    return match[1] if match else None


def explain_syntax(message: str) -> str:
    """A Chinese explanation of one of Jinja's syntax messages; the English kept if unknown."""
    for pattern, explain in _SYNTAX:
        match = re.search(pattern, message)
        if match:
            return explain(match)
    return f"写法有误（{message}）"


def template_error(exc: jinja2.TemplateSyntaxError, file: str | None = None) -> TemplateError:
    """`file` names the template where Jinja cannot (errors raised while a tree is analysed)."""
    where = Position(file or exc.filename or exc.name or "模板", exc.lineno or 1, 1)
    return TemplateError(f"模板语法错误：{explain_syntax(exc.message or '')}", where)


def runtime_error(exc: Exception) -> TemplateError:
    """An exception raised while rendering, at the deepest template line it passed through."""
    import traceback  # only when a template fails

    where = None
    for frame in traceback.extract_tb(exc.__traceback__):  # Jinja puts template lines in the traceback
        if frame.filename.endswith(SUFFIX):
            where = Position(frame.filename, frame.lineno or 1, 1)
    return TemplateError(_runtime_message(exc), where)


_RUNTIME = [
    (ZeroDivisionError, "模板运行时除以了零"),
    (TypeError, "模板运行时数据类型不匹配（例如把文字和数字相加）"),
    (KeyError, "模板运行时找不到这个键"),
    (IndexError, "模板运行时下标超出了列表范围"),
    (OverflowError, "模板运行时数值过大"),
    (RecursionError, "模板运行时调用层次过深（宏是否调用了它自己？）"),
    (ValueError, "模板运行时取值不正确"),
]
_NO_PARENT = r"there is no parent block called '(.+?)'"  # these three: as _SYNTAX
_EMPTY = r"No (first|last) item, sequence was empty"
_UNSAFE_NAME = r"attribute '([^']+)'"


def _runtime_message(exc: Exception) -> str:
    message = str(exc)
    if isinstance(exc, SecurityError):
        name = re.search(_UNSAFE_NAME, message)
        return "模板试图访问不允许的内容" + (f"“{name[1]}”" if name else "") + "，已阻止"
    if isinstance(exc, jinja2.UndefinedError):
        parent = re.search(_NO_PARENT, message)
        if parent:
            return f"block“{parent[1]}”没有上级模板里的同名 block，不能用 super()"
        empty = re.search(_EMPTY, message)
        if empty:
            which = "第一" if empty[1] == "first" else "最后一"
            return f"列表是空的，取不到{which}项：请先用 {{% if 列表 %}} 判断"
        if message.isascii():  # one of Jinja's own hints rather than ExplainedUndefined's
            return f"用到了没有的变量或字段（{message}）"
        return message
    if isinstance(exc, filters.TemplateUsage):
        return message
    for kind, explanation in _RUNTIME:
        if isinstance(exc, kind):
            return explanation
    return f"模板运行出错（{message}）"
