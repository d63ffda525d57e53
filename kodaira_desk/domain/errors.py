"""Typed domain errors. The UI and the CLI turn them into messages; the text is Japanese.

An error raised with `of(template, **params)` also carries its template and parameters, so the UI
shows it in the language in use (ui/domain_words.py looks the template up with Qt's translation;
the domain stays without Qt). `message` is always the Japanese text, as before."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""

    def __init__(self, message: str, *, template: str | None = None,
                 params: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.template = message if template is None else template  # the text to translate
        self.params: dict[str, object] = dict(params or {})  # what fills its {names}

    @classmethod
    def of(cls, template: str, **params: object) -> Self:
        """An error whose message is `template` filled with `params` (translated by the UI)."""
        return cls(template.format(**params), template=template, params=params)


class DataFileError(Exception):
    """A problem in one of the data files, with its place (file, line, field)."""

    def __init__(self, file: str, line: int | None, field: str, message: str) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {field}: {message}")


class Interrupted(KeyboardInterrupt):
    """Ctrl+C, where the code it stopped knows what it had written: `said` (Japanese) tells it."""

    def __init__(self, said: str) -> None:
        super().__init__(said)
        self.said = said


class FiscalYearError(DomainError):
    """Text that is not a fiscal year."""


class ValueParseError(DomainError):
    """Text that is neither a value nor an absence mark."""


class FieldValueError(DomainError):
    """A stored field (domain.fields key) whose text is not a value: the message says why, `key` where."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class ReportError(DomainError):
    """A report that cannot be made: a kind that does not fit the plan, missing fonts, nothing to print."""
