"""Screenshots at any size (issue 28): the window and its dialogs on a real X server, e.g. at
1366×768 with 150 % scale, or with the high-contrast palette, and a list of whatever is cut off.

    QT_SCALE_FACTOR=1.5 /work/shared/tools/under-x .venv/bin/python -m kodaira_desk.tools.screenshots_a11y OUT [--high-contrast] [--font 1.5]

A private copy of the built-in data; the whole screen is taken as a person sees it (no window
manager: dialogs have no title bar). "Cut off" is checked on every visible text control: a label,
button, check box or field narrower than its text (or a wrapped label shorter than its lines), or
a control outside its window, except inside a scroll area (it scrolls) or a table's cells. The
lines are printed (`cut off: …`) and the exit status is 1 when there are any.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

CHECKED = ("QLabel", "QAbstractButton", "QComboBox", "QLineEdit", "QAbstractSpinBox", "QTabBar")


def _inside_scroll_area(widget: object, window: object) -> bool:
    from PySide6.QtWidgets import QAbstractScrollArea

    w = widget.parentWidget()  # type: ignore[attr-defined]
    while w is not None and w is not window:
        if isinstance(w, QAbstractScrollArea):
            return True
        w = w.parentWidget()
    return False


def cut_off(window: object) -> list[str]:
    """What in `window` shows less than its text needs."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QSizePolicy,
        QTableView,
        QWidget,
    )

    out: list[str] = []
    assert isinstance(window, QWidget)
    screen = window.screen().availableGeometry() if window.screen() is not None else None
    frame = window.frameGeometry()
    if screen is not None and not screen.contains(frame):
        out.append(f"{type(window).__name__} {frame.width()}×{frame.height()} is larger than the screen "
                   f"{screen.width()}×{screen.height()}")
    for table in window.findChildren(QTableView):
        header = table.horizontalHeader()
        if table.isVisible() and header.offset() > 0 and header.length() - header.offset() < table.viewport().width() - 2:
            out.append(f"columns scrolled out on the left, blank space on the right: "
                       f"{type(table).__name__}#{table.objectName()} in {type(window).__name__}")
        out.extend(_headings_cut(table, window))
        last = header.count() - 1
        if table.isVisible() and header.stretchLastSection() and last > 0 \
                and header.sectionPosition(last) + 3 * table.fontMetrics().horizontalAdvance("指") > table.viewport().width():
            out.append(f"its last column past the view's edge: {type(table).__name__}#{table.objectName()} "
                       f"in {type(window).__name__}")
    for w in window.findChildren(QWidget):
        if not w.isVisible() or not any(c.__name__ in CHECKED for c in type(w).__mro__):
            continue
        name = f"{type(w).__name__}#{w.objectName() or ''} «{_text(w)[:30]}» in {type(window).__name__}"
        if not _inside_scroll_area(w, window):
            where = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
            if not window.rect().contains(where):
                out.append(f"outside its window: {name}")
                continue
        if w.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored:
            continue  # clipped on purpose (the message line: its tooltip and name hold all)
        hint = w.sizeHint()
        if isinstance(w, QLabel) and w.wordWrap():
            if w.heightForWidth(w.width()) > w.height() + 2:
                out.append(f"wrapped text taller than its room ({w.heightForWidth(w.width())} > {w.height()}): {name}")
        elif isinstance(w, (QLabel, QAbstractButton)) and _text(w):
            if w.width() + 2 < hint.width():
                out.append(f"narrower than its text ({w.width()} < {hint.width()}): {name}")
        elif isinstance(w, QComboBox) and w.currentText():
            needed = w.fontMetrics().horizontalAdvance(w.currentText()) + 24
            if w.width() < min(needed, hint.width()):
                out.append(f"narrower than its value ({w.width()} < {needed}): {name}")
        elif isinstance(w, QLineEdit) and not isinstance(w.parentWidget(), QAbstractSpinBox) \
                and w.height() + 2 < hint.height():
            out.append(f"lower than its text ({w.height()} < {hint.height()}): {name}")
    return out


