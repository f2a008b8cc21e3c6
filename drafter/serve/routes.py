"""The pages and actions of `drafter serve`.

    GET  /                    the workspace: input files, templates, a new input
    GET  /edit?file=NAME      the form, the preview and the findings of one input
    POST /api/preview         form data → pages, field errors, findings (JSON)
    POST /api/save            form data → the YAML file, edited in place
    POST /api/switch          another template for the input (the fields it lacks are taken out)
    POST /api/download?format=docx|pdf|text   form data → the document
    POST /api/new             a new input file from a template (what `drafter init` writes)

Every problem a user can cause comes back as a Chinese message (JSON `message`, or an
error page), never as a traceback; the server keeps running. The handlers are async, so
the workspace and its templates are only ever used from the event loop's thread; only
LibreOffice's conversion, which takes seconds, runs in a worker thread.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..errors import DrafterError
from ..output import write_atomic
from ..pdf import INSTALL_HINT, convert, find_soffice
from ..pipeline import choose_template, default_filename
from ..scaffold import json_schema, starter_yaml
from ..source import load_file, read_text, text_encoding
from ..writers import serialise
from .form import build_form, date_paths, is_date_path, to_json
from .preview import form_source, preview
from .security import BodyTooLarge
from .workspace import PathRefused, Workspace, fingerprint
from .yamlsave import apply_changes, point_schema

MEDIA_TYPES = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "pdf": ("application/pdf", ".pdf"),
    "text": ("text/plain; charset=utf-8", ".txt"),
}


class Problem(Exception):
    """A request the page cannot fulfil; `message` is shown to the user."""

    def __init__(self, message: str, status: int = 400, **extra: Any):
        super().__init__(message)
        self.message = message
        self.status = status
        self.extra = extra


def workspace(request: Request) -> Workspace:
    return request.app.state.workspace


def page(request: Request, page_name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = request.app.state.pages.get_template(page_name).render(folder=str(workspace(request).folder), **context)
    return HTMLResponse(html, status_code=status)


# -- pages -------------------------------------------------------------------------------

async def home(request: Request) -> HTMLResponse:
    ws = workspace(request)
    return page(request, "home.html", inputs=ws.inputs(), templates=ws.templates())


async def edit(request: Request) -> HTMLResponse:
    ws = workspace(request)
    name = request.query_params.get("file", "")
    try:
        path = ws.input_path(name)
        raw = path.read_bytes()
        source = load_file(path)
        template = choose_template(source, None, ws.library())
    except DrafterError as error:
        return page(request, "problem.html", status=400, name=name, message=str(error))
    data = to_json(source.data)
    form = build_form(template)
    shown = {str(child.key) for child in form.children}
    extra = {key: value for key, value in data.items() if key not in shown}
    first = preview(data, ws.library()).as_json()
    state = {"file": ws.relative(path), "base": fingerprint(raw), "extra": extra, "preview": first}
    return page(request, "edit.html", name=ws.relative(path), template=template, form=form, data=data,
                templates=[t for t in ws.templates() if not t.problem],
                state=json.dumps(state, ensure_ascii=False).replace("<", "\\u003c"), first=first)


# -- actions -----------------------------------------------------------------------------

async def _body(request: Request) -> dict[str, Any]:
    # JSON only: a plain form another site posts cannot be made to look like one
    # without the browser asking this server first (and being refused).
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise Problem("提交的内容应为 JSON", 415)
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise Problem("提交的内容不是正确的 JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("data", {}), dict):
        raise Problem("提交的内容格式不正确")
    return body


def _date_paths(ws: Workspace, data: dict[str, Any]) -> set[tuple[str, ...]]:
    """The date fields of the template `data` names (none when it names no usable one)."""
    try:
        return date_paths(choose_template(form_source(data)[0], None, ws.library()))
    except DrafterError:
        return set()


async def api_preview(request: Request) -> JSONResponse:
    body = await _body(request)
    return JSONResponse(preview(body.get("data", {}), workspace(request).library()).as_json())


async def api_save(request: Request) -> JSONResponse:
    body = await _body(request)
    ws = workspace(request)
    path = ws.input_path(str(body.get("file", "")))
    saved = _write_back(ws, path, body.get("data", {}), body)
    return JSONResponse({"base": fingerprint(saved), "message": f"已保存：{ws.relative(path)}"})


async def api_switch(request: Request) -> JSONResponse:
    """Another template for this input: first (confirm false) the fields the new template does
    not have, which the switch will take out of the file; then (confirm true) the file saved
    with the form's data, the new template's name and without those fields."""
    body = await _body(request)
    ws = workspace(request)
    path = ws.input_path(str(body.get("file", "")))
    template = ws.library().get(str(body.get("template", "")))
    known = set(template.input_model.model_fields) | {"template"}
    data = {key: value for key, value in body.get("data", {}).items() if key in known}
    dropped = [key for key in body.get("data", {}) if key not in known]
    if not body.get("confirm"):
        filled = [key for key in dropped if body["data"][key] not in (None, "", [], {})]
        return JSONResponse({"dropped": filled, "title": template.manifest.title})
    _write_back(ws, path, {**data, "template": template.name}, body, drop=dropped, schema=template.name)
    _write_schema(path.parent, template)
    return JSONResponse({"reload": "/edit?file=" + quote(ws.relative(path))})


def _write_back(ws: Workspace, path: Path, data: dict[str, Any], body: dict[str, Any],
                drop: list[str] | tuple[str, ...] = (), schema: str | None = None) -> bytes:
    """`data` into the file, unless it changed since the page read it (`base`) and the user
    did not choose to overwrite (`force`); `schema` names the template its editor hint
    (`# yaml-language-server: $schema=…`) should point to."""
    current = path.read_bytes()
    if fingerprint(current) != body.get("base") and not body.get("force"):
        raise Problem(f"文件“{ws.relative(path)}”在本页面打开之后已被修改（可能是在其他编辑器里）。"
                      "请选择：用本页面的内容覆盖它，或放弃本页面的修改、重新载入文件。", 409, conflict=True)
    dates = _date_paths(ws, data)
    text = apply_changes(read_text(path), data, lambda p: is_date_path(dates, p), drop=drop)
    if schema is not None:
        text = point_schema(text, schema)
    saved = _as_saved_before(text, current)
    write_atomic(path, saved, force=True)
    return saved


def _as_saved_before(text: str, before: bytes) -> bytes:
    """`text` in the encoding and line endings the file had: a file saved by Notepad in GBK
    or "Unicode" with CRLF stays so, and a diff shows only the changed values."""
    encoding = text_encoding(before) or "utf-8"
    if "\r\n" in before.decode(encoding):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text.encode(encoding)


async def api_download(request: Request) -> Response:
    fmt = request.query_params.get("format", "")
    if fmt not in MEDIA_TYPES:
        raise Problem("不支持的下载格式（可选：docx、pdf、text）")
    body = await _body(request)
    result = preview(body.get("data", {}), workspace(request).library())
    if result.rendered is None:
        raise Problem("表单里还有错误，请先改正后再下载：" + (result.problem or result.errors[0].message))
    media_type, suffix = MEDIA_TYPES[fmt]
    content = await _pdf(result.rendered) if fmt == "pdf" else _serialised(result.rendered, fmt)
    filename = default_filename(result.rendered, suffix)
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media_type, headers={"content-disposition": disposition})


def _serialised(rendered: Any, fmt: str) -> bytes:
    return serialise(rendered.document, fmt)


async def _pdf(rendered: Any) -> bytes:
    """The .docx through LibreOffice, as `render -f pdf` makes it."""
    soffice = find_soffice()
    if soffice is None:
        raise Problem(INSTALL_HINT, 503)
    return await run_in_threadpool(_convert, _serialised(rendered, "docx"), soffice)


def _convert(docx_bytes: bytes, soffice: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="drafter-serve-") as folder:
        docx = Path(folder) / "document.docx"
        docx.write_bytes(docx_bytes)
        pdf = convert([docx], Path(folder), soffice)[docx]
        if pdf is None:
            raise Problem("LibreOffice 没有生成 PDF", 500)
        return pdf.read_bytes()


async def api_new(request: Request) -> JSONResponse:
    body = await _body(request)
    ws = workspace(request)
    path = ws.new_input_path(str(body.get("name", "")))
    template = ws.library().get(str(body.get("template", "")))
    write_atomic(path, starter_yaml(template).encode("utf-8"))
    _write_schema(path.parent, template)
    return JSONResponse({"file": ws.relative(path), "message": f"已新建：{ws.relative(path)}"})


def _write_schema(folder: Path, template: Any) -> None:
    """What the `$schema=` line of an input points to, as `drafter init` writes it."""
    schema_path = folder / f"{template.name}.schema.json"
    if not schema_path.exists():
        schema = json.dumps(json_schema(template), ensure_ascii=False, indent=2) + "\n"
        write_atomic(schema_path, schema.encode("utf-8"), force=True)


# -- errors ------------------------------------------------------------------------------

async def problem_response(request: Request, exc: Exception) -> Response:
    """Any failure of an action as a JSON message; of a page, as an error page."""
    if isinstance(exc, Problem):
        status, message, extra = exc.status, exc.message, exc.extra
    elif isinstance(exc, BodyTooLarge):
        status, message, extra = 413, "提交的内容过大。", {}
    elif isinstance(exc, PathRefused):
        status, message, extra = 403, exc.message, {}
    elif isinstance(exc, DrafterError):
        status, message, extra = 400, str(exc), {}
    else:
        status, message, extra = 500, f"内部错误（请把这条信息报告给维护者）：{type(exc).__name__}", {}
    if request.url.path.startswith("/api/"):
        return JSONResponse({"message": message, **extra}, status_code=status)
    return page(request, "problem.html", status=status, name="", message=message)
