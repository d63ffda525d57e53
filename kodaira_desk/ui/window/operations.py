"""The window's actions: free functions of the window (`Window`), in the manner of Anki's
aqt/operations, that its menus and toolbar are connected to (`connect_actions`): the reports, the
Excel export, the yearly round's dialogs, the plan editor, clerk mode's check and submission.

Each reads what it needs from the window it is given and opens its dialog with the window as the
parent; the writes they start run on the window's one worker (`ui/tasks.py`). A dialog is freed
once closed (`free_when_closed`): the next opening makes a new one, reading what is stored then.
The save itself and what the window takes in afterwards are in `ui/window/saving.py`; the server
in `server_connect.py`.
The texts are the window's (`w.tr`: looked up in the window's class's context, "MainWindow").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.tasks import free_when_closed
from kodaira_desk.ui.window import saving, server_connect, unreadable
from kodaira_desk.ui.window.all_plans import every_plan_read
from kodaira_desk.ui.window.idle_imports import BOARD, ROUND_WINDOWS, IdleImports

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog

    from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
    from kodaira_desk.ui.reports.dialog import ReportDialog
    from kodaira_desk.ui.round.audit_dialog import AuditDialog
    from kodaira_desk.ui.round.board_dialog import BoardDialog
    from kodaira_desk.ui.round.conflict_dialog import ConflictDialog
    from kodaira_desk.ui.round.dialogs import CollectWindow, HandoutDialog
    from kodaira_desk.ui.round.submit_dialog import SubmitDialog
    from kodaira_desk.ui.round.year_lock_dialog import YearLockDialog
    from kodaira_desk.ui.tasks import Op
    from kodaira_desk.ui.window.clerk_mode import SubmissionCheck
    from kodaira_desk.ui.window.window_api import Window

log = logging.getLogger(__name__)


def connect_actions(w: Window) -> None:
    """The menus' and the toolbar's actions (made by ui/window/menus.py) start these operations."""
    for code, language in w.lang_actions.items():
        language.triggered.connect(lambda _=False, c=code: set_language(w, c))
    for action, operation in (
            (w.act_open, lambda: open_other(w)),
            (w.act_about, lambda: show_about(w)),
            (w.act_save, lambda: saving.save(w)),
            (w.act_save_as, lambda: saving.save_as(w)),
            (w.act_name, lambda: saving.ask_name(w, force=True)),
            (w.act_connect, lambda: server_connect.connect_server(w)),
            (w.act_pdf, lambda: show_report_dialog(w)),
            (w.act_xlsx, lambda: choose_excel(w)),
            (w.act_check, lambda: show_submission_check(w)),
            (w.act_submit, lambda: save_for_submission(w)),
            (w.act_handout, lambda: show_handout(w)),
            (w.act_collect, lambda: show_collect(w)),
            (w.act_conflicts, lambda: show_conflicts(w)),
            (w.act_audit, lambda: show_audit(w)),
            (w.act_board, lambda: show_board(w)),
            (w.act_year_lock, lambda: show_year_lock(w)),
            (w.act_plan_editor, lambda: show_plan_editor(w))):
        action.triggered.connect(_said_if_it_fails(w, action, operation))
    # 進捗ボード's and the round windows' modules imported while the window is idle, not in their first
    # opening's turn (issue 27)
    imports = IdleImports(BOARD + ROUND_WINDOWS, lambda: w.clerk is None, w, then=lambda: board_ahead(w),
                          runner=w.tasks)  # (kept as long as the window)
    w.editor.reloaded.connect(imports.wake)  # (a master opened after a department file: on again)
    w.model.cannot_read.connect(lambda plan_id, exc: unreadable.said(w, plan_id, exc))  # a plan opened later


def _said_if_it_fails(w: Window, action: QAction, operation: Callable[[], object]) -> Callable[[], None]:
    """The action's operation; should it fail (a dialog that cannot be built), the person is told
    in a message naming the action (the technical text in its details and the log), never silently."""
    def run() -> None:
        discards = w.editor.discards
        try:
            operation()
        except Exception as exc:
            log.exception("action %s failed", action.objectName() or action.text())
            from PySide6.QtWidgets import QMessageBox

            what = re.sub(r"\(&\w\)|&(?=\w)", "", action.text()).rstrip("…").strip()  # 「…(&L)…」 as words
            text = w.tr("予期しない問題のため「{what}」を実行できませんでした。入力中の内容はそのまま残っています。") \
                if w.editor.discards == discards else w.tr(  # the person chose 破棄 before it failed
                    "予期しない問題のため「{what}」を実行できませんでした。")
            box = QMessageBox(QMessageBox.Icon.Warning, w.tr("できませんでした"), text.format(what=what), parent=w)
            box.setObjectName("actionFailed")
            box.setDetailedText(f"{type(exc).__name__}: {exc}")
            box.exec()
            box.deleteLater()
    return run


def _follow(w: Window, dialog: QDialog, refresh: Callable[[], None]) -> None:
    """While `dialog` is open, it shows the stored data again (`refresh`) whenever that changes: a
    resolution, a collection, a save, others' writes."""
    def follow(_changes: object) -> None:
        if dialog.isVisible():
            refresh()

    w.stored_changed.connect(follow)
    dialog.finished.connect(lambda _r: w.stored_changed.disconnect(follow))


