"""kill -9 of a hand-out at two chosen moments, made deterministic (the random loop,
tools/kill_loop.py, reaches the writing only now and then on a loaded machine): the process kills
itself (SIGKILL, nothing tidied) while the third department's file is being written, and between
two files taking their names. The master is whole and either without the hand-out or with all of
it; no department file under its final name is half-written or without its record; the next
hand-out into the folder tidies what was left and writes every file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kodaira_desk.io.atomic import TMP_PREFIX

DEPARTMENTS = ["産業振興課", "子育て支援課", "保育課", "健康推進課"]

CHILD = r'''
import os, signal, sys
from pathlib import Path
import kodaira_desk.services.rounds.handout  # noqa: F401 (the module, patched below)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.io import atomic
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.handout import handout

module = sys.modules["kodaira_desk.services.rounds.handout"]
master, out, moment = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
calls = [0]
if moment == "writing":  # the third file half-written: killed inside its writer
    real_write = module.write_department_file
    def write(source, tmp, meta, prefill):
        calls[0] += 1
        real_write(source, tmp, meta, prefill)
        if calls[0] == 3:
            with open(tmp, "r+b") as f:
                f.truncate(os.path.getsize(tmp) // 2)
            os.kill(os.getpid(), signal.SIGKILL)
    module.write_department_file = write
else:  # the records committed, the first file named, the others not yet
    real_replace = atomic.os.replace
    class _Os:
        def __getattr__(self, name):
            return getattr(os, name)
        @staticmethod
        def replace(a, b):
            real_replace(a, b)
            calls[0] += 1
            if calls[0] == 1:
                os.kill(os.getpid(), signal.SIGKILL)
    atomic.os = _Os()
db = open_database(master, create=False)
handout(db, FiscalYear(2020), out, sys.argv[4].split(","))
print("not killed")
'''


def _records(master: Path) -> set[str]:
    con = sqlite3.connect(f"file:{master}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        assert ok == "ok"
        return {n for (n,) in con.execute("SELECT file_name FROM handouts")}
    finally:
        con.close()


def _whole(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return str(con.execute("SELECT value FROM meta WHERE key = 'department'").fetchone()[0])
    finally:
        con.close()


def _handout_id(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(con.execute("SELECT value FROM meta WHERE key = 'handout_id'").fetchone()[0])
    finally:
        con.close()


def _handout_ids(master: Path) -> set[str]:
    con = sqlite3.connect(f"file:{master}?mode=ro", uri=True)
    try:
        return {str(i) for (i,) in con.execute("SELECT id FROM handouts WHERE status = 'issued'")}
    finally:
        con.close()


@pytest.mark.parametrize("moment", ["writing", "naming"])
def test_a_hand_out_killed_leaves_the_master_whole_and_no_half_file(db_path: Path, tmp_path: Path, moment: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "配布"
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    before = _records(db_path)
    run = subprocess.run([sys.executable, str(script), str(db_path), str(out), moment, ",".join(DEPARTMENTS)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == -9, run.stdout + run.stderr[-2000:]  # killed, at the moment chosen
    recorded = _records(db_path) - before
    named = sorted(out.glob("*.kdesk"))
    assert {p.name for p in named} <= recorded  # no file without its record
    assert all(_whole(p) in DEPARTMENTS for p in named)  # under its final name: whole, and whose
    if moment == "writing":
        assert recorded == set() and named == []  # nothing recorded, nothing named
        assert any(p.name.startswith(TMP_PREFIX) for p in out.iterdir())  # the writing was under way
    else:
        assert len(recorded) == len(DEPARTMENTS) and len(named) == 1  # all recorded, one named so far

    from kodaira_desk.cli import main
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.rounds.handout import handout

    # the next look at the round (round status, 回収状況と取り込み) finishes what the kill left: every
    # recorded file takes its name from its whole temporary, before anyone is called missing
    spoilt = None
    if moment == "naming":  # one of the waiting files damaged meanwhile: named as missing, not used
        spoilt = sorted(p for p in out.iterdir() if p.name.startswith(TMP_PREFIX))[0]
        spoilt.write_bytes(spoilt.read_bytes()[:4096])
    code = main(["--db", str(db_path), "round", "status", "--year", "R2"])
    said = capsys.readouterr()
    assert "Traceback" not in said.out + said.err and code == (1 if spoilt else 0)
    named = sorted(out.glob("*.kdesk"))
    assert {p.name for p in named} <= recorded and len(named) == (len(DEPARTMENTS) - 1 if spoilt else 0)
    assert all(_whole(p) in DEPARTMENTS for p in named)
    assert {_handout_id(p) for p in named} <= _handout_ids(db_path)  # each the file its record says
    finished = [line for line in said.out.splitlines() if line.startswith("中断された配布を完了しました")]
    assert len(finished) == (len(DEPARTMENTS) - 2 if spoilt else 0), said.out
    again = [line for line in said.out.splitlines() if "配布し直してください" in line]
    if spoilt is not None:
        meant = spoilt.name.removeprefix(TMP_PREFIX).split(".kdesk")[0]  # 提出用_令和2年度_<課>
        assert len(again) == 1 and again[0].startswith(meant.rsplit("_", 1)[1]) and meant in again[0], said.out
    else:
        assert again == []

    db = open_database(db_path, create=False)
    try:
        made = handout(db, FiscalYear(2020), out, DEPARTMENTS)  # the next hand-out: tidies, writes all
    finally:
        db.dispose()
    assert sorted(f.department for f in made) == sorted(DEPARTMENTS)
    assert not [p for p in out.iterdir() if p.name.startswith(TMP_PREFIX)]
    assert sorted(_whole(p) for p in out.glob("*.kdesk")) == sorted(DEPARTMENTS)
