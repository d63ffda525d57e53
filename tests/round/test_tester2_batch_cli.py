"""What tester2 found running the command line as a batch file would (session 2026-12-07): a
department's file taken as the master by --db, a report of a year outside its plan made with exit 0,
a wrong reason given for an unknown plan, a plan's period said twice. (The full disk and the
operating system's English are in the oserr engineer's tests.)"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.handout import handout

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command as a batch file runs it: its own process, its exit status and both streams."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kodaira_desk", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _department_file(db_path: Path, folder: Path) -> Path:
    db = open_database(db_path, create=False)
    try:
        return handout(db, FiscalYear(2020), folder, ["産業振興課"])[0].path
    finally:
        db.dispose()


def test_a_department_file_given_as_db_hands_nothing_out_and_is_left_as_it_was(db_path: Path,
                                                                                tmp_path: Path) -> None:
    """A batch with --db pointing at a clerk's 提出用_….kdesk (a wrong variable) handed out a file to
    every 課 from it, wrote the hand-outs into the clerk's file, and the files it made carry the real
    master's id: clerks fill them in and the policy division's master refuses them
    (「この親データベースの配布記録にないファイルです」). A department file is not a master."""
    clerk = _department_file(db_path, tmp_path / "配布")
    before = _sha(clerk)
    out = tmp_path / "誤配布"
    done = _run("--db", str(clerk), "handout", "--year", "R2", "--out", str(out), cwd=tmp_path)
    said = done.stdout + done.stderr
    assert done.returncode == 2, said
    assert "Traceback" not in said and clerk.name in said, said
    assert not out.exists() or list(out.iterdir()) == [], sorted(p.name for p in out.iterdir())
    assert _sha(clerk) == before  # the clerk's file is not written to
