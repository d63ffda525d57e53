"""変更履歴 makes each row's texts once per read and language (issue 27: its columns' fit asked every
row's seven texts again for each column, 60–95 ms of the GUI thread at ×10): what the table shows
follows a new read, the filter typed, and a switch of language (its 経緯 words), and each column stays
as wide as its widest text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from roundkit import CHILDREN, write

from kodaira_desk.ui.window.main_window import MainWindow

WAIT = 30000


def _column(audit, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = audit.model
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def _fits(audit) -> None:  # type: ignore[no-untyped-def]
    header, metrics = audit.table.horizontalHeader(), audit.table.fontMetrics()
    for column in range(audit.model.columnCount() - 1):  # (the last stretches)
        widest = max((metrics.horizontalAdvance(t) for t in _column(audit, column)), default=0)
        assert header.sectionSize(column) >= min(widest, 480), (column, header.sectionSize(column), widest)


def test_the_audit_rows_follow_a_new_read_the_filter_and_the_language(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path) -> None:
    write(db_path, CHILDREN, "37,000人")  # a typed change in the log
    audit = window.show_audit()
    qtbot.waitUntil(lambda: not audit.reading, timeout=WAIT)
    assert _column(audit, 1) == ["児童館の利用者数 令和2年度 実績"]
    assert _column(audit, 3) == ["37,000人"] and _column(audit, 4) == ["入力"]
    _fits(audit)
    typed = QInputMethodEvent()  # Japanese comes from the input method as a committed string
    typed.setCommitString("保育園")
    QApplication.sendEvent(audit.filter, typed)
    assert audit.model.rowCount() == 0
    for _ in "保育園":
        qtbot.keyClick(audit.filter, Qt.Key.Key_Backspace)
    assert _column(audit, 3) == ["37,000人"]
    write(db_path, CHILDREN, "38,500,000人")  # another change, read when the source is chosen again
    audit.source.setCurrentIndex(audit.source.findData("typed"))
    qtbot.waitUntil(lambda: not audit.reading, timeout=WAIT)
    assert sorted(_column(audit, 3)) == ["37,000人", "38,500,000人"]
    _fits(audit)
    window.translations.apply("en")
    try:
        qtbot.waitUntil(lambda: audit.model.headerData(4, Qt.Orientation.Horizontal) != "経緯")
        assert _column(audit, 4) == ["Typed", "Typed"]  # the words made again in English
    finally:
        window.translations.apply("ja")
    assert _column(audit, 4) == ["入力", "入力"]
    audit.close()
