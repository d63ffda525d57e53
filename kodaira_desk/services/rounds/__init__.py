"""The yearly round: hand each department its file, collect the files back, merge, resolve.

No edit is ever lost: a value both sides changed differently becomes a conflict record and the
master keeps its value until a person decides; a change the department may not make here
(another department's item, another year) is held as 要確認; a file is ordered by its own
revision (an older copy is refused as 古い版); a refused file is kept (a read-only copy) and its
import is recorded with the reason. Every writer holds the master's write lock, and each
collection is one transaction with one savepoint per file.

Jobs, one module each: `handout`, `collect`, `conflicts`, `audit`, `status`, `clerk` (`common`
holds what they share). Every name below stays importable from `kodaira_desk.services.rounds`, but each job's
module is imported on first use (PEP 562): they bring SQLAlchemy's ORM, which the window's first
screen does not need (asking `file_info` of a master at start-up must not cost the ORM's import).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kodaira_desk.services.rounds.audit import audit_entries, write_audit_csv
    from kodaira_desk.services.rounds.clerk import DepartmentFileInfo, file_info
    from kodaira_desk.services.rounds.collect import backup_master, collect, received_folder
    from kodaira_desk.services.rounds.common import (
        STATE_LABELS,
        CollectReport,
        DepartmentState,
        FileOutcome,
        HandoutFile,
        OpenConflict,
        Progress,
        RoundError,
        describe,
        master_id,
    )
    from kodaira_desk.services.rounds.conflicts import (
        ResolutionValueError,
        open_conflicts,
        parse_typed,
        resolve,
        undo_resolution,
    )
    from kodaira_desk.services.rounds.handout import handout
    from kodaira_desk.services.rounds.status import (
        ImportResult,
        import_results,
        round_status,
        round_years,
    )

_JOBS: dict[str, tuple[str, ...]] = {
    "audit": ("audit_entries", "write_audit_csv"),
    "clerk": ("DepartmentFileInfo", "file_info"),
    "collect": ("backup_master", "collect", "received_folder"),
    "common": ("STATE_LABELS", "CollectReport", "DepartmentState", "FileOutcome", "HandoutFile",
               "OpenConflict", "Progress", "RoundError", "describe", "master_id"),
    "conflicts": ("ResolutionValueError", "open_conflicts", "parse_typed", "resolve", "undo_resolution"),
    "handout": ("handout",),
    "status": ("ImportResult", "import_results", "round_status", "round_years"),
}
_MODULE_OF = {name: job for job, names in _JOBS.items() for name in names}

__all__ = [
    "STATE_LABELS", "CollectReport", "DepartmentFileInfo", "DepartmentState", "FileOutcome", "HandoutFile",
    "ImportResult", "OpenConflict", "Progress", "ResolutionValueError", "RoundError", "audit_entries",
    "backup_master", "collect", "describe", "file_info", "handout", "import_results", "master_id",
    "open_conflicts", "parse_typed", "received_folder", "resolve", "round_status", "round_years",
    "undo_resolution", "write_audit_csv",
]
assert sorted(__all__) == sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    job = _MODULE_OF.get(name)
    if job is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{job}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))


class _Rounds(types.ModuleType):
    """Keeps `rounds.collect` and `rounds.handout` the functions: importing the job's module of the
    same name would otherwise bind the module over the function's name (the import system sets the
    package attribute of every submodule it loads)."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and name in _MODULE_OF:
            return  # the submodule stays reachable through sys.modules and `import ... as`
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Rounds
