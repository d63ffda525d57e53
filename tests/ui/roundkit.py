"""Helpers for window tests of the yearly round: hand out files, fill one in, open windows."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from by_path import load
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidgetItem

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import EditSession, content_of, target_of
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.ui.i18n import Translations
from kodaira_desk.ui.round.dialogs import HandoutDialog
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.window.main_window import Answer, MainWindow

# (loaded by its path: this kit is loaded from other folders too, where tests/ui is not on sys.path)
type_text = (sys.modules.get("test_clerk") or load("roundkit_test_clerk", "ui/test_clerk.py")).type_text

R2 = FiscalYear(2020)
FARM = "value:strategy-2015:g1.a1.k3:actual:2020:"  # 市内体験農園の区画数 (区画), 産業振興課
CHILDREN = "value:strategy-2015:g2.a3.k4:actual:2020:"  # 児童館の利用者数 (人), 子育て支援課
NAME = "政策課 試験"


def hand_out(db_path: Path, folder: Path, departments: list[str]) -> dict[str, Path]:
    db = open_database(db_path, create=False)
    try:
        return {f.department: f.path for f in handout(db, R2, folder, departments)}
    finally:
        db.dispose()


def write(path: Path, key: str, text: str) -> None:
    """A value saved into a database or department file (as a clerk's Ctrl+S would)."""
    db = open_database(path, create=False)
    try:
        session = EditSession()
        target = target_of(key)
        session.set(target, content_of(target, text), None)
        session.save(db, overwrite=True)  # whatever the field held: a helper, not a racing window
    finally:
        db.dispose()


def actual(path: Path, indicator: str) -> str | None:
    db = open_database(path, create=False)
    try:
        v = load_plan(db, "strategy-2015").indicator(indicator).value(ValueKind.ACTUAL, R2)
    finally:
        db.dispose()
    return None if v is None else str(v.value)


def narrative(path: Path, node: str) -> str | None:
    db = open_database(path, create=False)
    try:
        entry = load_plan(db, "strategy-2015").progress_in(node, R2)
    finally:
        db.dispose()
    return None if entry is None else str(entry.narrative)


def open_window(path: Path, name: str | None = NAME) -> MainWindow:
    app = QApplication.instance()
    tr = Translations(app)  # type: ignore[arg-type]
    tr.apply("ja")
    settings = Settings()
    settings.user_name = name
    w = MainWindow(open_database(path, create=False), settings, tr)
    w.resize(1366, 768)
    w.show()
    return w


def close_window(w: MainWindow) -> None:
    w.tasks.wait_idle()
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    w.close()
    w.db.dispose()


def idle(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)


# ------------------------------------------------------------ the 配布 dialog, as a person uses it
def open_handout(qtbot, w: MainWindow, year: str = "令和2年度") -> HandoutDialog:  # type: ignore[no-untyped-def]
    """年次作業 > 提出用ファイルの配布, on `year` once its plan and files out are read."""
    w.act_handout.trigger()
    qtbot.waitUntil(lambda: w.findChild(HandoutDialog) is not None, timeout=30000)
    dialog = w.findChild(HandoutDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    dialog.year.setCurrentIndex(dialog.year.findText(year))
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)
    return dialog


def handout_line(dialog: HandoutDialog, department: str) -> QListWidgetItem:
    """The dialog's line of one 課 (its text also says why it is left out or already handed out)."""
    listed = dialog.departments
    return next(listed.item(i) for i in range(listed.count())
                if listed.item(i).data(Qt.ItemDataRole.UserRole) == department)


def tick_only(qtbot, dialog: HandoutDialog, *departments: str) -> None:  # type: ignore[no-untyped-def]
    """選択を解除, then each of these 課 ticked from the keyboard (its line chosen, Space)."""
    dialog._check_all(False)
    listed = dialog.departments
    listed.setFocus()
    for department in departments:
        line = handout_line(dialog, department)
        listed.setCurrentItem(line)
        qtbot.keyClick(listed, Qt.Key.Key_Space)
        assert line.checkState() == Qt.CheckState.Checked, line.text()


def press_make(qtbot, dialog: HandoutDialog, folder: Path | None,  # type: ignore[no-untyped-def]
               ask: Callable[[str, str], bool]) -> None:
    """The folder typed (None: left as it is), 作成する clicked with `ask` answering the dialog's
    questions, and waited for until the dialog says what it did (made, refused or failed)."""
    if folder is not None:
        dialog.folder.selectAll()
        type_text(qtbot, dialog.folder, str(folder))
    dialog.ask = ask  # type: ignore[method-assign]
    dialog.made = []
    dialog.result_label.clear()
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.result_label.text()), timeout=30000)
    dialog.tasks.wait_idle()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # the year read again after 作成する
