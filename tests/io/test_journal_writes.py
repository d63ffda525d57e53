"""The recovery journal's writes on a disk that fails them (a full disk, text UTF-8 cannot hold),
its lock files as windows start and end beside each other, and Windows, where an open file cannot
be deleted. Whatever fails, the edits written before stay readable and the failure is known
(`flush` says False, `error` says why): never a journal spoilt whole, never a living window's
journal offered to another."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kodaira_desk.services import open_files
from kodaira_desk.services import recovery_journal as rj
from kodaira_desk.services.recovery_journal import Journal, LeftJournal, flush_all


def _read(folder: Path, path: Path) -> dict[str, str | None]:
    j = Journal(folder, "/x/file.sqlite", "master")
    return LeftJournal(path, path.with_name(path.name + ".lock"), -1, j.location, j.identity).read()


def test_a_full_disk_mid_line_leaves_the_edits_before_and_after_readable(tmp_path: Path) -> None:
    """The disk fills up in the middle of an edit's line (os.write writes part of it, then EFBIG):
    the line is cut back, the failure is said, and an edit made once there is room again is a line
    of its own, not glued onto the cut one (which made the whole journal unreadable)."""
    script = textwrap.dedent(f"""
        import os, resource, signal
        from pathlib import Path
        from kodaira_desk.services.recovery_journal import Journal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        j = Journal(Path({str(tmp_path)!r}), "/x/file.sqlite", "master")
        j.append({{"value:a": "1"}}); assert j.flush()
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (j.path.stat().st_size + 10, hard))  # the disk is full
        j.append({{"value:b": "2" * 50}}); assert not j.flush() and j.error
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # room again
        j.append({{"value:c": "3"}}); j.flush()
        print(j.path, flush=True)
        os._exit(0)  # kill -9
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": str(Path(rj.__file__).parents[2])})
    assert out.returncode == 0, out.stderr
    assert _read(tmp_path, Path(out.stdout.strip())) == {"value:a": "1", "value:c": "3"}


