"""A clerk's department file is never taken as the master (services/master_only.py): every
master-only command refuses it by name, exit 2, the file left byte for byte as it was and nothing
made beside it; `build-db` and `copy` never replace one, even with --force. What only reads it
(plans, export, report: the clerk's own values) still runs, writing nothing into it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.master_only import NotAMasterError
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.reminders import make_reminders
from kodaira_desk.services.rounds.review import acknowledge
from kodaira_desk.services.rounds.settings import set_round
from kodaira_desk.services.year_locks import correct, lock_year


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def clerk(db_path: Path, tmp_path: Path) -> Path:
    db = open_database(db_path, create=False)
    try:
        return handout(db, FiscalYear(2020), tmp_path / "配布", ["産業振興課"])[0].path
    finally:
        db.dispose()


MASTER_ONLY = [
    ["handout", "--year", "R2", "--out", "{out}"],
    ["collect", "{clerk}"],
    ["round", "status", "--year", "R2"],
    ["round", "remind", "--year", "R2", "--out", "{out}"],
    ["round", "set", "--year", "R2", "--deadline", "2027-05-31"],
    ["round", "accept", "--year", "R2", "--department", "産業振興課"],
    ["round", "lock", "--plan", "strategy-2015", "--year", "R2", "--force"],
    ["round", "correct", "value:strategy-2015:g1.a1.k1:actual:2020:", "5", "--reason", "誤り"],
    ["plan", "departments"],
    ["plan", "export", "--plan", "strategy-2015", "--out", "{out}/計画.xlsx"],
    ["plan", "copy", "--plan", "strategy-2015", "--to", "strategy-2021", "--period", "R3-R7"],
    ["plan", "new", "--id", "x", "--title", "x", "--period", "R3-R7", "--levels", "基本目標／施策"],
    ["plan", "reorganise", "rename", "--year", "R3", "--from", "産業振興課", "--to", "産業課"],
]


@pytest.mark.parametrize("args", MASTER_ONLY, ids=lambda a: " ".join(a[:2]))
def test_a_master_only_command_refuses_a_department_file(clerk: Path, tmp_path: Path, args: list[str],
                                                         capsys) -> None:  # type: ignore[no-untyped-def]
    before = _sha(clerk)
    out = tmp_path / "出力"
    argv = [a.format(out=out, clerk=clerk) for a in args]
    rc = main(["--db", str(clerk), *argv])
    said = capsys.readouterr()
    assert rc == 2, (said.out, said.err)
    assert clerk.name in said.err and "提出用ファイル" in said.err and "Traceback" not in said.err, said.err
    # the refusal names the command refused (not the others) and says what to run it on instead
    command = " ".join(["kodaira-desk", *args[:2 if args[0] in ("plan", "round") else 1]])
    assert f"「{command}」" in said.err and "--db に政策課の親データベースを指定" in said.err, said.err
    assert "計画の編集" not in said.err and "配布・回収" not in said.err, said.err
    assert _sha(clerk) == before and not out.exists()
    assert sorted(p.name for p in clerk.parent.iterdir()) == [clerk.name]  # no receipts folder, no backup


@pytest.mark.parametrize("args", [["plan", "departments"], ["round", "status", "--year", "R2"]],
                         ids=lambda a: " ".join(a[:2]))
def test_the_real_command_names_itself_in_its_refusal(clerk: Path, args: list[str]) -> None:
    """As a person runs it: `kodaira-desk --db 提出用_….kdesk plan departments` is refused by name
    (not with a list of other commands), exit 2, no traceback, the file untouched."""
    before = _sha(clerk)
    ran = subprocess.run([sys.executable, "-m", "kodaira_desk", "--db", str(clerk), *args],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "LANG": "C"})
    assert ran.returncode == 2, (ran.stdout, ran.stderr)
    assert ran.stderr.startswith("エラー: 「kodaira-desk " + " ".join(args[:2]) + "」は政策課の親データベースで行う操作です"), ran.stderr
    assert clerk.name in ran.stderr and "--db を付けずに" in ran.stderr and "Traceback" not in ran.stderr
    assert ran.stdout == "" and _sha(clerk) == before


def test_build_db_and_copy_never_replace_a_department_file(clerk: Path, db_path: Path, tmp_path: Path,
                                                           capsys) -> None:  # type: ignore[no-untyped-def]
    before = _sha(clerk)
    for argv in (["build-db", "--out", str(clerk), "--force"],
                 ["copy", "--from", str(db_path), "--to", str(clerk), "--force"],
                 ["copy", "--from", str(clerk), "--to", str(tmp_path / "写し.sqlite")]):
        rc = main(argv)
        err = capsys.readouterr().err
        assert rc == 2 and clerk.name in err and "提出用ファイル" in err, (argv, err)
    assert _sha(clerk) == before and not (tmp_path / "写し.sqlite").exists()


def test_what_only_reads_a_department_file_still_runs(clerk: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    before = _sha(clerk)
    for argv in (["plans"], ["export", "json", "--out", str(tmp_path / "課.json")],
                 ["report", "kpi", "--plan", "strategy-2015", "--out", str(tmp_path / "課.pdf")]):
        rc = main(["--db", str(clerk), *argv])
        said = capsys.readouterr()
        assert rc == 0, (argv, said.err)
    assert _sha(clerk) == before
    assert (tmp_path / "課.json").exists() and (tmp_path / "課.pdf").read_bytes().startswith(b"%PDF")


def test_the_services_refuse_it_for_the_window_too(clerk: Path, tmp_path: Path) -> None:
    """The window hides the round's menu in a clerk's file; the services refuse it all the same:
    the hand-out, collection, 確定 and 修正, the round's deadline, 了承 and reminders."""
    before = _sha(clerk)
    r2 = FiscalYear(2020)
    db = open_database(clerk, create=False)
    try:
        with pytest.raises(NotAMasterError) as handed:
            handout(db, r2, tmp_path / "出力")
        for refused in (lambda: collect(db, [clerk]),
                        lambda: lock_year(db, "strategy-2015", r2),
                        lambda: correct(db, "value:strategy-2015:g1.a1.k1:actual:2020:", "5", "誤り"),
                        lambda: set_round(db, r2, deadline=None),
                        lambda: acknowledge(db, r2, "産業振興課"),
                        lambda: make_reminders(db, r2, tmp_path / "出力")):
            with pytest.raises(NotAMasterError):
                refused()
    finally:
        db.dispose()
    assert clerk.name in handed.value.message and "産業振興課" in handed.value.message
    assert _sha(clerk) == before and not (tmp_path / "出力").exists()
