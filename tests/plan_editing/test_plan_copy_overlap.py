"""`plan copy --period` overlapping the plan it copies (or a plan of the same kind) is refused, naming the
plan and the years both would cover; --yes makes it anyway (batch use). tdiv: `plan copy --plan
program-2025 --period R9-R12` was taken silently, two programs were in force for R9–R10 and every 課
was asked for both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kodaira_desk.cli import main


def _plans(db_path: Path) -> set[str]:
    with sqlite3.connect(db_path) as c:
        return {r[0] for r in c.execute("SELECT id FROM plans")}


def test_a_copy_overlapping_its_program_is_refused_with_the_years(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(db_path)]
    assert main([*db, "plan", "copy", "--plan", "program-2021", "--to", "program-2025", "--period", "R7-R10"]) == 0
    capsys.readouterr()
    assert main([*db, "plan", "copy", "--plan", "program-2025", "--to", "program-2027", "--period", "R9-R12"]) == 2
    err = capsys.readouterr().err
    assert "program-2025" in err and "令和9年度～令和10年度" in err and "--yes" in err, err
    assert "program-2021" not in err, err  # (R3–R6: no years in common)
    assert "program-2027" not in _plans(db_path)
    assert main([*db, "plan", "copy", "--plan", "program-2025", "--to", "program-2027", "--period", "R9-R12",
                 "--yes"]) == 0
    assert "program-2027" in _plans(db_path)


def test_a_copy_from_the_year_after_is_made_without_a_word(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(db_path)]
    assert main([*db, "plan", "copy", "--plan", "program-2021", "--to", "program-2025", "--period", "R7-R10"]) == 0
    assert main([*db, "plan", "copy", "--plan", "program-2025", "--to", "program-2029", "--period", "R11-R14"]) == 0
    assert "エラー" not in capsys.readouterr().err
