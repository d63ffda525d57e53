"""The recovery journal: what a person typed into an open file and has not saved yet, kept on disk
so that a crash, a `kill -9` or a power cut between typing and the save's commit loses nothing.

One journal per open window, in the per-user folder beside the settings: `<hash of the file's
location>.<window>.journal`, so that two windows on one file (two clerks' sessions of one
department file, or the same file opened twice) never write, offer or delete each other's edits.
Its first line names the file (its location and identity: a department file's hand-out and 課, or
the master); each later line is one accepted edit (`{"edits": {field key: field text or null}}`, a
later line winning; the text of a red cell too: typed text is never lost; and the grading
settings changed, under `grading:` keys, ui/window/recovery.py). When a save commits,
the journal is written again with what is still unsaved (atomically), or removed.

The writes are made by one writer thread per process, not the GUI thread: an fsync on a real disk
takes 2–9 ms, and tens of ms while the disk is busy (benchmarks/bench_journal.py). Edits queued
while the writer syncs go out together, one write and one fsync (a 1,000-cell paste is one line; a
burst of typing is one sync). What is promised: every edit is durable one sync after it is made;
`flush` waits for it, and the window flushes before a save writes (on the worker), when the session
ends and when the program exits, so a `kill -9` right after Ctrl+S loses nothing.

A window holds an exclusive lock on `<journal>.lock` while it lives (released by the OS when the
process dies, however it dies); a journal whose lock can be taken was left by a run that ended
without saving, and only such a journal is offered when the file is opened again.

Reading is bounded and never trusts the file: anything that is not what this module writes (a
garbled, truncated or hostile journal) raises JournalError, and the caller sets the journal aside
and opens the file anyway. A last line without its newline is an append cut short (the edit it held
was never reported as kept) and is left out, not taken as damage.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.io.atomic import fsync_dir, write_text
from kodaira_desk.services.open_files import drop_lock as _drop_lock
from kodaira_desk.services.open_files import lock_fd as _lock

VERSION = 1
MAX_BYTES = 64 * 1024 * 1024  # a journal larger than this is not one of ours
MAX_KEY = 400  # a field key is some 60 characters
DISCARDED_KEPT_S = 30 * 24 * 3600  # a journal given up is kept this long under another name
FLUSH_S = 10.0  # a flush waits at most this long (a disk that hangs does not hang the program)
YOUNG_S = 5.0  # a journal without a lock file this new may be a starting window's (never offered)
Edits = dict[str, str | None]


class JournalError(DomainError):
    """A journal that cannot be read as one (damaged or not ours)."""


def _header(location: str, identity: str) -> str:
    return json.dumps({"kodaira_desk_journal": VERSION, "location": location, "identity": identity},
                      ensure_ascii=False) + "\n"


def _digest(location: str) -> str:
    return hashlib.sha256(location.encode("utf-8")).hexdigest()[:24]


# ------------------------------------------------------------------ locks
def _take_lock(path: Path) -> int | None:
    """The lock of a journal's window, taken (its fd) when no living window holds it."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return -1  # no lock: a journal of an older version, or its window was ending
    except OSError:
        return None
    try:
        # the lock file removed and made again meanwhile: the lock taken is not the window's
        if _lock(fd) and os.fstat(fd).st_ino == os.stat(path).st_ino:
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


