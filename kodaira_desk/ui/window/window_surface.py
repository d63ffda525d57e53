"""The main window's public surface: its questions (tests replace them; every operation asks through
them) and its operations as tests, scripts and its dialogs start them, one line each, forwarding to
the free functions of ui/window/questions.py, saving.py, operations.py and server_connect.py.
`MainWindow` derives from `WindowSurface`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kodaira_desk.ui.window import operations, questions, saving, server_connect
from kodaira_desk.ui.window.window_api import Answer, Window

if TYPE_CHECKING:
    from pathlib import Path

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


class WindowSurface(Window):
    """The questions and operations of the main window, as others call them."""

    def ask(self, title: str, text: str, save: str | None = None, discard: str | None = None, *,
            careful: bool = False, cancel: str | None = None) -> Answer:
        return questions.ask(self, title, text, save, discard, careful=careful, cancel=cancel)

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        return questions.ask_text(self, title, label, text)

    def tell(self, title: str, text: str) -> None:
        questions.tell(self, title, text)

    def ask_name(self, force: bool = False) -> str | None:
        return saving.ask_name(self, force)

    def ask_server(self) -> str | None:
        return server_connect.ask_server(self)

    def ask_password(self, location: str) -> str | None:
        return server_connect.ask_password(self, location)

    def save(self, overwrite: bool = False) -> Op | None:
        return saving.save(self, overwrite)

    def save_and_wait(self) -> bool:
        return saving.save_and_wait(self)

    def show_report_dialog(self) -> ReportDialog | None:
        return operations.show_report_dialog(self)

    def export_excel_to(self, path: Path) -> Op:
        return operations.export_excel_to(self, path)

    def show_handout(self) -> HandoutDialog | None:
        return operations.show_handout(self)

    def show_collect(self) -> CollectWindow | None:
        return operations.show_collect(self)

    def show_conflicts(self) -> ConflictDialog | None:
        return operations.show_conflicts(self)

    def show_audit(self) -> AuditDialog:
        return operations.show_audit(self)

    def show_board(self) -> BoardDialog | None:
        return operations.show_board(self)

    def show_year_lock(self) -> YearLockDialog | None:
        return operations.show_year_lock(self)

    def show_plan_editor(self) -> PlanEditorDialog | None:
        return operations.show_plan_editor(self)

    def show_submission_check(self) -> SubmissionCheck:
        return operations.show_submission_check(self)

    def save_for_submission(self) -> SubmitDialog:
        return operations.save_for_submission(self)

    def check_others(self) -> None:
        self.others.check()

    def stop_watching(self) -> None:
        self.others.stop()
