"""A department file open in a window, said beside it so that a hand-out does not replace it.

A window that opens a clerk's 提出用_….kdesk holds an exclusive lock on `.<name>.open` beside it
for as long as the file is open (the OS drops the lock when the process ends, however it ends).
A re-issue (配布 again, `handout --again`) into the same folder takes the same lock of every file
it would replace, from its check until its files have their names: one a window holds is not
replaced (services/rounds/handout.py refuses, naming it), and a window opening the file meanwhile
opens it without the lock (its save then finds another hand-out there: services.clerk_file.
check_handout, and keeps the typing in a copy of its own hand-out).

The lock is an advisory lock on the mark file (flock; on Windows a byte-range lock), never on the
department file itself: SQLite's own locks on it are left alone. A folder one cannot write to has
no mark (a file there cannot be saved in place either, and a hand-out cannot write there).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

# POSIX: a mark is unlinked while its lock is held (no one can take it in between); Windows cannot
# delete an open file, so there it is closed first and a failure is harmless
_UNLINK_HELD = sys.platform != "win32"


def lock_fd(fd: int) -> bool:
    """An exclusive lock on the open file `fd`, without waiting; False when another holds it."""
    try:
        if sys.platform == "win32":
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def drop_lock(path: Path, fd: int) -> None:
    """A lock's file removed and its lock released; never raises (a file left is taken next time)."""
    if _UNLINK_HELD:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        os.close(fd)
    if not _UNLINK_HELD:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def mark_of(path: Path) -> Path:
    """The mark beside a department file that says a window has it open."""
    return path.with_name(f".{path.name}.open")


class OpenHold:
    """The lock on a file's mark, held until `release`."""

    def __init__(self, mark: Path, fd: int) -> None:
        self.mark = mark
        self._fd = fd

    def release(self) -> None:
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            drop_lock(self.mark, fd)


def hold(path: Path) -> OpenHold | None:
    """The mark of `path` made and locked (the file is open here, or about to be replaced here);
    None when another process or window holds it, or the folder takes no mark (read-only)."""
    mark = mark_of(path)
    for _ in range(3):  # a mark another holder unlinks as it lets go: made again
        try:
            fd = os.open(mark, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return None
        _hide(mark)
        try:
            if lock_fd(fd):
                if os.fstat(fd).st_ino == os.stat(mark).st_ino:
                    return OpenHold(mark, fd)
            else:
                os.close(fd)
                return None
        except OSError:
            pass
        os.close(fd)
    return None


class WindowHold:
    """One window's share of its process's lock on a file's mark: windows of one process on one file
    share one lock, let go (the mark removed) only as the last of them closes. A window that did not
    take the lock (another process holds it, a hand-out ran) holds nothing, so it removes nothing."""

    def __init__(self, key: str) -> None:
        self._key: str | None = key

    def again(self) -> WindowHold:
        return self

    def release(self) -> None:
        key, self._key = self._key, None
        if key is None:
            return
        with _WINDOWS_LOCK:
            entry = _WINDOWS.get(key)
            if entry is None:
                return
            taken, windows = entry
            if windows > 1:
                _WINDOWS[key] = (taken, windows - 1)
                return
            del _WINDOWS[key]
        taken.release()


_WINDOWS: dict[str, tuple[OpenHold, int]] = {}  # the mark's real path -> [its lock, how many windows]
_WINDOWS_LOCK = threading.Lock()


def hold_for_window(path: Path) -> WindowHold | None:
    """`path` said open by a window: the mark's lock taken, or shared with this process's other
    windows on the same file (a hand-out's `hold` is refused while any holds it); None as `hold`."""
    key = os.path.realpath(mark_of(path))
    with _WINDOWS_LOCK:
        entry = _WINDOWS.get(key)
        if entry is not None:
            _WINDOWS[key] = (entry[0], entry[1] + 1)
            return WindowHold(key)
        taken = hold(path)
        if taken is None:
            return None
        _WINDOWS[key] = (taken, 1)
        return WindowHold(key)


def _hide(mark: Path) -> None:
    """Windows shows a file whose name starts with a dot: the mark is made hidden there, as Office's
    ~$ files are (never an error: a mark that shows is only untidy)."""
    if sys.platform == "win32":
        import ctypes

        with contextlib.suppress(Exception):
            ctypes.windll.kernel32.SetFileAttributesW(str(mark), 0x2)  # FILE_ATTRIBUTE_HIDDEN


def open_elsewhere(path: Path) -> bool:
    """Whether a window (this process's or another's) has `path` open now: its mark locked. A mark
    left by a window that ended without letting go (a crash) is removed."""
    mark = mark_of(path)
    if not mark.exists():
        return False
    taken = hold(path)
    if taken is None:
        return mark.exists()  # (a folder without write permission: no one could hold a mark there)
    taken.release()
    return False
