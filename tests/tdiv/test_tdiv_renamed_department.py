"""The city renames 防災危機管理課 to 危機管理課 from 令和8年度 while that year's files are out
(`plan reorganise rename --year R8`, said 「記録しました」 with no word of the file out); the 課 returns
its file with its own 自主防災組織の組織数. `collect` called it 「担当外または配布年度以外の変更」: nothing
applied, 要確認, exit 1, and the board's row says 担当外の変更 1 件 for the 課's own indicator."""

from __future__ import annotations

from pathlib import Path

from tdiv_round import clerk_saves, master_text, next_program_handed_out, run, value


def test_a_file_of_a_department_renamed_since_is_taken_as_its_own(db_path: Path, tmp_path: Path) -> None:
    files = next_program_handed_out(db_path, tmp_path / "配布")
    returned = files["防災危機管理課"]
    clerk_saves(returned, {value("p7.k1"): "120"})
    done = run("--db", str(db_path), "plan", "reorganise", "rename", "--year", "R8", "--from", "防災危機管理課",
               "--to", "危機管理課", "--by", "政策課 山田", cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    done = run("--db", str(db_path), "collect", str(returned), "--by", "政策課 山田", cwd=tmp_path)
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    assert "担当外" not in said, said
    assert master_text(db_path, "p7.k1") == "120", said
    assert done.returncode == 0, said
