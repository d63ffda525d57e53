"""A plan that cannot be read when the window first reads it, after the file opened.

The opening looks at every page of a file (store/first_screen.check_pages), but a plan is read
when it is first opened (issue 27), and what it then meets may not be what the check saw: its rows
altered with a tool (every page whole, the rows not as Kodaira Desk writes them), or its pages
damaged since the file was opened (a USB stick going bad). Opening such a plan in the tree, or
choosing its row, says so once, naming the file; the plan's row stays without rows, the form shows
what it showed, and the edits typed elsewhere stay in the session to be saved (the recovery
journal keeps them meanwhile, ui/window/recovery.py). Nothing is read again for it until the file
is opened again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from kodaira_desk.services.workspace import Workspace, WorkspaceError

if TYPE_CHECKING:
    from kodaira_desk.domain.model import PlanTree
    from kodaira_desk.ui.window.window_api import Window

_told: WeakKeyDictionary[Workspace, set[str]] = WeakKeyDictionary()  # the plans said, by open file


def read_or_said(w: Window, plan_id: str) -> PlanTree | None:
    """The plan (read if it was not yet), or None when it cannot be read: said once."""
    if plan_id in _told.get(w.workspace, set()):
        return None
    try:
        return w.editor.tree(plan_id)
    except WorkspaceError as exc:
        said(w, plan_id, exc)
        return None


def said(w: Window, plan_id: str, exc: BaseException) -> None:
    """The message naming the file, in the window's language, once for each plan of an open file."""
    told = _told.setdefault(w.workspace, set())
    if plan_id in told:
        return
    told.add(plan_id)
    from PySide6.QtWidgets import QMessageBox

    from kodaira_desk.ui.domain_words import message_of

    QMessageBox.warning(w, w.tr("読めません"), message_of(exc))
