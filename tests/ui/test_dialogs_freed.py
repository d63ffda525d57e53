"""A dialog the window opens is freed once closed (found by measuring the suite: 25 openings of
進捗ボード and 監査ログ had left 50 hidden dialogs, 2,166 widgets, inside the window, each given
every later language and font change). Each menu's dialog is opened and closed with Escape as a
person does, again and again: the window holds no more dialogs or widgets than after the first
time, and an opening again is a new dialog. The dialog closed while its work is still on the worker
hears nothing of it (the report preview's rendering: 'Internal C++ object (PageBox) already
deleted' when the last session freed the dialogs without the runner's guard)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from roundkit import close_window, hand_out, open_window
from test_notes_window import _to_farm

from kodaira_desk.ui.reports import preview
from kodaira_desk.ui.window import operations
from kodaira_desk.ui.window.main_window import MainWindow

OPENINGS = 3


def _dialogs(w: MainWindow) -> list[QDialog]:
    return w.findChildren(QDialog)


def _settle(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """What the runner has queued answered, then the deferred deletes done."""
    w.tasks.wait_idle()
    qtbot.wait(1)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _open_and_close(qtbot, w: MainWindow, action: QAction) -> QDialog:  # type: ignore[no-untyped-def]
    before = set(_dialogs(w))
    action.trigger()
    shown = lambda: [d for d in _dialogs(w) if d.isVisible() and d not in before]  # noqa: E731
    qtbot.waitUntil(lambda: bool(shown()), timeout=10000)  # (年度の確定 shows in the next turn)
    opened = shown()[0]
    qtbot.waitExposed(opened)
    w.tasks.wait_idle()
    qtbot.keyClick(opened, Qt.Key.Key_Escape)  # closed as a person does
    qtbot.waitUntil(lambda: not opened.isVisible(), timeout=10000)
    return opened


def _opened_again_and_again(qtbot, w: MainWindow, action: QAction) -> None:  # type: ignore[no-untyped-def]
    first = _open_and_close(qtbot, w, action)  # (the first opening makes what the window keeps: imports, caches)
    _settle(qtbot, w)
    dialogs, widgets = len(_dialogs(w)), len(w.findChildren(QWidget))
    opened = [_open_and_close(qtbot, w, action) for _ in range(OPENINGS)]
    _settle(qtbot, w)
    assert (len(_dialogs(w)), len(w.findChildren(QWidget))) == (dialogs, widgets)  # was one dialog more each time
    assert not any(shiboken6.isValid(d) for d in (first, *opened))  # each one freed: a new one each time
    w.lang_actions["en"].trigger()  # the language still changes, with nothing freed in the way
    QApplication.processEvents()
    assert w.menu_round.title() != "" and all(d.isHidden() for d in _dialogs(w))
    w.lang_actions["ja"].trigger()


@pytest.mark.parametrize("name", ["act_board", "act_audit", "act_conflicts", "act_year_lock", "act_plan_editor",
                                  "act_pdf", "act_handout", "act_collect", "act_keys", "act_questions",
                                  "act_field_notes"])
def test_a_menu_dialog_opened_again_and_again_is_not_kept(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    w = window
    monkeypatch.setattr(operations, "BOARD_AHEAD_AFTER_MS", 10**6)  # (the board made ahead: not in the way)
    if name == "act_field_notes":
        _to_farm(qtbot, w)  # the notes of a cell: one chosen
    _settle(qtbot, w)
    _opened_again_and_again(qtbot, w, getattr(w, name))


@pytest.mark.parametrize("name", ["act_check", "act_submit"])
def test_a_clerks_dialog_opened_again_and_again_is_not_kept(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, name: str) -> None:
    path = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    w = open_window(path)
    try:
        qtbot.waitExposed(w)
        _settle(qtbot, w)
        _opened_again_and_again(qtbot, w, getattr(w, name))
    finally:
        close_window(w)


def test_a_report_preview_closed_while_it_renders_hears_nothing_of_it(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages are rendered on the worker; the dialog is closed (and freed) meanwhile: the
    rendering's answer is not shown on it, nothing raises, and its temporary folder goes."""
    w = window
    w.select_node("program-2021", "p2")
    w.act_pdf.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in w.findChildren(operations_report_dialog())), timeout=10000)
    dialog = next(d for d in w.findChildren(operations_report_dialog()) if d.isVisible())
    pane = dialog.preview_pane
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.tasks.busy and pane.page_count > 0, timeout=60000)
    folder = dialog._preview_file.parent
    shown: list[object] = []
    monkeypatch.setattr(type(pane), "_show", lambda _self, *a: shown.append(a))
    started, release = threading.Event(), threading.Event()
    rendering = preview.render_pdf_pages

    def held(*args: object, **kwargs: object) -> object:
        started.set()
        release.wait(20)  # (before: the closing waited here for it, then showed its pages)
        return rendering(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(preview, "render_pdf_pages", held)
    qtbot.mouseClick(pane.zoom_in_button, Qt.MouseButton.LeftButton)
    assert started.wait(20)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closed while its pages are rendered
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)  # freed at once: nothing of it is waited for
    release.set()
    _settle(qtbot, w)
    assert shown == []  # the rendering's answer went nowhere
    assert not folder.exists()  # removed on the worker once the rendering let go of it


def operations_report_dialog() -> type[QDialog]:
    from kodaira_desk.ui.reports.dialog import ReportDialog

    return ReportDialog


def test_a_question_answered_is_not_kept(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """保存する / 保存しない / キャンセル: each question asked stayed in the window."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from kodaira_desk.ui.window import questions
    from kodaira_desk.ui.window.window_api import Answer

    w = window

    def cancel() -> None:
        box = next((b for b in w.findChildren(QMessageBox, "question") if b.isVisible()), None)
        if box is None:
            QTimer.singleShot(10, cancel)  # not shown yet
            return
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    for _ in range(3):
        QTimer.singleShot(0, cancel)
        assert questions.ask(w, "保存", "変更を保存しますか？") is Answer.CANCEL
        _settle(qtbot, w)
    assert w.findChildren(QMessageBox) == []