# ------------------------------------------------------------------ files, language, about
def open_other(w: Window) -> None:
    """File > Open: a department file, or another database (asking first about unsaved edits)."""
    start = str(w.settings.last_folder or w.workspace.path.parent)
    path = choose_file(w, w.tr("ファイルを開く"), start, w.tr(
        "部門ファイル (*.kdesk);;Kodaira Desk データベース (*.sqlite *.db);;すべてのファイル (*)"))
    if path is not None:
        w.open_path(path)


def choose_file(w: Window, title: str, start: str, filters: str) -> Path | None:
    """The Open dialog (tests answer it through the QFileDialog itself: test_clerk_routes)."""
    from kodaira_desk.ui import file_dialogs  # (Qt's file dialog loaded when first needed, not at start-up)

    return file_dialogs.open_name(w, title, start, filters)  # the city's long file names whole at 1366×768


def set_language(w: Window, code: str) -> None:
    """表示 > 言語: the window, its menus and the open form in `code`'s language (kept in the settings)."""
    from PySide6.QtWidgets import QMessageBox

    if not w.translations.apply(code):
        QMessageBox.warning(w, "Kodaira Desk", "English translation file is missing (make translations).")
    w.settings.language = w.translations.language
    for c, a in w.lang_actions.items():
        a.setChecked(c == w.translations.language)
    w.retranslate()
    w.statusBar().clearMessage()  # (「1 件の変更を保存しました。」 stayed in English mode)
    w.page.retranslate()
    if w.page.has_form("measure"):
        w.page.measure.retranslate()


def show_about(w: Window) -> None:
    """ヘルプ > バージョン情報: the version, the data's version and file, the font's licence."""
    from PySide6.QtWidgets import QMessageBox

    from kodaira_desk import __version__

    info = w.workspace.info()
    QMessageBox.about(w, w.tr("Kodaira Desk について"), w.tr(
        "<h3>Kodaira Desk {version}</h3>"
        "<p>小平市 戦略計画の進捗・KPI入力</p>"
        "<p>データ版: {data}<br>データファイル: {path}</p>"
        "<p>フォント: IPAexゴシック（IPAフォントライセンス v1.0）</p>").format(
            version=__version__, data=info.get("data_version", ""), path=w.workspace.location))


# ------------------------------------------------------------------ reports and workbooks
def current_plan(w: Window) -> str:
    """The plan of the item shown (or the first plan)."""
    return w.current[0] if w.current else next(iter(w.editor.trees))


def proxy_department(w: Window) -> str | None:
    """The 課 chosen in the toolbar; None for すべての課."""
    data = w.dept_combo.currentData()
    return None if data == "__all__" else str(data)


def show_report_dialog(w: Window) -> ReportDialog | None:
    """印刷用PDF作成: asks about unsaved edits first (the report reads what is stored)."""
    if not saving.save_before_output(w):
        return None
    from kodaira_desk.ui.reports.dialog import ReportDialog, read_fonts_early  # reportlab when asked

    read_fonts_early(w.tasks)
    tree = w.editor.tree(current_plan(w))
    dialog = ReportDialog(w.workspace, w.tasks, tree, proxy_department(w), w, w.settings)
    free_when_closed(dialog, w.tasks)  # a new one at each opening (read afresh), none kept
    dialog.open()
    return dialog


