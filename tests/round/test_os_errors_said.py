"""What tester2 found running the command line as a batch file would (session 2026-12-07): a
traceback on a full disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command as a batch file runs it: its own process, its exit status and both streams."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kodaira_desk", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_plan_export_on_a_full_disk_says_so_without_a_traceback(db_path: Path, small_disk: Path) -> None:
    """On a full disk `plan export` said 「ディスクの空きが足りない」 and then printed Python's
    「Exception ignored in: <function ZipFile.__del__ …> Traceback …」 (the workbook left open)."""
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    (small_disk / "filler").write_bytes(b"\0" * max(free - 8192, 0))
    out = small_disk / "計画.xlsx"
    done = _run("--db", str(db_path), "plan", "export", "--plan", "program-2021", "--out", str(out),
                cwd=db_path.parent)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "ディスクの空き" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert not out.exists()

