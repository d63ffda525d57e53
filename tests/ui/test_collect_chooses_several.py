"""回収状況と取り込み > ファイルを取り込む… with two names typed (tester): every chosen file is
collected, also one the chooser's type filter hides (Qt's dialog kept only the row it showed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QLineEdit
from roundkit import CHILDREN, close_window, hand_out, open_window, write


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_two_names_typed_into_the_chooser_are_both_collected(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_round_window import _wait

    returned = hand_out(db_path, tmp_path / "handout", ["子育て支援課"])["子育て支援課"]
    write(returned, CHILDREN, "36,000人")
    memo = returned.parent / "memo.txt"  # sent by mistake beside it: hidden by the chooser's filter
    memo.write_text("memo", encoding="utf-8")
    w = open_window(db_path)
    done: list[bool] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, answer)
            return
        dialog.setDirectory(str(returned.parent))
        view = dialog.findChild(QAbstractItemView, "listView")
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 1)  # the folder shown, as a person sees it
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setFocus()
        name.setText(f'"{memo.name}" "{returned.name}"')  # as typed into ファイル名
        qtbot.keyClick(name, Qt.Key.Key_Return)
        done.append(True)

    try:
        qtbot.waitExposed(w)
        collect = w.show_collect()
        assert collect is not None
        qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
        QTimer.singleShot(50, answer)
        qtbot.mouseClick(collect.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(done), timeout=30000)
        _wait(qtbot, w)
        log = collect.log.toPlainText()
        assert f"○ {returned.name}" in log, log  # collected…
        assert f"× {memo.name}" in log, log  # …and the other typed name too (refused, by name)
        collect.close()
    finally:
        close_window(w)


def test_a_typed_name_that_is_no_file_there_is_said_by_name(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Once a typed name selects a row, Qt checks no other: a mistyped name and one in another folder
    were dropped without a word (review 2). Each is a × line naming it and the folder looked in; the
    returned file written twice (once through its parent folder) is collected once."""
    from test_round_window import _wait

    returned = hand_out(db_path, tmp_path / "handout", ["子育て支援課"])["子育て支援課"]
    write(returned, CHILDREN, "36,000人")
    elsewhere = tmp_path / "elsewhere" / "産業振興課.kdesk"  # there, not in the folder chosen
    elsewhere.parent.mkdir()
    elsewhere.write_text("x", encoding="utf-8")
    folder = returned.parent
    w = open_window(db_path)
    done: list[bool] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, answer)
            return
        dialog.setDirectory(str(folder))
        view = dialog.findChild(QAbstractItemView, "listView")
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 1)  # the folder shown
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setFocus()
        name.setText(f'"{returned.name}" "存在しない 課.kdesk" "{elsewhere.name}" '
                     f'"../{folder.name}/{returned.name}"')  # as typed into ファイル名
        qtbot.keyClick(name, Qt.Key.Key_Return)
        done.append(True)

    try:
        qtbot.waitExposed(w)
        collect = w.show_collect()
        assert collect is not None
        qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
        QTimer.singleShot(50, answer)
        qtbot.mouseClick(collect.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(done), timeout=30000)
        _wait(qtbot, w)
        log = collect.log.toPlainText()
        assert f"○ {returned.name}" in log, log
        for missing in ("存在しない 課.kdesk", elsewhere.name):
            assert f"× {missing}: ファイルが見つかりません（{folder}）" in log, log
        assert sum(returned.name in line for line in log.splitlines()) == 1, log  # collected once
        collect.close()
    finally:
        close_window(w)