# ------------------------------------------------------------------ the writer thread
class _Writer:
    """The one thread that writes every journal of the process, in the order edits were made."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._work: list[tuple[Journal, str, Edits]] = []
        self._queued = 0
        self._done = 0
        self._thread: threading.Thread | None = None

    def put(self, journal: Journal, action: str, edits: Edits) -> int:
        with self._cond:
            self._work.append((journal, action, edits))
            self._queued += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="recovery-journal", daemon=True)
                self._thread.start()
            self._cond.notify_all()
            return self._queued

    def wait(self, ticket: int, timeout: float = FLUSH_S) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._done >= ticket, timeout)

    def wait_all(self, timeout: float = FLUSH_S) -> bool:
        with self._cond:
            ticket = self._queued
        return self.wait(ticket, timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: bool(self._work))
                batch, self._work = self._work, []
            try:
                _write_batch(batch)
            finally:
                with self._cond:
                    self._done += len(batch)
                    self._cond.notify_all()


def _write_batch(batch: list[tuple[Journal, str, Edits]]) -> None:
    """Each journal's queued writes as one: appends merged (a later edit of a field wins), and a
    rewrite taking in the appends before it (it holds everything unsaved) and after it."""
    merged: dict[Journal, tuple[str, Edits]] = {}
    closing: list[Journal] = []
    for journal, action, edits in batch:
        if action == "close":
            closing.append(journal)
        elif action == "append" and journal in merged:
            merged[journal][1].update(edits)
        else:
            merged[journal] = (action, dict(edits))
    for journal, (action, edits) in merged.items():
        try:
            if action == "append":
                journal.write_append(edits)
            else:
                journal.write_rewrite(edits)
        except Exception as exc:  # (OSError, AtomicWriteError, anything): never the thread's end
            journal.failed(exc)
        else:
            if action == "rewrite":
                journal.recovered()  # it holds everything unsaved again
    for journal in closing:
        with contextlib.suppress(Exception):
            journal.write_close()


_WRITER = _Writer()
_HELD: list[Journal] = []  # the journals whose lock this process holds


def _at_exit() -> None:
    """Every queued edit durable (daemon threads still run while atexit's functions do), then the
    locks' files of journals with nothing left removed (a crash leaves them: swept by left_behind)."""
    if not _WRITER.wait_all():
        return  # the writer still uses the journals' files: the OS closes them as the process ends
    for journal in list(_HELD):
        with contextlib.suppress(OSError):
            journal.write_close()


atexit.register(_at_exit)


def _forked() -> None:
    """In a process forked from this one (services/opening.py reads a server master's first screen
    in one): the windows' lock files closed, so that the lock goes when this process dies even
    while that one still reads (a flock belongs to the open file, which a fork shares)."""
    for journal in _HELD:
        if journal._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(journal._lock_fd)
            journal._lock_fd = None
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


def flush_all(timeout: float = FLUSH_S) -> bool:
    """Every journal's queued edits durable (the session ends): False when the disk did not answer."""
    return _WRITER.wait_all(timeout)


# ------------------------------------------------------------------ one window's journal
class Journal:
    """The journal of one window's open file (`location`: its path or server URL without password)."""

    def __init__(self, folder: Path, location: str, identity: str) -> None:
        self.folder = folder
        self.location = location
        self.identity = identity
        self.digest = _digest(location)
        self.path = folder / f"{self.digest}.{os.getpid()}-{secrets.token_hex(4)}.journal"
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.error: str | None = None  # a write that failed and was not made good (the writer thread's)
        self.errno: int | None = None  # its OSError's number, when it was one (a full disk: ENOSPC)
        self.on_error: Callable[[str], None] | None = None  # told on the writer thread as a write fails
        # told on the writer thread as each rewrite (everything unsaved) succeeds: a failure is over
        self.on_recovered: Callable[[], None] | None = None
        self._ticket = 0
        self._started = False  # (the writer thread's) the header line is written
        self._lock_fd: int | None = None
        self._torn = False  # an append cut short could not be cut back (only a rewrite mends it)

    # --------------------------------------------------------- queued (any thread)
    def append(self, edits: Mapping[str, str | None]) -> None:
        """One accepted edit (any number of fields): queued for the writer thread."""
        if edits:
            self._ticket = _WRITER.put(self, "append", dict(edits))

    def rewrite(self, edits: Mapping[str, str | None]) -> None:
        """What is still unsaved after a save (or a discard): the journal will hold only that."""
        if edits or self._ticket:
            self._ticket = _WRITER.put(self, "rewrite", dict(edits))

    def close(self) -> None:
        """The window let the file go: its lock is released once what is queued is written."""
        if self._ticket:
            self._ticket = _WRITER.put(self, "close", {})

    def flush(self, timeout: float = FLUSH_S) -> bool:
        """Wait until every edit queued so far is durable: False when the disk did not answer or a
        write failed (the edits are not all in the journal)."""
        return _WRITER.wait(self._ticket, timeout) and self.error is None

    def failed(self, exc: BaseException) -> None:
        """A write failed (the writer thread): kept for `flush`, and the window told at once."""
        self.error = str(exc) or type(exc).__name__
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, OSError):  # (an AtomicWriteError's OSError)
            cause = cause.__cause__
        self.errno = cause.errno if isinstance(cause, OSError) else None
        if self.on_error is not None:
            with contextlib.suppress(Exception):
                self.on_error(self.error)

    def recovered(self) -> None:
        """A rewrite succeeded (the writer thread): the journal holds everything unsaved again; a
        failure before it (or a flush the disk did not answer) is over, and the window told so."""
        self.error = None
        self.errno = None
        if self.on_recovered is not None:
            with contextlib.suppress(Exception):
                self.on_recovered()

    def exists(self) -> bool:
        return self.path.exists()

    # --------------------------------------------------------- written (the writer thread)
    def _hold_lock(self) -> None:
        """The lock of this window's journal. Another window's sweep (left_behind) may take the
        file between its creation and the flock, and unlink it: the lock is then on a nameless
        file, so it is made again until the lock held is the file's that has the name."""
        if self._lock_fd is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for _ in range(100):
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                if _lock(fd) and os.fstat(fd).st_ino == os.stat(self.lock_path).st_ino:
                    break
            except OSError:
                pass
            os.close(fd)
            time.sleep(0.01)  # the sweep holding it unlinks it at once
        else:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)  # (unlocked: still written)
        self._lock_fd = fd
        _HELD.append(self)

    def write_append(self, edits: Edits) -> None:
        """One line added, whole or not at all: a short write (a full disk) is written on, and a
        failure cuts the file back to where the line began, so that a later line never glues onto
        a cut one (which would spoil the whole journal) and the earlier edits stay readable."""
        if self._torn:
            raise JournalError(f"{self.path}: 途中で切れた行を戻せませんでした")
        line = _line({"edits": edits})
        new = not self._started
        if new:
            self._hold_lock()
            line = _header(self.location, self.identity).encode("utf-8") + line
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if new else 0), 0o600)
        try:
            start = os.fstat(fd).st_size
            try:
                view = memoryview(line)
                while view:
                    written = os.write(fd, view)
                    if written <= 0:
                        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                    view = view[written:]
                os.fsync(fd)
            except BaseException:
                try:
                    os.ftruncate(fd, start)
                    os.fsync(fd)
                except OSError:
                    self._torn = True  # a line cut short stays at the end: nothing more is added
                raise
        finally:
            os.close(fd)
        if new:
            fsync_dir(self.folder)  # the new file's name is durable too
            self._started = True

    def write_rewrite(self, edits: Edits) -> None:
        self._torn = False
        if not edits:
            self._started = False
            try:
                self.path.unlink()
            except FileNotFoundError:
                return
            fsync_dir(self.folder)
            return
        self._hold_lock()
        write_text(self.path, _header(self.location, self.identity) + _line({"edits": edits}).decode("utf-8"))
        self._started = True

    def write_close(self) -> None:
        if self._lock_fd is None:
            return
        fd, self._lock_fd = self._lock_fd, None
        if not self.path.exists():  # nothing left unsaved: the lock's file goes too
            _drop_lock(self.lock_path, fd)
        else:
            os.close(fd)
        if self in _HELD:
            _HELD.remove(self)

    # --------------------------------------------------------- left by earlier runs
    def left_behind(self) -> list[LeftJournal]:
        """The journals of this file whose windows ended without saving (crashed, killed, or the
        session ended): never this window's own, never a living window's. Each is held (locked)
        until it is restored, discarded or set aside."""
        found: list[LeftJournal] = []
        try:
            paths = sorted(self.folder.glob(f"{self.digest}*.journal"), key=_mtime)
        except OSError:
            return found
        for path in paths:
            if path == self.path:
                continue
            lock_path = path.with_name(path.name + ".lock")
            fd = _take_lock(lock_path)
            if fd is None:
                continue  # another window has the file open: its edits are its own
            if fd < 0 and time.time() - _mtime(path) < YOUNG_S:
                continue  # no lock file, but new: a window starting (its lock being made), not one ended
            found.append(LeftJournal(path, lock_path, fd, self.location, self.identity))
        _sweep_discarded(self.folder, self.digest)
        try:  # (never raises: the offer goes on; a lock file left is swept next time)
            for lock_path in self.folder.glob(f"{self.digest}*.journal.lock"):  # ended windows' with nothing left
                if lock_path != self.lock_path and not lock_path.with_suffix("").exists():
                    fd = _take_lock(lock_path)
                    if fd is not None and fd >= 0:
                        if lock_path.with_suffix("").exists():  # its window wrote meanwhile, then ended
                            os.close(fd)
                        else:
                            _drop_lock(lock_path, fd)
        except OSError:
            pass
        return found


