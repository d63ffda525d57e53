"""The main window: the plan tree on the left, the selected item's forms on the right."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QTreeView,
    QWidget,
)

from kodaira_desk import __version__
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.services import plans as plan_service
from kodaira_desk.services.database import open_database
from kodaira_desk.store.database import Database, StoreError
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms import NodePage
from kodaira_desk.ui.i18n import LANGUAGES, Translations
from kodaira_desk.ui.report_dialog import ReportDialog
from kodaira_desk.ui.round_dialogs import AuditDialog, CollectWindow, ConflictDialog, HandoutDialog
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.tree_model import NodeFilter, PlanTreeModel

ALL = "__all__"


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class MainWindow(QMainWindow):
    def __init__(self, db: Database, settings: Settings, translations: Translations,
                 department: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.translations = translations
        self.db = db
        self.editor = Editor(db, self)
        if department:
            settings.department = department
        self.department = settings.department
        self.year = self._initial_year()
        self.current: tuple[str, str | None] | None = None

        self.model = PlanTreeModel(self.editor.trees, self)
        self.model.set_overlay(self.editor)
        self.model.year = self.year
        self.proxy = NodeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree_view = QTreeView()
        self.tree_view.setObjectName("planTree")
        self.tree_view.setModel(self.proxy)
        self.tree_view.setHeaderHidden(True)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setAllColumnsShowFocus(True)
        self.tree_view.selectionModel().selectionChanged.connect(self._on_tree_selection)
        self.tree_view.activated.connect(self._on_tree_activated)
        self.page = NodePage(self.editor)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("mainSplitter")
        split.addWidget(self.tree_view)
        split.addWidget(self.page)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([380, 980])
        self.splitter = split
        self.setCentralWidget(split)

        from kodaira_desk.services.rounds import file_info

        self.clerk = file_info(db)  # a department file: clerk mode
        if self.clerk is not None:
            self.department = self.clerk.department
            self.year = self.clerk.fiscal_year
            self.editor.department_only = self.clerk.department
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.file_label = QLabel()
        self.dept_label = QLabel()
        self.statusBar().addPermanentWidget(self.dept_label)
        self.statusBar().addPermanentWidget(self.file_label)

        self.editor.undo_stack.cleanChanged.connect(self._update_title)
        self.editor.refused.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.editor.changed.connect(self._on_edit)
        self.editor.reloaded.connect(self._on_reloaded)

        self.retranslate()
        self._restore_geometry()
        self.tree_view.expandToDepth(0)
        if self.clerk is not None:
            self.dept_combo.setCurrentIndex(max(0, self.dept_combo.findData(self.clerk.department)))
            self.dept_combo.setEnabled(False)
            self.year_combo.setEnabled(False)
            self.menu_round.menuAction().setVisible(False)
        self._select_first()
        settings.last_database = db.path
        settings.add_recent(db.path)
        self._refresh_recent()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        self.act_open = QAction(self)
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open.triggered.connect(self.open_other)
        self.act_pdf = QAction(self)
        self.act_pdf.setShortcut(QKeySequence.StandardKey.Print)
        self.act_pdf.triggered.connect(self.show_report_dialog)
        self.act_xlsx = QAction(self)
        self.act_xlsx.triggered.connect(self._choose_excel)
        self.act_save = QAction(self)
        self.act_save.setObjectName("actionSave")
        self.act_save.setShortcut(QKeySequence.StandardKey.Save)
        self.act_save.triggered.connect(self.save)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        stack = self.editor.undo_stack
        self.act_undo = QAction(self)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.triggered.connect(stack.undo)
        self.act_undo.setEnabled(False)
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        self.act_redo = QAction(self)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_redo.triggered.connect(stack.redo)
        self.act_redo.setEnabled(False)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        self.act_find = QAction(self)
        self.act_find.setShortcut(QKeySequence.StandardKey.Find)
        self.act_find.triggered.connect(self._focus_search)
        self.act_about = QAction(self)
        self.act_about.triggered.connect(self.show_about)
        self.lang_group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            a = QAction(name, self, checkable=True)
            a.setData(code)
            a.setChecked(code == self.translations.language)
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.lang_group.addAction(a)
            self.lang_actions[code] = a
        self.addActions([self.act_save, self.act_open, self.act_undo, self.act_redo, self.act_find])

    def _build_toolbar(self) -> None:
        tb = QToolBar()
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        self.addToolBar(tb)
        self.year_label = QLabel()
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        for y in self._years():
            self.year_combo.addItem(y.era_label(), y.year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(self.year.year))
        self.year_combo.currentIndexChanged.connect(self._on_year_changed)
        self.dept_title = QLabel()
        self.dept_combo = QComboBox()
        self.dept_combo.setObjectName("departmentCombo")
        self.dept_combo.setMinimumContentsLength(12)
        self._fill_departments()
        self.dept_combo.currentIndexChanged.connect(self._on_department_changed)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._on_search_enter)
        self.missing = QCheckBox()
        self.missing.setObjectName("onlyMissing")
        self.missing.toggled.connect(self._on_missing)
        for w in (self.year_label, self.year_combo):
            tb.addWidget(w)
        tb.addSeparator()
        for w in (self.dept_title, self.dept_combo):
            tb.addWidget(w)
        tb.addSeparator()
        tb.addWidget(self.search)
        tb.addWidget(self.missing)
        tb.addSeparator()
        tb.addAction(self.act_save)
        tb.addAction(self.act_undo)
        tb.addAction(self.act_redo)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.menu_file = QMenu(self)
        self.menu_recent = QMenu(self)
        self.menu_file.addAction(self.act_open)
        self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_save)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_pdf)
        self.menu_file.addAction(self.act_xlsx)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = QMenu(self)
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.act_find)
        self.menu_view = QMenu(self)
        self.menu_lang = QMenu(self)
        for a in self.lang_actions.values():
            self.menu_lang.addAction(a)
        self.menu_view.addMenu(self.menu_lang)
        self.menu_round = QMenu(self)
        self.act_handout = self.menu_round.addAction("")
        self.act_handout.triggered.connect(self.show_handout)
        self.act_collect = self.menu_round.addAction("")
        self.act_collect.triggered.connect(self.show_collect)
        self.act_conflicts = self.menu_round.addAction("")
        self.act_conflicts.triggered.connect(self.show_conflicts)
        self.menu_round.addSeparator()
        self.act_audit = self.menu_round.addAction("")
        self.act_audit.triggered.connect(self.show_audit)
        self.menu_help = QMenu(self)
        self.menu_help.addAction(self.act_about)
        for m in (self.menu_file, self.menu_edit, self.menu_view, self.menu_round, self.menu_help):
            mb.addMenu(m)

    def retranslate(self) -> None:
        self.menu_file.setTitle(self.tr("ファイル(&F)"))
        self.menu_recent.setTitle(self.tr("最近使ったファイル"))
        self.menu_edit.setTitle(self.tr("編集(&E)"))
        self.menu_view.setTitle(self.tr("表示(&V)"))
        self.menu_lang.setTitle(self.tr("言語 / Language"))
        self.menu_help.setTitle(self.tr("ヘルプ(&H)"))
        self.menu_round.setTitle(self.tr("年次作業(&R)"))
        self.act_handout.setText(self.tr("提出用ファイルの配布…"))
        self.act_collect.setText(self.tr("回収状況と取り込み…"))
        self.act_conflicts.setText(self.tr("競合の確認…"))
        self.act_audit.setText(self.tr("変更履歴（監査ログ）…"))
        self.act_open.setText(self.tr("別のデータベースを開く(&O)…"))
        self.act_save.setText(self.tr("保存(&S)"))
        self.act_pdf.setText(self.tr("印刷用PDF作成(&P)…"))
        self.act_xlsx.setText(self.tr("Excel出力(&X)…"))
        self.act_quit.setText(self.tr("終了(&Q)"))
        self.act_find.setText(self.tr("検索(&F)"))
        self.act_about.setText(self.tr("バージョン情報(&A)"))
        self.act_undo.setText(self.tr("元に戻す(&U)"))
        self.act_redo.setText(self.tr("やり直し(&R)"))
        self.year_label.setText(self.tr(" 入力年度 "))
        self.dept_title.setText(self.tr(" 担当課 "))
        self.dept_combo.setItemText(0, self.tr("（すべての課）"))
        self.search.setPlaceholderText(self.tr("検索（Ctrl+F）"))
        self.missing.setText(self.tr("今年度の未入力のみ"))
        self._update_title()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ state
    def _years(self) -> list[FiscalYear]:
        years: set[FiscalYear] = set()
        for t in self.editor.trees.values():
            years |= set(fiscal_years(t.plan.period_from, t.plan.period_to))
            years |= {v.year for i in t.indicators for v in i.values}
            years |= {p.year for p in t.progress}
        years.add(FiscalYear(self.year.year) if hasattr(self, "year") else FiscalYear(2020))
        return sorted(years)

    def _initial_year(self) -> FiscalYear:
        saved = self.settings.entry_year
        if saved:
            return FiscalYear(saved)
        return max(t.plan.period_to for t in self.editor.trees.values())

    def _fill_departments(self) -> None:
        names = plan_service.list_departments(self.db)
        self.dept_combo.blockSignals(True)
        self.dept_combo.clear()
        self.dept_combo.addItem("", ALL)
        if self.department and self.department in names:
            names.remove(self.department)
            names.insert(0, self.department)  # the clerk's own department comes first
        for n in names:
            self.dept_combo.addItem(n, n)
        self.dept_combo.blockSignals(False)

    def _update_title(self) -> None:
        dirty = self.editor.dirty
        self.setWindowModified(dirty)
        if getattr(self, "clerk", None) is not None:
            assert self.clerk is not None
            self.setWindowTitle(self.tr("{d} {y} 提出用ファイル").format(
                d=self.clerk.department, y=self.clerk.fiscal_year.era_label())
                + f" — {self.db.path.name}[*] — Kodaira Desk")
        else:
            self.setWindowTitle(f"{self.db.path.name}[*] — Kodaira Desk")
        self.act_save.setEnabled(True)

    def _update_status(self) -> None:
        self.file_label.setText(str(self.db.path))
        dept = self.department or self.tr("（担当課未選択）")
        self.dept_label.setText(self.tr("担当課: {d}　入力年度: {y}").format(d=dept, y=self.year.era_label()))

    def _refresh_recent(self) -> None:
        self.menu_recent.clear()
        for p in self.settings.recent_files:
            a = self.menu_recent.addAction(str(p))
            a.triggered.connect(lambda _=False, path=p: self.open_path(path))
        self.menu_recent.setEnabled(bool(self.settings.recent_files))

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
        self._show_current()

    def _show_current(self) -> None:
        if self.current is None:
            return
        plan_id, key = self.current
        tree = self.editor.tree(plan_id)
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
        self.proxy.set_text(text)
        if text:
            self.tree_view.expandAll()

    def _on_search_enter(self) -> None:
        # Enter in the search box goes to the first match.
        idx = self._first_leaf(QModelIndex())
        if idx is not None:
            self.tree_view.setCurrentIndex(idx)
            self.tree_view.setFocus()

    def _first_leaf(self, parent: QModelIndex) -> QModelIndex | None:
        for r in range(self.proxy.rowCount(parent)):
            idx = self.proxy.index(r, 0, parent)
            _, key = self.model.item_at(self.proxy.mapToSource(idx))
            if key is not None and self.proxy.rowCount(idx) == 0:
                return idx
            found = self._first_leaf(idx)
            if found is not None:
                return found
        return None

    def _on_department_changed(self, _i: int) -> None:
        data = self.dept_combo.currentData()
        dept = None if data == ALL else str(data)
        if dept:
            self.department = dept
            self.settings.department = dept
        self.proxy.set_department(dept)
        if dept:
            self.tree_view.expandAll()
        self._update_status()

    def _on_missing(self, on: bool) -> None:
        self.proxy.set_only_missing(on)
        if on:
            self.tree_view.expandAll()

    def _on_year_changed(self, _i: int) -> None:
        self.year = FiscalYear(int(self.year_combo.currentData()))
        self.settings.entry_year = self.year.year
        self.model.year = self.year
        self.model.refresh_marks()
        self.proxy.refilter()
        self._show_current()
        self._update_status()

    def _on_edit(self, target: object) -> None:
        self._update_title()
        key = getattr(target, "node_key", None)
        plan_id = getattr(target, "plan_id", None)
        if key is None and plan_id is not None:
            ind_key = getattr(target, "indicator_key", None)
            if ind_key:
                key = self.editor.tree(plan_id).indicator(ind_key).node_key
        self.model.refresh_marks(plan_id, key)

    def _on_reloaded(self) -> None:
        current = self.current
        self.model.rebuild(self.editor.trees)
        self.tree_view.expandToDepth(0)
        if current and self.select_node(*current):
            self._show_current()

    # ------------------------------------------------------------------ actions
    def save(self) -> bool:
        from kodaira_desk.ui.invalid_notice import after_save

        try:
            result = self.editor.save()
        except StoreError as exc:
            QMessageBox.critical(self, self.tr("保存できません"), exc.message)
            return False
        self._update_title()
        return after_save(self, result.written)  # red cells: listed, jumped to, and False

    def ask(self, title: str, text: str) -> Answer:
        """The one place that asks the user a question; tests replace it."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        save = box.addButton(self.tr("保存する"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("保存しない"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return Answer.SAVE
        if clicked is discard:
            return Answer.DISCARD
        return Answer.CANCEL

    def _settle_unsaved(self) -> bool:
        """True when it is fine to go on (saved, discarded or nothing to save)."""
        if not self.editor.dirty:
            return True
        from kodaira_desk.ui.invalid_notice import unsaved_question

        answer = self.ask(self.tr("未保存の変更"), unsaved_question(self.editor))
        if answer is Answer.SAVE:
            return self.save()
        if answer is Answer.DISCARD:
            self.editor.discard()
            self._update_title()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._settle_unsaved():
            event.ignore()
            return
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.set_geometry("mainState", self.saveState())
        self.settings.set_geometry("mainSplitter", self.splitter.saveState())
        self.settings.sync()
        event.accept()

    def _restore_geometry(self) -> None:
        g = self.settings.geometry("main")
        if g is not None:
            self.restoreGeometry(g)
        else:
            self.resize(1280, 720)
        s = self.settings.geometry("mainState")
        if s is not None:
            self.restoreState(s)
        sp = self.settings.geometry("mainSplitter")
        if sp is not None:
            self.splitter.restoreState(sp)

    def open_other(self) -> None:
        start = str(self.settings.last_folder or self.db.path.parent)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("データベースを開く"), start,
            self.tr("Kodaira Desk データベース (*.sqlite *.db);;すべてのファイル (*)"))
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        if path == self.db.path or not self._settle_unsaved():
            return False
        try:
            db = open_database(path, create=False)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("開けません"), exc.message)
            return False
        old = self.db
        self.db = db
        self.editor.db = db
        self.editor.discard()
        self.current = None
        self.editor.reload()
        old.dispose()
        self._fill_departments()
        self.retranslate()
        self.settings.last_database = path
        self.settings.last_folder = path.parent
        self.settings.add_recent(path)
        self._refresh_recent()
        self._select_first()
        return True

    def set_language(self, code: str) -> None:
        if not self.translations.apply(code):
            QMessageBox.warning(self, "Kodaira Desk",
                                "English translation file is missing (make translations).")
        self.settings.language = self.translations.language
        for c, a in self.lang_actions.items():
            a.setChecked(c == self.translations.language)
        self.retranslate()
        self.page.retranslate()
        self.page.measure.retranslate()

    # ------------------------------------------------------------------ handouts and workbooks
    def _current_plan(self) -> str:
        return self.current[0] if self.current else next(iter(self.editor.trees))

    def show_report_dialog(self) -> ReportDialog:
        tree = self.editor.tree(self._current_plan())
        dialog = ReportDialog(self.db, tree, self.proxy_department(), self)
        dialog.open()
        return dialog

    def proxy_department(self) -> str | None:
        data = self.dept_combo.currentData()
        return None if data == ALL else str(data)

    def _choose_excel(self) -> None:
        plan = self.editor.tree(self._current_plan()).plan
        start = str((self.settings.last_folder or Path.home()) / f"{plan.title}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Excel出力"), start, self.tr("Excel ブック (*.xlsx)"))
        if path:
            self.export_excel_to(Path(path))

    def export_excel_to(self, path: Path) -> bool:
        from kodaira_desk.services.workbooks import export_xlsx

        try:
            export_xlsx(self.db, self._current_plan(), path, department=self.proxy_department())
        except (DomainError, OSError) as exc:
            QMessageBox.warning(self, self.tr("書き出せません"), getattr(exc, "message", str(exc)))
            return False
        self.settings.last_folder = path.parent
        self.statusBar().showMessage(self.tr("書き出しました: {path}").format(path=str(path)), 8000)
        return True

    # ------------------------------------------------------------------ yearly round
    def _round_years(self) -> list[FiscalYear]:
        return self._years()

    def show_handout(self) -> HandoutDialog:
        from kodaira_desk.domain.fields import departments_in_scope

        depts: set[str] = set()
        for t in self.editor.trees.values():
            depts |= departments_in_scope(t)
        dialog = HandoutDialog(self.db, sorted(depts), self.year, self._round_years(), self)
        dialog.open()
        return dialog

    def show_collect(self) -> CollectWindow:
        from kodaira_desk.services.rounds import round_years

        if not self._settle_unsaved():
            raise RuntimeError("unsaved changes were kept")
        years = [FiscalYear(y) for y in round_years(self.db)] or [self.year]
        window = CollectWindow(self.db, years, self.year if self.year in years else years[-1],
                               self.show_conflicts, self)
        window.collected.connect(self._after_round_change)
        window.open()
        return window

    def show_conflicts(self) -> ConflictDialog:
        dialog = ConflictDialog(self.db, actor=self.settings.department, parent=self)
        dialog.resolved.connect(self._after_round_change)
        dialog.open()
        return dialog

    def show_audit(self) -> AuditDialog:
        dialog = AuditDialog(self.db, self)
        dialog.open()
        return dialog

    def _after_round_change(self) -> None:
        # The master changed under the window: reload it and start a fresh undo history.
        self.editor.discard()
        self.editor.reload()
        self._update_title()

    def show_about(self) -> None:
        info = plan_service.database_info(self.db)
        QMessageBox.about(self, self.tr("Kodaira Desk について"), self.tr(
            "<h3>Kodaira Desk {version}</h3>"
            "<p>小平市 戦略計画の進捗・KPI入力</p>"
            "<p>データ版: {data}<br>データファイル: {path}</p>"
            "<p>フォント: IPAexゴシック（IPAフォントライセンス v1.0）</p>").format(
                version=__version__, data=info.get("data_version", ""), path=str(self.db.path)))
