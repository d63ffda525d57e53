"""The window's actions that write or take long: save, hand out, collect, resolve, PDF, Excel.

Each runs on the window's one worker (`ui/tasks.py`) and, when it ends, refreshes only what its
`Changes` name. Before anything that would make unsaved edits meaningless or invisible (closing,
opening another file, collecting, resolving, a report or an export) the person is asked through
the one `ask()` — tests replace it — and nothing is ever discarded without that answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.editing import Content, Target
from kodaira_desk.services.workspace import Applied, Changes, is_user_error, message_of
from kodaira_desk.ui.tasks import Op
from kodaira_desk.ui.window.all_plans import every_plan_read
from kodaira_desk.ui.window.window_api import Answer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kodaira_desk.ui.reports.dialog import ReportDialog
    from kodaira_desk.ui.round.audit_dialog import AuditDialog
    from kodaira_desk.ui.round.conflict_dialog import ConflictDialog
    from kodaira_desk.ui.round.dialogs import CollectWindow, HandoutDialog
    from kodaira_desk.ui.window.window_api import Window



def refresh_forms(w: Window, changes: Changes) -> None:
    """Tell the open form's grids that the changed cells' rows may look different (no reset): their
    cached answers are forgotten first — a saved value is no longer blue, a grade follows it."""
    from kodaira_desk.domain.annotations import underlying
    from kodaira_desk.ui.forms.kpi_model import KpiTableModel
    from kodaira_desk.ui.plan_editor.tables import BudgetModel, ScheduleModel

    keys = {underlying(k) for k in changes.keys}  # a note's, a question's, an attachment's: its field's row
    for form in w.page.built_grids():  # a grid never built shows nothing to refresh
        model = form.model
        if not model.columnCount():
            continue
        if isinstance(model, KpiTableModel):
            model.forget_rows({row for row, ind in enumerate(model.indicators)
                               if any(k.startswith(f"value:{ind.plan_id}:{ind.key}:") for k in keys)})
        elif isinstance(model, BudgetModel):
            if model.node is not None and any(k.startswith(f"cost:{model.node.plan_id}:{model.node.key}:")
                                              for k in keys):
                model.forget_rows({0})
        elif isinstance(model, ScheduleModel) and model.node is not None:
            prefix = f"schedule:{model.node.plan_id}:{model.node.key}:"
            model.forget_rows({row for k in keys if k.startswith(prefix)
                               if (row := int(k[len(prefix):].split(":")[0])) < model.rowCount()})


def _follow(w: Window, dialog: QWidget, refresh: Callable[[], None] | None = None) -> None:
    """While `dialog` is open, it shows the stored data again whenever that changes (its own
    refresh, or `refresh`): a resolution, a collection, a save, others' writes."""
    def follow(_changes: object) -> None:
        if dialog.isVisible():
            (refresh or dialog.refresh)()  # type: ignore[attr-defined]

    w.stored_changed.connect(follow)
    dialog.finished.connect(lambda _r: w.stored_changed.disconnect(follow))  # type: ignore[attr-defined]


