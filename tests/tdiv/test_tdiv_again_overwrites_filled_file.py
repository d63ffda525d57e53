"""The division hands 令和8年度 out into the shared folder 配布/, 生活支援課's clerk opens its file there
and saves its 実績 in it (the file is where they found it), then the division re-issues to 生活支援課
into the same folder (`handout --year R8 --out 配布/ --again --department 生活支援課`, to send the next
program's new indicator). The new file took the old one's name: the clerk's saved file was
overwritten without a word, and its values (500 件, 60 件) are nowhere: lost edits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tdiv_round import NEXT, R8, clerk_saves, next_program_handed_out, run, value


def _holds(path: Path, key: str, text: str) -> bool:
    with sqlite3.connect(path) as c:
        row = c.execute("SELECT v.text FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
                        "WHERE i.plan_id = ? AND i.key = ? AND v.kind = 'actual' AND v.fiscal_year = ?",
                        (NEXT, key, R8)).fetchone()
    return row is not None and row[0] == text


def test_a_re_issue_into_the_same_folder_keeps_the_clerk_s_saved_file(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "配布"
    files = next_program_handed_out(db_path, out)
    clerk_saves(files["生活支援課"], {value("p3.k1"): "500", value("p3.k2"): "60"})

    done = run("--db", str(db_path), "handout", "--year", "R8", "--out", str(out), "--again",
               "--department", "生活支援課", "--by", "政策課 山田", cwd=tmp_path)
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    kept = [p for p in tmp_path.rglob("*.kdesk") if _holds(p, "p3.k1", "500")]
    assert kept, f"the clerk's saved file is gone: {said}"
    assert [p.name for p in kept] == ["提出用_令和8年度_生活支援課.配布し直す前の入力.kdesk"], said
    assert "提出用_令和8年度_生活支援課.配布し直す前の入力.kdesk として残しました" in said, said  # said, by its name


def test_a_re_issue_keeps_no_copy_of_a_file_nobody_saved_in(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "配布"
    next_program_handed_out(db_path, out)
    done = run("--db", str(db_path), "handout", "--year", "R8", "--out", str(out), "--again",
               "--department", "生活支援課", "--by", "政策課 山田", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not list(out.glob("*配布し直す前の入力*")), done.stdout
