"""Why a field may not be changed here (services.session.Session.lock_of answers it): in a
department file, the file's scope; in any database, a year the policy division fixed (確定).

A module of its own so that a master database without fixed years starts without it.
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
    FIXED = "fixed"  # the policy division fixed the year (確定): only a correction changes it (issue 24)


@dataclass(frozen=True)
class Lock:
    """A field this file may not change: why, and whose it is (for the message)."""

    kind: LockKind
    owners: tuple[str, ...] = ()
