"""The one way a file is written safely: beside its final place, fsynced, renamed, folder fsynced.

Whoever looks at the target sees the old file or the whole new one, never half of it, even after a
power cut (the rename is made durable by fsyncing the folder). The temporary file is removed on
every path out, failure included. An OSError (disk full, no permission) becomes an AtomicWriteError
whose message names the path, in Japanese.

    with atomic_path(out) as tmp:      # tmp is beside out, in the same folder
        write_something(tmp)           # any writer that takes a path
    # here out is the whole new file

`store/` cannot import this module (a sibling layer): its writers take the temporary path from the
service, which wraps them with `atomic_path`.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.os_reasons import in_use, os_reason

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

# Temporary names start with this, so a sweep can recognise what a killed process left behind.
TMP_PREFIX = ".kd-tmp-"


class AtomicWriteError(DomainError):
    """A file that could not be written; `path` is the file meant, `message` is for the person (its
    template and parameters too: the window says it in the language in use, ui/domain_words.py)."""

    def __init__(self, path: Path, message: str, *, template: str | None = None,
                 params: dict[str, object] | None = None) -> None:
        super().__init__(message, template=template, params=params)
        self.path = path


def os_error_words(exc: OSError) -> str:
    """What went wrong, as a template naming {path} (and {why} for a cause without words of ours)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "{path}: ディスクの空きが足りないため書き込めませんでした。空きを作ってからもう一度実行してください。"
    if in_use(exc):  # (Windows: the file open in Excel or Acrobat, said as a PermissionError)
        return IN_USE
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "{path}: 書き込みの権限がありません（読み取り専用の場所かファイルです）。別の場所を選んでください。"
    if exc.errno == errno.ENOENT:
        return "{path}: フォルダが見つかりません。"
    return "{path}: 書き込めませんでした（{why}）。"


IN_USE = "{path}: ほかのプログラム（Excel など）が開いているため書き込めませんでした。そのファイルを閉じてからもう一度実行してください。"
IN_THE_WAY = "{path}: 同じ名前のファイルがあるため、フォルダを作れません。書き出す先のフォルダを確かめてください。"


def in_the_way(path: Path, exc: OSError) -> Path | None:
    """The file standing where a folder to write in was meant (`--out` given a file where a folder
    was asked for): `path` itself or one of its folders; None for another error."""
    if exc.errno not in (errno.EEXIST, errno.ENOTDIR):
        return None
    return next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)


def os_error_message(path: Path, exc: OSError) -> str:
    """What went wrong with `path`, in words a person can act on."""
    blocker = in_the_way(path, exc)
    if blocker is not None:
        return IN_THE_WAY.format(path=blocker)
    return os_error_words(exc).format(path=path, why=os_reason(exc))


