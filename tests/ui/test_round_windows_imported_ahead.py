"""The round's windows opened for the first time import nothing on the GUI thread once the window
has been idle (issue 27): 回収状況と取り込み imported the round's ORM (SQLAlchemy, the store's
models: 200–300 ms) and its own modules in the turn that opened it; 競合の確認, 監査ログ, 年度の確定
and 配布 their modules and the Qt enums their widgets ask for. Each is checked in a process of its
own (a test process has imported everything long before)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import enum, sys, tempfile, threading, time
import importlib._bootstrap as bootstrap
from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication
QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
from kodaira_desk.services.database import open_database
from kodaira_desk.ui.app import make_application
from kodaira_desk.ui.i18n import Translations
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.window import idle_imports
from kodaira_desk.ui.window.main_window import MainWindow

idle_imports.START_AFTER_MS, idle_imports.GAP_MS = 0, 1
app = make_application()
translations = Translations(app)
translations.apply("ja")
settings = Settings()
settings.user_name = "政策課 山田"
w = MainWindow(open_database(sys.argv[1], create=False), settings, translations)
w.show()
imports = next(c for c in w.children() if isinstance(c, idle_imports.IdleImports))
due = time.monotonic() + 60
while (imports.left or imports.active) and time.monotonic() < due:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
print("LEFT", *imports.left, flush=True)
w.tasks.wait_idle()

found = []
find = bootstrap._find_and_load
def noting(name, import_):
    if name not in sys.modules and threading.current_thread() is threading.main_thread():
        found.append(name)
    return find(name, import_)
bootstrap._find_and_load = noting
create = enum.EnumType._create_
def made(cls, name, *args, **kwargs):
    if threading.current_thread() is threading.main_thread():
        found.append("enum " + name)
    return create(cls, name, *args, **kwargs)
enum.EnumType._create_ = made

for menu in sys.argv[2].split(","):
    dialog = getattr(w, menu)()
    assert dialog is not None, menu
    due = time.monotonic() + 60
    while (getattr(dialog, "reading", False) or getattr(dialog, "loading_board", False)) and time.monotonic() < due:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    for _ in range(3):
        app.processEvents()
    print("OPENED", menu, *found, flush=True)
    found.clear()
    dialog.close()
    app.processEvents()
w.tasks.wait_idle()
"""
MENUS = ("show_collect", "show_conflicts", "show_audit", "show_year_lock", "show_handout")


def test_the_round_windows_first_openings_import_nothing_once_the_window_was_idle(db_path: Path,
                                                                                   tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", PROBE, str(db_path), ",".join(MENUS)], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    lines = done.stdout.splitlines()
    assert "LEFT" in lines, done.stderr  # every idle import done, none failed
    opened = [line.split() for line in lines if line.startswith("OPENED ")]
    assert [line[1] for line in opened] == list(MENUS), done.stderr
    assert {line[1]: line[2:] for line in opened} == {menu: [] for menu in MENUS}
