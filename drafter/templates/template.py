"""One template ready to render: its file, the chain it extends, its input model."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import jinja2

from ..errors import DrafterError, ShortListError, TemplateError
from ..fields import FieldSpec, input_model
from .files import TemplateFile
from .environment import ShortList
from .jinja_errors import runtime_error, template_error
from .manifest import Manifest

if TYPE_CHECKING:
    from .library import Library


class Template:
    def __init__(self, library: "Library", file: TemplateFile):
        self.library = library
        self.file = file
        self.chain: list[TemplateFile] = [file]  # this file and the ones it extends, set by check()

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
        """Load the extends chain; check what users wrote before anything is rendered."""
        from .checks import check_template

        if self.manifest.abstract:
            raise TemplateError(f"“{self.name}”是基础框架，不能直接使用；请用继承它的模板。可用的模板：{self.library.names()}")
        check_template(self)

    def render(self, context: dict[str, Any]) -> str:
        try:
            return self.library.env.get_template(self.name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise template_error(exc) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(exc.message or f"找不到模板“{exc.name}”") from None
        except DrafterError:
            raise
        except ShortList as exc:
            raise ShortListError(runtime_error(exc), exc.items, exc.index) from None
        except Exception as exc:  # noqa: BLE001 - anything a template does wrong is the template's error
            raise runtime_error(exc) from None

    def outline(self) -> list[tuple[int, str]]:
        """Heading levels and texts of this template, rendered with its example data."""
        from ..document import BlockType
        from ..markup import parse
        from .examples import example_context

        blocks = parse(self.render(example_context(self)), self.name)
        return [(b.level, b.display) for b in blocks if b.type is BlockType.HEADING]
