"""Ctrl+Q (or the title bar's ×) with a value typed in a department file opened from a folder one
cannot write to: 保存する fails there, the window offers 名前を付けて保存, the copy is written and the
value saved in it — and then the quit the person asked for goes on: the window closes (tester at
Xvfb: it stayed open). When the offer is declined (あとで) or the place not chosen, the window stays,
the value still typed, and the status line says why it did not close.

The folder answers as a share without write permission does, as in test_read_only_folder.py (the
tests run as root, whom a folder's mode does not stop): the service's try says EACCES there and the
save meets what SQLite meets. Every box is the real one, answered by a click or typed into."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from grid_helpers import CTRL, R2, cell, clerk_window, close_window, open_kpi, press, saved_value, type_keys
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget
from test_read_only_folder import unwritable, unwritable_handouts  # noqa: F401 (fixtures: the folder's look, its save)

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

A = ValueKind.ACTUAL
Role = QMessageBox.ButtonRole


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    """The settings of the test's own (the folder last chosen: no other test's copy suggested)."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


Step = tuple[str, Callable[[QWidget], None]]


def _answering(qtbot, steps: list[Step], seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Each real box, as it comes, answered by the next step: (words its text holds, the answer)."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not steps:
            return
        if box is None or not box.isVisible() or box in answered:
            QTimer.singleShot(50, look)
            return
        text = box.text() if isinstance(box, QMessageBox) else box.windowTitle()
        words, answer = steps[0]
        assert words in text, (words, text)
        seen.append(text)
        answered.append(box)
        steps.pop(0)
        answer(box)
        QTimer.singleShot(50, look)

    answered: list[QWidget] = []
    QTimer.singleShot(50, look)


def _click(role: QMessageBox.ButtonRole) -> Callable[[QWidget], None]:
    def click(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        button = next(b for b in box.buttons() if box.buttonRole(b) == role)
        QTimer.singleShot(0, button.click)  # (as a click: the box's own loop ends it)

    return click


def _type_name(qtbot, target: Path) -> Callable[[QWidget], None]:  # type: ignore[no-untyped-def]
    """The name typed into the file dialog once it shows its folder (the folder chosen last, a
    folder in it: Qt puts the suggested name in again as the folder is read), then Enter."""

    def typed(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        view = dialog.findChild(QAbstractItemView, "listView")
        assert view is not None
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 1, timeout=60000)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        name.setFocus()
        name.setText(str(target))  # as typed into ファイル名
        QTimer.singleShot(0, lambda: press_return(name))

    return typed


def press_return(widget: QWidget) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, Qt.Key.Key_Return)


def _typed_in(qtbot, w: MainWindow, steps: list[Step], seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Opened (the place's question at opening: このまま開く), then 330 typed into a KPI cell."""
    _answering(qtbot, [("このまま入力しても", _click(Role.RejectRole))], seen)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k3", A, R2))
    type_keys(qtbot, view, "330")
    press(qtbot, view, Qt.Key.Key_Return)
    assert w.editor.unsaved()
    w.activateWindow()  # (the box answered may have kept the activation)
    qtbot.waitUntil(w.isActiveWindow, timeout=20000)
    view.setFocus()
    _answering(qtbot, steps, seen)


@pytest.mark.parametrize("how", ["ctrl_q", "title_bar"])
def test_the_quit_goes_on_once_the_copy_holds_the_value(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, unwritable: Path, how: str) -> None:  # noqa: F811 (the fixture)
    w = clerk_window(db_path, tmp_path, "産業振興課")
    original = w.workspace.path
    mine = tmp_path / "手元"
    mine.mkdir()
    (mine / "以前の分").mkdir()  # (the folder the dialog opens in shows a row once it is read)
    w.settings.last_folder = mine
    copy = mine / original.name
    seen: list[str] = []
    steps: list[Step] = [
        ("への変更を保存しますか", _click(Role.AcceptRole)),  # 保存する
        ("書き込みの権限がない", _click(Role.AcceptRole)),  # the save's failure: OK
        ("名前を付けて保存すると、入力もそこに保存されます", _click(Role.AcceptRole)),  # 名前を付けて保存...
        ("名前を付けて保存", _type_name(qtbot, copy)),  # the file dialog
    ]
    try:
        _typed_in(qtbot, w, steps, seen)
        if how == "ctrl_q":
            qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Q, CTRL)
        else:
            w.close()  # what the title bar's × sends
        qtbot.waitUntil(lambda: not steps and w.tasks.idle, timeout=60000)  # every box answered
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=60000)
        assert w.workspace.path == copy and not w.editor.unsaved()
    finally:
        if w.isVisible():
            close_window(w)
        else:
            w.db.dispose()
    assert saved_value(copy, "g1.a1.k3", A, R2) == "330区画"  # the copy holds what was typed
    assert saved_value(original, "g1.a1.k3", A, R2) != "330区画"  # the folder's file as it was


@pytest.mark.parametrize("declined", ["later", "no_place"])
def test_declined_the_window_stays_and_says_why(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, unwritable: Path, declined: str) -> None:  # noqa: F811 (the fixture)
    w = clerk_window(db_path, tmp_path, "産業振興課")
    original = w.workspace.path
    seen: list[str] = []
    steps: list[Step] = [
        ("への変更を保存しますか", _click(Role.AcceptRole)),
        ("書き込みの権限がない", _click(Role.AcceptRole)),
    ]
    if declined == "later":
        steps.append(("名前を付けて保存すると、入力もそこに保存されます", _click(Role.RejectRole)))  # あとで
    else:
        steps += [("名前を付けて保存すると、入力もそこに保存されます", _click(Role.AcceptRole)),
                  ("名前を付けて保存", lambda dialog: QTimer.singleShot(0, dialog.close))]  # キャンセル
    try:
        _typed_in(qtbot, w, steps, seen)
        qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Q, CTRL)
        qtbot.waitUntil(lambda: not steps and w.tasks.idle, timeout=60000)
        qtbot.waitUntil(lambda: "閉じませんでした" in w.statusBar().currentMessage(), timeout=20000)
        qtbot.wait(300)
        assert w.isVisible() and w.workspace.path == original
        assert w.editor.unsaved()  # what was typed is still there
        assert "入力が保存されていないため、閉じませんでした。" in w.statusBar().currentMessage()
    finally:
        close_window(w)
