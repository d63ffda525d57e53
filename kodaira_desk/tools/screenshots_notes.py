"""Screenshots of notes, questions and evidence files (issue 25) at 1366×768 under a real X server:

    /work/shared/tools/under-x .venv/bin/python -m kodaira_desk.tools.screenshots_notes docs/screenshots

1. the master's KPI grid with notes, a question and an attachment on its cells (marks in the
   corners, the current cell's note in the details line);
2. the master's notes dialog of a cell (Shift+F2 pressed with xdotool);
3. the clerk's window on the department's file: the banner's question button clicked, the answer
   typed (xdotool) and put in place, then Ctrl+S.

Keys and clicks go through xdotool as a person's would; the screen is taken with ImageMagick's
`import` (the whole screen, dialogs included). Runs on a private copy of the built-in data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    if not os.environ.get("DISPLAY"):
        print("screenshots_notes: run under a real X server (under-x)", file=sys.stderr)
        return 2
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="kd-notes-shots-"))
    os.environ["KODAIRA_DESK_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QPoint, QSettings
    from PySide6.QtWidgets import QDialog

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    from kodaira_desk.domain.annotations import AnnotationKey
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.domain.model import ValueKind
    from kodaira_desk.services import notes
    from kodaira_desk.services.database import build_database, open_database
    from kodaira_desk.services.editing import AnnotationField, save_edits
    from kodaira_desk.services.rounds.handout import handout
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.forms.kpi_model import KpiTableModel
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import Answer, MainWindow

    app = make_application()
    master = build_database(tmp / "master.sqlite")
    assert isinstance(master, Path)
    farm = "value:strategy-2015:g1.a1.k3:forecast:2020:"
    farm_actual = "value:strategy-2015:g1.a1.k3:actual:2020:"
    farmers = "value:strategy-2015:g1.a1.k1:forecast:2020:"
    db = open_database(master, create=False)
    save_edits(db, {AnnotationField(str(AnnotationKey.note(farm))): "市民農園を5区画増設したため増加（令和2年6月開設）",
                    AnnotationField(str(AnnotationKey.note(farmers))): "新規就農相談会の中止により見込みを下方修正"},
               actor="政策課 山田")
    notes.attach(db, farm, "区画台帳_令和2年度.pdf", _pdf(), "政策課 山田")
    notes.ask_question(db, farm_actual, "令和2年度の実績が見込みの360区画から変わる見込みはありますか。確定時期も教えてください。",
                       "政策課 山田")
    db.dispose()
    written: list[Path] = []

    def pump(ms: int = 300) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def shot(name: str) -> None:
        pump(600)
        path = out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        written.append(path)

    def xdo(*args: str) -> None:
        subprocess.run(["xdotool", *args], check=True)
        pump(250)

    def click(widget: object) -> None:
        at = widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))  # type: ignore[attr-defined]
        xdo("mousemove", str(at.x()), str(at.y()))
        xdo("click", "1")

    def open_window(path: Path, name: str) -> MainWindow:
        translations = Translations(app)
        translations.apply("ja")
        settings = Settings()
        settings.user_name = name
        w = MainWindow(Workspace(open_database(path, create=False)), settings, translations)
        w.resize(1366, 740)
        w.move(0, 0)
        w.show()
        pump(800)
        w.activateWindow()
        subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Kodaira Desk", "windowfocus", "--sync"],
                       check=False)
        pump(300)
        return w

    def farm_cell(w: MainWindow, kind: ValueKind) -> None:
        w.select_node("strategy-2015", "g1.a1")
        pump()
        w.page.tabs.setCurrentWidget(w.page.kpi)
        model = w.page.kpi.model
        assert isinstance(model, KpiTableModel)
        row = next(i for i, ind in enumerate(model.indicators) if ind.key == "g1.a1.k3")
        col = next(c for c, spec in enumerate(model.columns) if spec.kind is kind and spec.year == FiscalYear(2020))
        w.page.kpi.view.setFocus()
        w.page.kpi.view.setCurrentIndex(model.index(row, col))
        pump()
        w.page.kpi.view.scrollTo(model.index(row, col))  # the whole cell in view, its corners too
        pump()

    # 1. the master's grid with notes, a question and an attachment
    w = open_window(master, "政策課 山田")
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    farm_cell(w, ValueKind.FORECAST)
    shot("notes-grid-1366x768")
    # 2. the notes dialog of the cell with the question: Shift+F2 as a person presses it
    farm_cell(w, ValueKind.ACTUAL)
    xdo("key", "shift+F2")
    shot("notes-dialog-master-1366x768")
    for d in w.findChildren(QDialog):
        d.reject()
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    w.close()
    w.db.dispose()

    # 3. the clerk answers in clerk mode
    db = open_database(master, create=False)
    made = {f.department: f.path for f in handout(db, FiscalYear(2020), tmp / "配布", ["産業振興課"])}
    db.dispose()
    clerk = open_window(made["産業振興課"], "田中")
    farm_cell(clerk, ValueKind.ACTUAL)
    click(clerk.banner.questions)
    pump(600)
    dialog = next(d for d in clerk.findChildren(QDialog) if d.objectName() == "questionsDialog" and d.isVisible())
    click(dialog.answer)  # type: ignore[attr-defined]
    subprocess.run(["xclip", "-selection", "clipboard"], input="令和3年5月の確定値で365区画になります（5区画増設分を含む）。".encode(),
                   check=True)
    xdo("key", "ctrl+v")
    click(dialog.put_button)  # type: ignore[attr-defined]
    shot("question-answered-clerk-1366x768")
    dialog.reject()
    pump()
    clerk.activateWindow()
    subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "提出用ファイル", "windowfocus", "--sync"],
                   check=False)
    xdo("key", "ctrl+s")
    clerk.tasks.wait_idle()
    pump(800)
    shot("question-answered-clerk-saved-1366x768")
    answer = next(iter(clerk.editor.trees["strategy-2015"].annotations.questions_on(farm_actual))).answer
    clerk.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    clerk.close()
    clerk.db.dispose()
    print("answer saved in the file:", answer)
    for p in written:
        print(p)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if answer else 1


def _pdf() -> bytes:
    """A one-page PDF made with reportlab (the 区画台帳 a figure was counted in)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawString(72, 760, "Kukaku daicho R2 (365)")
    c.showPage()
    c.save()
    return buf.getvalue()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
