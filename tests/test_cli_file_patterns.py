"""File arguments with a wildcard the shell left as it was (cmd.exe never expands `*`)."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.cli import main
from kodaira_desk.cli_files import expand_file_arguments


def test_a_pattern_is_expanded_in_name_order_and_a_real_name_kept(tmp_path: Path) -> None:
    folder = tmp_path / "配布"
    folder.mkdir()
    for name in ("提出用_令和8年度_道路課.kdesk", "提出用_令和8年度_市民課.kdesk", "[1].kdesk", "メモ.txt"):
        (folder / name).write_bytes(b"x")
    got = expand_file_arguments([folder / "*.kdesk", folder / "[1].kdesk"])
    assert [p.name for p in got.files] == ["[1].kdesk", "提出用_令和8年度_市民課.kdesk", "提出用_令和8年度_道路課.kdesk",
                                           "[1].kdesk"]
    assert got.misses == ()


def test_a_pattern_matching_nothing_names_its_folder_and_pattern(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "配布"
    folder.mkdir()
    (folder / "提出用_令和8年度_道路課.xlsx").write_bytes(b"x")
    assert main(["--db", str(db_path), "collect", str(folder / "*.kdesk"), "--by", "政策課 山田"]) == 1
    out = capsys.readouterr().out
    assert f"フォルダ {folder}" in out and "パターン *.kdesk" in out and "一致するファイルがありません" in out, out
    assert "取込 0 件" in out, out
    assert main(["--db", str(db_path), "collect", str(tmp_path / "回収" / "*.kdesk")]) == 1
    assert f"フォルダ {tmp_path / '回収'} がありません" in capsys.readouterr().out
