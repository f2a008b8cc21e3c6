"""Find, check and render templates.

A template is one `NAME.j2` file: a manifest in a leading Jinja comment
(`{#--- … ---#}`, YAML: title, description, kind, fields) followed by Jinja2 text
that produces the block markup of markup.py. Templates are looked up in layered
folders (built-in, local `templates/`, $DRAFTER_TEMPLATES, --templates); a later
folder overrides an earlier one by name. Every template, built-in or not, is
rendered in Jinja's immutable sandbox with strict undefined variables.
"""

from __future__ import annotations

import os
import re
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple, Optional

import jinja2
from jinja2 import nodes
from markupsafe import Markup
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from . import cache, filters
from .errors import DrafterError, InputError, Position, TemplateError
from .fields import SHARED_FIELDS, FieldSpec, input_model
from .markup import DATA_END, DATA_START
from .source import Source, load_text
from .validation import validate

SUFFIX = ".j2"
BUILTIN_ORIGIN = "内置"
_FRONT_MATTER = re.compile(r"\A\{#---[ \t]*\n(.*?)\n---#\}", re.S)
_NAME = re.compile(r"^[\w\-]+(?:/[\w\-]+)*$")  # \w takes in Chinese characters
# Names a template may use besides the input fields.
CONTEXT_EXTRAS = frozenset({"era", "doc"})


# ---------------------------------------------------------------- the manifest --


