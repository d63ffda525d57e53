"""The report dialog keeps what was typed: a change of 帳票 fills only untouched fields with that
document's own values, and the last values are there again when the dialog is opened for the
same plan (not for another)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt

from kodaira_desk.ui.window.main_window import MainWindow


def _type(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    from test_clerk import type_text

    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, text)


def _open(qtbot, w: MainWindow):  # type: ignore[no-untyped-def]
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Ctrl+P
    from kodaira_desk.ui.reports.dialog import ReportDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in w.findChildren(ReportDialog)), timeout=10000)
    return next(d for d in w.findChildren(ReportDialog) if d.isVisible())


def _pick_date(qtbot, dialog, day: QDate) -> None:  # type: ignore[no-untyped-def]
    """Type the date into the date box as a person does (yyyy/MM/dd), section by section."""
    edit = dialog.date
    edit.setFocus()
    edit.setSelectedSection(edit.sectionAt(0))
    qtbot.keyClicks(edit, day.toString("yyyyMMdd"))  # each full section moves to the next
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_changing_the_kind_keeps_what_was_typed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.select_node("strategy-2015", "g1")
    dialog = _open(qtbot, w)
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    dialog.kind.setCurrentIndex(kinds.index("progress"))
    _type(qtbot, dialog.handout, "資料3")
    _type(qtbot, dialog.meeting, "第3回推進委員会")
    _pick_date(qtbot, dialog, QDate(2026, 12, 21))
    assert dialog.date.date() == QDate(2026, 12, 21) and dialog.use_date.isChecked()
    draft_before = dialog.draft.isChecked()

    dialog.kind.setCurrentIndex(kinds.index("kpi"))  # the 2021 document prints 資料３, 2021/03/29, 未定稿
    assert dialog.handout.text() == "資料3"
    assert dialog.meeting.text() == "第3回推進委員会"
    assert dialog.date.date() == QDate(2026, 12, 21) and dialog.use_date.isChecked()
    assert dialog.draft.isChecked()  # not touched: the document's own 未定稿
    dialog.kind.setCurrentIndex(kinds.index("progress"))
    assert (dialog.handout.text(), dialog.meeting.text()) == ("資料3", "第3回推進委員会")
    assert dialog.date.date() == QDate(2026, 12, 21)
    assert dialog.draft.isChecked() == draft_before

    key, opts = dialog.options()  # what the PDF gets
    assert (key, opts.handout, opts.meeting, str(opts.date)) == ("progress", "資料3", "第3回推進委員会", "2026-12-21")
    dialog.close()


def test_the_dialog_remembers_the_last_values_per_plan(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.select_node("strategy-2015", "g1")
    dialog = _open(qtbot, w)
    dialog.kind.setCurrentIndex(dialog.kind.findData("kpi"))
    _type(qtbot, dialog.handout, "資料5")
    dialog.draft.setFocus()
    qtbot.keyClick(dialog.draft, Qt.Key.Key_Space)  # untick 未定稿
    assert not dialog.draft.isChecked()
    dialog.reject()

    again = _open(qtbot, w)
    assert again.kind.currentData() == "kpi"
    assert again.handout.text() == "資料5" and not again.draft.isChecked()
    assert again.meeting.text() == "第２回小平市まち・ひと・しごと創生総合戦略推進委員会"  # untouched: the document's
    again.kind.setCurrentIndex(again.kind.findData("progress"))
    assert again.handout.text() == "資料5"  # remembered values are what the person typed
    again.reject()

    w.select_node("program-2021", "p2")  # another plan: its own fields
    other = _open(qtbot, w)
    assert other.handout.text() != "資料5"
    other.reject()
