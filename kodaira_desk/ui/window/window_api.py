"""The main window as its parts see it (issue 23): the window's operations (`saving`, `operations`,
`server_connect`), its dialogs and the clerk-mode helpers take a `Window`, never the `MainWindow`
class, so no module needs the window's module and the window's parts form no import cycle
(tests/test_code_shape.py).

`Window` is the declaration base `MainWindow` derives from (a `QMainWindow`, so a dialog can take it
as its parent): what the operations use is declared here once — the workspace and its edit session
(through the editor), the one runner, the questions tests answer (`ask`, `ask_text`, `tell`,
`ask_server`, `ask_password`), and the few steps of the window's own the operations take (which item
is shown, the title, the year and 課 lists). The window's methods are declared for the type checker
only; `MainWindow` defines them.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, Signal

from kodaira_desk.ui.window.window_a11y import A11yHost

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QDialog, QSplitter

    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.clerk_file import DepartmentFileInfo
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.tasks import TaskRunner
    from kodaira_desk.ui.window.tree_filter import NodeFilter
    from kodaira_desk.ui.window.tree_model import PlanTreeModel


class Answer(Enum):
    """What the person answered to the one question `Window.ask` puts."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Watcher(Protocol):
    """The window's look for others' writes on a server (server_connect.OthersWatcher)."""

    reload_after_save: bool  # plans were added elsewhere while edits were unsaved: read again after the save

    def start(self) -> None:
        """Start looking (a master, on a server or in a file), or stop (a department file)."""

    def stop(self) -> None:
        """Stop looking, and wait for a look under way (the window closes)."""

    def check(self) -> None:
        """Look now."""

    def look_again(self) -> None:
        """Forget the last mark: the next look reads the plans again."""

    def window_event(self, event: QEvent) -> None:
        """The window's changeEvent: it looks when it comes to the front."""


class Window(A11yHost):
    """The main window, as its operations, dialogs and helpers use it."""

    # the stored data changed (a save, a collection, a resolution, others' writes, a reload): the
    # open board and collection window follow it as the forms do
    stored_changed = Signal(object)  # Changes

    workspace: Workspace
    tasks: TaskRunner
    model: PlanTreeModel
    proxy: NodeFilter
    year: FiscalYear
    department: str | None
    current: tuple[str, str | None] | None  # the plan and node shown
    clerk: DepartmentFileInfo | None  # a department file: clerk mode
    others: Watcher
    splitter: QSplitter  # the tree beside the forms
    name_declined = False  # the person's name was asked for and not given (asked once)
    quitting = False  # while a closing's save runs: its failure's 名前を付けて保存 then closes (quitting.Quit)
    save_queued = False  # a save waits for the operation under way (saving.save_when_idle)

    if TYPE_CHECKING:  # MainWindow's
        # ------------------------------------------------------------------ questions (tests answer them)
        def ask(self, title: str, text: str, save: str | None = None, discard: str | None = None, *,
                careful: bool = False, cancel: str | None = None) -> Answer: ...

        def ask_text(self, title: str, label: str, text: str = "") -> str | None: ...

        def tell(self, title: str, text: str) -> None: ...

        def ask_name(self, force: bool = False) -> str | None: ...

        def ask_server(self) -> str | None: ...

        def ask_password(self, location: str) -> str | None: ...

        # ------------------------------------------------------------------ the window's own steps
        def select_node(self, plan_id: str, key: str | None) -> bool: ...

        def show_current(self) -> None: ...

        def update_title(self) -> None: ...

        def fill_departments(self) -> None: ...

        def fill_years(self) -> None: ...

        def years(self) -> list[FiscalYear]: ...

        def open_path(self, path: Path | str) -> bool: ...

        def retranslate(self) -> None: ...

        def show_submission_check(self) -> QDialog: ...
