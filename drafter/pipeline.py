"""YAML file → validated input → rendered markup → document model.

The one path every command (render, validate, check, batch) goes through.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from .document import Document
from .errors import DrafterError, InputError, ShortListError, TemplateError
from .markup import build_document
from .model import SpeechInput
from .source import Source, load_file
from .templates import Library, Template, render_context
from .validation import require_mapping, validate


class Rendered(NamedTuple):
    document: Document
    data: SpeechInput
    template: Template


def choose_template(source: Source, override: str | None, library: Library) -> Template:
    """The template named by -t, else by the file's `template:` field."""
    if override:
        return library.get(override)
    name = require_mapping(source).get("template")
    if name is None:
        raise InputError(f"没有指定模板：请在文件里写“template: 模板名”，或用 -t 指定。可用的模板：{library.names()}",
                         source.position_of(()))
    if not isinstance(name, str):
        raise InputError("字段“template”应为模板名称（文字）", source.position_of(("template",)))
    try:
        return library.get(name)
    except TemplateError as exc:
        if exc.position is None:  # the name itself is wrong: point at the YAML line
            raise InputError(f"字段“template”：{exc.message}", source.position_of(("template",))) from None
        raise


def render_source(source: Source, template: Template) -> Rendered:
    data = validate(source, template.input_model)
    return render_data(data, template, source)


def render_data(data: Any, template: Template, source: Source | None = None) -> Rendered:
    context = render_context(template, data)
    try:
        text = template.render(context)
    except ShortListError as exc:
        raise _too_few_items(exc, context, template, source) from None
    meeting = context["meeting"]
    document = build_document(
        text,
        template=template.name,
        author=data.unit.name,
        subject=meeting["name"] or "",
        date=data.meeting.date,
        genre=template.manifest.genre,
    )
    document.meta = {"unit": data.unit.short, "meeting": meeting["name"] or template.manifest.title}
    return Rendered(document, data, template)


def _too_few_items(exc: ShortListError, context: dict[str, Any], template: Template,
                   source: Source | None) -> DrafterError:
    """leaders[2] of two leaders is the input's shortfall: said at the YAML field (a learnt
    template names the original's people by position), the template line given for reference."""
    field = next((key for key, value in context.items() if value is exc.items), None)
    if field is None:  # a list the template built itself: the template's error
        return exc
    where = f"（{exc.position}）" if exc.position else ""
    message = (f"字段“{field}”只有 {len(exc.items)} 项，模板“{template.name}”要用到第 {exc.index + 1} 项{where}："
               f"请在 {field} 下补足到至少 {exc.index + 1} 项")
    return InputError(message, source.key_position_of((field,)) if source is not None else None)


def load_and_render(path: Path, template: str | None = None, library: Library | None = None,
                    extra_dirs: tuple[Path, ...] = ()) -> Rendered:
    source = load_file(path)
    library = library or Library.discover(path, extra_dirs)
    return render_source(source, choose_template(source, template, library))


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def default_filename(rendered: Rendered, suffix: str) -> str:
    """单位简称-会议名称-2022-01-25.docx, safe on Windows and Linux."""
    doc = rendered.document
    parts = [doc.meta["unit"], doc.meta["meeting"] + doc.genre, rendered.data.meeting.date.isoformat()]
    name = "-".join(_UNSAFE.sub("_", p).strip("._") for p in parts if p)
    return name[:120] + suffix
