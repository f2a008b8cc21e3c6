"""The Starlette application of `drafter serve`: routes, pages, static files, the guard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import routes
from .form import FORM_HELPERS
from ..errors import DrafterError
from .security import BodyTooLarge, Guard
from .workspace import Workspace

HERE = Path(__file__).resolve().parent


def create_app(folder: Path, token: str, host: str = "127.0.0.1", port: int = 8000) -> Any:
    """The app serving `folder`, reachable at http://host:port/ with `token`."""
    app = Starlette(
        routes=[
            Route("/", routes.home),
            Route("/edit", routes.edit),
            Route("/api/preview", routes.api_preview, methods=["POST"]),
            Route("/api/save", routes.api_save, methods=["POST"]),
            Route("/api/switch", routes.api_switch, methods=["POST"]),
            Route("/api/download", routes.api_download, methods=["POST"]),
            Route("/api/new", routes.api_new, methods=["POST"]),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        # Problems a user can cause are answered in ExceptionMiddleware; only a real bug
        # reaches the Exception handler (which answers too, and lets the server log it).
        exception_handlers={routes.Problem: routes.problem_response, DrafterError: routes.problem_response,
                            BodyTooLarge: routes.problem_response, Exception: routes.problem_response,
                            404: _not_found, 405: _not_allowed},
    )
    app.state.workspace = Workspace(folder)
    app.state.pages = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "pages"), autoescape=True,
                                         trim_blocks=True, lstrip_blocks=True)
    app.state.pages.globals.update(FORM_HELPERS)
    return Guard(app, token, host, port)


async def _not_found(request: Any, exc: Exception) -> Any:
    return await routes.problem_response(request, routes.Problem("没有这个页面。", 404))


async def _not_allowed(request: Any, exc: Exception) -> Any:
    return await routes.problem_response(request, routes.Problem("不支持这种请求。", 405))
