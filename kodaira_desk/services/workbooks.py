"""Exporting a plan's committee tables as an Excel workbook (`kodaira-desk export xlsx`)."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.io.atomic import atomic_path
from kodaira_desk.io.workbook import Progress, export_workbook
from kodaira_desk.services.achievement import load_settings
from kodaira_desk.services.plans import load_plan
from kodaira_desk.store.database import Database


def export_xlsx(db: Database, plan_id: str, out: Path, department: str | None = None,
                progress: Progress | None = None) -> Path:
    """Write plan `plan_id` as an .xlsx at `out` and return `out`.

    The workbook is written beside `out` and renamed into place at the end, so `out` is either
    the old file or the whole new one, never half a workbook (Excel may have the old one open).
    `department` keeps only that department's measures, indicators and projects. The rates and
    statuses are graded with the database's settings, as in the window and the handouts.
    """
    tree = load_plan(db, plan_id)
    grading = load_settings(db, plan_id)
    out = Path(out)
    with atomic_path(out) as tmp:
        export_workbook(tree, tmp, department=department, progress=progress,
                        directions=grading.directions, thresholds=grading.thresholds)
    return out
