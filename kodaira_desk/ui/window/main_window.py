"""The main window: the plan tree on the left, the selected item's forms on the right.

A department file (.kdesk) opened any way — File > Open, recent files, dropped on the window, or
passed on the command line — puts the window in clerk mode (`_apply_mode`). The window's actions are
free functions that take it (`Window`, its declaration base): saving and taking in what changed in
`saving.py`, the dialogs and exports in `operations.py`, the server in `server_connect.py`; the
actions and menus are made in `menus.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.plan_list import PlanSummary, id_of
from kodaira_desk.domain.yearly import entry_year, in_force
from kodaira_desk.services.workspace import Changes, Workspace
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.pages import NodePage
from kodaira_desk.ui.i18n import Translations
from kodaira_desk.ui.message_line import ElidedLabel, MessageBar
from kodaira_desk.ui.notes import field_notes
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.tasks import TaskRunner
from kodaira_desk.ui.window import (
    menus,
    operations,
    recovery,
    saving,
    search_box,
    server_connect,
    unreadable,
    window_a11y,
    window_geometry,
)
from kodaira_desk.ui.window.all_plans import every_plan_read
from kodaira_desk.ui.window.file_drops import DropOpener
from kodaira_desk.ui.window.server_connect import is_server
from kodaira_desk.ui.window.tree_filter import NodeFilter, expand_read
from kodaira_desk.ui.window.tree_model import PlanTreeModel
from kodaira_desk.ui.window.tree_rows import Query
from kodaira_desk.ui.window.tree_search import PlanTreeView, TreeSearch
from kodaira_desk.ui.window.undo_keys import UndoKeys
from kodaira_desk.ui.window.window_api import Answer
from kodaira_desk.ui.window.window_surface import WindowSurface

if TYPE_CHECKING:
    from kodaira_desk.ui.window.clerk_mode import ClerkBanner

__all__ = ["Answer", "MainWindow"]
ALL = menus.ALL


class MainWindow(WindowSurface):
    # what its operations use is declared once, in Window (with the `stored_changed` signal); its
    # actions, menus and bar widgets in window_a11y.A11yHost and menus.MenuHost; its questions and
    # operations as others call them in window_surface.WindowSurface

    def __init__(self, workspace: Workspace, settings: Settings, translations: Translations,
                 department: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.translations = translations
        # an open database given instead of its workspace (scripts, tests) is wrapped in one
        self.workspace = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
        self.workspace.actor = settings.user_name
        self.tasks = TaskRunner(self)
        self.tasks.failed.connect(lambda name, error: saving.on_op_failed(self, name, error))
        self.others = server_connect.OthersWatcher(self)
        self.workspace.read_first_screen()  # the plans, fixed years, 課 and change mark in one read
        self.editor = Editor(self.workspace, self)
        if department:
            settings.department = department
        self.department = settings.department
        self.clerk = self.workspace.clerk
        self.year = self.clerk.fiscal_year if self.clerk else self._initial_year()
        self.current: tuple[str, str | None] | None = None

        self.model = PlanTreeModel(self.editor.trees, self)
        self.model.set_overlay(self.editor)
        self.model.year = self.year
        tree_side = self._build_tree_side()
        self.page = NodePage(self.editor)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("mainSplitter")
        split.addWidget(tree_side)
        split.addWidget(window_a11y.scrolled(self.page))  # scrolls rather than squeezes on a small screen
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([380, 980])
        self.splitter = split
        self._banner: ClerkBanner | None = None  # made for the first department file (clerk mode)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 0)
        lay.addWidget(split, 1)
        self._central_layout = lay
        self.setCentralWidget(central)
        self.setAcceptDrops(True)
        # A file dropped on a text box would be pasted into it as its path: open it instead. Of the
        # window's own widgets only the item's description box takes drops; the forms are built
        # when first needed, and each is watched as it is made.
        self.drops = DropOpener(self, self)
        self.drops.watch(self.page.header.description)
        self.page.form_built.append(self.drops.watch_all)
        menus.build_actions(self)
        menus.build_toolbar(self)
        search_box.connect(self)  # Enter: the first match; Escape: cleared, the tree back
        menus.build_menus(self)
        operations.connect_actions(self)
        field_notes.install(self)  # notes, questions, evidence files (issue 25)
        for changed in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                        self.proxy.layoutChanged):  # any filter, a year, a reload
            changed.connect(lambda *_: self._show_no_match())
        window_a11y.setup(self)
        self._undo_keys = UndoKeys(self, self.act_undo, self.act_redo, self.editor.undo_stack)  # Ctrl+Z in an empty field
        self.tasks.guard([self.act_open, self.act_connect, self.act_pdf, self.act_xlsx, self.act_handout,
                          self.act_collect, self.act_conflicts, self.act_submit, self.menu_recent.menuAction()])
        self._build_status_bar()

        self.editor.undo_stack.cleanChanged.connect(self.update_title)
        self.editor.typing.connect(self.update_title)  # the change mark follows what is typed
        self.editor.figure_confirmed.connect(lambda t: self.stored_changed.emit(Changes.of_targets([t])))
        self.editor.refused.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.editor.changed.connect(self._on_edit)
        self.editor.reloaded.connect(self._on_reloaded)

        window_geometry.restore(self)
        window_a11y.apply_preferences(self)
        self._apply_mode()
        self.retranslate()
        expand_read(self.tree_view, self._first_in_force())
        self._select_first()
        self._remember(self._location())
        self.others.start()
        recovery.attach(self)  # each accepted edit kept on disk until saved; a crash's edits offered

    def _build_tree_side(self) -> QWidget:
        """The plan tree (filtered by the search, the 課 and 未入力のみ) and, under it, what a search
        that finds nothing says."""
        self.proxy = NodeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree_view = PlanTreeView()  # (a filter's rows painted a slice a turn)
        self.tree_view.setObjectName("planTree")
        self.tree_view.setModel(self.proxy)
        self.tree_view.setHeaderHidden(True)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setAllColumnsShowFocus(True)
        self.tree_view.selectionModel().selectionChanged.connect(self._on_tree_selection)
        self.tree_view.activated.connect(self._on_tree_activated)
        self.tree_view.wait_while = lambda: self.page.turns_due()  # the form's own later turns first
        self.searching = TreeSearch(self, self)  # (after the tree: it watches its scrolling)
        # under the tree, while a search finds nothing: say so (an empty tree looked like lost data)
        self.no_match = QLabel()
        self.no_match.setObjectName("searchNoMatch")
        self.no_match.setWordWrap(True)
        self.no_match.setVisible(False)
        tree_side = QWidget()
        side = QVBoxLayout(tree_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.tree_view, 1)
        side.addWidget(self.no_match)
        return tree_side

    def _build_status_bar(self) -> None:
        """Messages (read aloud, reached with F6), the 課 and year, the file's location."""
        self.setStatusBar(MessageBar(self))
        self.file_label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)  # a long path never widens the window
        self.file_label.setObjectName("fileLocation")
        self.file_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)  # whole when it fits
        self.dept_label = QLabel()
        self.statusBar().addPermanentWidget(self.dept_label)
        self.statusBar().addPermanentWidget(self.file_label)

    @property
    def banner(self) -> ClerkBanner:
        """The clerk-mode strip above the tree (its module is loaded only when it is first wanted)."""
        if self._banner is None:
            from kodaira_desk.ui.window.clerk_mode import ClerkBanner

            self._banner = ClerkBanner()
            self._banner.setVisible(False)
            self._central_layout.insertWidget(0, self._banner)
        return self._banner

    @property
    def db(self) -> Any:  # the store's Database: the ui never names the store's types
        """The workspace's open database, for scripts and tests that call services directly (the
        window itself goes through its workspace)."""
        return self.workspace.db

    # ------------------------------------------------------------------ clerk or master
    def _apply_mode(self) -> None:
        """Clerk mode for a department file: its 課 and 年度 fixed, the master's menus gone."""
        clerk = self.clerk
        self.editor.department_only = clerk.department if clerk else None
        if clerk is not None:
            self.department = clerk.department
            self.year = clerk.fiscal_year
            self.model.year = self.year
        self.fill_departments()
        self.fill_years()
        if clerk is not None:
            self.dept_combo.setCurrentIndex(max(0, self.dept_combo.findData(clerk.department)))
            self.banner.show_for(clerk.department, clerk.fiscal_year, self.workspace.path.name)
            self.banner.set_round(self.workspace.file_round())  # the deadline (issue 24)
        elif self._banner is not None:
            self._banner.setVisible(False)
        for w in (self.dept_combo, self.year_combo):
            w.setEnabled(clerk is None)
        self.menu_round.menuAction().setVisible(clerk is None)
        for a in (self.act_handout, self.act_collect, self.act_conflicts, self.act_audit, self.act_board,
                  self.act_plan_editor, self.act_year_lock):
            a.setVisible(clerk is None)
        for a in (self.act_check, self.act_submit):
            a.setVisible(clerk is not None)
        department = operations.proxy_department(self)
        self.model.set_department(department)
        if department != self.proxy.department:  # the 課 of the department file open before it
            self.proxy.set_department(department)
        self.model.refresh_marks()
        self._show_plans_in_force()
        self.proxy.refilter()

    def _show_plans_in_force(self) -> None:
        """A department file lists only the plans in force in its year (domain.yearly)."""
        from kodaira_desk.domain.yearly import in_force

        clerk = self.clerk
        self.proxy.set_plans(None if clerk is None else frozenset(
            id_of(p) for p in self.editor.trees.known() if in_force(p, clerk.fiscal_year)))

    def retranslate(self) -> None:
        menus.retranslate(self)
        window_a11y.retranslate(self)
        self.model.retranslate()
        if self.clerk is not None:
            self.banner.show_for(self.clerk.department, self.clerk.fiscal_year, self.workspace.path.name)
        self.update_title()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        self.others.window_event(event)
        super().changeEvent(event)

    # ------------------------------------------------------------------ state
    def years(self) -> list[FiscalYear]:
        years: set[FiscalYear] = set()
        for t in self.editor.trees.known():  # a plan not read yet: its summary's years (issue 27)
            if isinstance(t, PlanSummary):
                years |= set(fiscal_years(t.period_from, t.period_to)) | t.years
                continue
            years |= t.years
        years.add(FiscalYear(self.year.year) if hasattr(self, "year") else FiscalYear(2020))
        return sorted(years)

    def fill_years(self) -> None:
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in self.years():
            self.year_combo.addItem(y.era_label(), y.year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(self.year.year))
        self.year_combo.blockSignals(False)

    def _initial_year(self) -> FiscalYear:  # the year left, unless the city has moved into a later one
        return entry_year(self.settings.entry_year, self.settings.entry_year_kept_in, self.editor.trees.known(),
                          FiscalYear.of(date.today()))

    def fill_departments(self) -> None:
        names = self.workspace.departments()
        self.dept_combo.blockSignals(True)
        self.dept_combo.clear()
        self.dept_combo.addItem(self.tr("（すべての課）"), ALL)
        if self.department and self.department in names:
            names.remove(self.department)
            names.insert(0, self.department)  # the clerk's own department comes first
        for n in names:
            self.dept_combo.addItem(n, n)
        self.dept_combo.blockSignals(False)

    def update_title(self) -> None:
        self.setWindowModified(self.editor.dirty)
        if getattr(self, "clerk", None) is not None:
            assert self.clerk is not None
            self.setWindowTitle(self.tr("{d} {y} 提出用ファイル").format(
                d=self.clerk.department, y=self.clerk.fiscal_year.era_label())
                + f" — {self.workspace.name}[*] — Kodaira Desk")
        else:
            self.setWindowTitle(f"{self.workspace.name}[*] — Kodaira Desk")

    def _update_status(self) -> None:
        self.file_label.set_full_text(self.workspace.location)
        chosen = self.dept_combo.currentData() != ALL  # （すべての課）: not the 課 chosen before
        dept = (self.department or self.tr("（担当課未選択）")) if chosen else self.tr("（すべての課）")
        self.dept_label.setText(self.tr("担当課: {d}　入力年度: {y}").format(d=dept, y=self.year.era_label()))

    def _location(self) -> Path | str:
        """What the recent list remembers: the file, or the server URL without a password."""
        return self.workspace.location if self.workspace.on_server else self.workspace.path

    def _remember(self, path: Path | str) -> None:
        self.settings.last_database = path
        self.settings.add_recent(path)
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.menu_recent.clear()
        for p in self.settings.recent_files:
            a = self.menu_recent.addAction(str(p))
            a.triggered.connect(lambda _=False, path=p: self.open_path(path))
        self.menu_recent.setEnabled(bool(self.settings.recent_files) and not self.tasks.busy)

    # ------------------------------------------------------------------ tree
    def _select_first(self) -> None:
        idx = self.proxy.index(0, 0)
        if idx.isValid():
            self.tree_view.setCurrentIndex(idx)

    def select_node(self, plan_id: str, key: str | None) -> bool:
        src = self.model.index_of(plan_id, key)
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            return False
        self.tree_view.setCurrentIndex(idx)
        self.tree_view.scrollTo(idx)
        return True

    def _on_tree_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        src = self.proxy.mapToSource(indexes[0])
        self.current = self.model.item_at(src)
        self.proxy.keep(self.current)
        self.show_current()

    def show_current(self) -> None:
        if self.current is None:
            return
        plan_id, key = self.current
        if (tree := unreadable.read_or_said(self, plan_id)) is None:  # damaged, altered: said, form as it was
            return
        self.page.load(tree, tree.node(key) if key else None, self.year)

    def _on_tree_activated(self, _index: QModelIndex) -> None:
        # Enter in the tree moves to the form.
        w = self.page.tabs.currentWidget()
        if w is self.page.measure:
            self.page.measure.narrative.setFocus()
        elif w is not None and hasattr(w, "view"):
            w.view.setFocus()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_search(self, text: str) -> None:
        self._filter(bool(text))

    def _filter(self, expand: bool, then: Callable[[], object] | None = None) -> None:
        """The search box, the 課 and 未入力のみ on the tree. They look at every plan: the plans not
        read yet are read on the worker first, then what the controls say then is applied (and `then`)."""
        text, dept, missing = self.search.text(), operations.proxy_department(self), self.missing.isChecked()
        self.searching.slice_paints()  # the tree's paints from now on a slice a turn (ui/window/tree_view.py)
        if (text.strip() or dept or missing) and not every_plan_read(
                self, lambda: self._filter(expand, then), filtering=True):
            return
        # the marks count what the 課 the tree is filtered by must fill; many rows: worked out on the runner
        self.searching.apply(Query.of(text, dept, missing, self.year), expand, then)

    def filter_then(self, then: Callable[[], object]) -> None:
        self._filter(True, then)

    def _show_no_match(self) -> None:
        """「…」に一致する項目はありません under an empty tree, naming the filters that also apply."""
        text = self.search.text().strip()
        empty = bool(text) and self.proxy.rowCount(QModelIndex()) == 0
        if self.searching.saying:  # the tree shows the filter before until the runner's answer
            self.no_match.setText(self.tr("検索しています…"))
            self.no_match.setVisible(True)
            return
        if empty:
            also = []
            department = operations.proxy_department(self)
            if department is not None:
                also.append(self.tr("担当課「%1」").replace("%1", department))
            if self.missing.isChecked():
                also.append(self.tr("今年度の未入力のみ"))
            hint = self.tr("「%1」に一致する項目はありません。").replace("%1", text)
            if also:
                hint += self.tr("（%1 の絞り込みも掛かっています）").replace("%1", self.tr("、").join(also))
            self.no_match.setText(hint)
        self.no_match.setVisible(empty)

    def _on_department_changed(self, _i: int) -> None:
        data = self.dept_combo.currentData()
        dept = None if data == ALL else str(data)
        if dept:
            self.department = dept
            if self.clerk is None:
                self.settings.department = dept
        self._filter(bool(dept))  # the marks follow with the filter (after the plans' read, if any)
        self._update_status()

    def _on_missing(self, on: bool) -> None:
        self._filter(on)

    def _on_year_changed(self, _i: int) -> None:
        self.year = FiscalYear(int(self.year_combo.currentData()))
        if self.clerk is None:
            self.settings.entry_year = self.year.year
        self.model.year = self.year
        self.model.refresh_marks()
        self._filter(False)  # 未入力のみ: this year's marks (many rows: worked out on the runner)
        self.show_current()
        self._update_status()

    def _on_edit(self, target: object) -> None:
        self.update_title()
        key = getattr(target, "node_key", None)
        plan_id = getattr(target, "plan_id", None)
        if key is None and plan_id is not None and getattr(target, "indicator_key", None):
            key = self.editor.node_of(target)[1]  # type: ignore[arg-type]  # (removed elsewhere: None)
        self.model.refresh_marks(plan_id, key)

    def _first_in_force(self) -> bool:
        """The first plan listed runs in the entry year (the plans in force are listed first)."""
        known = self.editor.trees.known()
        return bool(known) and in_force(known[0], self.year)

    def _on_reloaded(self) -> None:
        current = self.current
        self.model.rebuild(self.editor.trees)
        if hasattr(self, "proxy"):
            self._show_plans_in_force()
            self._filter(False)  # a filter on: the plans read again are read on the worker
        expand_read(self.tree_view, self._first_in_force())
        if current and self.select_node(*current):
            self.show_current()

    # ------------------------------------------------------------------ files
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tasks.busy:  # never close under a save or a collection
            self.statusBar().showMessage(self.tr("処理中です。終わってから閉じてください。"), 8000)
            event.ignore()
            return
        if not saving.settle_unsaved(self, closing=True):
            event.ignore()
            return
        self.others.stop()
        self.workspace.held.release()  # no longer open here: a re-issue may replace it (services/open_files.py)
        window_geometry.keep(self)
        event.accept()

    def open_path(self, path: Path | str) -> bool:
        """Open another file or a master on a server (a URL): read first, then unsaved edits asked about."""
        target: Path | str = str(path) if is_server(str(path)) else Path(path)
        if self.tasks.busy or target == self._location():
            return False
        ws = server_connect.open_workspace(self, target, lambda: saving.settle_unsaved(self))  # read, then asked
        if ws is None:
            return False
        old = self.workspace
        self.workspace = ws
        self.clerk = ws.clerk
        self.current = None
        if self.clerk is None:
            self.department = self.settings.department
        self.editor.use(ws)  # its session: no edits, a fresh undo history, its plans
        old.close()
        self._apply_mode()
        self.retranslate()
        if isinstance(target, Path):
            self.settings.last_folder = target.parent
        self._remember(self._location())
        self._select_first()
        self.others.start()
        recovery.attach(self)
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])
