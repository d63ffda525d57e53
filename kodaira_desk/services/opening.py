"""A master on a server opened and read while the window's modules import (issue 27).

On a server, start-up waits for things that are not the window's: psycopg's import (it imports
asyncio, ssl and importlib.metadata: 65–150 ms of CPU), the connection and the first screen's
read, which wait on the server. Started as the very first thing (cli), before PySide6 and the
window's modules are imported, that work overlaps ours.

- `OpeningElsewhere` (Linux): a process of its own, forked first thing while the process is small
  and has one thread. It imports psycopg, connects, asks the master's identity, then reads the
  first screen (the queries this process sends it: store/first_screen.FirstScreenRead, with the
  meta rows that say whether it is a department's file) in one pipeline, and hands the rows back
  through a pipe (marshal: plain tuples). It shares no interpreter lock with the window's imports,
  so on two cores the server's work costs the window only the rows' build (what reading a SQLite
  file costs it too). The window's process imports psycopg when the window is shown
  (`Workspace.warm_up`, on its runner), for the reads after start-up.
- `OpeningOnThread` (elsewhere, where a process cannot be forked): `Workspace.open` and the first
  screen's read on a thread. The modules this module imports are imported by the calling thread
  before the other starts, so while both run the other imports only what the window's modules
  never import at start-up (psycopg and what it imports); `tests/ui/test_startup_imports.py`
  checks that. The thread touches no Qt object, and the workspace it opened is used by one thread
  at a time: the window takes it after the thread has ended (`take` joins it).

A server that lets the other process in and then does not answer is not waited for forever: the
other process measures the silence on its socket (store/libpq_read.py, store/server_wait.py) and
tells the window (NOTE) once connected and whenever the server's bytes arrive, so a slow read whose
data keeps coming is never cut; after server.ANSWER_TIMEOUT_S without a byte it answers with the
message naming the server (server.silent_message). The window ends the other process itself only
when it heard nothing for longer (GRACE_S): then it says 接続しました only if a NOTE came. On the
thread, psycopg's waits end the same way (store/server_wait.py).

An error (server down, wrong user or database, a password asked, not a Kodaira Desk master) is
raised where the window takes the workspace, as `Workspace.open` raises it (its Japanese message
naming the server: ui/app.run_app shows it). Anything else the process met is left to the
window's own `Workspace.open`, which meets it again and reports it as before.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import select
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kodaira_desk.services.workspace import Workspace


# where the opening is forked: Linux (a process forked as the first thing has one thread); macOS'
# system libraries do not promise to work in a forked child, and Windows has no fork
FORK = sys.platform.startswith("linux") and hasattr(os, "fork")
# the other process writes NOTE to its answer once connected and as the server's bytes arrive (at
# most every NOTE_EVERY_S), then ANSWER and the rows: the window waits for it as long as it hears
# something every server.ANSWER_TIMEOUT_S (and GRACE_S: the other process's own time-outs, on its
# socket, say what they met first)
NOTE, ANSWER = b"+", b"="
GRACE_S = 2.0
NOTE_EVERY_S = 0.2


def opening(url: str) -> Opening:
    """Start opening the master at `url`: in a process of its own where one can be forked."""
    if FORK:
        try:
            return OpeningElsewhere(url)
        except OSError:  # no process to be had (a limit reached): the thread
            pass
    return OpeningOnThread(url)


class OpeningElsewhere:
    """The master's identity and first screen read by a process forked now (module docstring)."""

    def __init__(self, url: str) -> None:
        self.url = url
        ask_read, ask_write = os.pipe()  # this process → the other: what to read
        answer_read, answer_write = os.pipe()  # the other → this one: the rows
        try:
            self._pid = os.fork()
        except OSError:
            for fd in (ask_read, ask_write, answer_read, answer_write):
                os.close(fd)
            raise
        if self._pid == 0:  # the other process: never returns
            try:
                os.close(ask_write)
                os.close(answer_read)
                _read_for(url, ask_read, answer_write)
            finally:
                os._exit(0)
        os.close(ask_read)
        os.close(answer_write)
        self._answer = answer_read
        # what to read, once this process has imported its store (the window needs it anyway)
        from datetime import date

        from kodaira_desk.domain.fiscal_year import FiscalYear
        from kodaira_desk.services.clerk_file import FACTS
        from kodaira_desk.store.database import APPLICATION_ID, SCHEMA_VERSION
        from kodaira_desk.store.first_screen import FirstScreenRead
        from kodaira_desk.store.reader import metas_query

        # a master's (a server's is one): the plans in force in the year the city is in first (Workspace.window_year)
        self._read = FirstScreenRead(None, carried=False, mark=True, year=FiscalYear.of(date.today()).year)
        asked = [metas_query(FACTS), *self._read.queries]
        with contextlib.suppress(OSError):  # the other process ended already: take() says what it met
            _write_all(ask_write, marshal.dumps(((APPLICATION_ID, SCHEMA_VERSION), asked)))
        os.close(ask_write)

    def take(self) -> Workspace:
        """The open workspace with its first screen read; the error met raised here."""
        from kodaira_desk.services import server as server_service
        from kodaira_desk.services.workspace import Workspace
        from kodaira_desk.store import server
        from kodaira_desk.store.errors import PasswordNeeded, StoreError
        from kodaira_desk.store.reader import metas_of

        if self._answer < 0:
            raise RuntimeError("the workspace opened elsewhere was taken twice")
        data, heard = None, False
        try:
            data, heard = _answer_within(self._answer, server.ANSWER_TIMEOUT_S + GRACE_S)
        finally:
            os.close(self._answer)
            self._answer = -1
            if data is None:  # the server let it in and went silent (or this was interrupted)
                with contextlib.suppress(OSError):
                    os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        if data is None:  # nothing was written anywhere: the person opens it again later
            public = server.public_url(self.url)
            raise server.silent_error(public) if heard else server.unreachable_error(public)
        answer = _loads(data)
        if answer[0] == "failed":  # the driver's error, as Workspace.open raises it
            template, params = (str(answer[3]), dict(answer[4])) if len(answer) > 4 else (None, None)
            raise (PasswordNeeded if answer[1] == "password" else StoreError)(str(answer[2]), template=template,
                                                                               params=params)
        if answer[0] != "read":  # anything else: met again, and reported, by the usual opening
            return Workspace.open(self.url, create=False)
        identity, rows = answer[1], answer[2]
        db = server_service.opened(self.url, tuple(identity) if identity is not None else None)
        if rows is None:  # an earlier version's master, upgraded by `opened`: read as usual
            return Workspace(db)
        workspace = Workspace(db, facts=metas_of(rows[0]))
        if workspace.clerk is None:  # read for a master
            workspace.read_first_screen(self._read.answer(rows[1:]))
        return workspace


