"""今年度の未入力のみ: the item a person is on stays in the tree until they leave it. An item completed
by the first character typed left the tree at once, the selection moved to the next item, and the
rest of the typing went into that item's field (found using the window as a clerk, 令和8年度)."""

from __future__ import annotations

from pathlib import Path

from test_clerk import choose, click_node, save, stored, type_text

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.ui.window.main_window import MainWindow

R2 = FiscalYear(2020)


def shown(w: MainWindow, key: str) -> bool:
    return w.proxy.mapFromSource(w.model.index_of("strategy-2015", key)).isValid()


def test_typing_that_completes_an_item_stays_in_it(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, "令和2年度")
    w.missing.setChecked(True)
    qtbot.waitUntil(lambda: shown(w, "g1.a1.m1"), timeout=5000)
    click_node(qtbot, w, "strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.status.lineEdit(), "実施中")
    type_text(qtbot, w.page.measure.narrative, "・support")  # complete at 「・」, then key by key
    assert w.current == ("strategy-2015", "g1.a1.m1")
    assert w.page.measure.narrative.toPlainText() == "・support"
    assert shown(w, "g1.a1.m1")  # still in the tree while it is the current item
    save(qtbot, w)  # the save's take-in looks at the marks again: it stays
    assert shown(w, "g1.a1.m1") and w.current == ("strategy-2015", "g1.a1.m1")
    entry = stored(db_path).progress_in("g1.a1.m1", R2)
    assert entry is not None and entry.status == "実施中" and str(entry.narrative) == "・support"
    assert stored(db_path).progress_in("g1.a1.m2", R2) is None  # nothing went to the next item
    click_node(qtbot, w, "strategy-2015", "g1.a1.m2")  # left: a complete item goes
    qtbot.waitUntil(lambda: not shown(w, "g1.a1.m1"), timeout=5000)
    assert w.current == ("strategy-2015", "g1.a1.m2")
    assert w.page.measure.narrative.toPlainText() == ""
