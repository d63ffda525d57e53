"""Nothing typed is lost: a value typed into a cell (or a text box) without Enter is taken by the
Editor's one gate before whatever reads or replaces the edit session — Ctrl+S, the toolbar's 保存
clicked, Ctrl+Q, Ctrl+W, a collection started from the menu, another year — then read back from
the database. Keys are pressed on the real widgets, as a clerk presses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_helpers import R2, cell, focused, open_kpi, saved_value, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QToolBar, QToolButton
from roundkit import narrative

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import Answer, MainWindow

A = ValueKind.ACTUAL
CTRL = Qt.KeyboardModifier.ControlModifier
FARM = "g1.a1.k3"  # 市内体験農園の区画数 (区画)


def _typed_without_enter(qtbot, w: MainWindow, text: str = "275"):  # type: ignore[no-untyped-def]
    """Select 市内体験農園の区画数 令和2年度 実績 and type, leaving the cell editor open."""
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, FARM, A, R2))
    type_keys(qtbot, view, text)
    assert view.state() == QAbstractItemView.State.EditingState  # no Enter: the editor is open
    return view


def _press(qtbot, w: MainWindow, view: QAbstractItemView, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A shortcut pressed where the keys go: into the open cell editor."""
    qtbot.keyClick(focused(view), key, CTRL)


def _answers(w: MainWindow, answer: Answer) -> list[str]:
    asked: list[str] = []

    def ask(title: str, text: str, *_a: object) -> Answer:
        asked.append(text)
        return answer

    w.ask = ask  # type: ignore[method-assign]
    return asked


def _closed(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=20000)