def _read_for(url: str, ask: int, answer: int) -> None:
    """In the other process: connect, ask the identity, read what this process asks if the
    identity is the one it expects, and hand back ("read", identity, rows or None), or
    ("failed", "password" or "store", message) for the driver's error, or ("other",). Through
    libpq itself (store/libpq_read.py: no psycopg to import), else with psycopg."""
    asked: list[Any] = []

    def what() -> tuple[Any, list[Any]]:  # what this process asks, read once
        if not asked:
            asked.append(marshal.loads(_read_all(ask)))
        return asked[0]  # type: ignore[no-any-return]

    last = [-NOTE_EVERY_S]

    def note() -> None:  # connected, or the server's bytes came: the window hears it is answering
        now = time.monotonic()
        if now - last[0] < NOTE_EVERY_S:
            return
        last[0] = now
        with contextlib.suppress(OSError):  # the window is gone
            _write_all(answer, NOTE)

    try:
        result = _read_through_libpq(url, what, note)
    except Exception as exc:  # libpq_read.NotHere, or anything else: psycopg says what went wrong
        result = _timed_out(url, exc) or _read_with_psycopg(url, what, note)
    try:
        data = marshal.dumps(result)
    except ValueError:  # a value marshal does not carry: the window reads for itself
        data = marshal.dumps(("other",))
    with contextlib.suppress(OSError):  # the window is gone
        _write_all(answer, ANSWER + data)


