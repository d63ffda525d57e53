"""The policy division's 令和8年度 round on the next program, run as a batch file runs it (tester tdiv,
session 2026-12-08): `plan copy` to program-2025 (令和7–10年度), `handout --year R8`, clerks' saves
in copies of their files, and the real `kodaira-desk` command in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kodaira_desk.domain.model import Revision, ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ProgressField, Target, ValueCell, content_of, save_edits

ROOT = Path(__file__).resolve().parents[2]
NEXT = "program-2025"
R8 = 2026


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`kodaira-desk ARGS` in its own process: its exit status and both streams."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kodaira_desk", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def next_program_handed_out(db_path: Path, out: Path) -> dict[str, Path]:
    """`plan copy` and `handout --year R8`, as the division types them: 課 -> its file."""
    done = run("--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", NEXT,
               "--period", "R7-R10", cwd=db_path.parent)
    assert done.returncode == 0, done.stderr
    done = run("--db", str(db_path), "handout", "--year", "R8", "--out", str(out), "--by", "政策課 山田",
               cwd=db_path.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    return {p.stem.split("_")[-1]: p for p in out.glob("*.kdesk")}


def value(key: str) -> ValueCell:
    return ValueCell(NEXT, key, ValueKind.ACTUAL, R8, Revision.CURRENT)


def progress(node: str, field: str) -> ProgressField:
    return ProgressField(NEXT, node, R8, field)


def clerk_saves(path: Path, changes: dict[Target, str]) -> None:
    """A clerk types these into a department file and saves (the window's EditSession's save)."""
    db = open_database(path, create=False)
    try:
        save_edits(db, {t: content_of(t, text) for t, text in changes.items()}, actor="高齢者支援課 佐藤")
    finally:
        db.dispose()


def master_text(db_path: Path, key: str, year: int = R8) -> str | None:
    """The text of a 実績 of the next program in the master, straight from its tables."""
    import sqlite3

    with sqlite3.connect(db_path) as c:
        row = c.execute("SELECT v.text FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
                        "WHERE i.plan_id = ? AND i.key = ? AND v.kind = 'actual' AND v.fiscal_year = ?",
                        (NEXT, key, year)).fetchone()
    return None if row is None else str(row[0])
