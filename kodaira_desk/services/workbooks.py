"""Exporting a plan's committee tables as an Excel workbook (`kodaira-desk export xlsx`)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from kodaira_desk.io.workbook import Progress, export_workbook
from kodaira_desk.services.plans import load_plan
from kodaira_desk.store.database import Database


def export_xlsx(db: Database, plan_id: str, out: Path, department: str | None = None,
                progress: Progress | None = None) -> Path:
    """Write plan `plan_id` as an .xlsx at `out` and return `out`.

    The workbook is written beside `out` and renamed into place at the end, so `out` is either
    the old file or the whole new one, never half a workbook (Excel may have the old one open).
    `department` keeps only that department's measures, indicators and projects.
    """
    tree = load_plan(db, plan_id)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # not mkstemp: its file is private (0600); the workbook gets the person's normal file mode
    tmp = out.with_name(f".{out.stem}-{os.getpid()}-{uuid.uuid4().hex[:8]}.xlsx.tmp")
    try:
        export_workbook(tree, tmp, department=department, progress=progress)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out