def _read_through_libpq(url: str, what: Any, note: Any) -> tuple[Any, ...]:
    from kodaira_desk.store import libpq_read, server

    conninfo = server.connect_conninfo(url)  # as ReadConnections connects
    con = libpq_read.Connection(conninfo, silence=server.ANSWER_TIMEOUT_S, on_input=note)
    try:
        note()
        (meta,) = con.ask([("SELECT key, value FROM meta WHERE key IN (?, ?)", list(server.IDENTITY_KEYS))])
        identity = server.identity_of(dict(meta))
        expected, queries = what()
        rows = None
        if identity is not None and tuple(identity) == tuple(expected):
            rows = con.ask([("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", []), *queries, ("ROLLBACK", [])])[1:-1]
        return ("read", identity, rows)
    finally:
        con.close()


def _timed_out(url: str, exc: Exception) -> tuple[Any, ...] | None:
    """A server that did not answer in time is not asked again (the person would wait as long
    again): its message is the one psycopg's error gives (server.connect_message: "timeout")."""
    if not getattr(exc, "timed_out", False):
        return None
    from kodaira_desk.store import server

    error = server.connect_error(server.public_url(url), exc)  # (template and parameters: the window's language)
    return ("failed", "store", error.message, error.template, error.params)


def _read_with_psycopg(url: str, what: Any, note: Any) -> tuple[Any, ...]:
    try:
        from kodaira_desk.store import server

        # its reads end when the server is silent (server_wait); the window hears as bytes come
        reads = server.ReadConnections(url, on_input=note)
        try:
            identity, _tables = server.read_state(reads)
            expected, queries = what()
            rows = None
            if identity is not None and tuple(identity) == tuple(expected):
                driver = reads.take()
                try:
                    rows = server.PgConnection(driver).fetch_all(queries, end=True)
                finally:
                    driver.close()
            return ("read", identity, rows)
        finally:
            reads.close()
    except Exception as exc:  # every error goes back to the window, none is shown here
        failure = _failure(url, exc)
        if failure is not None:
            return ("failed", "password" if type(failure).__name__ == "PasswordNeeded" else "store", failure.message,
                    failure.template, failure.params)
    return ("other",)


def _failure(url: str, exc: BaseException) -> Any:
    try:
        from kodaira_desk.store import server

        return server.failure(url, exc)
    except Exception:  # not even the driver: the window's own opening says why
        return None


def _answer_within(fd: int, silence: float) -> tuple[bytes | None, bool]:
    """The other process's answer (its notes left out), or None when nothing came for `silence`
    seconds before it was complete; and whether anything came (a NOTE: it had connected)."""
    chunks: list[bytes] = []
    heard = False
    waiting = select.poll()
    waiting.register(fd, select.POLLIN)
    while waiting.poll(silence * 1000):
        chunk = os.read(fd, 1 << 20)
        if not chunk:  # the other process has ended
            told = b"".join(chunks)
            return (told[len(ANSWER):] if told.startswith(ANSWER) else b""), heard  # b"": no answer
        heard = True
        if not chunks:  # notes come before the answer, never inside it
            chunk = chunk.lstrip(NOTE)
        if chunk:
            chunks.append(chunk)
    return None, heard


def _loads(data: bytes) -> tuple[Any, ...]:
    try:
        answer = marshal.loads(data)
    except (EOFError, ValueError, TypeError):  # the other process ended without answering
        return ("other",)
    return answer if isinstance(answer, tuple) and answer else ("other",)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class OpeningOnThread:
    """`Workspace.open(url, create=False)` and its first screen's read, on a thread started now."""

    def __init__(self, url: str) -> None:
        from kodaira_desk.services import server as _server  # noqa: F401  # imported here, not on the thread
        from kodaira_desk.services.workspace import Workspace

        self.url = url
        self._open_workspace = Workspace.open
        self._workspace: Workspace | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._open, name="kodaira-desk-open", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        try:
            workspace = self._open_workspace(self.url, create=False)
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


Opening = OpeningElsewhere | OpeningOnThread
