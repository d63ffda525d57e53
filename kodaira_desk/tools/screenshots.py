"""`make screenshots`: PNGs of the main window and each form, at 1366×768 and 1920×1080.

Runs offscreen on a private copy of the built-in data; nothing the user has is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = ((1366, 768), (1920, 1080))


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="kd-shots-"))
    os.environ["KODAIRA_DESK_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    from kodaira_desk.services.database import build_database, open_database
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.forms.kpi_model import KpiTableModel
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window import operations
    from kodaira_desk.ui.window.main_window import Answer, MainWindow

    app = make_application()
    db_path = build_database(tmp / "city.sqlite")
    written: list[Path] = []

    def shot(w: MainWindow, name: str, size: tuple[int, int]) -> None:
        for _ in range(3):
            app.processEvents()
        path = out / f"{name}-{size[0]}x{size[1]}.png"
        w.grab().save(str(path))
        written.append(path)

    for size in SIZES:
        translations = Translations(app)
        translations.apply("ja")
        settings = Settings()
        settings.user_name = settings.user_name or "政策課"  # the audit name, not asked here
        w = MainWindow(Workspace(open_database(db_path, create=False)), settings, translations)
        w.resize(*size)
        w.show()
        w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
        w.dept_combo.setCurrentIndex(w.dept_combo.findText("産業振興課"))
        w.select_node("strategy-2015", "g1.a1.m2")
        w.page.measure.narrative.setPlainText("・体験農園の区画数の増加に取り組みました。\n・直売所マップを更新しました。")
        shot(w, "measure-form", size)
        w.dept_combo.setCurrentIndex(0)
        w.select_node("strategy-2015", "g1.a1")
        kpi = w.page.kpi
        w.page.tabs.setCurrentWidget(kpi)
        model = kpi.model
        assert isinstance(model, KpiTableModel)
        row = next(i for i, ind in enumerate(model.indicators) if ind.name == "市内体験農園の区画数")
        col = next(c for c, spec in enumerate(model.columns)
                   if spec.kind is not None and spec.kind.value == "actual" and spec.year is not None
                   and spec.year.year == 2020)
        model.setData(model.index(row, col), "３６５区画")
        model.setData(model.index(row + 1, col), "abc")
        shot(w, "kpi-form", size)
        w.year_combo.setCurrentIndex(w.year_combo.findText("令和3年度"))
        tree = w.editor.tree("program-2021")
        w.select_node("program-2021", "p2")
        shot(w, "program-policy-kpi", size)
        w.select_node("program-2021", next(n.key for n in tree.nodes if n.title == "生活保護事業"))
        w.page.tabs.setCurrentWidget(w.page.budget)
        shot(w, "budget-form", size)
        w.select_node("restructuring", "r.1.1.n2")
        shot(w, "schedule-form", size)
        w.select_node("strategy-2015", None)
        w.tree_view.expandAll()
        shot(w, "main-window", size)
        operations.set_language(w, "en")
        w.select_node("strategy-2015", "g1.a1")
        shot(w, "english", size)
        operations.set_language(w, "ja")
        if size == SIZES[0]:
            dialogs(w, tmp, written, out)
        w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
        w.close()
        w.db.dispose()
        w.deleteLater()
        QApplication.sendPostedEvents(None, 0)
        QApplication.processEvents()
    report_pages(db_path, tmp, out, written)
    for p in written:
        print(p)
    return 0


def report_pages(db_path: Path | str, tmp: Path, out: Path, written: list[Path]) -> None:
    """The first two pages of each committee report, as PNG (pdftoppm from poppler-utils)."""
    import shutil
    import subprocess

    from kodaira_desk.io.atomic import copy_file
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.reports import default_options, make_report

    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing (poppler-utils): report pages not rendered", file=sys.stderr)
        return
    db = open_database(db_path, create=False)
    for kind, plan in (("progress", "strategy-2015"), ("kpi", "strategy-2015"), ("sheets", "restructuring"),
                       ("program", "program-2021")):
        pdf = make_report(db, kind, default_options(db, kind, plan), tmp / f"{kind}.pdf")
        pages = tmp / f"pages-{kind}"
        pages.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "2", str(pdf), str(pages / "p")], check=True)
        # pdftoppm pads the page number to the document's length (p-01 of a 12-page PDF, p-1 of a
        # 9-page one): the names the README links to must not change with the page count
        for page in sorted(pages.glob("p-*.png")):
            target = out / f"report-{kind}-{int(page.stem.split('-')[-1])}.png"
            copy_file(page, target)
            written.append(target)
    db.dispose()


def dialogs(w: object, tmp: Path, written: list[Path], out: Path) -> None:
    """The report dialog with its preview, and the collection window in the middle of a round."""
    from PySide6.QtWidgets import QApplication

    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.editing import EditSession, content_of, target_of
    from kodaira_desk.services.rounds.collect import collect
    from kodaira_desk.services.rounds.handout import handout
    from kodaira_desk.ui.window.main_window import MainWindow

    assert isinstance(w, MainWindow)
    from kodaira_desk.ui.window.main_window import Answer

    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]  # the typed examples are not kept

    def grab(widget: object, name: str) -> None:
        for _ in range(3):
            QApplication.processEvents()
        path = out / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)

    w.select_node("strategy-2015", "g1")
    report = w.show_report_dialog()
    assert report is not None
    report.kind.setCurrentIndex(report.kind.findData("kpi"))
    op = report.preview()
    if op is not None:
        op.wait()  # the PDF is made on the window's worker
    w.tasks.wait_idle()  # and its pages rendered there
    grab(report, "report-dialog")
    report.close()
    files = handout(w.db, FiscalYear(2020), tmp / "round", ["産業振興課", "子育て支援課", "都市計画課"])
    from kodaira_desk.services.database import open_database

    for f in files[:2]:
        db = open_database(f.path, create=False)
        session = EditSession()
        key = ("value:strategy-2015:g1.a1.k3:actual:2020:" if f.department == "産業振興課"
               else "value:strategy-2015:g2.a3.k4:actual:2020:")
        target = target_of(key)
        session.set(target, content_of(target, "365区画" if f.department == "産業振興課" else "36,000人"), None)
        session.save(db)
        db.dispose()
    collect(w.db, [files[0].path])
    window = w.show_collect()
    assert window is not None
    op = window.add_files([files[1].path, tmp / "round" / "no-such-file.kdesk"])
    if op is not None:
        op.wait()
    grab(window, "collect-window")
    window.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
