"""The city's PCs run Windows; the division's batch file says, as the README does,
`kodaira-desk-cli collect 配布\\*.kdesk --by "政策課 山田"`. cmd.exe does not expand `*` (the program
gets the pattern itself, as here with it quoted), and `collect` said 「× *.kdesk: ファイルが見つかりません」
— naming neither the folder nor the pattern — and took nothing from the files returned there."""

from __future__ import annotations

from pathlib import Path

from tdiv_round import clerk_saves, master_text, next_program_handed_out, run, value


def test_a_pattern_the_shell_left_unexpanded_collects_the_files_it_names(db_path: Path, tmp_path: Path) -> None:
    files = next_program_handed_out(db_path, tmp_path / "配布")
    clerk_saves(files["障がい者支援課"], {value("p2.k1"): "40"})
    clerk_saves(files["防災危機管理課"], {value("p7.k1"): "120"})
    done = run("--db", str(db_path), "collect", str(tmp_path / "配布" / "*.kdesk"), "--by", "政策課 山田",
               cwd=tmp_path)
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    assert master_text(db_path, "p2.k1") == "40" and master_text(db_path, "p7.k1") == "120", said
