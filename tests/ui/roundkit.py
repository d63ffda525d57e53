"""Helpers for window tests of the yearly round: hand out files, fill one in, open windows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import EditSession, content_of, target_of
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.rounds import handout
from kodaira_desk.ui.i18n import Translations
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.window.main_window import Answer, MainWindow

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
