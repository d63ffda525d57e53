"""Typed domain errors. The UI and the CLI turn them into messages; the text is Japanese."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FiscalYearError(DomainError):
    """Text that is not a fiscal year."""


class ValueParseError(DomainError):
    """Text that is neither a value nor an absence mark."""
