"""回収状況と取り込み's board is painted from Qt's own items (ui/round/shown_rows.py: a paint no longer
asks the Python model seven roles a cell, issue 27): what the table shows, says in its tooltips and
gives a screen reader is what the board's model answers, after a collection, in English and in high
contrast, and the painted table is the same image either way. The collection is taken in by the
window before the board is read (its own turn): a board that cannot be read then loses nothing."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QSettings, Qt
from PySide6.QtGui import QImage
from roundkit import CHILDREN, FARM, R2, hand_out, idle, write

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.rounds import overview as overview_service
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.ui import a11y
from kodaira_desk.ui.round.collect_window import CollectWindow
from kodaira_desk.ui.window.main_window import MainWindow

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
         Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)


def _answers(model: QAbstractItemModel) -> list[list[tuple[object, ...]]]:
    """Every cell's answers to what the delegate and a tooltip ask, and what a screen reader reads."""
    def answer(row: int, column: int) -> tuple[object, ...]:
        index = model.index(row, column)
        got = [index.data(role) for role in ROLES]
        got[0] = got[0] or ""  # (an item's empty text, the model's None)
        name = index.data(Qt.ItemDataRole.AccessibleTextRole) or a11y.blank_named(got[0])
        return (*got, name)
    heads = tuple(model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount()))
    return [[heads]] + [[answer(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def _painted(collect: CollectWindow, model: QAbstractItemModel) -> QImage:
    collect.table.setModel(model)
    collect.table.clearSelection()
    collect._fit()
    collect.table.viewport().repaint()
    return collect.table.viewport().grab().toImage()


def _collected(qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CollectWindow:  # type: ignore[no-untyped-def]
    """令和2年度 handed out to three 課 with a deadline that has passed (a red 期限 for the one that is
    late), two of them returned and collected through the window."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setattr(overview_service, "today", lambda: datetime.date(2027, 6, 3))
    files = {f.department: f.path for f in handout(window.workspace.db, R2, tmp_path / "配布", [
        "産業振興課", "子育て支援課", "都市計画課"], deadline=datetime.date(2027, 5, 31))}
    write(files["産業振興課"], FARM, "400区画")
    write(files["子育て支援課"], CHILDREN, "36,000人")
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    collect.add_files([files["産業振興課"], files["子育て支援課"]])
    idle(qtbot, window)
    return collect


def test_the_board_shows_what_its_model_answers(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    collect = _collected(qtbot, window, tmp_path, monkeypatch)
    shown = collect.table.model()
    assert shown is not collect.model  # (painted from its items)
    answers = _answers(collect.model)
    assert len(answers) == 1 + collect.model.rowCount() and _answers(shown) == answers
    states = {row[0][0]: row[1][0] for row in answers[1:]}
    assert states["産業振興課"] == "取込済" and states["都市計画課"] == "未返却"
    assert any(row[2][3] is not None for row in answers[1:])  # a 期限 in red: its colour is shown too
    assert _painted(collect, collect.model) == _painted(collect, shown)
    collect.table.setModel(shown)
    # a row chosen in the table is the model's row of that number (了承 acts on it)
    row = next(r for r in range(shown.rowCount()) if shown.index(r, 0).data() == "子育て支援課")
    collect.table.selectRow(row)
    assert collect.round_year.selected_department().department == "子育て支援課"
    window.act_contrast.trigger()  # high contrast: the state's colours follow
    try:
        assert _answers(shown) == _answers(collect.model) != answers
    finally:
        window.act_contrast.trigger()
    window.lang_actions["en"].trigger()  # 表示 > 言語 > English (Qt posts the windows its LanguageChange)
    try:
        english = _answers(collect.model)
        assert "Missing" in str(english)
        qtbot.waitUntil(lambda: _answers(shown) == english, timeout=5000)
    finally:
        window.lang_actions["ja"].trigger()
    qtbot.waitUntil(lambda: _answers(shown) == answers, timeout=5000)
    collect.close()


def test_the_collection_is_taken_in_even_when_the_board_cannot_be_read_after_it(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    files = hand_out(window.workspace.path, tmp_path / "配布", ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    read = type(window.workspace).round_overview

    def broken(self, year):  # type: ignore[no-untyped-def]
        raise OSError("ディスクを読めません")

    monkeypatch.setattr(type(window.workspace), "round_overview", broken)
    collect.add_files([files["子育て支援課"]])
    idle(qtbot, window)
    monkeypatch.setattr(type(window.workspace), "round_overview", read)
    log = collect.log.toPlainText()
    assert "○ " in log and "ディスクを読めません" in log, log
    value = window.editor.trees["strategy-2015"].indicator("g2.a3.k4").value(ValueKind.ACTUAL, R2)
    assert value is not None and str(value.value) == "36,000人"  # the window holds what the master holds
    assert not window.isWindowModified()
    collect.close()


def test_the_board_and_the_log_are_painted_on_a_turn_after_the_one_that_changes_them(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(issue 27) After a collection the board's rows are set and its columns fitted on the answer's
    turn, and the table is painted on a later one (the three were one turn of 16–27 ms of the GUI
    thread); the log's lines, written on the take-in's turn, are painted after it too: neither is
    painted on the turn that changes it, then each is, with what it holds."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QPlainTextEdit, QTableView

    held: list[bool] = []
    log_held: list[bool] = []
    marks: list[int] = []  # how many paints the table had had when each board was set
    real_show, real_take = CollectWindow.show_overview, CollectWindow._take_in

    def noting(self: CollectWindow, overview: object) -> None:
        real_show(self, overview)  # type: ignore[arg-type]
        held.append(self.table.updatesEnabled())
        marks.append(len(painted))

    def taking(self: CollectWindow, *args: object) -> None:
        real_take(self, *args)  # type: ignore[arg-type]
        log_held.append(self.log.updatesEnabled())

    monkeypatch.setattr(CollectWindow, "show_overview", noting)
    monkeypatch.setattr(CollectWindow, "_take_in", taking)
    painted: list[int] = []
    logged: list[str] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                owner = watched.parent()  # (a viewport's)
                if isinstance(owner, QTableView):
                    painted.append(owner.model().rowCount())
                elif isinstance(owner, QPlainTextEdit):
                    logged.append(owner.toPlainText())
            return False

    paints = Paints()
    real_init = CollectWindow.__init__

    def watched(self: CollectWindow, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]
        self.table.viewport().installEventFilter(paints)
        self.log.viewport().installEventFilter(paints)

    monkeypatch.setattr(CollectWindow, "__init__", watched)
    collect = _collected(qtbot, window, tmp_path, monkeypatch)
    assert held[0] is True  # the board read as the window opened: painted as it comes
    assert held[-1] is False  # the collection's board: its paint held on the turn that set its rows
    assert log_held == [False]  # the log's lines: their paint held on the take-in's turn
    after = marks[-1]  # (the paint may already have come while the collection was waited for)
    qtbot.waitUntil(lambda: collect.table.updatesEnabled() and collect.log.updatesEnabled()
                    and len(painted) > after and bool(logged), timeout=5000)
    assert painted[-1] == collect.model.rowCount() == 3  # then painted, with the board's rows
    assert "○ " in logged[-1]  # and the log, with the files taken in
    collect.close()
