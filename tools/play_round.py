"""Play the whole yearly round in the real window on a real X server, with a screenshot per step.

    /work/shared/tools/under-x .venv/bin/python tools/play_round.py OUT_DIR      (1366×768 Xvfb)
    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/play_round.py OUT_DIR

The policy division hands out the files, 産業振興課's clerk opens theirs (clerk mode: banner, own
year and department), types, checks and saves for submission; the division corrects a figure,
collects, and resolves the conflict (a refused 別の値 first). Each step's whole screen is saved
as OUT_DIR/NN-name.png (QScreen.grabWindow of the X root window, what a person sees).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    if not os.environ.get("DISPLAY"):
        print("play_round: no X display; run it under /work/shared/tools/under-x or xvfb-run", file=sys.stderr)
        return 2
    os.environ.pop("QT_QPA_PLATFORM", None)
    out = Path(argv[0] if argv else "round-shots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kd-round-"))
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["KODAIRA_DESK_DATA_DIR"] = str(work / "data")

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.database import build_database
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import Answer, MainWindow

    app = make_application()
    translations = Translations(app)
    translations.apply("ja")
    master_path = build_database(work / "kodaira-desk.sqlite")
    settings = Settings()
    settings.user_name = "政策課 山田"
    w = MainWindow(Workspace.open(master_path, create=False), settings, translations)
    w.setGeometry(0, 0, 1366, 740)
    w.show()
    shots: list[Path] = []

    def settle(ms: int = 500) -> None:
        QTest.qWait(ms)
        while w.tasks.busy:
            QTest.qWait(50)
        QTest.qWait(100)

    def shot(name: str) -> None:
        settle()
        path = out / f"{len(shots) + 1:02d}-{name}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        shots.append(path)
        print(path, flush=True)

    def type_text(widget: QWidget, text: str) -> None:
        widget.setFocus()
        for ch in text:
            if ch.isascii() and ch != "\n":
                QTest.keyClicks(widget, ch)
            elif ch == "\n":
                QTest.keyClick(widget, Qt.Key.Key_Return)
            else:  # Japanese arrives from the input method, committed
                ev = QInputMethodEvent()
                ev.setCommitString(ch)
                QApplication.sendEvent(widget, ev)

    def kpi_cell_type(win: MainWindow, name: str, text: str) -> None:
        model = win.page.kpi.model
        row = next(i for i, ind in enumerate(model.indicators) if ind.name == name)
        col = next(c for c, s in enumerate(model.columns) if s.kind is not None and s.kind.value == "actual"
                   and s.year == FiscalYear(2020))
        view = win.page.kpi.view
        view.setFocus()
        view.setCurrentIndex(model.index(row, col))
        QTest.keyClick(view, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        if editor is None or editor is view:  # no window manager to hand the focus over
            editor = view.viewport().findChild(QLineEdit)
        editor.selectAll()  # type: ignore[union-attr]
        type_text(editor, text)  # type: ignore[arg-type]
        QTest.keyClick(editor, Qt.Key.Key_Return)
        settle(200)

    # 1. the master, entry year R2
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    shot("master")
    # 2. hand out three departments' files
    handout = w.show_handout()
    settle()  # its year read on the runner (issue 27)
    handout.folder.setText(str(work / "配布"))
    for i in range(handout.departments.count()):
        item = handout.departments.item(i)
        keep = item.text() in ("産業振興課", "子育て支援課", "都市計画課")
        item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    handout.ask = lambda *_a: True  # 令和2年度 has passed: handed out all the same
    QTest.mouseClick(handout.make_button, Qt.MouseButton.LeftButton)
    shot("handout")
    files = {f.department: f.path for f in handout.made}
    handout.close()

    # 3. the clerk opens their file from 最近使ったファイル / Open: clerk mode
    clerk_file = files["産業振興課"]
    w.open_path(clerk_file)
    w.tree_view.expandAll()
    shot("clerk-mode")
    w.select_node("strategy-2015", "g1.a1.m1")
    type_text(w.page.measure.status.lineEdit(), "実施中")
    type_text(w.page.measure.narrative, "・認定農業者の経営改善計画の作成を支援しました。\n・新たに2人を認定しました。")
    shot("clerk-typing")
    w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    kpi_cell_type(w, "市内体験農園の区画数", "365区画")
    shot("clerk-kpi")
    check = w.show_submission_check()
    shot("submission-check")
    check.close()
    told: list[QMessageBox] = []

    def tell(title: str, text: str) -> None:  # the message box, shown without blocking the script
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=w)
        box.show()
        told.append(box)

    w.tell = tell  # type: ignore[method-assign]
    w.act_submit.trigger()
    shot("save-for-submission")
    for box in told:
        box.close()

    # 4. back in the master: a correction, then the collection
    w.open_path(master_path)
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    kpi_cell_type(w, "市内体験農園の区画数", "370区画")
    w.ask = lambda *_a: Answer.SAVE  # type: ignore[method-assign]
    collect = w.show_collect()
    assert collect is not None
    collect.add_files([clerk_file])
    shot("collect")
    conflicts = w.show_conflicts()
    assert conflicts is not None
    settle()  # the conflicts read on the runner (issue 27)
    shot("conflicts")
    QTest.mouseClick(conflicts.other, Qt.MouseButton.LeftButton)
    other = conflicts.other_dialog
    assert other is not None
    other.editor.clear()  # type: ignore[union-attr]
    type_text(other.editor, "5人")
    QTest.mouseClick(other.ok_button, Qt.MouseButton.LeftButton)
    shot("other-value-refused")
    other.editor.clear()  # type: ignore[union-attr]
    type_text(other.editor, "368")
    QTest.mouseClick(other.ok_button, Qt.MouseButton.LeftButton)
    shot("resolved")
    conflicts.close()
    collect.close()
    w.editor.discard()
    w.close()
    w.db.dispose()
    shutil.rmtree(work, ignore_errors=True)
    print(f"{len(shots)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
