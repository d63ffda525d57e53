"""`round status --year R8 --json | head`: a reader that stops reading ends the command quietly (as
any Unix tool: status 141, nothing on stderr, never a file named "."); every option of `round lock`
says what it is in --help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kodaira_desk import cli
from kodaira_desk.cli_pipe import PIPE_CLOSED


def test_closed_pipe_ends_quietly(db_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "kodaira_desk", "--db", str(db_path), "round", "status",
                             "--year", "R8", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the command writes a byte
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == PIPE_CLOSED
    assert err == ""


def test_round_lock_help_describes_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["round", "lock", "--help"])
    lines = capsys.readouterr().out.splitlines()
    year = next(i for i, line in enumerate(lines) if line.strip().startswith("--year"))
    described = lines[year].split("YEAR", 1)[-1].strip() or lines[year + 1].strip()
    assert "年度" in described and not described.startswith("--")
