"""File > サーバーのデータベースに接続…: the master on a PostgreSQL server, and noticing others.

The dialog builds a `postgresql://user@host:port/dbname?sslmode=…` URL (or takes one typed or
picked from the recent connections); the password is asked only when the server wants one that
libpq did not find (PGPASSWORD, ~/.pgpass) and is kept in memory only: the recent list and the
settings hold the URL without it.

While a master on a server is open, the window looks for others' writes when it is activated and
every POLL_MS: a cheap mark (Workspace.change_mark) first, and when it moved, the plans are read
again on the worker and only the rows whose fields changed are refreshed. Unsaved edits stay:
their "value when loaded" is kept, so saving one whose field changed still asks.

A master in a SQLite file is looked at too, when the window is activated (no timer), for its list
of plans only (a cheap read): a plan made meanwhile by `kodaira-desk plan copy` is seen when the
person comes back to the window.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

from kodaira_desk.domain.annotations import underlying
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.services.workspace import Applied, PasswordNeeded, Workspace, WorkspaceError
from kodaira_desk.ui.domain_words import message_of
from kodaira_desk.ui.window import saving

if TYPE_CHECKING:
    from kodaira_desk.domain.model import PlanTree
    from kodaira_desk.ui.tasks import Op
    from kodaira_desk.ui.window.window_api import Window

POLL_MS = 20_000
WARM_UP_MS = 300  # after the window is shown (bench_postgres.py measures the GUI thread meanwhile)


def is_server(location: object) -> bool:
    return isinstance(location, str) and location.lower().startswith(("postgresql://", "postgres://"))


def ask_server(w: Window) -> str | None:
    """The connection dialog; the URL, or None (the window's `ask_server`, which tests replace)."""
    # its module (and the dialog classes it makes) when first used, not for the first screen (issue 27)
    from kodaira_desk.ui.window.server_dialog import ServerDialog

    dialog = ServerDialog([str(p) for p in w.settings.recent_files if is_server(str(p))], w)
    location = dialog.location() if dialog.exec() else None
    dialog.deleteLater()  # (else each connection asked for stayed in the window)
    return location if is_server(location) else None


def ask_password(parent: QWidget | None, location: str) -> str | None:
    """The server's password, never echoed nor kept; None when cancelled (the window's
    `ask_password`, which tests replace; ui/app.py asks the same before the window exists)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, QCoreApplication.translate("ServerOperations", "パスワード"),
                                     QCoreApplication.translate("ServerOperations", "{url} のパスワード").format(
                                         url=location), QLineEdit.EchoMode.Password)
    return value if ok else None


def connect_server(w: Window) -> bool:
    """File > サーバーのデータベースに接続…: the dialog, then the master it names."""
    location = w.ask_server()
    return bool(location) and w.open_path(str(location))


def open_workspace(w: Window, location: Path | str, settle: Callable[[], bool]) -> Workspace | None:
    """Open a file or a server database, asking for a password when the server wants one, and
    read its first screen; only then `settle` (the window's unsaved edits asked about), so a file
    that cannot be read is said, naming it, before anything is asked and the window keeps what it
    has open, edits and all. None (after telling why) when it cannot be used or `settle` says no."""
    ws = _open_and_read(w, location)
    if ws is not None and not settle():
        ws.close()
        return None
    return ws


def _open_and_read(w: Window, location: Path | str) -> Workspace | None:
    from PySide6.QtWidgets import QMessageBox

    password: str | None = None
    while True:
        try:
            ws = Workspace.open(location, create=False, actor=w.settings.user_name, password=password)
            try:  # its first screen read now: a damaged file is met before the window lets go of its own
                ws.read_first_screen()
            except WorkspaceError:
                ws.close()
                raise
            return ws
        except PasswordNeeded as exc:
            password = w.ask_password(str(location))
            if password is None:
                return None
            if password == "":
                QMessageBox.warning(w, w.tr("開けません"), message_of(exc))
                return None
        except WorkspaceError as exc:  # said in the window's language, naming the file
            QMessageBox.warning(w, w.tr("開けません"), message_of(exc))
            return None


class OthersWatcher(QObject):
    """While a master on a server is open: looks for others' writes when the window is activated
    and every POLL_MS, and takes them in (saving.take_others).

    The looks are queries on the window's one runner (TaskRunner.run_query): reads on their own
    connections, in turn with the saves, that never make the window busy, so Ctrl+S pressed
    meanwhile still saves (after the look)."""

    def __init__(self, w: Window) -> None:
        super().__init__(w)
        self.w = w
        self.mark: str | None = None  # the change mark of the last look
        self.look: Op | None = None  # the look under way
        self.started = 0.0  # when start() was last called (monotonic)
        self.reload_after_save = False  # plans added elsewhere while edits were unsaved (saving.take_others)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)

    def look_again(self) -> None:
        self.mark = None

    def _looking(self) -> bool:
        return self.look is not None and not self.look.done

    def start(self) -> None:
        """Start looking for others' writes: on a server on activation and every POLL_MS, in a
        master file on activation; a department file is not looked at."""
        self.mark = None
        self.started = time.monotonic()
        self.reload_after_save = False
        workspace = self.w.workspace
        self.timer.stop()
        if not _watched(workspace):
            return
        self.look = self.w.tasks.run_query(workspace.change_mark, (), lambda mark: self._first_mark(workspace, mark),
                                           on_error=lambda _e: None, name="change_mark")
        if not workspace.on_server:
            return
        self.timer.start()
        # once the window is shown and its first turns are done (its import would hold the
        # interpreter's lock meanwhile): the driver and a connection for the next read, if the master
        # was read by another process as the window started (services/opening.py; else nothing to do)
        QTimer.singleShot(WARM_UP_MS, self, lambda: self.w.tasks.run_query(workspace.warm_up, (),
                                                                           on_error=lambda _e: None, name="warm_up"))

    def stop(self) -> None:
        self.timer.stop()
        self.w.tasks.wait_idle()  # a look under way ends before the window closes

    def _first_mark(self, workspace: Workspace, mark: str) -> None:
        if workspace is self.w.workspace and self.mark is None:
            self.mark = mark

    def check(self) -> None:
        """Whether someone else wrote since the last look; if so, read the plans again (worker)."""
        w = self.w
        if not _watched(w.workspace) or self._looking():
            return
        workspace = w.workspace

        def marked(mark: str) -> None:
            if workspace is not w.workspace or mark == self.mark:
                return
            self.mark = mark
            # the plans read so far (the others are read when opened); a file: its list of plans
            # (a plan copied from the CLI) and the few plans the undo history puts values into (kept
            # unless someone changed one of its fields), not the window's own saves read back
            trees = w.editor.trees.loaded()
            undone = {FieldKey.parse(underlying(k)).plan_id for k in w.editor.undo_keys()}
            before = trees if workspace.on_server else {p: t for p, t in trees.items() if p in undone}
            self.look = w.tasks.run_query(workspace.changes_by_others,
                                          (before, w.editor.trees.listing(), workspace.confirmed_known()),
                                          lambda applied: self._take(workspace, before, applied),
                                          on_error=lambda _e: None, name="changes_by_others")

        self.look = w.tasks.run_query(workspace.change_mark, (), marked, on_error=lambda _e: None, name="change_mark")

    def _take(self, workspace: Workspace, before: Mapping[str, PlanTree], applied: Applied) -> None:
        if not saving.take_others(self.w, workspace, before, applied):
            self.mark = None  # look again

    def window_event(self, event: QEvent) -> None:
        """The window comes to the front (Qt tells its changeEvent of the activation change)."""
        if event.type() == QEvent.Type.ActivationChange and self.w.isActiveWindow() and not self._just_started():
            self.check()

    def _just_started(self) -> bool:
        """The window activated as it is first shown: the mark read with the first screen is a
        moment old, and a look now would import the driver before the warm-up (WARM_UP_MS)."""
        return time.monotonic() < self.started + WARM_UP_MS / 1000


def _watched(workspace: Workspace) -> bool:
    """A master, on a server or in a file (a department file is the clerk's alone)."""
    return workspace.on_server or workspace.clerk is None