def test_text_utf8_cannot_hold_is_journalled_and_a_failing_write_is_said(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A lone surrogate (pasted from another program) made the writer thread die mid-batch with no
    error set: every edit of the batch silently missing. It is written (as JSON's escape); and any
    failure of a write, not only OSError, is kept and told, and the thread goes on."""
    j = Journal(tmp_path, "/x/file.sqlite", "master")
    j.append({"value:a": "1"})
    j.append({"value:b": "bad \ud800"})
    assert j.flush() and flush_all()
    assert _read(tmp_path, j.path) == {"value:a": "1", "value:b": "bad \ud800"}

    told: list[str] = []
    j.on_error = told.append

    def broken(_self: Journal, _edits: object) -> None:
        raise RuntimeError("anything")

    monkeypatch.setattr(Journal, "write_append", broken)
    j.append({"value:c": "3"})
    assert not j.flush() and j.error == "anything" and told == ["anything"]
    monkeypatch.undo()
    j.rewrite({"value:c": "3"})  # the writer lives on; a rewrite holds everything again
    assert j.flush() and j.error is None
    assert _read(tmp_path, j.path) == {"value:c": "3"}


def test_a_lock_file_swept_as_its_window_starts_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window A's first write makes its lock file, then locks it; window B's look at the same file
    comes in between, takes the not yet locked file, finds no journal and unlinks it. A locked a
    nameless file, so window C found A's journal without a lock and offered (and removed) a living
    window's edits. A makes its lock again; and a journal without a lock file this new is not
    offered either."""
    a = Journal(tmp_path, "/x/file.sqlite", "master")
    b = Journal(tmp_path, "/x/file.sqlite", "master")
    real = rj._lock
    swept: list[int] = []

    def lock(fd: int) -> bool:
        if not swept and a.lock_path.exists() and os.fstat(fd).st_ino == a.lock_path.stat().st_ino:
            swept.append(1)
            assert b.left_behind() == []  # B's look, between A's making and A's locking
            assert not a.lock_path.exists()
        return real(fd)

    monkeypatch.setattr(rj, "_lock", lock)
    a.append({"value:a": "1"})
    assert a.flush() and swept
    monkeypatch.setattr(rj, "_lock", real)
    c = Journal(tmp_path, "/x/file.sqlite", "master")
    assert c.left_behind() == [], "A is alive, yet its journal is offered to C"
    a.lock_path.unlink()  # as if swept, the lock file gone: still a new journal, not offered
    assert c.left_behind() == []


@pytest.mark.parametrize("unlink_held", [True, False])
def test_lock_files_are_removed_where_an_open_file_cannot_be_deleted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unlink_held: bool) -> None:
    """On Windows deleting a file this process has open is PermissionError (WinError 32): the lock
    files were unlinked while held open (as a window ends, in the sweep, as a left journal is
    removed or set aside), so the offer of the file's journals died in the sweep. Here Windows is
    played on Linux: lock files are closed before they are unlinked, and a failed unlink is
    harmless (swept later), never an error out of left_behind."""
    monkeypatch.setattr(open_files, "_UNLINK_HELD", unlink_held)  # (the one lock helper: services/open_files.py)
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        held = {os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
        if self.exists() and os.path.realpath(self) in held:
            raise PermissionError(13, "The process cannot access the file because it is being used")
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    ended = Journal(tmp_path, "/x/file.sqlite", "master")
    ended.append({"value:a": "1"})
    assert ended.flush()
    ended.rewrite({})  # saved: its journal goes, its lock file stays until the window ends
    assert ended.flush()
    assert ended._lock_fd is not None
    os.close(ended._lock_fd)  # the process dies: the OS releases the lock
    ended._lock_fd = None
    other = Journal(tmp_path, "/x/file.sqlite", "master")
    assert other.left_behind() == []
    assert ended.lock_path.exists() is unlink_held  # (Linux: unlinked while held; "Windows": after closing)

    crashed = Journal(tmp_path, "/x/file.sqlite", "master")
    crashed.append({"value:b": "2"})
    assert crashed.flush()
    crashed.close()  # its window ends with the edit unsaved: the lock file stays with the journal
    assert flush_all() and crashed.lock_path.exists()
    os.utime(crashed.path, (1, 1))
    left = other.left_behind()
    assert [x.path for x in left] == [crashed.path]
    left[0].remove()
    assert not crashed.path.exists() and crashed.lock_path.exists() is unlink_held


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # (fork with the writer thread: the child only waits)
def test_a_forked_process_does_not_keep_a_dead_windows_lock(tmp_path: Path) -> None:
    """A server master's first screen is read by a process forked from the window's
    (services/opening.py): it got the window's locked lock files, and a flock lives as long as any
    process has the file open. The window crashing while that process still read (up to its
    timeout) left its journal looking alive: not offered to a window opened meanwhile."""
    j = Journal(tmp_path, "/x/file.sqlite", "master")
    j.append({"value:a": "1"})
    assert j.flush() and j._lock_fd is not None
    go_on, told = os.pipe()
    up, started = os.pipe()
    pid = os.fork()
    if pid == 0:  # the forked reader: says it runs, then waits until told to end
        os.write(started, b"x")
        os.read(go_on, 1)
        os._exit(0)
    os.read(up, 1)
    try:
        os.close(j._lock_fd)  # the window's process dies (the OS closes its files)
        j._lock_fd = None
        other = Journal(tmp_path, "/x/file.sqlite", "master")
        left = other.left_behind()
        assert [x.path for x in left] == [j.path], "the forked process keeps the dead window's lock"
        left[0].release()
    finally:
        os.write(told, b"x")
        os.waitpid(pid, 0)
        for fd in (go_on, told, up, started):
            os.close(fd)
