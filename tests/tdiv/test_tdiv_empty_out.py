"""A batch file whose variable is unset passes `--out ""` (`--out "%OUT%"`). `report kpi` and `export xlsx`
then said 「.: 書き込めませんでした（ほかのプログラムが使用中です）」 — the wrong reason: nothing has the
file open, there is no file name at all. `handout` and `round remind` wrote the 令和8年度 files and
mails into whatever folder the batch happened to run in (beside the master here), exit 0."""

from __future__ import annotations

from pathlib import Path

from tdiv_round import next_program_handed_out, run


def test_an_empty_out_of_a_report_is_not_said_to_be_in_use(db_path: Path, tmp_path: Path) -> None:
    next_program_handed_out(db_path, tmp_path / "配布")
    for args in (["report", "kpi", "--plan", "program-2025"], ["export", "xlsx", "--plan", "program-2025"]):
        done = run("--db", str(db_path), *args, "--out", "", cwd=tmp_path)
        said = done.stdout + done.stderr
        assert done.returncode == 2 and "Traceback" not in said, said
        assert "使用中" not in said, said


def test_an_empty_out_of_a_hand_out_writes_nothing_where_the_batch_runs(db_path: Path, tmp_path: Path) -> None:
    next_program_handed_out(db_path, tmp_path / "配布")
    cwd = tmp_path / "バッチ"
    cwd.mkdir()
    done = run("--db", str(db_path), "handout", "--year", "R8", "--out", "", "--again", "--department", "市民課",
               cwd=cwd)
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    assert done.returncode == 2, said
    assert list(cwd.iterdir()) == [], said
