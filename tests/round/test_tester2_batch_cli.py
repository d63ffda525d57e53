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

from kodaira_desk.cli import main
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


def test_a_program_year_report_of_a_year_outside_the_plan_is_refused(db_path: Path, tmp_path: Path) -> None:
    """`report program-year --as-of R30` on the 令和3–6年度 program made 「令和30年度の取組状況」 with
    exit 0 (a typo in a batch: R30 for R3): the year is outside the plan, as `round lock` says."""
    pdf = tmp_path / "年度.pdf"
    done = _run("--db", str(db_path), "report", "program-year", "--plan", "program-2021", "--as-of", "R30",
                "--out", str(pdf), cwd=tmp_path)
    said = done.stdout + done.stderr
    assert done.returncode == 2, said
    assert "令和30年度" in said and "外" in said, said
    assert not pdf.exists()


def test_an_unknown_plan_is_said_before_the_round_s_state(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`round lock --plan nope --year R2` (R2 handed out, files not back) said that 課 had not returned
    their files (and to add --force); `round correct value:nope:…` said 「令和2年度は確定されていません」.
    The plan id is wrong, and that is what a batch's author needs to read."""
    _department_file(db_path, tmp_path / "配布")
    rc = main(["--db", str(db_path), "round", "lock", "--plan", "nope", "--year", "R2"])
    err = capsys.readouterr().err
    assert rc == 2 and "nope" in err and "見つかりません" in err and "--force" not in err, err
    rc = main(["--db", str(db_path), "round", "correct", "value:nope:g1.a1.k1:actual:2020:", "5",
               "--reason", "誤り"])
    err = capsys.readouterr().err
    assert rc == 2 and "nope" in err and "確定されていません" not in err, err


def test_a_year_with_no_plan_names_each_plan_s_period_once(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`handout --year R99` after `plan copy --period R7-R11` listed the next plan as
    「中期的な施策の取組方針・実行プログラム（令和7年度～令和11年度）（令和7年度～令和11年度）」:
    its title already ends with its period."""
    assert main(["--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                 "--period", "R7-R11"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "handout", "--year", "R99", "--out", str(db_path.parent / "配布")]) == 2
    err = capsys.readouterr().err
    assert "（令和7年度～令和11年度）（令和7年度～令和11年度）" not in err, err


def test_a_year_before_the_plan_and_an_unknown_plan_name_what_there_is(db_path: Path, tmp_path: Path,
                                                                     capsys) -> None:  # type: ignore[no-untyped-def]
    """`--as-of H10` was taken as R30 was; the refusal names the plan's period, and an unknown
    plan the ids there are."""
    pdf = tmp_path / "年度.pdf"
    rc = main(["--db", str(db_path), "report", "program-year", "--plan", "program-2021", "--as-of", "H10",
               "--out", str(pdf)])
    err = capsys.readouterr().err
    assert rc == 2 and "平成10年度" in err and "令和3年度～令和6年度" in err and not pdf.exists(), err
    rc = main(["--db", str(db_path), "round", "lock", "--plan", "nope", "--year", "R2"])
    err = capsys.readouterr().err
    assert rc == 2 and "strategy-2015" in err and "program-2021" in err, err


def test_every_report_s_years_are_the_plan_s(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """An achievement table `--as-of H10` was printed with no figure on it, and `--years R20-R30`
    of the 令和3–6年度 program made a PDF, exit 0: the years are outside the plan, as for a program
    year. A 基準値's year before the period is still one of the plan's years, and a table as of a
    later year is made (its 課 as reorganised by then: tests/plan_editing/test_reorganised_reports.py)."""
    pdf = tmp_path / "表.pdf"
    for args, years in ((["kpi", "--plan", "strategy-2015", "--as-of", "H10"], "平成10年度"),
                        (["program", "--plan", "program-2021", "--years", "R20-R30"], "令和20年度～令和30年度")):
        rc = main(["--db", str(db_path), "report", *args, "--out", str(pdf)])
        err = capsys.readouterr().err
        assert rc == 2 and years in err and "の外です" in err and not pdf.exists(), err
    for args in (["--years", "H26-H27"], ["--as-of", "R7"]):  # a 基準値's year; the 課 as of a later year
        assert main(["--db", str(db_path), "report", "kpi", "--plan", "strategy-2015", *args, "--out", str(pdf)]) == 0
