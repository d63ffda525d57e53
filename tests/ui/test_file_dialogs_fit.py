"""Every file dialog the window opens, at 1366×768 (tester's C7, then the others): File > Open and
ファイルを取り込む… were fitted, 名前を付けて保存, Excel出力, the report's PDF, the CSV exports, the plan
workbook's export and import and the folders chosen still opened at Qt's default, some 640 pixels
wide, the city's long file names cut. Each opens through ui/file_dialogs (a code rule: no
QFileDialog made or asked anywhere else), and the ones a person reaches here open at most of the
screen's room with the names' column taking the list's room."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QPushButton, QTreeView, QWidget

import kodaira_desk
from kodaira_desk.ui import screen_fit
from kodaira_desk.ui.window.main_window import MainWindow

PACKAGE = Path(kodaira_desk.__file__).parent
ROOM = QSize(1366 - screen_fit.FRAME.width(), 768 - screen_fit.FRAME.height())  # a 1366×768 screen's


def _opened_elsewhere(source: str) -> list[int]:
    """The lines where `source` makes a QFileDialog or asks one of its static get…() functions."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if (isinstance(f, ast.Name) and f.id == "QFileDialog") or (
                isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "QFileDialog"
                and f.attr.startswith("get")):
            lines.append(node.lineno)
    return lines


def test_no_file_dialog_is_opened_but_through_file_dialogs() -> None:
    assert _opened_elsewhere("QFileDialog.getSaveFileName(w, 't', 'x')\nd = QFileDialog(w)\n") == [1, 2]
    found = {f"{p.relative_to(PACKAGE).as_posix()}:{line}": line
             for p in PACKAGE.rglob("*.py") if p.name != "file_dialogs.py"
             for line in _opened_elsewhere(p.read_text(encoding="utf-8"))}
    assert sorted(found) == []


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The room a window has on a 1366×768 screen (the offscreen platform's screen is 800×800)."""
    monkeypatch.setattr(screen_fit, "room", lambda _w: ROOM)


def _seen_when(qtbot, opens: Callable[[], object]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The size and the list's columns of the file dialog `opens` shows (then cancelled)."""
    seen: dict[str, object] = {}

    def look() -> None:
        shown = [d for d in QApplication.allWidgets() if isinstance(d, QFileDialog) and d.isVisible()]
        if not shown:
            QTimer.singleShot(10, look)
            return
        dialog = shown[0]
        try:
            details = dialog.findChild(QTreeView, "treeView")
            header = details.header()
            seen.update(title=dialog.windowTitle(), width=dialog.width(), height=dialog.height(),
                        modes=[header.sectionResizeMode(c) for c in range(header.count())],
                        in_view=header.length() <= details.viewport().width())
        finally:
            dialog.reject()

    QTimer.singleShot(0, look)
    opens()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    return seen


def _button(parent: QWidget, text: str) -> QPushButton:
    return next(b for b in parent.findChildren(QPushButton) if text in b.text())


def _report_pdf(w: MainWindow) -> None:
    dialog = w.show_report_dialog()
    assert dialog is not None
    dialog.save_button.click()


def _plan_editor(w: MainWindow, which: str) -> None:
    editor = w.show_plan_editor()
    assert editor is not None
    getattr(editor, which).click()


def _board_csv(w: MainWindow) -> None:
    board = w.show_board()
    assert board is not None
    board.csv_button.click()


OPENERS: dict[str, Callable[[MainWindow], object]] = {
    "名前を付けて保存": lambda w: w.act_save_as.trigger(),
    "Excel出力": lambda w: w.act_xlsx.trigger(),
    "PDF を保存": _report_pdf,
    "Excelへ書き出し": lambda w: _plan_editor(w, "export_button"),
    "Excelから取り込み": lambda w: _plan_editor(w, "import_button"),
    "CSVに書き出す": _board_csv,
    "CSV に書き出す": lambda w: _button(w.show_audit(), "CSV").click(),
    "保存先フォルダ": lambda w: _button(w.show_handout() or w, "参照").click(),
}


@pytest.mark.parametrize("title", list(OPENERS))
def test_each_file_dialog_opens_at_most_of_the_screen(  # type: ignore[no-untyped-def]
        qtbot, laptop: None, window: MainWindow, title: str) -> None:
    window.tasks.wait_idle()
    seen = _seen_when(qtbot, lambda: OPENERS[title](window))
    assert seen["title"] == title
    assert 1000 <= int(seen["width"]) <= ROOM.width() and int(seen["height"]) <= ROOM.height(), seen  # type: ignore[call-overload]
    modes = seen["modes"]
    assert modes[0] == QHeaderView.ResizeMode.Stretch, seen  # type: ignore[index]
    assert all(m == QHeaderView.ResizeMode.ResizeToContents for m in modes[1:]), seen  # type: ignore[index]
    assert seen["in_view"], seen
