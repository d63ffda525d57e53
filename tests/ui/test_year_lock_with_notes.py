"""年度の確定と修正 with a メモ in the master (tester): the dialog opens and lists the entry fields of
the year (the note's key is no entry field); a correction asked of a note says why in Japanese; and a
dialog that cannot be built is said to the person, never only printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from roundkit import FARM, close_window, open_window, write

from kodaira_desk.cli import main

NOTE = f"note:{FARM}"  # a メモ on 市内体験農園の区画数 令和2年度 実績


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_the_year_lock_dialog_opens_on_a_master_holding_a_note(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(db_path, NOTE, "区画数は年度末の数")
    write(db_path, FARM, "360区画")
    w = open_window(db_path)
    try:
        qtbot.waitExposed(w)
        w.act_year_lock.trigger()
        from kodaira_desk.ui.round.year_lock_dialog import YearLockDialog

        dialog = w.findChild(YearLockDialog)
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)  # shown a turn after it is built (issue 27)
        dialog.plan.setCurrentIndex(dialog.plan.findData("strategy-2015"))
        dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))
        qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
        keys = [dialog.field.itemData(i) for i in range(dialog.field.count())]
        assert FARM in keys and NOTE not in keys
        dialog.close()
    finally:
        close_window(w)


def test_a_dialog_that_cannot_be_built_is_said_in_japanese(qtbot, db_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from kodaira_desk.ui.round import year_lock_dialog

    def broken(*_a: object) -> object:
        raise RuntimeError("a defect in the dialog")

    # any defect met while building it (the year's fields are read on the runner since: issue 27)
    monkeypatch.setattr(year_lock_dialog.YearLockDialog, "_correction_box", broken)
    w = open_window(db_path)
    seen: list[tuple[str, str]] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.text(), box.detailedText()))
            box.close()
        else:
            QTimer.singleShot(50, read_and_close)

    try:
        qtbot.waitExposed(w)
        QTimer.singleShot(50, read_and_close)
        w.menu_round.setFocus()
        w.act_year_lock.trigger()
        qtbot.waitUntil(lambda: bool(seen))
        text, details = seen[0]
        assert text == ("予期しない問題のため「年度の確定と修正」を実行できませんでした。"
                        "入力中の内容はそのまま残っています。")
        assert "a defect in the dialog" in details  # the technical text only in the details
    finally:
        close_window(w)


def test_the_cli_refuses_to_correct_a_note_in_japanese(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    write(db_path, NOTE, "区画数は年度末の数")
    assert main(["--db", str(db_path), "round", "lock", "--plan", "strategy-2015", "--year", "R2", "--by", "t"]) == 0
    assert main(["--db", str(db_path), "round", "correct", NOTE, "別のメモ", "--reason", "r", "--by", "t"]) == 2
    err = capsys.readouterr().err
    assert "メモ・質問・添付ファイルは確定の対象ではありません" in err
    assert "Error" not in err and "not a field key" not in err