def choose_excel(w: Window) -> None:
    """Excel出力: where to, then the export (on the worker)."""
    if not saving.save_before_output(w):
        return
    from kodaira_desk.ui import file_dialogs

    plan = w.editor.tree(current_plan(w)).plan
    start = str((w.settings.last_folder or Path.home()) / f"{plan.title}.xlsx")
    path = file_dialogs.save_name(w, w.tr("Excel出力"), start, w.tr("Excel ブック (*.xlsx)"))
    if path is not None:
        export_excel_to(w, path)


def export_excel_to(w: Window, path: Path) -> Op:
    """Write the current plan's indicators and progress (the chosen 課's) to `path` on the worker."""
    def done(out: Path) -> None:
        w.settings.last_folder = out.parent
        w.statusBar().showMessage(w.tr("書き出しました: {path}").format(path=str(out)), 8000)

    def failed(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(w, w.tr("書き出せません"), message_of(exc))

    return w.tasks.run_op(w.workspace.export_xlsx, (current_plan(w), path, proxy_department(w)),
                          done, on_error=failed, name="excel")


# ------------------------------------------------------------------ yearly round
def show_handout(w: Window) -> HandoutDialog | None:
    """提出用ファイルの配布: the files carry what the master holds, so unsaved edits are asked about."""
    if not every_plan_read(w, lambda: show_handout(w)):  # read on the worker first (issue 27)
        return None
    if not saving.save_before_output(w, handout=True):
        return None
    from kodaira_desk.domain.scope import departments_in_scope
    from kodaira_desk.domain.yearly import handout_year
    from kodaira_desk.ui.round.dialogs import HandoutDialog

    depts: set[str] = set()
    for t in w.editor.trees.values():
        depts |= departments_in_scope(t)
    # the year the city is in too (April starts it): choosing it when no plan runs says so
    years = sorted(set(w.years()) | {FiscalYear.of(date.today())})
    current = FiscalYear.of(date.today())
    chosen = (w.clerk is None and w.settings.entry_year == w.year.year  # the year shown, chosen this fiscal year
              and (w.settings.entry_year_kept_in or 0) >= current.year)
    year = handout_year(w.editor.trees.values(), w.year, current, chosen)  # else 令和8年度 when a plan runs then
    saving.ask_name(w)  # the hand-out records who handed out
    dialog = HandoutDialog(w.workspace, w.tasks, sorted(depts), year, years, w,
                           trees=list(w.editor.trees.values()), settings=w.settings)
    dialog.chosen_year = w.year if chosen else None  # handed out without the passed-year question
    free_when_closed(dialog, w.tasks)
    dialog.open()
    return dialog


def show_collect(w: Window) -> CollectWindow | None:
    """回収状況と取り込み; with unsaved edits it asks first, and does nothing when cancelled."""
    if not every_plan_read(w, lambda: show_collect(w)):
        return None
    if not saving.settle_unsaved(w):
        w.statusBar().showMessage(w.tr("取り込みをやめました（未保存の変更はそのままです）。"), 8000)
        return None
    from kodaira_desk.ui.round.dialogs import CollectWindow

    # the round's years are read on the runner with the first board (issue 27): the window's year meanwhile
    window = CollectWindow(w.workspace, w.tasks, lambda: dict(w.editor.trees), [w.year], w.year,
                           lambda: show_conflicts(w), w)
    window.ask_name = lambda: saving.ask_name(w)  # asked only before what records it
    master = w.workspace.location
    window.start_folder = lambda: next((f for f in (w.settings.collect_folder(master), w.settings.handout_folder(master))
                                        if f is not None and f.is_dir()), None)
    window.chose_folder = lambda folder: w.settings.set_collect_folder(master, folder)
    window.collected.connect(lambda applied: saving.after_round_change(w, applied))
    _follow(w, window, window.refresh)
    free_when_closed(window, w.tasks)
    window.open()
    return window


def show_conflicts(w: Window) -> ConflictDialog | None:
    """競合の確認: after unsaved edits are settled."""
    if not every_plan_read(w, lambda: show_conflicts(w)):  # a resolution compares every plan
        return None
    if not saving.settle_unsaved(w):
        return None
    from kodaira_desk.ui.round.conflict_dialog import ConflictDialog

    dialog = ConflictDialog(w.workspace, w.tasks, lambda: dict(w.editor.trees), w)
    dialog.ask_name = lambda: saving.ask_name(w)  # asked only before a resolution records it
    dialog.resolved.connect(lambda applied: saving.after_round_change(w, applied))
    free_when_closed(dialog, w.tasks)
    dialog.open()
    return dialog


def show_audit(w: Window) -> AuditDialog:
    """変更履歴（監査ログ）."""
    from kodaira_desk.ui.round.audit_dialog import AuditDialog

    dialog = AuditDialog(w.workspace, w, tasks=w.tasks)
    free_when_closed(dialog, w.tasks)
    dialog.open()
    return dialog


def show_board(w: Window) -> BoardDialog | None:
    """進捗ボード per plan and 課; a double-click goes to the item. Opened at once: the plans not
    read yet are read with its grading, on the worker (unless a read of them is under way already)."""
    if getattr(w, "_reading_plans", None) is not None and not every_plan_read(w, lambda: show_board(w)):
        return None
    from kodaira_desk.ui.round.board_dialog import BoardDialog

    years, ahead = w.years(), getattr(w, "_board_ahead", None)
    w._board_ahead = None  # type: ignore[attr-defined]
    if isinstance(ahead, BoardDialog) and ahead.fits(w.editor, years):
        dialog = ahead
        dialog.take(w.editor.trees, w.year, w)
    else:
        dialog = BoardDialog(w.editor, w.editor.trees, years, w.year, w, tasks=w.tasks)
    dialog.finished.connect(lambda _r: QTimer.singleShot(BOARD_AHEAD_AFTER_MS, w, lambda: board_ahead(w)))
    dialog.item_chosen.connect(w.select_node)
    dialog.save_requested.connect(lambda: saving.save(w))
    _follow(w, dialog, lambda: dialog.follow(w.editor.trees))
    free_when_closed(dialog, w.tasks)
    dialog.open()
    return dialog


BOARD_AHEAD_AFTER_MS = 1000  # after a board is closed, the next one made (hidden) this much later


def board_ahead(w: Window) -> None:
    """進捗ボード made while the window is idle, hidden and not graded, for its next opening (issue 27)."""
    if w.clerk is not None or getattr(w, "_board_ahead", None) is not None or not w.isVisible():
        return
    from kodaira_desk.ui.round.board_dialog import BoardDialog

    if any(d.isVisible() for d in w.findChildren(BoardDialog)):  # made once it is closed (its `finished`)
        return

    try:
        w._board_ahead = BoardDialog(w.editor, w.editor.trees, w.years(), w.year, tasks=w.tasks, ahead=True)  # type: ignore[attr-defined]
    except Exception:  # (a convenience: the board is made when it is opened, and says what fails then)
        log.exception("making 進捗ボード ahead of its opening")


def show_year_lock(w: Window) -> YearLockDialog | None:
    """年度の確定と修正 (the master only, issue 24)."""
    if w.clerk is not None:
        return None
    from kodaira_desk.ui.round.year_lock_dialog import YearLockDialog

    dialog = YearLockDialog(w)
    free_when_closed(dialog, w.tasks)
    dialog.open()
    return dialog


def show_plan_editor(w: Window) -> PlanEditorDialog | None:
    """計画の編集 (the master only): plans, structure, indicators, 課; the window reloads after."""
    if w.clerk is not None or not saving.settle_unsaved(w):
        return None
    from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog

    dialog = PlanEditorDialog(w.workspace, w.year, saving.ask_name(w), w, tasks=w.tasks)  # its changes are audited
    dialog.finished.connect(lambda _r: saving.reload_all(w))
    free_when_closed(dialog, w.tasks)
    dialog.open()
    return dialog


# ------------------------------------------------------------------ clerk mode
def show_submission_check(w: Window) -> SubmissionCheck:
    """提出前チェック: what is left to fill in, and what to confirm."""
    from kodaira_desk.ui.window.clerk_mode import SubmissionCheck

    dialog = SubmissionCheck(w, w.department or "")
    free_when_closed(dialog, w.tasks)
    dialog.open()
    return dialog


def save_for_submission(w: Window) -> SubmitDialog:
    """「提出用に保存」: what is left, the department head's check, then the save and where the
    file is (ui/round/submit_dialog.py, issue 24)."""
    from kodaira_desk.ui.round.submit_dialog import open_submit_dialog

    return open_submit_dialog(w)
