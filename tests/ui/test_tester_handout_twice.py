"""Tester's finding (2026-12-07): 作成する in the 配布 dialog hands the year out again without a word
when the year has already been handed out (a second click on the button, which stays enabled, or
the dialog opened again the next day: every department is ticked). Every file already sent to the
departments is then superseded, and a clerk's filled-in file is refused when it comes back
(「後から新しい提出用ファイルを配布しています…差し替え済み」): their work is lost to the round. The
CLI's `handout --year R8` run twice does the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from roundkit import (
    FARM,
    NAME,
    close_window,
    handout_line,
    open_handout,
    open_window,
    press_make,
    tick_only,
    write,
)

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect

DEPT = "産業振興課"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_handing_out_a_year_again_asks_before_the_files_out_there_are_superseded(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    w = open_window(db_path)
    questions: list[str] = []

    def ask(_title: str, text: str) -> bool:
        questions.append(text)
        return "過ぎています" in text  # yes to 令和2年度 being past; no to anything else

    try:
        qtbot.waitExposed(w)
        dialog = open_handout(qtbot, w)
        tick_only(qtbot, dialog, DEPT)
        press_make(qtbot, dialog, tmp_path / "配布", ask)
        first = dialog.made[0].path
        sent = tmp_path / "届いた" / first.name  # mailed to the department, who fill it in
        sent.parent.mkdir()
        sent.write_bytes(first.read_bytes())
        write(sent, FARM, "365区画")

        qtbot.waitUntil(lambda: not dialog.reading and dialog.make_button.isEnabled(), timeout=30000)
        line = handout_line(dialog, DEPT)
        assert line.checkState() == Qt.CheckState.Unchecked  # shown as handed out, not ticked again
        assert "配布済み" in line.text() and first.name in line.text(), line.text()
        asked_before = len(questions)
        assert DEPT not in dialog.chosen()  # a second click would hand out only the 課 with no file out
        tick_only(qtbot, dialog, DEPT)  # ticked by hand: 再配布, asked about
        press_make(qtbot, dialog, None, ask)
        assert not dialog.made
        assert "配布しませんでした" in dialog.result_label.text()
        dialog.close()
    finally:
        close_window(w)
    db = open_database(db_path, create=False)
    try:
        with db.reading() as uow:
            held = [h for h in uow.rounds.load_handouts() if h.department == DEPT]
        outcome = collect(db, [sent], actor=NAME).outcomes[0]
    finally:
        db.dispose()
    # the person was told the year is out already and said no: the department's file still counts
    assert any("再配布" in q and DEPT in q and "取り込めません" in q for q in questions[asked_before:]), questions
    assert [h.status.value for h in held] == ["issued"]  # one hand-out, still out: nothing superseded
    assert outcome.code != "superseded", outcome.message


def test_cli_handout_twice_skips_the_departments_whose_files_are_out(tmp_path: Path, db_path: Path,  # type: ignore[no-untyped-def]
                                                                      capsys) -> None:
    from kodaira_desk.cli import main

    args = ["--db", str(db_path), "handout", "--year", "R2", "--out", str(tmp_path / "配布"),
            "--department", DEPT, "--yes"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 1  # nothing written: a batch file can tell
    said = capsys.readouterr()
    assert f"飛ばした課: {DEPT}（配布済み" in said.out and "--again" in said.out, said.out
    assert "1つも作りませんでした" in said.err and "Traceback" not in said.out + said.err
    db = open_database(db_path, create=False)
    try:
        with db.reading() as uow:
            assert [h.status.value for h in uow.rounds.load_handouts() if h.department == DEPT] == ["issued"]
    finally:
        db.dispose()
    assert main([*args, "--again"]) == 0  # 再配布 asked for: the old file is superseded
    assert DEPT in capsys.readouterr().out
    db = open_database(db_path, create=False)
    try:
        with db.reading() as uow:
            assert sorted(h.status.value for h in uow.rounds.load_handouts() if h.department == DEPT) == [
                "issued", "superseded"]
    finally:
        db.dispose()
