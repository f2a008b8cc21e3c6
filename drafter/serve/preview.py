"""One preview: the form's data validated, rendered, checked and laid out as pages.

The data goes through the very functions `drafter render` uses (validate, render_data,
the checker render runs). Its messages name YAML lines; here each value of the form
gets a position of its own, so that every message can be put back at its field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import DrafterError, InputError, InputErrors, Position
from ..pipeline import Rendered, choose_template, render_source
from ..source import Source
from ..templates import Library

FORM_FILE = "表单"


@dataclass
class FieldError:
    path: str  # unit.name, leaders.0.name; "" when it concerns the whole input
    message: str


@dataclass
class Preview:
    rendered: Rendered | None = None
    errors: list[FieldError] = field(default_factory=list)
    problem: str = ""  # a template error or another problem that is no field's

    def as_json(self) -> dict[str, Any]:
        from ..writers.html import to_html

        result: dict[str, Any] = {
            "errors": [{"path": e.path, "message": e.message} for e in self.errors],
            "problem": self.problem, "pages": "", "findings": [],
        }
        if self.rendered is not None:
            result["pages"] = to_html(self.rendered.document)
            result["findings"] = [_finding(f) for f in findings(self.rendered)]
        return result


def form_source(data: Any) -> tuple[Source, dict[int, str]]:
    """A Source for form data, each value and key at a line of its own, and the field
    path of each line."""
    source = Source(FORM_FILE, data)
    paths: dict[int, str] = {}

    def place(value: Any, path: tuple[Any, ...]) -> None:
        line = len(paths) + 1
        paths[line] = ".".join(str(p) for p in path)
        source.positions[path] = source.key_positions[path] = Position(FORM_FILE, line, 1)
        if isinstance(value, dict):
            for key, item in value.items():
                place(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                place(item, path + (index,))

    place(data, ())
    return source, paths


def preview(data: Any, library: Library) -> Preview:
    """What `drafter render` makes of `data` (the template named by its `template` field)."""
    source, paths = form_source(data)
    try:
        return Preview(render_source(source, choose_template(source, None, library)))
    except InputErrors as exc:
        return Preview(errors=[_field_error(e, paths) for e in exc.errors])
    except InputError as exc:
        return Preview(errors=[_field_error(exc, paths)])
    except DrafterError as exc:  # the template's own mistakes: named at its file and line
        return Preview(problem=str(exc))


def _field_error(error: InputError, paths: dict[int, str]) -> FieldError:
    path = paths.get(error.position.line, "") if error.position is not None else ""
    return FieldError(path, error.message)


def findings(rendered: Rendered) -> list[Any]:
    """What `drafter render` reports about the rendered document (check_rendered's findings)."""
    from ..check import CheckContext, check_paragraphs

    return check_paragraphs(rendered.document.paragraphs(), CheckContext.from_data(rendered.data))


def _finding(finding: Any) -> dict[str, Any]:
    return {"paragraph": finding.paragraph, "severity": finding.severity, "message": finding.message,
            "suggestion": finding.suggestion, "rule": finding.rule}
