"""What the window does in the turn it takes a collection in (issue 27: no stall a person can feel):
the collection board's columns are fitted from their texts once per load (not by Qt asking every
cell of the Python model on each layout), in either language; the plan's own page, shown while
the collection changes its plan, is not built again when what it shows did not change — and what
it shows is then what building it again would show."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.round.status_model import RoundStatusModel
from kodaira_desk.ui.window.main_window import MainWindow

R2 = FiscalYear(2020)


def returned_file(qtbot, master: MainWindow, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """子育て支援課's file handed out for 令和2年度, a figure typed in it by its clerk and saved."""
    from test_clerk import kpi_cell, type_in_cell
    from test_round_window import _close, _open, _wait

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    master.year_combo.setCurrentIndex(master.year_combo.findText("令和2年度"))
    handout = master.show_handout()
    qtbot.waitUntil(lambda: not handout.reading, timeout=30000)  # read on the runner (issue 27)
    handout.folder.setText(str(tmp_path / "配布"))
    for i in range(handout.departments.count()):
        item = handout.departments.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() == "子育て支援課" else Qt.CheckState.Unchecked)
    handout.ask = lambda *_a: True  # a year that has passed (the city is in 令和8年度): handed out all the same
    qtbot.mouseClick(handout.make_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, master)
    path = handout.made[0].path
    handout.close()
    clerk = _open(path)
    clerk.select_node("strategy-2015", "g2.a3")
    clerk.page.tabs.setCurrentWidget(clerk.page.kpi)
    type_in_cell(qtbot, clerk, kpi_cell(clerk, "児童館の利用者数", ValueKind.ACTUAL, R2), "36,000人")
    clerk.act_save.trigger()
    _wait(qtbot, clerk)
    _close(clerk)
    return path


def _columns_fit(collect) -> None:  # type: ignore[no-untyped-def]
    """Every column is at least as wide as its header and each of its texts, but the reason's (at most
    320) and the file's, which are narrowed to keep 質問 in view on a small screen (this platform's is
    800 pixels wide): their texts are whole in their tooltips."""
    table, model = collect.table, collect.model
    header = table.horizontalHeader()
    bold = QFont(table.font())
    bold.setBold(True)
    for column in range(model.columnCount()):
        if column in (RoundStatusModel.NOTE_COLUMN, RoundStatusModel.FILE_COLUMN):
            assert 120 <= header.sectionSize(column) <= max(320, header.sectionSizeHint(column)) or (
                column == RoundStatusModel.FILE_COLUMN)
            for row in range(model.rowCount()):
                text = model.index(row, column).data()
                if text and not model.rows[row].reason:
                    assert model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) == text
            continue
        assert header.sectionSize(column) >= header.sectionSizeHint(column), model.headerData(
            column, Qt.Orientation.Horizontal)
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = index.data()
            if text:
                font = bold if isinstance(index.data(Qt.ItemDataRole.FontRole), QFont) else table.font()
                assert header.sectionSize(column) >= QFontMetrics(font).horizontalAdvance(str(text)), text


def test_the_board_columns_fit_their_texts_after_a_collection_in_either_language(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    from test_round_window import _wait

    path = returned_file(qtbot, window, tmp_path)
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # its board read on the runner
    _columns_fit(collect)
    collect.add_files([path])
    _wait(qtbot, window)
    assert any(collect.model.index(r, 3).data() for r in range(collect.model.rowCount()))  # 最終返却 now
    _columns_fit(collect)
    window.translations.apply("en")
    try:
        qtbot.waitUntil(lambda: collect.model.headerData(0, Qt.Orientation.Horizontal) != "担当課")
        qtbot.wait(50)  # the dialog's LanguageChange (posted) fits the columns to the English words
        state = str(collect.model.index(0, 1).data())
        assert state and state.isascii(), state  # the states in English: the texts made again
        _columns_fit(collect)
    finally:
        window.translations.apply("ja")
    collect.close()


def test_the_plans_page_shown_during_a_collection_stays_as_building_it_again_shows(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    from test_round_window import _wait

    path = returned_file(qtbot, window, tmp_path)
    window.select_node("strategy-2015", None)
    assert window.current == ("strategy-2015", None)
    header = window.page.header
    loads: list[object] = []
    real_load = window.page.load
    window.page.load = lambda *a: (loads.append(a), real_load(*a))  # type: ignore[method-assign]
    collect = window.show_collect()
    assert collect is not None
    collect.add_files([path])
    _wait(qtbot, window)
    assert loads == []  # the plan's title, period and sections did not change: not built again
    shown = (header.title.text(), header.meta.text(), header.description.toPlainText())
    window.show_current()  # built again from the plan as it now is
    assert (header.title.text(), header.meta.text(), header.description.toPlainText()) == shown
    window.select_node("strategy-2015", "g2.a3")  # the collected figure, in the form
    window.page.tabs.setCurrentWidget(window.page.kpi)
    from test_clerk import kpi_cell

    assert window.page.kpi.model.data(kpi_cell(window, "児童館の利用者数", ValueKind.ACTUAL, R2)) == "36,000人"
    collect.close()


def test_the_board_is_read_once_the_window_has_taken_the_collection_in(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """The worker reads the board after the collection only once the window's take-in has ended: read
    meanwhile, the worker's Python and the take-in took turns at the interpreter's lock, and the
    take-in's turn lasted up to twice its own time."""
    import threading
    import time

    from test_round_window import _wait

    path = returned_file(qtbot, window, tmp_path)
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    events: list[tuple[str, float]] = []
    gui = threading.get_ident()
    read = window.workspace.round_overview

    def round_overview(*args: object) -> object:
        if threading.get_ident() != gui:
            events.append(("board read", time.perf_counter()))
        return read(*args)  # type: ignore[arg-type]

    def taking_in(_applied: object) -> None:  # a take-in of 0.2 s (after the window's own)
        time.sleep(0.2)
        events.append(("taken in", time.perf_counter()))

    window.workspace.round_overview = round_overview  # type: ignore[method-assign]
    collect.collected.connect(taking_in)
    collect.add_files([path])
    _wait(qtbot, window)
    assert [e for e, _t in events] == ["taken in", "board read"], events
    collect.close()