def _headings_cut(table: object, window: object) -> list[str]:
    """A table's column headings narrower than their text (the table scrolls; its headings must not clip)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    assert isinstance(table, QTableView)
    header, model = table.horizontalHeader(), table.model()
    if not table.isVisible() or header.isHidden() or model is None:
        return []
    out = []
    for c in range(header.count()):
        if header.isSectionHidden(c) or header.sectionSize(c) <= 1:
            continue
        text = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        needed = max((header.fontMetrics().horizontalAdvance(line) for line in text.split("\n")), default=0)
        if needed and header.sectionSize(c) + 2 < needed:
            out.append(f"heading narrower than its text ({header.sectionSize(c)} < {needed}): "
                       f"«{text[:20]}» of {type(table).__name__}#{table.objectName()} in {type(window).__name__}")
    return out


def _scroll_into_view(widget: object) -> None:
    """Scroll every scroll area around `widget` so that it shows."""
    from PySide6.QtWidgets import QScrollArea

    w = widget.parentWidget()  # type: ignore[attr-defined]
    while w is not None:
        if isinstance(w, QScrollArea):
            w.ensureWidgetVisible(widget, 0, 0)  # type: ignore[arg-type]
        w = w.parentWidget()


def _text(w: object) -> str:
    text = getattr(w, "text", None)
    if callable(text):
        value = text()
        return value if isinstance(value, str) else ""
    current = getattr(w, "currentText", None)
    return str(current()) if callable(current) else ""


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots/a11y")
    out.mkdir(parents=True, exist_ok=True)
    high_contrast = "--high-contrast" in argv
    font = float(argv[argv.index("--font") + 1]) if "--font" in argv else 1.0
    prefix = os.environ.get("KD_SHOT_PREFIX", "")
    tmp = Path(tempfile.mkdtemp(prefix="kd-a11y-shots-"))
    os.environ["KODAIRA_DESK_DATA_DIR"] = str(tmp / "data")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    from kodaira_desk.services.database import build_database, open_database
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui import theme
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window import window_a11y
    from kodaira_desk.ui.window.main_window import Answer, MainWindow

    db_path = build_database(tmp / "city.sqlite")
    app = make_application()
    tr = Translations(app)
    tr.apply("ja")
    settings = Settings()
    settings.user_name = "政策課 試験"
    settings.high_contrast = high_contrast
    settings.font_scale = font
    w = MainWindow(Workspace(open_database(db_path, create=False)), settings, tr)
    w.show()
    problems: list[str] = []
    taken: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()
            w.tasks.wait_idle()

    def shot(name: str, windows: list[QWidget]) -> None:
        settle()
        screen = app.primaryScreen()
        path = out / f"{prefix}{name}.png"
        screen.grabWindow(0).save(str(path))
        taken.append(path)
        for window in windows:
            problems.extend(f"{name}: {p}" for p in cut_off(window))

    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    w.select_node("strategy-2015", "g1.a1.m2")
    w.page.measure.narrative.setFocus()
    shot("measure", [w])
    w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    w.page.kpi.view.setFocus()
    shot("kpi", [w])
    pane = w.page.kpi.chart_pane
    if pane is not None:
        _scroll_into_view(pane.list_view)  # the status list under the grid: its three columns
        shot("kpi-status", [w])
        pane.views.toggle.click()
        _scroll_into_view(pane.views)  # at a large font the item page scrolls
        shot("kpi-table", [w])
        pane.views.toggle.click()
    openers: list[tuple[str, Callable[[], object]]] = [
        ("report", w.show_report_dialog), ("handout", w.show_handout), ("collect", w.show_collect),
        ("conflicts", w.show_conflicts), ("board", w.show_board), ("year-lock", w.show_year_lock),
        ("plan-editor", w.show_plan_editor),
        ("keyboard-help", lambda: window_a11y.show_keyboard_help(w))]
    for name, opener in openers:
        dialog = opener()
        assert isinstance(dialog, QWidget)
        settle()
        shot(name, [dialog])
        dialog.close()
    from kodaira_desk.ui.window.server_dialog import ServerDialog

    server = ServerDialog(["postgresql://yamada@db.example/kodaira?sslmode=require"], w)
    server.show()
    shot("server", [server])
    server.close()
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    w.close()
    state = (f"scale {os.environ.get('QT_SCALE_FACTOR', '1')}, font ×{font}, "
             f"{'high contrast' if theme.is_high_contrast() else 'light'}")
    for path in taken:
        print(path)
    for line in problems:
        print(f"cut off: {line}")
    print(f"{len(problems)} cut off ({state})")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