class _ManifestModel(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    title: str
    description: str
    kind: str = "讲话"
    abstract: bool = False
    meeting: Optional[str] = None  # default meeting name
    fields: dict[str, FieldSpec] = {}  # pydantic copies it for every instance

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in ("讲话", "汇报"):
            raise ValueError("文稿类型只能是“讲话”或“汇报”")
        return value


class Manifest(NamedTuple):
    title: str
    description: str
    kind: str = "讲话"
    abstract: bool = False
    meeting: str | None = None
    fields: tuple[FieldSpec, ...] = ()


def read_manifest(text: str, file: str) -> Manifest:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise TemplateError(f"模板 {file} 开头缺少说明块：第一行应为“{{#---”，说明写完后以“---#}}”结束")
    # A leading newline keeps YAML line numbers equal to the template's.
    source = load_text("\n" + match.group(1) + "\n", file) if match.group(1).strip() else None
    if source is None:
        raise TemplateError(f"模板 {file} 的说明块是空的：至少要有 title 和 description")
    try:
        raw = validate(source, _ManifestModel)
    except InputError as exc:
        raise TemplateError(f"模板说明块有误：\n{exc}") from None
    specs = tuple(_field_spec(name, decl, source) for name, decl in raw.fields.items())
    return Manifest(raw.title, raw.description, raw.kind, raw.abstract, raw.meeting, specs)


def _field_spec(name: str, decl: FieldSpec, source: Source) -> FieldSpec:
    from pydantic import TypeAdapter  # only when a manifest is read (not when it is cached)

    where = source.position_of(("fields", name))
    if not name.isidentifier() or name.startswith("_"):
        raise TemplateError(f"字段名“{name}”只能由字母、数字和下划线组成，且不能以数字或下划线开头", where)
    if name in SHARED_FIELDS or name in CONTEXT_EXTRAS:
        raise TemplateError(f"字段名“{name}”是公共字段，模板不能重新声明", where)
    if decl.type == "choice" and not decl.choices:
        raise TemplateError(f"字段“{name}”的类型是 choice，需要用 choices 列出选项", where)
    spec = decl.model_copy(update={"name": name})
    for label, value in (("default", decl.default), ("example", decl.example)):
        if value is not None:
            try:
                TypeAdapter(spec.annotation()).validate_python(value)
            except ValidationError:
                raise TemplateError(f"字段“{name}”的 {label} 与类型 {decl.type} 不符",
                                    source.position_of(("fields", name, label))) from None
    return spec


# ---------------------------------------------------------------- discovery -----


class TemplateFile:
    """A template file found in one of the template folders."""

    def __init__(self, name: str, path: Path, origin: str, overrides: Optional["TemplateFile"] = None):
        self.name = name
        self.path = path
        self.origin = origin  # 内置, or the folder it came from
        self.overrides = overrides  # the file of the same name this one hides

    @cached_property
    def text(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"无法读取模板 {self.path}：{exc}") from None

    @cached_property
    def manifest(self) -> Manifest:
        return cache.memo(cache.key("manifest", self.text), lambda: read_manifest(self.text, str(self.path)))


def builtin_dir() -> Path:
    """The top-level templates/ folder, shipped as the drafter.builtin_templates package."""
    import importlib.util

    spec = importlib.util.find_spec("drafter.builtin_templates")
    if spec is not None and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    checkout = Path(__file__).resolve().parent.parent / "templates"  # running from a source checkout
    if (checkout / "base-speech.j2").is_file():
        return checkout
    raise TemplateError("安装不完整：找不到内置模板，请重新安装 drafter")


def template_dirs(input_file: Path | None = None, extra: tuple[Path, ...] = ()) -> list[tuple[Path, str]]:
    """Template folders, lowest priority first; each once."""
    candidates: list[tuple[Path, str]] = [(builtin_dir(), BUILTIN_ORIGIN), (Path.cwd() / "templates", "")]
    if input_file is not None:
        candidates.append((input_file.resolve().parent / "templates", ""))
    for entry in os.environ.get("DRAFTER_TEMPLATES", "").split(os.pathsep):
        if entry.strip():
            candidates.append((Path(entry.strip()), ""))
    candidates.extend((Path(d), "") for d in extra)
    seen: set[Path] = set()
    result = []
    for folder, origin in candidates:
        if not folder.is_dir():
            if folder in [Path(d) for d in extra]:
                raise TemplateError(f"模板文件夹不存在：{folder}")
            continue
        resolved = folder.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        result.append((resolved, origin or str(folder)))
    return result


class Library:
    """All templates visible from one place, and the sandboxed environment to render them."""

    def __init__(self, folders: list[tuple[Path, str]]):
        self.folders = folders
        self.files: dict[str, TemplateFile] = {}
        for folder, origin in folders:
            for path in sorted(folder.glob("*" + SUFFIX)):
                name = path.name[: -len(SUFFIX)]
                earlier = self.files.get(name)
                if earlier is not None and earlier.path.read_bytes() == path.read_bytes():
                    continue  # the same file seen twice (a checkout's templates/ is the built-in one)
                self.files[name] = TemplateFile(name, path, origin, earlier)
        self.env = _environment(self)
        self._checked: dict[str, "Template"] = {}

    @classmethod
    def discover(cls, input_file: Path | None = None, extra: tuple[Path, ...] = ()) -> "Library":
        return cls(template_dirs(input_file, extra))

    def listed(self) -> list[TemplateFile]:
        """Templates shown to users: partials (names starting with _) are left out."""
        return [f for name, f in sorted(self.files.items()) if not name.startswith("_")]

    def names(self) -> str:
        usable = [f.name for f in self.listed() if not _safe_abstract(f)]
        return "、".join(usable)

    def find_path(self, name: str) -> Path:
        """The file for a template name used by a user, an extends or an include."""
        normalised = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
        if normalised.startswith(("/", "\\")) or ".." in normalised.split("/") or not _NAME.match(normalised):
            raise TemplateError(f"模板名“{name}”不合法：只能引用模板文件夹里的模板，不能用路径（../ 或 /）")
        if normalised in self.files:
            return self.files[normalised].path
        for folder, _ in reversed(self.folders):  # partials in sub-folders: a/b.j2
            path = (folder / (normalised + SUFFIX)).resolve()
            if path.is_file() and folder in path.parents:
                return path
        raise TemplateError(f"找不到模板“{name}”。可用的模板：{self.names()}")

    def get(self, name: str) -> "Template":
        """A renderable template, loaded and checked."""
        if name not in self._checked:
            if name.startswith("_") or name not in self.files:
                self.find_path(name)  # refuses bad names with the right message
                raise TemplateError(f"找不到模板“{name}”。可用的模板：{self.names()}")
            template = Template(self, self.files[name])
            template.check()
            self._checked[name] = template
        return self._checked[name]


def _safe_abstract(file: TemplateFile) -> bool:
    try:
        return file.manifest.abstract
    except DrafterError:
        return False


class _Loader(jinja2.BaseLoader):
    def __init__(self, library: Library):
        self.library = library

    def get_source(self, environment: jinja2.Environment, name: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            path = self.library.find_path(name)
        except TemplateError as exc:
            raise jinja2.TemplateNotFound(name, exc.message) from None
        text = path.read_text(encoding="utf-8-sig")
        return text, str(path), lambda: True


def _finalize(value: Any) -> Markup:
    """What `{{ value }}` prints: user data marked as data, None as nothing.

    Autoescaping is on only to tell the two kinds of output apart: what a template
    produced itself (super(), blocks, macros) arrives as Markup and may carry markup
    lines; anything else is data. Returning Markup keeps Jinja from HTML-escaping.
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, bool):
        text = "是" if value else "否"
    elif isinstance(value, date):
        text = filters.cn_date(value)
    elif isinstance(value, (str, int, float)):
        text = str(value)
    else:
        raise filters.TemplateUsage(
            "不能直接输出列表或字段组，请用 cn_join、points 等过滤器，或用 {% for %} 逐项输出")
    return Markup(DATA_START + text.replace("\n", DATA_END + "\n" + DATA_START) + DATA_END)


class _Environment(ImmutableSandboxedEnvironment):
    """Parses each template source once: the load-time check and the compiler share the tree."""

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.parsed: dict[tuple, nodes.Template] = {}

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        key = (name, filename, source)
        parsed = self.parsed.get(key)
        if parsed is None:
            parsed = self.parsed[key] = super()._parse(source, name, filename)
        return parsed


class _CompiledCode(jinja2.BytecodeCache):
    """Jinja's compiled templates kept in drafter's cache (Jinja checks the source's hash)."""

    def load_bytecode(self, bucket: Any) -> None:
        code = cache.load(cache.key("jinja", bucket.key))
        if isinstance(code, bytes):
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Any) -> None:
        cache.store(cache.key("jinja", bucket.key), bucket.bytecode_to_string())


def _environment(library: Library) -> ImmutableSandboxedEnvironment:
    env = _Environment(
        loader=_Loader(library),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,  # see _finalize: marks data, never HTML-escapes
        finalize=_finalize,
        auto_reload=False,
        bytecode_cache=_CompiledCode(),
    )
    env.filters.update(filters.FILTERS)
    return env


# ---------------------------------------------------------------- one template ---


class Template:
    """A template ready to render: its file, the chain it extends, its input model."""

    def __init__(self, library: Library, file: TemplateFile):
        self.library = library
        self.file = file
        self.chain: list[TemplateFile] = []  # this file and the ones it extends, set by check()
        self._read: dict[str, tuple[str, str]] = {}  # name → (path, hash) of every file check() read

    @property
    def name(self) -> str:
        return self.file.name

    @property
    def manifest(self) -> Manifest:
        return self.file.manifest

    @cached_property
    def fields(self) -> list[FieldSpec]:
        """Declared fields along the extends chain; a child's declaration wins."""
        merged: dict[str, FieldSpec] = {}
        for file in reversed(self.chain):
            for spec in file.manifest.fields:
                merged[spec.name] = spec
        return list(merged.values())

    @cached_property
    def meeting_default(self) -> str | None:
        return next((f.manifest.meeting for f in self.chain if f.manifest.meeting), None)

    @cached_property
    def input_model(self) -> type:
        return input_model(self.name, self.fields)

    def check(self) -> None:
        """Load the whole chain and refuse variables that no field declares.

        A passed check is remembered with the hash of every file it read; while those
        files are unchanged (and still the ones the names resolve to) it holds."""
        if self.manifest.abstract:
            raise TemplateError(f"“{self.name}”是基础框架，不能直接使用；请用继承它的模板。可用的模板：{self.library.names()}")
        memo_key = cache.key("check", self.name, str(self.file.path))
        passed = cache.load(memo_key)
        if isinstance(passed, dict) and self._still_holds(passed):
            self.chain = [self.library.files[name] for name in passed["chain"]]
            return
        self._check()
        cache.store(memo_key, {"chain": [f.name for f in self.chain], "read": self._read})

    def _still_holds(self, passed: dict) -> bool:
        try:
            for name, (path, digest) in passed["read"].items():
                found = self.library.find_path(name)
                if str(found) != path or _digest(found.read_text(encoding="utf-8-sig")) != digest:
                    return False
            return all(name in self.library.files for name in passed["chain"])
        except (DrafterError, OSError, UnicodeDecodeError, KeyError, TypeError, ValueError):
            return False

    def _check(self) -> None:
        self.chain = self._extends_chain()
        known = SHARED_FIELDS | CONTEXT_EXTRAS | {f.name for f in self.fields} | set(self.library.env.globals)
        reachable = list(self._reachable())
        for _, _, ast in reachable:  # top-level {% set %} and macros are shared by every block
            known |= _top_level_names(ast)
        for name, path, ast in reachable:
            for variable in sorted(_meta().find_undeclared_variables(ast) - known):
                line = _first_use(ast, variable)
                raise TemplateError(
                    f"使用了未声明的变量“{variable}”：请在模板开头说明块的 fields 里声明它，"
                    f"或改用已有字段（{'、'.join(sorted(SHARED_FIELDS))}）",
                    Position(str(path), line, 1))

    def _parse(self, name: str) -> tuple[Path, nodes.Template]:
        path = self.library.find_path(name)
        try:
            source = path.read_text(encoding="utf-8-sig")
            self._read[name] = (str(path), _digest(source))
            return path, self.library.env.parse(source, name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            raise template_error(exc) from None

    def _extends_chain(self) -> list[TemplateFile]:
        chain = [self.file]
        path, ast = self._parse(self.name)
        while True:
            target = _extends_target(ast, path)
            if target is None:
                return chain
            if target.endswith(SUFFIX):
                target = target[: -len(SUFFIX)]
            parent = self.library.files.get(target)
            if parent is None:
                self.library.find_path(target)
                raise TemplateError(f"模板 {path} 继承的“{target}”找不到。可用的模板：{self.library.names()}")
            if parent in chain:
                raise TemplateError(f"模板继承出现循环：{' → '.join(f.name for f in chain)} → {target}")
            parent.manifest  # a parent's manifest errors are reported with its file
            chain.append(parent)
            path, ast = self._parse(target)

    def _reachable(self) -> Iterator[tuple[str, Path, nodes.Template]]:
        """This template and every template it extends, includes or imports."""
        pending, seen = [self.name], set()
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            path, ast = self._parse(name)
            yield name, path, ast
            for ref in _meta().find_referenced_templates(ast):
                if ref is None:
                    raise TemplateError(f"模板 {path} 里 extends/include 的目标必须是写定的模板名")
                pending.append(ref)

    def render(self, context: dict[str, Any]) -> str:
        try:
            return self.library.env.get_template(self.name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise template_error(exc) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(exc.message or f"找不到模板“{exc.name}”") from None
        except DrafterError:
            raise
        except Exception as exc:  # noqa: BLE001 - anything a template does wrong is the template's error
            raise _runtime_error(exc, self.library) from None

    def outline(self) -> list[tuple[int, str]]:
        """Heading levels and texts of this template, rendered with its example data."""
        from .markup import parse
        from .document import Kind

        blocks = parse(self.render(example_context(self)), self.name)
        return [(b.level, b.display) for b in blocks if b.kind is Kind.HEADING]


def _meta() -> Any:
    """jinja2.meta, needed only when a template is checked (not when the check is cached)."""
    from jinja2 import meta

    return meta


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _extends_target(ast: nodes.Template, path: Path) -> str | None:
    extends = list(ast.find_all(nodes.Extends))
    if not extends:
        return None
    if not isinstance(extends[0].template, nodes.Const):
        raise TemplateError(f"模板 {path} 的 extends 目标必须是写定的模板名")
    return str(extends[0].template.value)


def _top_level_names(ast: nodes.Template) -> set[str]:
    names: set[str] = set()
    for node in ast.body:
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            names |= {n.name for n in node.target.find_all(nodes.Name)} | (
                {node.target.name} if isinstance(node.target, nodes.Name) else set())
        elif isinstance(node, nodes.Macro):
            names.add(node.name)
        elif isinstance(node, nodes.Import):
            names.add(node.target)
        elif isinstance(node, nodes.FromImport):
            names |= {n if isinstance(n, str) else n[1] for n in node.names}
    return names


def _first_use(ast: nodes.Template, variable: str) -> int:
    lines = [n.lineno for n in ast.find_all(nodes.Name) if n.name == variable]
    return min(lines) if lines else 1


# ---------------------------------------------------------------- errors --------

_SYNTAX_MESSAGES = [
    ("unexpected end of template", "模板意外结束：可能缺少 {% endif %}、{% endfor %} 或 {% endblock %}"),
    ("Encountered unknown tag", "不认识的标签"),
    ("unexpected '}'", "括号不配对"),
    ("unexpected char", "出现了不能识别的字符"),
    ("expected token", "写法不完整"),
    ("was never closed", "括号或引号没有闭合"),
    ("no filter named", "没有这个过滤器"),
    ("no test named", "没有这个判断"),
    ("block defined twice", "同一个 block 定义了两次"),
]


def _translate(message: str, table: list[tuple[str, str]]) -> str:
    for needle, chinese in table:
        if needle in message:
            return f"{chinese}（{message}）"
    return message


def template_error(exc: jinja2.TemplateSyntaxError) -> TemplateError:
    where = Position(exc.filename or exc.name or "模板", exc.lineno or 1, 1)
    message = exc.message or ""
    unclosed = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    if unclosed:
        tag = unclosed.group(1)
        return TemplateError(f"模板语法错误：{{% {tag} %}} 没有对应的 {{% end{tag} %}}", where)
    return TemplateError(f"模板语法错误：{_translate(message, _SYNTAX_MESSAGES)}", where)


def _runtime_error(exc: Exception, library: Library) -> TemplateError:
    paths = {str(f.path) for f in library.files.values()}
    line, file = 1, "模板"
    import traceback  # only when a template fails

    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename in paths or frame.filename.endswith(SUFFIX):
            file, line = frame.filename, frame.lineno or 1
    where = Position(file, line, 1)
    message = str(exc)
    if isinstance(exc, SecurityError):
        return TemplateError(f"模板试图访问不允许的内容，已阻止（{message}）", where)
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"用到了没有的变量或字段：{_undefined_name(message)}", where)
    if isinstance(exc, filters.TemplateUsage):
        return TemplateError(message, where)
    kind = _RUNTIME_KINDS.get(type(exc).__name__, "出错")
    return TemplateError(f"模板运行{kind}（{type(exc).__name__}: {message}）", where)


_RUNTIME_KINDS = {
    "ZeroDivisionError": "时除以了零",
    "TypeError": "时数据类型不匹配（例如把文字和数字相加）",
    "ValueError": "时取值不正确",
    "KeyError": "时找不到这个键",
    "IndexError": "时下标超出了列表范围",
    "OverflowError": "时数值过大",
}


def _undefined_name(message: str) -> str:
    match = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    return f"“{match.group(1)}”" if match else message


# ---------------------------------------------------------------- examples ------


def example_data(template: Template) -> dict[str, Any]:
    """Input data that renders the template as is: shared examples plus each field's example."""
    data: dict[str, Any] = {
        "template": template.name,
        "unit": {"name": "某某县某某局", "short_name": "县某某局", "kind": "局"},
        "speaker": {"title": "党组书记", "name": "张某某"},
        "meeting": {"date": date.today()},
    }
    for spec in template.fields:
        value = spec.example if spec.example is not None else spec.default
        if value is None and spec.required:
            value = _placeholder(spec)
        if value is not None:
            data[spec.name] = value
    return data


def _placeholder(spec: FieldSpec) -> Any:
    """A value that validates, for a required field that declares no example."""
    label = f"（请填写{spec.title or spec.name}）"
    return {
        "list": [label], "items": [{"title": label}], "date": date.today(), "number": 1, "flag": True,
        "choice": spec.choices[0] if spec.choices else label,
    }.get(spec.type, label)


def example_context(template: Template) -> dict[str, Any]:
    model = template.input_model.model_validate(example_data(template))
    return render_context(template, model)


def render_context(template: Template, model: Any) -> dict[str, Any]:
    context = model.context()
    if not context["meeting"]["name"] and template.meeting_default:
        context["meeting"]["name"] = template.meeting_default
    context["doc"] = {"kind": template.manifest.kind, "template": template.name}
    return context