# --------------------------------------------------------------------------- the KPI grid
def test_open_editor_ctrl_s_saves_what_was_typed_without_enter(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = _typed_without_enter(qtbot, w)
    assert w.isWindowModified()  # the title's mark follows what is typed, the editor included
    _press(qtbot, w, view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert saved_value(db_path, FARM, A, R2) == "275区画"
    assert "1 件の変更を保存しました" in w.statusBar().currentMessage()
    assert not w.isWindowModified()
    assert view.state() != QAbstractItemView.State.EditingState
    assert view.currentIndex() == cell(w, FARM, A, R2)  # committed as Enter would, without moving
    # saved: no longer drawn as an unsaved change (blue, bold), though a repaint asked it before
    assert w.page.kpi.model.data(cell(w, FARM, A, R2), Qt.ItemDataRole.ForegroundRole) is None


def test_open_editor_title_mark_follows_typing_and_escape(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = _typed_without_enter(qtbot, w)
    assert w.isWindowModified() and w.windowTitle().startswith("kodaira")
    qtbot.keyClick(focused(view), Qt.Key.Key_Escape)  # Esc cancels the edit: nothing is typed any more
    assert not w.isWindowModified()


def test_open_editor_toolbar_save_clicked_with_the_mouse(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    _typed_without_enter(qtbot, w, "276")
    toolbar = w.findChild(QToolBar, "searchToolbar")  # the search and edit buttons (issue 28)
    button = toolbar.widgetForAction(w.act_save)
    assert isinstance(button, QToolButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a tool button takes no focus: the editor stays open
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert saved_value(db_path, FARM, A, R2) == "276区画"


@pytest.mark.parametrize("key", [Qt.Key.Key_Q, Qt.Key.Key_W], ids=["ctrl_q", "ctrl_w"])
def test_open_editor_ctrl_q_and_ctrl_w_ask_then_save(qtbot, window: MainWindow, db_path: Path, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = _typed_without_enter(qtbot, w, "277")
    asked = _answers(w, Answer.SAVE)
    _press(qtbot, w, view, key)
    _closed(qtbot, w)
    assert len(asked) == 1 and "保存していない変更があります" in asked[0]
    assert saved_value(db_path, FARM, A, R2) == "277区画"


def test_open_editor_ctrl_q_cancelled_keeps_the_typed_value(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = _typed_without_enter(qtbot, w, "278")
    asked = _answers(w, Answer.CANCEL)
    _press(qtbot, w, view, Qt.Key.Key_Q)
    assert asked and w.isVisible()
    assert w.page.kpi.model.data(cell(w, FARM, A, R2)) == "278区画"  # taken into the cell, not lost
    assert w.isWindowModified()
    assert saved_value(db_path, FARM, A, R2) != "278区画"


def test_open_editor_a_collect_started_from_the_menu(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    _typed_without_enter(qtbot, w, "279")
    asked = _answers(w, Answer.SAVE)
    bar = w.menuBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(w.menu_round.menuAction()).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    menu = QApplication.activePopupWidget()
    assert menu is w.menu_round
    assert w.page.kpi.view.state() == QAbstractItemView.State.EditingState  # a menu takes no edit
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(w.act_collect).center())
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert saved_value(db_path, FARM, A, R2) == "279区画"
    from kodaira_desk.ui.round.dialogs import CollectWindow

    opened = w.findChildren(CollectWindow)
    assert opened  # the collection went on once the value was saved
    for c in opened:
        c.close()


def test_open_editor_another_year_takes_the_value_first(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    _typed_without_enter(qtbot, w, "280")
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和元年度"))  # the forms load another year
    assert w.editor.session.pending()  # the typed value is an edit, not dropped with the editor
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.page.kpi.model.data(cell(w, FARM, A, R2)) == "280区画"
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert saved_value(db_path, FARM, A, R2) == "280区画"


def test_open_editor_invalid_text_becomes_a_red_cell_and_is_listed(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = _typed_without_enter(qtbot, w, "27x")
    before = saved_value(db_path, FARM, A, R2)
    _press(qtbot, w, view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert saved_value(db_path, FARM, A, R2) == before  # a red cell is never saved…
    cells = w.editor.invalid_cells()
    assert [c.text for c in cells] == ["27x"]  # …and never dropped: same rules as Enter
    assert "赤いセル 1 個" in w.statusBar().currentMessage()
    if w.page.invalid_notice is not None:
        w.page.invalid_notice.close()


def test_red_cell_cleared_and_undone_keeps_its_name_in_the_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.ui.forms.invalid_notice import unsaved_question

    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    for key, text in (("g1.a1.k1", "3区画"), ("g1.a1.k3", "33O")):  # 人 typed 区画; a letter O
        view.setCurrentIndex(cell(w, key, A, R2))
        type_keys(qtbot, view, text)
        qtbot.keyClick(focused(view), Qt.Key.Key_Return)
    view.setCurrentIndex(cell(w, "g1.a1.k3", A, R2))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # cleared…
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # …and back by undo
    text = unsaved_question(w.editor)
    assert "・:" not in text
    names = [line for line in text.splitlines() if line.startswith("・")]
    assert len(names) == 2 and all("令和2年度" in line for line in names), text
    assert "市内体験農園の区画数" in names[1]


# --------------------------------------------------------------------------- the two text boxes
def _measure(qtbot, w: MainWindow):  # type: ignore[no-untyped-def]
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m1")
    w.page.tabs.setCurrentWidget(w.page.measure)
    return w.page.measure


@pytest.mark.parametrize("how", ["ctrl_s", "toolbar", "ctrl_q", "ctrl_w", "collect"])
def test_open_editor_text_boxes_are_saved_by_every_action(qtbot, window: MainWindow, db_path: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    w = window
    form = _measure(qtbot, w)
    form.narrative.setFocus()
    qtbot.keyClick(form.narrative, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(form.narrative, " typed by key")  # 実施等状況, no leaving the box
    status = form.status.lineEdit()
    status.setFocus()
    status.selectAll()
    qtbot.keyClicks(status, "Done")  # 進捗状況 typed, not chosen
    assert w.isWindowModified()
    asked = _answers(w, Answer.SAVE)
    if how in ("ctrl_s", "ctrl_q", "ctrl_w"):
        key = {"ctrl_s": Qt.Key.Key_S, "ctrl_q": Qt.Key.Key_Q, "ctrl_w": Qt.Key.Key_W}[how]
        qtbot.keyClick(status, key, CTRL)
    elif how == "toolbar":
        button = w.findChild(QToolBar, "searchToolbar").widgetForAction(w.act_save)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        bar = w.menuBar()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(w.menu_round.menuAction()).center())
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is w.menu_round, timeout=5000)
        qtbot.mouseClick(w.menu_round, Qt.MouseButton.LeftButton,
                         pos=w.menu_round.actionGeometry(w.act_collect).center())
        qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    if how in ("ctrl_q", "ctrl_w"):
        _closed(qtbot, w)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    text = narrative(db_path, "g1.a1.m1")
    assert text is not None and text.rstrip().endswith("typed by key")
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.plans import load_plan

    db = open_database(db_path, create=False)
    try:
        entry = load_plan(db, "strategy-2015").progress_in("g1.a1.m1", R2)
    finally:
        db.dispose()
    assert entry is not None and entry.status == "Done"


def test_open_editor_opening_another_file_asks_and_saves_first(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    import shutil

    w = window
    _typed_without_enter(qtbot, w, "281")
    other = tmp_path / "other.sqlite"
    shutil.copyfile(db_path, other)
    asked = _answers(w, Answer.SAVE)
    assert w.open_path(other)  # File > Open, a recent file or a file dropped on the window
    assert asked and "保存していない変更があります" in asked[0]
    assert saved_value(db_path, FARM, A, R2) == "281区画"
    assert saved_value(other, FARM, A, R2) != "281区画"


# --------------------------------------------------------------------------- the other actions
def _menu_click(qtbot, w: MainWindow, menu: QMenu, action) -> None:  # type: ignore[no-untyped-def]
    """Open a menu of the menu bar with the mouse and click one of its entries."""
    bar = w.menuBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu, timeout=5000)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


@pytest.mark.parametrize("how", ["ctrl_p", "excel", "handout", "conflicts"])
def test_open_editor_reports_exports_handout_and_resolve_ask_then_save(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """Each reads what the database holds: the typed value is asked about and saved first."""
    from PySide6.QtWidgets import QDialog

    from kodaira_desk.ui import file_dialogs

    w = window
    view = _typed_without_enter(qtbot, w, "282")
    asked = _answers(w, Answer.SAVE)
    chosen: list[str] = []
    monkeypatch.setattr(file_dialogs, "save_name", lambda *a, **k: chosen.append("asked"))  # Excel: cancelled
    if how == "ctrl_p":
        _press(qtbot, w, view, Qt.Key.Key_P)
    else:
        menu, action = {"excel": (w.menu_file, w.act_xlsx), "handout": (w.menu_round, w.act_handout),
                        "conflicts": (w.menu_round, w.act_conflicts)}[how]
        _menu_click(qtbot, w, menu, action)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert saved_value(db_path, FARM, A, R2) == "282区画"
    assert not w.isWindowModified()
    if how == "excel":
        qtbot.waitUntil(lambda: bool(chosen), timeout=10000)  # the export went on to its file dialog
    else:
        opened = [d for d in w.findChildren(QDialog) if d.isVisible()]
        assert opened  # the report, hand-out or conflict dialog opened once the value was saved
        for d in opened:
            d.reject()


def test_open_editor_another_department_filter_keeps_the_value(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    _typed_without_enter(qtbot, w, "283")
    combo = w.dept_combo
    other = next(i for i in range(combo.count()) if combo.itemText(i) != combo.currentText())
    combo.setCurrentIndex(other)  # the tree is filtered again: the open editor's text is an edit first
    assert w.isWindowModified()
    qtbot.keyClick(w.tree_view, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert saved_value(db_path, FARM, A, R2) == "283区画"


def test_open_editor_ctrl_s_while_a_save_still_writes_saves_after_it(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen under X on a busy machine: a save still writing when the next value is typed and Ctrl+S
    pressed again. That press was ignored (保存 greyed while busy): the save now follows."""
    import threading

    w = window
    gate = threading.Event()
    real = w.workspace.save

    def slow(*args):  # type: ignore[no-untyped-def]
        gate.wait(30)  # the first save is still writing while the person goes on
        return real(*args)

    monkeypatch.setattr(w.workspace, "save", slow)
    view = _typed_without_enter(qtbot, w, "284")
    _press(qtbot, w, view, Qt.Key.Key_S)
    assert w.tasks.busy
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
    type_keys(qtbot, view, "5")
    _press(qtbot, w, view, Qt.Key.Key_S)
    assert "終わりしだい保存します" in w.statusBar().currentMessage()
    gate.set()
    qtbot.waitUntil(lambda: saved_value(db_path, "g1.a1.k1", A, R2) == "5人", timeout=30000)
    assert saved_value(db_path, FARM, A, R2) == "284区画"
    qtbot.waitUntil(lambda: not w.tasks.busy and not w.isWindowModified(), timeout=30000)
