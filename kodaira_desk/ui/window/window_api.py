"""The main window as its parts see it (issue 23): the dialogs, the clerk-mode helpers and the
window's actions take a `Window`, never the `MainWindow` class, so no module needs the window's
module and the window's parts form no import cycle (tests/test_code_shape.py).

`Window` names what those parts use: the workspace and its edit session (through the editor), the
one runner, the one `ask()` tests answer, and the window's few operations they start (save, the
submission check, going to an item, taking in what a round changed). `MainWindow` provides all of
it; the underscored ones are the window's own steps its dialogs reuse (kept by their names).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QComboBox, QStatusBar

    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.clerk_file import DepartmentFileInfo
    from kodaira_desk.services.editing import Content, Target
    from kodaira_desk.services.workspace import Applied, Workspace
    from kodaira_desk.ui.editor import Editor
    from kodaira_desk.ui.forms.pages import NodePage
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.tasks import Op, TaskRunner
    from kodaira_desk.ui.window.tree_model import PlanTreeModel


class Answer(Enum):
    """What the person answered to the one question `Window.ask` puts."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Window(Protocol):
    """The main window, as the dialogs and helpers that work on it use it."""

    workspace: Workspace
    editor: Editor
    tasks: TaskRunner
    settings: Settings
    model: PlanTreeModel
    page: NodePage
    year: FiscalYear
    department: str | None
    current: tuple[str, str | None] | None
    clerk: DepartmentFileInfo | None  # a department file: clerk mode
    dept_combo: QComboBox
    stored_changed: SignalInstance  # Changes: what is stored changed (open dialogs follow it)

    # ------------------------------------------------------------------ questions (tests answer them)
    def ask(self, title: str, text: str, save: str | None = None, discard: str | None = None) -> Answer: ...

    def ask_text(self, title: str, label: str, text: str = "") -> str | None: ...

    def tell(self, title: str, text: str) -> None: ...

    def ask_name(self, force: bool = False) -> str | None: ...

    # ------------------------------------------------------------------ what the parts start
    def save(self, overwrite: bool = False) -> Op | None: ...

    def _save_when_idle(self) -> None: ...

    def select_node(self, plan_id: str, key: str | None) -> bool: ...

    def show_submission_check(self) -> object: ...

    def both_values(self, exc: object) -> str: ...

    def _settle_unsaved(self) -> bool: ...

    def _after_save(self, edits: dict[Target, Content], applied: Applied) -> None: ...

    def _after_round_change(self, applied: Applied) -> None: ...

    def _show_current(self) -> None: ...

    def _on_op_failed(self, name: str, error: BaseException) -> None: ...

    # ------------------------------------------------------------------ what the window's actions use
    # (ui/operations.py and ui/server_connect.py, each other's and the window's)
    def open_path(self, path: Path | str) -> bool: ...

    def save_and_wait(self) -> bool: ...

    def show_conflicts(self) -> object: ...

    def export_excel_to(self, path: Path) -> Op: ...

    def proxy_department(self) -> str | None: ...

    def ask_server(self) -> str | None: ...

    def ask_password(self, location: str) -> str | None: ...

    def open_workspace(self, location: object) -> Workspace | None: ...

    def describe_target(self, target: object) -> str: ...

    def take_theirs(self, targets: list[Any]) -> None: ...

    def check_others(self) -> None: ...

    def _years(self) -> list[FiscalYear]: ...

    def _current_plan(self) -> str: ...

    def _fill_departments(self) -> None: ...

    def _fill_years(self) -> None: ...

    def _update_title(self) -> None: ...

    def _reload_all(self) -> None: ...

    def _save_before_output(self) -> bool: ...

    def _take_in(self, applied: Applied, keep_unsaved: dict[Target, Content] | None = None) -> None: ...

    def _take_others(self, workspace: Workspace, before: dict[str, Any], applied: Applied) -> None: ...

    def _on_first_mark(self, workspace: Workspace, mark: str) -> None: ...

    def _looking(self) -> bool: ...

    def isActiveWindow(self) -> bool: ...

    # ------------------------------------------------------------------ Qt's
    def statusBar(self) -> QStatusBar: ...

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...