class WindowOperations:
    """Mixed into MainWindow (kept apart so that neither module grows past 600 lines)."""

    # ------------------------------------------------------------------ questions
    def ask(self: Window, title: str, text: str, save: str | None = None,  # type: ignore[misc]
            discard: str | None = None, *, careful: bool = False) -> Answer:
        """The one place that asks the user a question; tests replace it. `careful`: what `save`
        does cannot be undone (確定), so Enter answers キャンセル."""
        from PySide6.QtWidgets import QMessageBox  # dialogs' classes are loaded when first needed

        from kodaira_desk.ui.a11y import with_mnemonic

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setObjectName("question")
        # every button with a mnemonic (issue 28): Alt+S saves, Alt+N does not, Alt+C (or Esc) cancels
        b_save = box.addButton(with_mnemonic(save or self.tr("保存する"), "S"), QMessageBox.ButtonRole.AcceptRole)
        b_discard = box.addButton(with_mnemonic(discard or self.tr("保存しない"), "N"),
                                  QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(with_mnemonic(self.tr("キャンセル"), "C"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel if careful else b_save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is b_save:
            return Answer.SAVE
        if clicked is b_discard:
            return Answer.DISCARD
        return Answer.CANCEL

    def ask_text(self: Window, title: str, label: str, text: str = "") -> str | None:  # type: ignore[misc]
        """A line of text from the person (their name); None when cancelled. Tests replace it."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        value, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return value.strip() if ok else None

    def tell(self: Window, title: str, text: str) -> None:  # type: ignore[misc]
        """A message the person should read (where a file was saved). Tests replace it."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, title, text)

    def ask_name(self: Window, force: bool = False) -> str | None:  # type: ignore[misc]
        """The person's name for the audit log: asked once, kept in the settings, changeable."""
        name = self.settings.user_name
        if name and not force:
            return name
        if not force and getattr(self, "_name_declined", False):
            return None
        typed = self.ask_text(self.tr("担当者名"), self.tr(
            "変更履歴に残す担当者名（例: 政策課 山田）を入力してください。ファイル > 担当者名の変更 で変えられます。"),
            name or "")
        if typed:
            self.settings.user_name = typed
            name = typed
        else:
            self._name_declined = True
        self.workspace.actor = name
        return name

    def _on_op_failed(self: Window, name: str, error: BaseException) -> None:  # type: ignore[misc]
        text = message_of(error) if is_user_error(error) else self.tr(
            "処理中に予期しない問題が起きました（{what}）。作業内容は保存されていません。").format(what=name)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, self.tr("できませんでした"), text)

    def _settle_unsaved(self: Window) -> bool:  # type: ignore[misc]
        """True when it is fine to go on (saved, discarded on purpose, or nothing to save)."""
        self.tasks.wait_idle()
        if not self.editor.unsaved():  # (an open editor's text is taken first: the Editor's gate)
            return True
        from kodaira_desk.ui.forms.invalid_notice import unsaved_question

        answer = self.ask(self.tr("未保存の変更"), unsaved_question(self.editor))  # names the red cells
        if answer is Answer.SAVE:
            return self.save_and_wait()
        if answer is Answer.DISCARD:
            self.editor.discard()
            self._update_title()
            return True
        return False

    def _save_before_output(self: Window, handout: bool = False) -> bool:  # type: ignore[misc]
        """Reports, exports and hand-outs read the database: with unsaved edits, ask whether to
        save first."""
        if not self.editor.unsaved():
            return True
        if handout:
            answer = self.ask(self.tr("未保存の変更"), self.tr(
                "保存していない変更は配布するファイルに入りません。先に保存しますか？"),
                self.tr("保存してから配布"), self.tr("保存せずに配布"))
        else:
            answer = self.ask(self.tr("未保存の変更"), self.tr(
                "保存していない変更は帳票・Excel に入りません。先に保存しますか？"),
                self.tr("保存してから作成"), self.tr("保存せずに作成"))
        if answer is Answer.SAVE:
            return self.save_and_wait()
        return answer is Answer.DISCARD  # go on without saving; the edits stay in the window

    # ------------------------------------------------------------------ save
    def save(self: Window, overwrite: bool = False) -> Op | None:  # type: ignore[misc]
        """Ctrl+S: write every pending edit on the worker; the views refresh the saved rows only.

        When another window or a collection changed a field since it was loaded, nothing is
        written and the person is asked whether to overwrite; the edits stay in the window."""
        if self.tasks.busy:
            self._save_when_idle()
            return None
        self.ask_name()
        edits, stored = self.editor.to_save()  # an open editor's text included (the Editor's gate)

        def failed(exc: BaseException) -> None:
            from kodaira_desk.services.editing import StaleEditError

            if not isinstance(exc, StaleEditError):
                self._on_op_failed("save", exc)
                return
            answer = self.ask(self.tr("ほかで変更された項目"), message_of(exc) + "\n\n" + self.both_values(exc),
                              self.tr("自分の値で上書きして保存"), self.tr("ほかの人の値にする"))
            if answer is Answer.SAVE:
                self.save(overwrite=True)
            elif answer is Answer.DISCARD:
                for stale in exc.settings:  # a grading setting saved elsewhere: theirs, regraded
                    self.editor.session.grading.drop([stale.setting])
                    self.editor.grading_changed.emit(stale.setting)
                self.take_theirs([t for t, _was, _now in exc.fields])
            else:
                self.statusBar().showMessage(self.tr("保存しませんでした（入力はそのまま残っています）。"), 8000)

        grading = self.editor.session.grading.pending()  # thresholds, directions: the same transaction

        def done(applied: Applied) -> None:
            self.editor.session.grading.saved(grading)
            self._after_save(edits, applied)

        return self.tasks.run_op(self.workspace.save, (edits, stored, overwrite, grading), done, on_error=failed,
                                 name="save")

    def _save_when_idle(self: Window) -> None:  # type: ignore[misc]
        """Ctrl+S (or 保存) pressed while an operation runs — on a slow machine, the last save still
        writing when the next value is typed: the save follows as soon as it has ended and its
        window is settled (no question open), never a key silently ignored."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.statusBar().showMessage(self.tr("処理中です。終わりしだい保存します。"), 8000)
        if getattr(self, "_save_queued", False):
            return
        self._save_queued = True

        def asking() -> bool:  # a question of this window's is open (the first save's, say)
            widget = QApplication.activeModalWidget()
            while widget is not None and widget is not self:
                widget = widget.parentWidget()
            return widget is self

        def run() -> None:
            if not self.isVisible():  # closed meanwhile (closing asked about unsaved work itself)
                self._save_queued = False
                return
            if self.tasks.busy or asking():
                QTimer.singleShot(200, self, run)  # its own follow-up, or a question, first
                return
            self._save_queued = False
            if self.editor.unsaved():  # (what that operation saved is not saved twice)
                self.save()

        QTimer.singleShot(200, self, run)

    def save_and_wait(self: Window) -> bool:  # type: ignore[misc]
        op = self.save()
        if op is None:
            return False
        try:
            op.wait()
        except Exception:  # already shown by _on_op_failed
            return False
        return not self.editor.unsaved()

    def _after_save(self: Window, edits: dict[Target, Content], applied: Applied) -> None:  # type: ignore[misc]
        self._take_in(applied, keep_unsaved=edits)
        assert applied.saved is not None
        from kodaira_desk.ui.forms.invalid_notice import after_save

        after_save(self, applied.saved.written)  # red cells: listed, and the first one jumped to

    def _take_in(self: Window, applied: Applied,  # type: ignore[misc]
                 keep_unsaved: dict[Target, Content] | None = None) -> None:
        """The database changed: take the plans as they now are, keep edits typed meanwhile, refresh rows."""
        self.editor.take_in(applied.trees, saved=keep_unsaved)
        self.editor.saved()  # the saved state is the new base; undo history ends here
        self.model.replace_trees(self.editor.trees, applied.changes.nodes(self.editor.trees.loaded()))
        refresh_forms(self, applied.changes)
        self._update_title()
        self.stored_changed.emit(applied.changes)

    # ------------------------------------------------------------------ reports and workbooks
    def _current_plan(self: Window) -> str:  # type: ignore[misc]
        return self.current[0] if self.current else next(iter(self.editor.trees))

    def proxy_department(self: Window) -> str | None:  # type: ignore[misc]
        data = self.dept_combo.currentData()
        return None if data == "__all__" else str(data)

    def show_report_dialog(self: Window) -> ReportDialog | None:  # type: ignore[misc]
        if not self._save_before_output():
            return None
        from kodaira_desk.ui.reports.dialog import ReportDialog, read_fonts_early  # reportlab when asked

        read_fonts_early(self.tasks)
        tree = self.editor.tree(self._current_plan())
        dialog = ReportDialog(self.workspace, self.tasks, tree, self.proxy_department(), self, self.settings)
        dialog.open()
        return dialog

    def _choose_excel(self: Window) -> None:  # type: ignore[misc]
        if not self._save_before_output():
            return
        from PySide6.QtWidgets import QFileDialog

        plan = self.editor.tree(self._current_plan()).plan
        start = str((self.settings.last_folder or Path.home()) / f"{plan.title}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Excel出力"), start, self.tr("Excel ブック (*.xlsx)"))
        if path:
            self.export_excel_to(Path(path))

    def export_excel_to(self: Window, path: Path) -> Op:  # type: ignore[misc]
        def done(out: Path) -> None:
            self.settings.last_folder = out.parent
            self.statusBar().showMessage(self.tr("書き出しました: {path}").format(path=str(out)), 8000)

        def failed(exc: BaseException) -> None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("書き出せません"), message_of(exc))

        return self.tasks.run_op(self.workspace.export_xlsx, (self._current_plan(), path, self.proxy_department()),
                                 done, on_error=failed, name="excel")

    # ------------------------------------------------------------------ yearly round
    def show_handout(self: Window) -> HandoutDialog | None:  # type: ignore[misc]
        """提出用ファイルの配布: the files carry what the master holds, so unsaved edits are asked about."""
        if not every_plan_read(self, self.show_handout):  # read on the worker first (issue 27)
            return None
        if not self._save_before_output(handout=True):
            return None
        from kodaira_desk.domain.scope import departments_in_scope
        from kodaira_desk.ui.round.dialogs import HandoutDialog

        depts: set[str] = set()
        for t in self.editor.trees.values():
            depts |= departments_in_scope(t)
        # the year the city is in too (April starts it): choosing it when no plan runs says so
        years = sorted(set(self._years()) | {FiscalYear.of(date.today())})
        dialog = HandoutDialog(self.workspace, self.tasks, sorted(depts), self.year, years, self,
                               trees=list(self.editor.trees.values()))
        dialog.open()
        return dialog

    def show_collect(self: Window) -> CollectWindow | None:  # type: ignore[misc]
        """回収状況と取り込み; with unsaved edits it asks first, and does nothing when cancelled."""
        if not every_plan_read(self, self.show_collect):
            return None
        if not self._settle_unsaved():
            self.statusBar().showMessage(self.tr("取り込みをやめました（未保存の変更はそのままです）。"), 8000)
            return None
        self.ask_name()
        from kodaira_desk.services.rounds import round_years
        from kodaira_desk.ui.round.dialogs import CollectWindow

        years = [FiscalYear(y) for y in round_years(self.workspace.db)] or [self.year]
        window = CollectWindow(self.workspace, self.tasks, lambda: dict(self.editor.trees), years,
                               self.year if self.year in years else years[-1], self.show_conflicts, self)
        window.collected.connect(self._after_round_change)
        _follow(self, window)
        window.open()
        return window

    def show_conflicts(self: Window) -> ConflictDialog | None:  # type: ignore[misc]
        if not every_plan_read(self, self.show_conflicts):  # a resolution compares every plan
            return None
        if not self._settle_unsaved():
            return None
        self.ask_name()
        from kodaira_desk.ui.round.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(self.workspace, self.tasks, lambda: dict(self.editor.trees), self)
        dialog.resolved.connect(self._after_round_change)
        dialog.open()
        return dialog

    def show_audit(self: Window) -> AuditDialog:  # type: ignore[misc]
        from kodaira_desk.ui.round.audit_dialog import AuditDialog

        dialog = AuditDialog(self.workspace, self)
        dialog.open()
        return dialog

    def show_board(self: Window) -> QWidget | None:  # type: ignore[misc]
        """進捗ボード per plan and 課; a double-click goes to the item."""
        if not every_plan_read(self, self.show_board):
            return None
        from kodaira_desk.ui.round.board_dialog import BoardDialog

        dialog = BoardDialog(self.editor, self.editor.trees, self._years(), self.year, self)
        dialog.item_chosen.connect(self.select_node)
        dialog.save_requested.connect(lambda: self.save())
        _follow(self, dialog, lambda: dialog.follow(self.editor.trees))
        dialog.open()
        return dialog

    def show_year_lock(self: Window) -> QWidget | None:  # type: ignore[misc]
        """年度の確定と修正 (the master only, issue 24)."""
        if self.clerk is not None:
            return None
        from kodaira_desk.ui.round.year_lock_dialog import YearLockDialog

        dialog = YearLockDialog(self)
        dialog.open()
        return dialog

    def show_plan_editor(self: Window) -> QWidget | None:  # type: ignore[misc]
        """計画の編集 (the master only): plans, structure, indicators, 課; the window reloads after."""
        if self.clerk is not None or not self._settle_unsaved():
            return None
        from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog

        dialog = PlanEditorDialog(self.workspace, self.year, self.settings.user_name or self.settings.department, self,
                                  tasks=self.tasks)
        dialog.finished.connect(lambda _r: self._reload_all())
        dialog.open()
        return dialog

    def _reload_all(self: Window) -> None:  # type: ignore[misc]
        # Plans were created, moved or removed: every tree is re-read, a fresh undo history.
        self.editor.discard()
        self.editor.reload()
        chosen = self.dept_combo.currentData()
        self._fill_departments()  # a new plan brings its years and 課
        self.dept_combo.blockSignals(True)
        self.dept_combo.setCurrentIndex(max(0, self.dept_combo.findData(chosen)))
        self.dept_combo.blockSignals(False)
        self._fill_years()
        self._update_title()
        self.stored_changed.emit(Changes.all())

    def _after_round_change(self: Window, applied: Applied) -> None:  # type: ignore[misc]
        # The master changed under the window: take the changed plans, a fresh undo history.
        self._take_in(applied)
        if self.current is not None and any(p == self.current[0] for p, _ in
                                            applied.changes.nodes(self.editor.trees.loaded())):
            self._show_current()

    # ------------------------------------------------------------------ clerk mode
    def show_submission_check(self: Window) -> Any:  # type: ignore[misc]
        from kodaira_desk.ui.window.clerk_mode import SubmissionCheck

        dialog = SubmissionCheck(self, self.department or "")
        dialog.open()
        return dialog

    def save_for_submission(self: Window) -> QWidget:  # type: ignore[misc]
        """「提出用に保存」: what is left, the department head's check, then the save and where the
        file is (ui/submit_dialog.py, issue 24)."""
        from kodaira_desk.ui.round.submit_dialog import open_submit_dialog

        return open_submit_dialog(self)

