"""The hand-out dialog's format choice: a person picks Excel, the departments get workbooks, and a
returned workbook is collected in the window like a .kdesk."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import R2, actual

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.status import round_status
from kodaira_desk.ui.window.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "round"))
from workbook_helpers import INDICATORS, clerk_edit, edited_and_saved, hand_out


def _wait(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=20000)


def _choose(qtbot, combo, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an entry the way a person does with the keyboard: focus, then arrow keys to it."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{text} is not in the list"


def test_the_dialog_hands_out_workbooks_and_one_comes_back(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    master = window
    master.year_combo.setCurrentIndex(master.year_combo.findText("令和2年度"))
    dialog = master.show_handout()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    assert dialog.file_format.currentText() == "提出用ファイル（.kdesk）"  # what it always made
    _choose(qtbot, dialog.file_format, "Excel ブック（.xlsx）")
    folder = tmp_path / "配布"
    dialog.folder.setText(str(folder))
    for i in range(dialog.departments.count()):
        item = dialog.departments.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() in ("産業振興課", "子育て支援課")
                           else Qt.CheckState.Unchecked)
    dialog.ask = lambda *_a: True  # a year that has passed (the city is in 令和8年度): handed out all the same
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, master)
    assert "2 課" in dialog.result_label.text()
    assert sorted(p.name for p in folder.iterdir()) == ["提出用_令和2年度_子育て支援課.xlsx", "提出用_令和2年度_産業振興課.xlsx"]
    dialog.close()
    db = open_database(db_path, create=False)
    states = {s.department: (s.label, s.file_name) for s in round_status(db, R2)}
    db.dispose()
    assert states == {"産業振興課": ("未返却", "提出用_令和2年度_産業振興課.xlsx"),
                      "子育て支援課": ("未返却", "提出用_令和2年度_子育て支援課.xlsx")}

    book = clerk_edit(folder / "提出用_令和2年度_子育て支援課.xlsx",
                      {(INDICATORS, "児童館の利用者数", "令和2年度 実績"): 36000})
    collect = master.show_collect()
    assert collect is not None
    collect.add_files([book])
    _wait(qtbot, master)
    assert "未返却: 産業振興課" in collect.summary.text()
    assert actual(db_path, "g2.a3.k4") == "36,000人"


def test_both_formats_from_the_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    master = window
    master.year_combo.setCurrentIndex(master.year_combo.findText("令和2年度"))
    dialog = master.show_handout()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    _choose(qtbot, dialog.file_format, "両方（.kdesk と .xlsx）")
    folder = tmp_path / "両方"
    dialog.folder.setText(str(folder))
    for i in range(dialog.departments.count()):
        item = dialog.departments.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() == "産業振興課" else Qt.CheckState.Unchecked)
    dialog.ask = lambda *_a: True  # a year that has passed (the city is in 令和8年度): handed out all the same
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, master)
    assert "1 課" in dialog.result_label.text()
    assert sorted(p.suffix for p in folder.iterdir()) == [".kdesk", ".xlsx"]
    assert len({f.handout_id for f in dialog.made}) == 1  # one hand-out, two files
    dialog.close()


def test_the_window_says_which_workbook_it_holds_beside_a_conflict(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    """Two saves of one workbook without a save time, both chosen at once: the board's row says why
    it is 要確認 and which workbook the master holds, with no save time recorded (issue 26)."""
    book = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    cell = (INDICATORS, "市内体験農園の区画数", "令和2年度 実績")
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    first = edited_and_saved(book, {cell: 100}, tmp_path / "1" / book.name, at=None, by=None)
    second = edited_and_saved(first, {cell: 200}, tmp_path / "2" / book.name, at=None, by=None)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None
    collect.add_files([first, second])
    _wait(qtbot, window)
    lines = collect.log.toPlainText().splitlines()
    assert lines[0].startswith("○ ") and lines[1].startswith("! ") and "保存の順序が分からない" in lines[1]
    m = collect.model
    (row,) = [r for r in range(m.rowCount()) if m.index(r, 0).data() == "産業振興課"]
    assert m.index(row, 1).data() == "要確認"
    assert m.index(row, m.NOTE_COLUMN).data() == "競合 1 件／ブック第2版（保存日時の記録なし）"
    assert actual(db_path, "g1.a1.k3") == "100区画"  # the first taken stays; 200 waits for a person

    # the person decides from this window; the board follows at once, and follows an undo too
    from PySide6.QtWidgets import QPushButton

    from kodaira_desk.ui.round.conflict_dialog import ConflictDialog

    button = next(b for b in collect.findChildren(QPushButton) if b.text() == "競合を確認(&K)…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (dialog,) = window.findChildren(ConflictDialog)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # its board read on the runner
    assert actual(db_path, "g1.a1.k3") == "200区画"
    assert (m.index(row, 1).data(), m.index(row, m.NOTE_COLUMN).data()) == ("取込済", "ブック第2版（保存日時の記録なし）")
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # its board read on the runner
    assert m.index(row, 1).data() == "要確認" and actual(db_path, "g1.a1.k3") == "100区画"
