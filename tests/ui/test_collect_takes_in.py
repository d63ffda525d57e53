"""After a collection the window shows what it took in without being asked: the form open on an
item shows the collected value, and the collection board shows each 課's new state, in the
language chosen (its rows' texts are made once per load, issue 27: kept, they must not go stale)."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

R2 = FiscalYear(2020)


def _state_of(collect, department: str) -> str:  # type: ignore[no-untyped-def]
    model = collect.model
    rows = [r for r in range(model.rowCount()) if model.index(r, 0).data() == department]
    assert rows, department
    return str(model.index(rows[0], 1).data())


def test_the_shown_form_and_the_board_show_what_a_collection_took_in(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    from test_clerk import kpi_cell
    from test_collect_take_in_turn import returned_file
    from test_round_window import _wait

    master = window
    path = returned_file(qtbot, master, tmp_path)

    master.select_node("strategy-2015", "g2.a3")  # the item is open in the master while it collects
    master.page.tabs.setCurrentWidget(master.page.kpi)
    cell = kpi_cell(master, "児童館の利用者数", ValueKind.ACTUAL, R2)
    was = master.page.kpi.model.data(cell)
    assert was != "36,000人"
    collect = master.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # its board read on the runner
    assert _state_of(collect, "子育て支援課") == "未返却"
    collect.add_files([path])
    _wait(qtbot, master)
    cell = kpi_cell(master, "児童館の利用者数", ValueKind.ACTUAL, R2)
    assert master.page.kpi.model.data(cell) == "36,000人"  # no selection needed: the form took it in
    assert master.current == ("strategy-2015", "g2.a3")
    assert _state_of(collect, "子育て支援課") == "取込済"
    assert "○ " in collect.log.toPlainText()
    master.translations.apply("en")
    try:
        assert _state_of(collect, "子育て支援課") == "Merged"
    finally:
        master.translations.apply("ja")
    assert _state_of(collect, "子育て支援課") == "取込済"
    collect.close()
