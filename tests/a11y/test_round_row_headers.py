"""The collection window's table as assistive technology reads it: every row header it exposes says
something (Qt's bridge to AT-SPI reads the same QAccessible interface checked here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.rounds.handout import handout

R2 = FiscalYear(2020)


def test_the_collection_windows_rows_have_named_headers(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    handout(w.workspace.db, R2, tmp_path / "配布", ["産業振興課", "子育て支援課"])
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    collect = w.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: collect.model.rowCount() >= 2, timeout=20000)
    table = collect.findChild(QAbstractItemView, "roundTable")
    assert table is not None
    iface = QAccessible.queryAccessibleInterface(table)
    assert iface is not None
    headers = [iface.child(i) for i in range(iface.childCount())]
    rows = [h for h in headers if h is not None and h.role() == QAccessible.Role.RowHeader]
    unnamed = [i for i, h in enumerate(rows) if not h.text(QAccessible.Text.Name).strip()]
    assert unnamed == []
    names = [c.text(QAccessible.Text.Name) for c in headers if c is not None and c.role() == QAccessible.Role.Cell]
    assert "産業振興課" in names  # the cells are read (a row's 課)
    collect.close()
