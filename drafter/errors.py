"""One small exception hierarchy; every message is Chinese and meant for the user.

The CLI prints `str(error)` and exits with `error.exit_code`; nothing here may
produce a traceback for a mistake a user can make.
"""

from __future__ import annotations

from typing import NamedTuple



class Position(NamedTuple):
    """Where something is in a user's file: 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file} 第 {self.line} 行第 {self.column} 列"


class DrafterError(Exception):
    exit_code = 1

    def __init__(self, message: str, position: Position | None = None):
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.position}：{self.message}"


class InputError(DrafterError):
    """The input YAML (or a table row) is malformed or does not fit the model."""


class InputErrors(InputError):
    """Several validation problems in one input; all are reported at once."""

    def __init__(self, errors: list[InputError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors

    def __str__(self) -> str:
        return self.message


class TemplateError(DrafterError):
    """A template cannot be found, loaded, checked or rendered."""


class ShortListError(TemplateError):
    """A template used item `index` of `items`, a list of the data with fewer items."""

    def __init__(self, error: TemplateError, items: object, index: int):
        super().__init__(error.message, error.position)
        self.items = items
        self.index = index


class OutputError(DrafterError):
    """The output cannot be written (exists without --force, no permission …)."""


class UsageError(DrafterError):
    exit_code = 2
