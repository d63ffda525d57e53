"""Screenshots of the plan editor and its Excel import at 1366×768 on a real X server:

    /work/shared/tools/under-x .venv/bin/python -m kodaira_desk.tools.screenshots_plan_workbook docs/screenshots

A private copy of the built-in data; the whole screen is taken with ImageMagick's `import`, as a
person sees it (no window manager: dialogs have no title bar).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="kd-plan-shots-"))
    os.environ["KODAIRA_DESK_DATA_DIR"] = str(tmp / "data")
    import openpyxl
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    from kodaira_desk.services.database import build_database, open_database
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import Answer, MainWindow

    db_path = tmp / "city.sqlite"
    build_database(db_path)
    app = make_application()
    tr = Translations(app)
    tr.apply("ja")
    settings = Settings()
    settings.user_name = "政策課 試験"
    w = MainWindow(Workspace(open_database(db_path, create=False)), settings, tr)
    w.showMaximized()

    def pump(seconds: float) -> None:
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            time.sleep(0.02)

    def shot(name: str) -> None:
        pump(0.6)
        subprocess.run(["import", "-window", "root", str(out / f"{name}.png")], check=True)

    pump(2)
    w.act_plan_editor.trigger()
    pump(1)
    editor = w.findChild(PlanEditorDialog)
    assert editor is not None
    editor.resize(1366, 740)
    editor.move(0, 0)
    editor.plan_combo.setCurrentIndex(editor.plan_combo.findData("strategy-2015"))
    editor.select("g1.a1")
    shot("plan-editor-1366x768")
    book = tmp / "総合戦略_計画ブック.xlsx"
    editor.export_workbook_to(book)
    w.tasks.wait_idle()
    wb = openpyxl.load_workbook(book)
    wb["体系"]["D2"] = "住み続けたいまちをつくる"
    wb["目標値"]["E3"] = "95.0%"
    wb.save(book)
    dialog = editor.import_workbook_from(book)
    w.tasks.wait_idle()
    shot("plan-import-preview-1366x768")
    dialog.reject()
    wb = openpyxl.load_workbook(book)
    wb["体系"]["E3"] = "存在しない課"
    wb["目標値"]["E2"] = "増やす"
    wb.create_sheet("メモ")
    wb.save(book)
    dialog = editor.import_workbook_from(book)
    pump(3)  # the preview fails on the worker and says why
    shot("plan-import-problems-1366x768")
    dialog.reject()
    editor.close()
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    w.close()
    w.db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
