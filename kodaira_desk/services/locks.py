"""Why a department file may not change a field (services.session.Session.lock_of answers it).

A module of its own so that a master database starts without it: only clerk mode asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class LockKind(Enum):
    """Why a department file may not change a field."""

    OTHER_YEAR = "other_year"  # the file was handed out for another year
    POLICY_VALUE = "policy_value"  # targets and baselines are the policy division's
    OTHER_DEPARTMENT = "other_department"  # another department leads the item
    NO_OWNER = "no_owner"  # no department leads it: the policy division fills it in


@dataclass(frozen=True)
class Lock:
    """A field this file may not change: why, and whose it is (for the message)."""

    kind: LockKind
    owners: tuple[str, ...] = ()
