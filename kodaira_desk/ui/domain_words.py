"""The domain's error messages in the language in use (the domain knows no Qt: an error raised with
`DomainError.of(template, **params)` carries its Japanese template, looked up here in the context
"DomainMessages" of resources/translations/kodaira_desk_en.ts, then filled with its parameters).
An error without a translation, or raised with a plain message, reads as the domain wrote it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.os_reasons import os_reason
from kodaira_desk.services import workspace


def message_of(exc: BaseException) -> str:
    """What the person reads for `exc`, in the language in use (other errors: their message)."""
    template, params = getattr(exc, "template", None), getattr(exc, "params", None)
    if not isinstance(exc, DomainError) and not (isinstance(template, str) and isinstance(params, dict)):
        return workspace.message_of(exc)  # (a store's error made from a template, StoreError.of: said too)
    message = workspace.message_of(exc)
    if not params and template == message:
        return QCoreApplication.translate("DomainMessages", message)
    try:
        said = {k: _reason(v) for k, v in (params or {}).items()}
        return QCoreApplication.translate("DomainMessages", str(template)).format(**said)
    except (KeyError, IndexError, ValueError):  # a translation naming what the error has not
        return message


def _reason(value: object) -> object:
    """A parameter that is the OS's reason in our words (domain/os_reasons.py) in the language in use."""
    return QCoreApplication.translate("OsReasons", value) if isinstance(value, str) else value


def os_reason_said(exc: BaseException) -> str:
    """Why the OS refused, in the language in use (the window's words for domain/os_reasons.py)."""
    return QCoreApplication.translate("OsReasons", os_reason(exc))
