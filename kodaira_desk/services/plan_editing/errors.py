"""The error every plan edit raises (in its own module: the edits' shared unit of work and the
guard of fixed years both raise it)."""

from __future__ import annotations

from kodaira_desk.domain.errors import DomainError


class PlanEditError(DomainError):
    """An edit that cannot be made; the message says why, in Japanese."""


__all__ = ["PlanEditError"]
