"""Any route into a department file is clerk mode: the Open dialog, recent files, a drop, the
command line; then the clerk fills in, checks and saves for submission (issue 10 §1, §8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit
from roundkit import R2, close_window, hand_out, idle, narrative, open_window
from test_clerk import click_node, save, type_text

from kodaira_desk import cli
from kodaira_desk.ui.window.main_window import MainWindow

DEPT = "産業振興課"


@pytest.fixture
def department_file(db_path: Path, tmp_path: Path) -> Path:
    return hand_out(db_path, tmp_path / "配布", [DEPT])[DEPT]


def assert_clerk_mode(w: MainWindow, path: Path) -> None:
    assert w.db.path == path and w.clerk is not None and w.clerk.department == DEPT
    assert w.banner.isVisible()
    assert DEPT in w.banner.title.text() and "令和2年度" in w.banner.title.text()
    assert "提出用に保存" in w.banner.steps.text() and path.name in w.banner.steps.text()
    assert f"{DEPT} 令和2年度 提出用ファイル" in w.windowTitle()
    assert not w.dept_combo.isEnabled() and w.dept_combo.currentText() == DEPT
    assert not w.year_combo.isEnabled() and w.year_combo.currentText() == "令和2年度" and w.year == R2
    assert not w.menu_round.menuAction().isVisible() and not w.act_collect.isVisible()
    assert w.act_submit.isVisible() and w.act_check.isVisible()


def fill_in_and_save(qtbot, w: MainWindow, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The clerk writes 産業振興課's measure text and saves: the department file holds it."""
    w.tree_view.expandAll()
    click_node(qtbot, w, "strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.narrative, "・認定農業者の経営を支援しました。")
    save(qtbot, w)
    assert narrative(path, "g1.a1.m1") == "・認定農業者の経営を支援しました。"


def test_file_open_lists_department_files_first_and_opens_in_clerk_mode(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, department_file: Path) -> None:
    w = window
    assert w.clerk is None and w.menu_round.menuAction().isVisible() and not w.banner.isVisible()
    seen: dict[str, object] = {}

    def answer_the_dialog() -> None:
        dialog = w.findChild(QFileDialog, "openDialog")
        if dialog is None or not dialog.isVisible():  # not open yet: look again shortly
            QTimer.singleShot(10, answer_the_dialog)
            return
        seen["filters"] = dialog.nameFilters()
        try:
            # the person goes to the 配布 folder and types the file's name (Japanese: through the
            # input method), then clicks 開く
            dialog.setDirectory(str(department_file.parent))
            name = dialog.findChild(QLineEdit, "fileNameEdit")
            name.setFocus()
            name.clear()
            type_text(qtbot, name, department_file.name)
            completer = name.completer()
            if completer is not None and completer.popup().isVisible():
                completer.popup().hide()
            seen["typed"] = name.text()
            qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open),
                             Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():  # never leave a modal dialog behind: the assertions below then fail
                dialog.reject()

    QTimer.singleShot(0, answer_the_dialog)
    qtbot.keyClick(w.search, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # ファイル > ファイルを開く
    assert seen["filters"][0] == "部門ファイル (*.kdesk)"  # type: ignore[index]
    assert_clerk_mode(w, department_file)
    fill_in_and_save(qtbot, w, department_file)


def test_recent_files_open_in_clerk_mode(qtbot, window: MainWindow, department_file: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.settings.add_recent(department_file)
    w._refresh_recent()
    action = next(a for a in w.menu_recent.actions() if a.text() == str(department_file))
    action.trigger()
    assert_clerk_mode(w, department_file)
    fill_in_and_save(qtbot, w, department_file)
    # and back to the master through the same menu: master mode again
    master = next(a for a in w.menu_recent.actions() if a.text() != str(department_file))
    master.trigger()
    assert w.clerk is None and w.dept_combo.isEnabled() and w.menu_round.menuAction().isVisible()
    assert not w.banner.isVisible()


def test_a_file_dropped_on_the_window_opens_in_clerk_mode(qtbot, window: MainWindow, department_file: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(department_file))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, drop)
    assert_clerk_mode(w, department_file)
    fill_in_and_save(qtbot, w, department_file)


def test_a_file_dropped_on_a_text_box_opens_it_rather_than_pasting_its_path(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, department_file: Path) -> None:
    w = window
    target = w.page.measure.narrative.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(department_file))])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    assert_clerk_mode(w, department_file)
    assert str(department_file) not in w.page.measure.narrative.toPlainText()


def test_plain_argument_opens_the_window_in_clerk_mode(qtbot, department_file: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    from kodaira_desk.ui.settings import Settings

    Settings().user_name = "産業振興課 佐藤"
    shown: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)  # the test drives the event loop itself
    assert cli.window_file([str(department_file)]) == department_file
    assert cli.main([str(department_file)]) == 0  # what a double-click or "Open with" passes
    assert len(shown) == 1
    w = shown[0]
    monkeypatch.undo()
    w.show()
    try:
        assert_clerk_mode(w, department_file.resolve())
        fill_in_and_save(qtbot, w, department_file)
    finally:
        close_window(w)


