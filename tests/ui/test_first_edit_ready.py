"""A session's first edit costs what later edits cost (issue 27: the first edit at ×10 was 17.7 ms of
the GUI thread, the recovery journal's module imported in its keystroke's turn): a window shown in a
process of its own and left idle imports nothing more when a value is first typed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ValueCell, content_of
from kodaira_desk.ui.app import make_application
from kodaira_desk.ui.i18n import Translations
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.window.main_window import MainWindow

app = make_application()
tr = Translations(app)
tr.apply("ja")
w = MainWindow(open_database(sys.argv[1], create=False), Settings(), tr)
w.show()
def idle(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
idle(3000)  # the window shown and left alone a while, as a person reads it before typing
before = set(sys.modules)
cell = next(ValueCell(t.plan.id, i.key, ValueKind.ACTUAL, 2020) for t in w.editor.trees.values() for i in t.indicators)
w.editor.set(cell, content_of(cell, "1"), "test")
QApplication.processEvents()
print("EDITED", len(w.editor.session.pending()))
print("IMPORTED", " ".join(sorted(set(sys.modules) - before)), flush=True)
w.editor.discard()
w.close()
"""


def test_the_first_edit_imports_nothing(db_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert "EDITED 1" in lines, done.stderr  # the value was typed: one unsaved edit
    (imported,) = [line for line in lines if line.startswith("IMPORTED")]
    assert imported.split()[1:] == []
