"""A master on a server opened on a thread of its own while the window's modules import (issue 27).

On a server, start-up waits for things that are not the window's: psycopg's import (it imports
asyncio, ssl and importlib.metadata), the connection and the first screen's read, which wait on
the server. Started as the very first thing (cli), before PySide6 and the window's modules are
imported, the server's work overlaps ours; the window then takes the open workspace, waiting for
it if it is not ready yet. A SQLite file is opened as before, on the GUI thread.

- The modules this module imports are imported by the calling thread before the other starts, so
  while both run the other imports only what the window's modules never import at start-up
  (psycopg and what it imports); `tests/ui/test_startup_imports.py` checks that.
- The thread touches no Qt object, and the workspace it opened is used by one thread at a time:
  the window takes it after the thread has ended (`take` joins it).
- An error (server down, wrong password, SSL) is raised again where the window takes it, so it
  reaches the person as it did when the window opened the master itself (ui/app.run_app's message).
"""

from __future__ import annotations

import contextlib
import threading

from kodaira_desk.services import server as _server  # noqa: F401  # imported here, not on the thread
from kodaira_desk.services.workspace import Workspace


class OpeningOnThread:
    """`Workspace.open(url, create=False)` and its first screen's read, on a thread started now."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._workspace: Workspace | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._open, name="kodaira-desk-open", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        try:
            workspace = Workspace.open(self.url, create=False)
        except BaseException as exc:  # raised again by take(), on the window's thread
            self._error = exc
            return
        with contextlib.suppress(Exception):  # the window reads it again, and meets the error as before
            workspace.read_first_screen()
        self._workspace = workspace

    def take(self) -> Workspace:
        """The open workspace, once the thread has ended; its error raised here if it failed."""
        self._thread.join()
        error, self._error = self._error, None
        if error is not None:
            raise error
        workspace, self._workspace = self._workspace, None
        if workspace is None:
            raise RuntimeError("the workspace opened on a thread was taken twice")
        return workspace