def _fsync(path: Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Make a file's content durable. The file is opened for writing: on Windows os.fsync is
    FlushFileBuffers, which refuses a handle without write access (so a file is synced before
    it is made read-only, `_into_place`)."""
    _fsync(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable: a folder opens read-only on POSIX (not
    possible on Windows: skipped there)."""
    if os.name != "nt":
        _fsync(folder, os.O_RDONLY)


def temporary_beside(target: Path) -> Path:
    """A fresh, empty temporary file in the target's folder (the rename stays on one filesystem)."""
    fd, name = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    return Path(name)


def _umask() -> int:
    mask = os.umask(0o022)  # read at import, before any worker thread exists
    os.umask(mask)
    return mask


_UMASK = _umask()


def normal_mode() -> int:
    """The mode an ordinary new file of this person gets (0644 under the usual umask 022)."""
    return 0o666 & ~_UMASK


def _give_mode(tmp: Path, target: Path, mode: int | None = None) -> None:
    """mkstemp's file is private (0600): the result gets `mode` when given (a received copy is
    read-only), else the mode of the file it replaces, or the person's normal mode for a new file
    (a PDF or workbook others in the division open)."""
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = normal_mode()
    os.chmod(tmp, mode)


def _into_place(tmp: Path, target: Path, mode: int | None) -> None:
    fsync_file(tmp)  # while still writable (a received copy is made read-only)
    _give_mode(tmp, target, mode)  # journalled with the rename, which the folder's fsync commits
    os.replace(tmp, target)


def _sync_then_mode(tmp: Path, target: Path) -> None:
    fsync_file(tmp)  # while still writable
    _give_mode(tmp, target)


def _failed(target: Path, exc: OSError) -> AtomicWriteError:
    blocker = in_the_way(target.parent, exc)
    if blocker is not None:
        return AtomicWriteError(blocker, IN_THE_WAY.format(path=blocker), template=IN_THE_WAY,
                                params={"path": blocker})
    params: dict[str, object] = {"path": target, "why": os_reason(exc)}
    return AtomicWriteError(target, os_error_message(target, exc), template=os_error_words(exc), params=params)


@contextmanager
def atomic_path(target: Path, *, mkdir: bool = True, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `target`; when the block ends normally it becomes `target`
    (with `mode`, else the mode of the file it replaces, else the person's normal mode)."""
    target = Path(target)
    try:
        if mkdir:
            target.parent.mkdir(parents=True, exist_ok=True)
        tmp = temporary_beside(target)
    except OSError as exc:
        raise _failed(target, exc) from exc
    try:
        yield tmp
        _into_place(tmp, target, mode)
        fsync_dir(target.parent)
    except OSError as exc:
        raise _failed(target, exc) from exc
    finally:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes, *, mode: int | None = None) -> None:
    with atomic_path(target, mode=mode) as tmp, tmp.open("wb") as f:
        f.write(data)


def write_text(target: Path, text: str, *, encoding: str = "utf-8") -> None:
    """`text` as it is (no newline translation): UTF-8, or "utf-8-sig" for a CSV Excel opens."""
    write_bytes(target, text.encode(encoding))


def copy_file(source: Path, target: Path, *, mode: int | None = None) -> None:
    """A copy of `source` at `target`, whole or not at all."""
    with atomic_path(target, mode=mode) as tmp:
        shutil.copyfile(source, tmp)


def move_into_place(written: Path, target: Path, *, mode: int | None = None) -> None:
    """A file already written whole on the target's filesystem (a private working copy) takes the
    target's name: given its mode, fsynced, renamed, the folder fsynced."""
    try:
        _into_place(written, target, mode)
        fsync_dir(target.parent)
    except OSError as exc:
        raise _failed(target, exc) from exc


def _sync_pool(threads: int) -> ThreadPoolExecutor:
    """The threads that sync files behind (concurrent.futures imported with the first: the window's
    start-up writes nothing, issue 27)."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(threads, thread_name_prefix="kd-fsync")


def _wait_for(syncs: list[tuple[Path, Future[None]]]) -> None:
    """Every sync ended; the first that failed (a full disk) raised, naming its file."""
    failed: AtomicWriteError | None = None
    for target, done in syncs:
        try:
            done.result()
        except OSError as exc:
            failed = failed or _failed(target, exc)
    if failed is not None:
        raise failed


def _sync_and_mode(path: Path, mode: int | None) -> None:
    fsync_file(path)  # while still writable
    if mode is not None:
        os.chmod(path, mode)


class SyncedBehind:
    """Files already written whole that take their names at once, their content made durable on
    a few threads while the caller goes on (a collection's kept copies: the next file merges while
    this one's 2.8 MB reach the disk, issue 27). `synced` waits for every sync (each file then gets
    its mode) and fsyncs their folders; the first failure raises AtomicWriteError naming its file.
    Call it before the commit that records the files: a kill before it leaves files nothing
    records, which whoever records them must remove (services.rounds.collect's `tidy`)."""

    SYNC_THREADS = 4

    def __init__(self) -> None:
        self._syncs: list[tuple[Path, Future[None]]] = []
        self._pool: ThreadPoolExecutor | None = None

    def move(self, written: Path, target: Path, *, mode: int | None = None) -> None:
        """`written` renamed to `target` now; its sync (then its mode) started behind."""
        try:
            os.replace(written, target)
        except OSError as exc:
            raise _failed(target, exc) from exc
        if self._pool is None:
            self._pool = _sync_pool(self.SYNC_THREADS)
        self._syncs.append((target, self._pool.submit(_sync_and_mode, target, mode)))

    def synced(self) -> None:
        """Every file moved so far on the disk with its mode, and its folder's entry too."""
        syncs, self._syncs = self._syncs, []
        _wait_for(syncs)
        for folder in dict.fromkeys(target.parent for target, _ in syncs):
            try:
                fsync_dir(folder)
            except OSError as exc:
                raise _failed(folder, exc) from exc

    def close(self) -> None:
        """No sync left running (before the files are removed, on a failure)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self._syncs = []


class FileGroup:
    """Several files written beside their places that take their names together, at the end of
    `atomic_group` (after the transaction that records them has committed).

    Each file is fsynced on a few threads as soon as its block ends, while the caller writes the
    next one (fsync releases the interpreter's lock, and the disk takes several files' syncs in
    one journal commit: 48 department files of 2.8 MB synced behind in 0.15 s against 0.55–1.6 s
    one after the other, issue 27). `synced` waits for them and raises the first failure (a full
    disk): a caller with a transaction calls it before committing; the group's end calls it too,
    before any file takes its name."""

    SYNC_THREADS = 4

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._syncs: list[tuple[Path, Future[None]]] = []
        self._pool: ThreadPoolExecutor | None = None

    @contextmanager
    def path(self, target: Path) -> Iterator[Path]:
        """A temporary path beside `target`; when the block ends its fsync starts, then it is given
        its mode (`synced` waits for both), and it waits for the group's end."""
        target = Path(target)
        try:
            tmp = temporary_beside(target)
        except OSError as exc:
            raise _failed(target, exc) from exc
        self._pending.append((tmp, target))
        yield tmp
        if self._pool is None:
            self._pool = _sync_pool(self.SYNC_THREADS)
        self._syncs.append((target, self._pool.submit(_sync_then_mode, tmp, target)))

    def synced(self) -> None:
        """Wait until every file written so far is on the disk; the first failure (a full disk)
        raises AtomicWriteError naming its file, once every sync has ended."""
        syncs, self._syncs = self._syncs, []
        _wait_for(syncs)

    def _commit(self) -> None:
        self.synced()
        for tmp, target in self._pending:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise _failed(target, exc) from exc
        for folder in dict.fromkeys(target.parent for _, target in self._pending):
            try:
                fsync_dir(folder)
            except OSError as exc:
                raise _failed(folder, exc) from exc

    def _discard(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)  # no sync still running on a file about to be removed
            self._pool = None
        for tmp, _ in self._pending:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)


@contextmanager
def atomic_group() -> Iterator[FileGroup]:
    """Files that appear together or not at all (as far as a rename can promise):

        with atomic_group() as files:
            with db.unit_of_work() as s:        # the records of the files
                with files.path(out / name) as tmp:
                    write(tmp)
        # committed: every file has its name; on any error, none was left behind
    """
    group = FileGroup()
    try:
        yield group
        group._commit()
    finally:
        group._discard()


def write_texts(targets: dict[Path, str], *, encoding: str = "utf-8") -> None:
    """Several text files that appear together or not at all: a full disk while the second is
    written leaves none of them (and the first one's earlier version, if any, in place)."""
    with atomic_group() as group:
        for target, text in targets.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _failed(target, exc) from exc
            with group.path(target) as tmp:
                try:
                    tmp.write_bytes(text.encode(encoding))
                except OSError as exc:
                    raise _failed(target, exc) from exc


def sweep(folder: Path, name: str = "") -> list[Path]:
    """Remove what a killed writer left in `folder`: its temporary files (only those meant to
    become `name`, when given). Returns what was removed."""
    removed: list[Path] = []
    try:
        leftovers = list(folder.glob(f"{TMP_PREFIX}{name}.*" if name else f"{TMP_PREFIX}*"))
    except OSError:
        return removed
    for p in leftovers:
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed
