"""A batch file runs the 令和8年度 hand-out a second time with a new folder name (配布_再/) by mistake: every
課 already has its file out, so nothing is made (exit 1, 「配布ファイルは1つも作りませんでした」), yet the
command leaves an empty 配布_再/ behind, which the division later takes for a hand-out that lost its
files. A failed hand-out (a full disk) removes the folder it made; one that makes nothing should too."""

from __future__ import annotations

from pathlib import Path

from tdiv_round import next_program_handed_out, run


def test_a_hand_out_that_makes_nothing_leaves_no_new_folder(db_path: Path, tmp_path: Path) -> None:
    next_program_handed_out(db_path, tmp_path / "配布")
    again = tmp_path / "配布_再"
    done = run("--db", str(db_path), "handout", "--year", "R8", "--out", str(again), "--by", "政策課 山田",
               cwd=tmp_path)
    said = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in said, said
    assert not again.exists(), said
