"""The yearly round: hand each department its file, collect the files back, merge, resolve.

No edit is ever lost: a value both sides changed differently becomes a conflict record and the
master keeps its value until a person decides; a change the department may not make here
(another department's item, another year) is held as 要確認; a file is ordered by its own
revision (an older copy is refused as 古い版); a refused file is kept (a read-only copy) and its
import is recorded with the reason. Every writer holds the master's write lock, and each
collection is one transaction with one savepoint per file.

Jobs, one module each: `handout` (who gets a file: `yearly`), `collect`, `conflicts`, `audit`, `status` (`common` holds what
they share); whether an open file is a department's is `services.clerk_file` (the window asks it at
start-up, without the round's ORM). This package brings SQLAlchemy's ORM: the window imports it when
a round's action is first used, not for its first screen.
"""

from __future__ import annotations

from kodaira_desk.services.clerk_file import DepartmentFileInfo, file_info
from kodaira_desk.services.rounds.audit import audit_entries, write_audit_csv
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
    MasterChangedError,
    ResolutionValueError,
    open_conflicts,
    parse_typed,
    resolve,
    undo_resolution,
)
from kodaira_desk.services.rounds.handout import handout, live_handouts
from kodaira_desk.services.rounds.status import ImportResult, import_results, round_status, round_years
from kodaira_desk.services.rounds.yearly import HandoutPlan, LeftOut, plan_handout

__all__ = [
    "STATE_LABELS", "CollectReport", "DepartmentFileInfo", "DepartmentState", "FileOutcome", "HandoutFile",
    "HandoutPlan", "ImportResult", "LeftOut", "MasterChangedError", "OpenConflict", "Progress",
    "ResolutionValueError", "RoundError",
    "audit_entries", "backup_master", "collect", "describe", "file_info", "handout", "import_results", "live_handouts", "master_id",
    "open_conflicts", "parse_typed", "plan_handout", "received_folder", "resolve", "round_status", "round_years",
    "undo_resolution", "write_audit_csv",
]