def test_gui_command_with_a_file_opens_it_in_clerk_mode(qtbot, department_file: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    shown: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    assert cli.main(["--db", str(tmp_path / "master.db"), "gui", str(department_file)]) == 2
    err = capsys.readouterr().err
    assert "--db とファイルは同時に指定できません" in err and "Traceback" not in err and not shown
    assert cli.main(["gui", str(department_file)]) == 0  # `kodaira-desk gui 提出用….kdesk`
    assert len(shown) == 1
    w = shown[0]
    monkeypatch.undo()
    w.show()
    try:
        assert_clerk_mode(w, department_file.resolve())
    finally:
        close_window(w)


def test_plain_argument_of_a_missing_file_says_so_in_japanese(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    messages: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: messages.append(text))
    assert cli.main([str(tmp_path / "道路課.kdesk")]) == 2
    assert messages and "見つかりません" in messages[0] and "道路課.kdesk" in messages[0]
    assert "usage" not in capsys.readouterr().err  # never argparse's English


def test_submission_check_lists_what_is_left_and_saving_for_submission_says_what_to_send(  # type: ignore[no-untyped-def]
        qtbot, department_file: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    w = open_window(department_file)
    try:
        qtbot.waitExposed(w)
        check = w.show_submission_check()
        left = [it for it in check.items if it.blank]
        assert any(it.node_key == "g1.a1.m1" for it in left)
        assert all(w.editor.tree(it.plan_id).node(it.node_key).is_handled_by(DEPT) or
                   w.editor.tree(it.plan_id).indicators_of(it.node_key) for it in left)
        from kodaira_desk.ui.window.clerk_mode import ITEM_ROLE

        row = next(i for i in range(check.list.count())
                   if check.list.item(i).data(ITEM_ROLE) == ("strategy-2015", "g1.a1.m1"))
        assert check.list.item(row).text().startswith("未入力: ")
        check.list.setCurrentRow(row)
        qtbot.keyClick(check.list, Qt.Key.Key_Return)  # Enter on a line opens that item
        assert w.current == ("strategy-2015", "g1.a1.m1")
        check.close()
        type_text(qtbot, w.page.measure.status.lineEdit(), "実施中")
        type_text(qtbot, w.page.measure.narrative, "・認定農業者の経営を支援しました。")
        again = w.show_submission_check()
        assert not any(it.node_key == "g1.a1.m1" for it in again.items if it.blank)
        again.close()
        told: list[str] = []
        w.tell = lambda _title, text: told.append(text)  # type: ignore[method-assign]
        w.act_submit.trigger()  # ファイル > 提出用に保存: the dialog (課長確認 is optional this year)
        from kodaira_desk.ui.round.submit_dialog import SubmitDialog

        dialog = w.findChild(SubmitDialog)
        assert dialog is not None and not dialog.required
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        idle(qtbot, w)
        assert told and str(department_file) in told[0] and "政策課" in told[0]
        assert narrative(department_file, "g1.a1.m1") == "・認定農業者の経営を支援しました。"
        assert not w.isWindowModified()
    finally:
        close_window(w)


def test_opening_another_file_with_unsaved_edits_asks(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                      department_file: Path) -> None:
    from test_clerk import choose

    from kodaira_desk.ui.window.main_window import Answer

    w = window
    choose(w.year_combo, "令和2年度")
    assert w.select_node("strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.narrative, "・親データベースで直しました。")
    asked: list[str] = []
    w.ask = lambda _t, text, *_a: (asked.append(text), Answer.CANCEL)[1]  # type: ignore[method-assign]
    assert not w.open_path(department_file)
    assert asked and w.db.path == db_path and w.isWindowModified()
    assert w.page.measure.narrative.toPlainText() == "・親データベースで直しました。"
    w.ask = lambda *_a: Answer.SAVE  # type: ignore[method-assign]
    assert w.open_path(department_file)
    assert narrative(db_path, "g1.a1.m1") == "・親データベースで直しました。"
    assert_clerk_mode(w, department_file)


def _listed(w: MainWindow) -> set[tuple[str, str | None]]:
    """Every item the tree lists now (all plans' rows made first)."""
    from PySide6.QtCore import QModelIndex

    w.model.fetch_all()
    out: set[tuple[str, str | None]] = set()

    def walk(parent: QModelIndex) -> None:
        for row in range(w.proxy.rowCount(parent)):
            index = w.proxy.index(row, 0, parent)
            out.add(w.model.item_at(w.proxy.mapToSource(index)))
            walk(index)

    walk(QModelIndex())
    return out


def test_back_in_the_master_after_a_department_file_every_item_is_listed_again(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, department_file: Path) -> None:
    w = window
    everything = _listed(w)
    assert w.open_path(department_file)  # File > Open: the 課's file
    assert_clerk_mode(w, department_file)
    own = _listed(w)
    assert ("strategy-2015", "g1.a1.m1") in own and own < everything  # its 課's items only
    assert w.open_path(db_path)  # 最近使ったファイル: the master again
    assert w.clerk is None and w.dept_combo.currentText() == "（すべての課）" and w.dept_combo.isEnabled()
    assert _listed(w) == everything  # not only the 課 of the file open before