def _sweep_discarded(folder: Path, digest: str) -> None:
    """The copies of journals given up (破棄する) more than DISCARDED_KEPT_S ago removed."""
    old = time.time() - DISCARDED_KEPT_S
    try:
        for path in folder.glob(f"{digest}*.discarded"):
            if _mtime(path) < old:
                path.unlink(missing_ok=True)
    except OSError:
        pass


def _line(entry: object) -> bytes:
    """One journal line as UTF-8; text UTF-8 cannot hold (a lone surrogate pasted in) as JSON's
    escapes, which read back as the same text."""
    try:
        return (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(entry) + "\n").encode("ascii")


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class LeftJournal:
    """A journal an earlier run left, held by this window while it is looked at."""

    def __init__(self, path: Path, lock_path: Path, fd: int, location: str, identity: str) -> None:
        self.path, self.lock_path, self._fd = path, lock_path, fd
        self.location, self.identity = location, identity
        # read from the file's earlier hand-out to the same 課 (a re-issue replaced the file after the
        # window ended): its edits are that 課's fields of that year, offered as such (never silently)
        self.reissued = False

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def remove(self) -> None:
        """Everything it held is saved, restored into another journal or given up."""
        try:
            self.path.unlink()
            fsync_dir(self.path.parent)
        except FileNotFoundError:
            pass
        self._drop()

    def _drop(self) -> None:
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            _drop_lock(self.lock_path, fd)
        else:
            with contextlib.suppress(OSError):
                self.lock_path.unlink(missing_ok=True)

    def set_aside(self, suffix: str = "aside") -> Path | None:
        """Keep a journal beside it under another name, never offered again: one that could not be
        used (`.aside`, never deleted), or one the person gave up (`.discarded`: a copy for a change
        of mind, removed after DISCARDED_KEPT_S by a later look)."""
        aside = self.path.with_name(f"{self.path.stem}.{time.strftime('%Y%m%d-%H%M%S')}.{suffix}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return None
        finally:
            self._drop()
        return aside

    def read(self) -> Edits:
        """The unsaved edits the journal holds (a later line wins); raises JournalError when the
        journal is not one of ours or belongs to another file that now has its name."""
        try:
            size = self.path.stat().st_size
            if size > MAX_BYTES:
                raise JournalError(f"{self.path}: too large ({size} bytes)")
            data = self.path.read_bytes()
        except OSError as exc:
            raise JournalError(f"{self.path}: {exc}") from exc
        lines = data.split(b"\n")
        lines.pop()  # after the last newline: "" or an append cut short
        if not lines:
            return {}
        try:
            header = json.loads(lines[0])
            if not isinstance(header, dict) or header.get("kodaira_desk_journal") != VERSION:
                raise JournalError(f"{self.path}: not a journal")
            if header.get("location") != self.location or header.get("identity") != self.identity:
                if not _reissue_of(header, self.location, self.identity):
                    raise JournalError(f"{self.path}: of another file ({header.get('identity')!r})")
                self.reissued = True
            edits: Edits = {}
            for raw in lines[1:]:
                entry = json.loads(raw)
                body = entry.get("edits") if isinstance(entry, dict) else None
                if not isinstance(body, dict):
                    raise JournalError(f"{self.path}: a line without edits")
                for key, value in body.items():
                    if len(key) > MAX_KEY or not (value is None or isinstance(value, str)):
                        raise JournalError(f"{self.path}: a bad field {key[:40]!r}")
                    edits[key] = value
        except (ValueError, RecursionError) as exc:  # (json's errors are ValueErrors)
            raise JournalError(f"{self.path}: {exc}") from exc
        return edits


def _reissue_of(header: Mapping[str, object], location: str, identity: str) -> bool:
    """Whether a journal's header names an earlier hand-out of the same 課's file at the same place
    (identities `<hand-out id>:<課>`, ui/window/recovery.py): the file was handed out again."""
    theirs = header.get("identity")
    if header.get("location") != location or not isinstance(theirs, str) or identity == "master":
        return False
    their_hid, _, their_dept = theirs.partition(":")
    hid, _, dept = identity.partition(":")
    return bool(their_hid and their_dept and their_hid != hid and their_dept == dept)


def set_down(folder: Path, file_name: str, text: str) -> Path:
    """A text a person should be able to read again later (the values typed for an indicator or an
    item removed elsewhere before they could be saved: ui/window/elsewhere.py), written
    whole beside the journals as `<file>.保存できなかった入力.<time>.txt`; raises OSError."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = Path(file_name).stem or "kodaira-desk"
    path = folder / f"{stem}.保存できなかった入力.{time.strftime('%Y%m%d-%H%M%S')}.txt"
    write_text(path, text)
    return path
