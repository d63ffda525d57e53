"""A killed re-issue finished (services/rounds/interrupted.py) while a window opens the old file there:
the check that no window has it open and the move must be one step under the file's mark
(services/open_files.py), as the hand-out's own are. Before, the check let go of the mark and the
move came after: a window that opened the file in between took the mark and had the file replaced
under it. The window here opens it at the last moment before the move (a patched move_into_place)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.io.atomic import TMP_PREFIX
from kodaira_desk.services import open_files
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds import interrupted


def test_a_window_opening_the_file_just_before_the_move_is_never_replaced_under(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "配布"
    hand_out = ["--db", str(db_path), "handout", "--year", "R2", "--out", str(out), "--department", "産業振興課"]
    assert main(hand_out) == 0
    target = out / "提出用_令和2年度_産業振興課.kdesk"
    old = target.read_bytes()
    assert main([*hand_out, "--again"]) == 0
    new = target.read_bytes()
    target.rename(out / f"{TMP_PREFIX}{target.name}.k9x2.part")  # the re-issue killed before this file's rename
    target.write_bytes(old)

    windows: list[open_files.OpenHold] = []
    real_move = interrupted.move_into_place

    def move(source: Path, place: Path) -> None:
        window = open_files.hold(place)  # a window opens the file now, taking its mark if it is free
        if window is not None:
            windows.append(window)
        real_move(source, place)

    monkeypatch.setattr(interrupted, "move_into_place", move)
    db = open_database(db_path, create=False)
    try:
        done = interrupted.finish_interrupted(db, FiscalYear(2020))
    finally:
        db.dispose()
    try:
        assert windows == []  # the mark was held through the move: the window opened it without one
        assert done.named == [target] and target.read_bytes() == new
    finally:
        for w in windows:
            w.release()
