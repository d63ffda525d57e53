"""Preparing returned files for a collection: the stages that need only the file (its status and
bytes, a private copy with its hash, SQLite's checks, its fields read and its content hash checked),
done ahead of the merge, in worker processes when the machine has the cores for it.

Each file's preparation is independent of the others and of the master: it reads the returned
file and writes only its private copy. Profiled at ×10 (48 files), it is two thirds of a
collection's CPU, and Python runs one thread at a time; so a collection of several files prepares
them in worker processes (issue 27) while it merges them one by one, in their order, in its one
transaction (services.rounds.collect, MERGE.md). The merge is never in a worker, and no worker
opens the master.

A worker is a fresh interpreter (`python -m kodaira_desk.services.received_worker`), never a fork
of the application (whose Qt threads a fork would copy in an undefined state), and never imports
the application's main module (multiprocessing's spawn and forkserver do, and an entry script
without its `__main__` guard would run again). It reads the files to prepare from its stdin and
writes each Prepared, pickled, in that order; it ignores Ctrl+C (its collection stops it), prints
nothing (its stderr goes nowhere: no traceback reaches the command line) and ends when its stdin
closes, which is also what happens when the collecting process ends, kill -9 included. A worker
that dies (a crash, a kill) loses only the file it was preparing, which is refused by name; its
other files go to a new worker. A worker greets first: one that ends before its greeting (an
import error, a library printing as it starts) blames no file, and its files and the rest are
prepared in this process. Its answers are rebuilt only from the classes a Prepared is made of,
and a private copy it names must be in the collection's folder (what is removed after a merge). When the collection stops early its workers are killed and their
private copies removed. With one core, few files, or in a bundled application (no interpreter to
start), the next file is prepared on one thread while this one merges, as before. A worker (or
the thread) reads its first file whole and keeps it as the reference of the next ones, which are
read as the rows that differ from it (store.field_delta: a few of thousands), and answers a worker
sends after its first are those differences (the merge works out a file's changes from them).

A hostile file cannot hold a collection: each file may use CPU_BUDGET_S seconds of its worker's
CPU (not of the wall clock: a valid file on a loaded machine is slow, not hostile), after which the
kernel ends the worker (RLIMIT_CPU, SIGXCPU) and only that file is refused (`too_slow`), by name;
SQLite's own checks stop sooner, on the preparing thread's CPU clock (store.department_file). Each
worker's answers are read on a thread of their own as they come, so a worker never waits for the
pipe, and the collection, while it waits for a file, calls its `tick` (the progress callback: the
window's キャンセル raises there) — a cancel takes effect within a file: the workers are killed and
their copies removed. The files asked ahead are capped in bytes (MAX_AHEAD_BYTES): so are the
private copies beside the master at any one time.
"""

from __future__ import annotations

import os
import pickle
import queue
import shutil
import signal
import site
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from kodaira_desk.domain.round import Outcome
from kodaira_desk.services.received_prepare import (
    GREETING,
    Fields,
    Prepared,
    prepare,
)
from kodaira_desk.store.department_file import (
    PRIVATE_PREFIX,
    FileRefused,
    open_untrusted,
    too_slow,
)
from kodaira_desk.store.field_delta import Reference, keep_reference

MIN_FILES_FOR_PROCESSES = 4  # fewer: starting the workers costs more than they save
# less in all: starting the workers (~0.2 s of CPU each) costs more than they save; the city's 16
# files of 0.6 MB were collected in 0.34 s with workers, 0.22 s without (bench_round.py ×1, quiet)
MIN_BYTES_FOR_PROCESSES = 32 << 20
MAX_WORKERS = 4
AHEAD = 2  # files asked of each worker before its first answer is read
# the files asked ahead (and so the private copies beside the master) at most this many bytes in
# all, beyond the one file asked whatever its size
MAX_AHEAD_BYTES = 256 << 20
# the CPU one file may use in a worker (a 2.8 MB file uses some 0.03 s; a zip of 300,000 entries
# took 9 s): past it the kernel ends the worker and that file is refused (too_slow)
CPU_BUDGET_S = 30
TICK_S = 0.1  # how often the collection's tick is called while it waits for a file
WORKER_MODULE = "kodaira_desk.services.received_worker"


class _Answers(pickle.Unpickler):
    """A worker's answers read back: only the classes a Prepared is made of (the worker parses
    hostile files; what it sends is rebuilt from these and nothing else)."""

    MODULES = ("kodaira_desk.domain.", "kodaira_desk.store.department_file", "kodaira_desk.services.received_prepare")
    STDLIB = frozenset({("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "PurePosixPath"),
              ("pathlib", "PureWindowsPath"), ("datetime", "date"), ("datetime", "datetime"),
              ("datetime", "timezone"), ("datetime", "timedelta"), ("decimal", "Decimal")})

    def find_class(self, module: str, name: str) -> type:
        found = super().find_class(module, name)
        known = (module, name) in self.STDLIB or module.startswith(self.MODULES) or (
            module == "builtins" and isinstance(found, type) and issubclass(found, Exception))
        if not known or not isinstance(found, type):
            raise pickle.UnpicklingError(f"{module}.{name} is not part of an answer")
        return found


def whole_again(answer: object, reference: Fields | None) -> tuple[Prepared, Fields | None]:
    """A Prepared with every field, from an answer `compact` made with the same reference (and
    what it was made of: the merge works out the file's changes from them, services.rounds.collect)."""
    if not (isinstance(answer, tuple) and len(answer) == 2 and isinstance(answer[0], Prepared)):
        raise WorkerDied(f"unexpected answer {type(answer).__name__}")
    prepared, delta = answer
    f = prepared.file
    if delta is None:
        return prepared, (f.fields if f is not None and reference is None else reference)
    if f is None or reference is None or not (isinstance(delta, tuple) and len(delta) == 2
                                              and isinstance(delta[0], dict) and isinstance(delta[1], list)):
        raise WorkerDied("a difference without its reference")
    fields = dict(reference)
    fields.update(delta[0])
    for k in delta[1]:
        fields.pop(k, None)
    return replace(prepared, file=replace(f, fields=fields), against=(reference, delta[0], delta[1])), reference


def size_of(files: Sequence[Path]) -> int:
    """The files' bytes in all, from their status (a file that cannot be asked counts nothing:
    its preparation refuses it by name)."""
    total = 0
    for f in files:
        with suppress(OSError):
            total += os.stat(f).st_size
    return total


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def workers_for(n_files: int, size: int | None = None) -> int:
    """How many worker processes prepare `n_files` of `size` bytes in all (0: one thread beside
    the merge)."""
    if getattr(sys, "frozen", False) or not sys.executable or n_files < MIN_FILES_FOR_PROCESSES or cores() < 2:
        return 0
    if size is not None and size < MIN_BYTES_FOR_PROCESSES:
        return 0
    return min(cores(), MAX_WORKERS, n_files)


Tick = Callable[[], None]


def no_tick() -> None:
    pass


class Preparers:
    """The workers that prepare one collection's files (none: one thread), started as the
    collection starts, before it waits for the master's lock and reads it (their start-up, some
    0.2 s of CPU each, runs meanwhile). `close` ends them: after every answer was read they end by
    themselves; otherwise they are killed, and the private copies they made removed."""

    def __init__(self, n_files: int, workers: int | None = None, size: int | None = None) -> None:
        self.n = workers_for(n_files, size) if workers is None else workers
        self._pool: list[_Worker | _Here] = []
        try:
            for _ in range(self.n):
                self._pool.append(_Worker())
        except OSError:  # no process could be started (a limit, no memory): one thread, as before
            for w in self._pool:
                w.end(kill=True)
            self._pool, self.n = [], 0
        self._finished = self.n == 0
        self._folder: Path | None = None
        self._lost: list[Path] = []  # files whose worker died on them (their copies are left behind)

    def in_turn(self, files: Sequence[Path], folder: Path,
                tick: Tick = no_tick) -> Generator[tuple[Path, Prepared], None, None]:
        """Each file with its preparation, in order, the next ones prepared while the caller merges
        this one. `tick` is called every TICK_S while a file is awaited (what it raises stops the
        collection: close() then kills the workers). A copy prepared but never handed over (the
        collection stopped) is removed."""
        if not files:
            return
        if self.n == 0:
            yield from _on_a_thread(files, folder, tick)
            return
        self._folder = folder
        yield from _in_processes(self._pool, files, folder, self._lost, tick)
        self._finished = True

    def close(self) -> None:
        """End the workers (again: nothing); called while the collection holds the master's lock."""
        for w in self._pool:
            w.end(kill=not self._finished)
        if (self._lost or not self._finished) and self._folder is not None:
            # what killed or dead workers copied (the lock is held: no other collection is running)
            for p in self._folder.glob(f"{PRIVATE_PREFIX}*"):
                shutil.rmtree(p, ignore_errors=True)
        self._pool, self._folder = [], None


def _on_a_thread(files: Sequence[Path], folder: Path, tick: Tick) -> Generator[tuple[Path, Prepared], None, None]:
    """The next file prepared on a thread (SQLite, hashing and file I/O release the interpreter's
    lock) while the caller merges this one. A thread cannot be killed: a cancel waits for the file
    in hand (its SQLite checks stop at their CPU budget)."""
    kept: list[Reference] = []  # the first file read whole: the next are read as what differs from it

    def one(path: Path) -> Prepared:
        prepared = prepare(path, folder, kept[0] if kept else None)
        if not kept and prepared.file is not None and prepared.copy is not None:
            kept.extend(filter(None, [keep_reference(prepared.copy, folder, PRIVATE_PREFIX, prepared.file.fields,
                                                     open_untrusted)]))
        return prepared

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kd-collect") as pool:
        ahead: Future[Prepared] | None = pool.submit(one, files[0])
        try:
            for i, path in enumerate(files):
                assert ahead is not None
                while not ahead.done():
                    tick()
                    wait_for([ahead], timeout=TICK_S)
                prepared = ahead.result()
                ahead = pool.submit(one, files[i + 1]) if i + 1 < len(files) else None
                yield path, prepared
        finally:
            if ahead is not None:
                left = ahead.result()
                if left.copy is not None:
                    shutil.rmtree(left.copy.parent, ignore_errors=True)
            for ref in kept:
                ref.remove()


class WorkerDied(Exception):
    """A worker ended before answering (a crash while reading a file, a kill)."""


class WorkerNeverStarted(WorkerDied):
    """A worker ended, or spoke something else, before its greeting: the fault is in how it starts
    (an import error, a library printing on start, a limit), not in the file it was asked about."""


class WorkerOutOfTime(WorkerDied):
    """The kernel ended a worker for its CPU (SIGXCPU): the file it was on used its whole budget."""


def _worker_env(root: str) -> dict[str, str]:
    """The environment of a worker: where kodaira_desk is imported from added after what is set,
    and only when the interpreter would not find it itself (a source checkout); an install's
    site-packages is never put before the standard library."""
    sites = {str(Path(p).resolve()) for p in [*site.getsitepackages(), site.getusersitepackages()]}
    if root in sites:
        return dict(os.environ)
    return {**os.environ, "PYTHONPATH": os.pathsep.join([*filter(None, [os.environ.get("PYTHONPATH")]), root])}


class _Worker:
    """One worker process and the files asked of it, in order; its answers read on a thread of
    their own as they come (the worker never waits for the pipe while the collection merges)."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])  # where kodaira_desk is imported from
        self.proc = subprocess.Popen([sys.executable, "-P", "-m", WORKER_MODULE], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_worker_env(root))
        self.asked: deque[Path] = deque()
        self._answers: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, name="kd-collect-answers", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        """On the reader thread: the greeting, then each answer as it comes; what ended them last."""
        out = self.proc.stdout
        assert out is not None
        try:
            greeting = out.read(len(GREETING))
            if greeting != GREETING:
                self._answers.put(WorkerNeverStarted(repr(greeting[:40])))
                return
            reference: Fields | None = None
            while True:
                prepared, reference = whole_again(_Answers(out).load(), reference)
                self._answers.put(prepared)
        except Exception as exc:  # EOF: it ended; anything else: it cannot be trusted to go on
            self._answers.put(WorkerDied(str(exc)))

    def ask(self, path: Path, folder: Path) -> None:
        assert self.proc.stdin is not None
        with suppress(OSError):  # it died: its answer will say so
            pickle.dump((path, folder, CPU_BUDGET_S), self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.proc.stdin.flush()
        self.asked.append(path)

    def answer(self, tick: Tick = no_tick) -> Prepared:
        """The preparation of the oldest file asked; `tick` called while it is awaited."""
        self.asked.popleft()
        try:
            got = self._answers.get_nowait()
        except queue.Empty:
            got = None
        while got is None:
            tick()
            with suppress(queue.Empty):
                got = self._answers.get(timeout=TICK_S)
        if isinstance(got, WorkerNeverStarted):
            raise got
        if isinstance(got, WorkerDied):
            raise WorkerOutOfTime(str(got)) if self._out_of_cpu() else got
        if not isinstance(got, Prepared):
            raise WorkerDied(f"unexpected answer {type(got).__name__}")
        return got

    def _out_of_cpu(self) -> bool:
        """Whether the kernel ended it for its CPU (its stdout ended: it is ending, or hung up)."""
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return False
        return hasattr(signal, "SIGXCPU") and code == -signal.SIGXCPU

    def end(self, *, kill: bool) -> None:
        if kill:
            self.proc.kill()
        if self.proc.stdin is not None:
            with suppress(OSError):
                self.proc.stdin.close()
        self.proc.wait()
        self._reader.join()  # its stdout ended with it
        if self.proc.stdout is not None:
            with suppress(OSError):
                self.proc.stdout.close()


class _Here:
    """In place of a worker that could not be started again: its files prepared in this process,
    one by one as their answers are asked for."""

    def __init__(self) -> None:
        self.asked: deque[tuple[Path, Path]] = deque()

    def ask(self, path: Path, folder: Path) -> None:
        self.asked.append((path, folder))

    def answer(self, tick: Tick = no_tick) -> Prepared:
        return prepare(*self.asked.popleft())

    def end(self, *, kill: bool) -> None:
        self.asked.clear()


def _its_own(prepared: Prepared, folder: Path) -> bool:
    """The private copy an answer names is one made in the collection's folder (the folder of a
    copy is removed after its merge: never one elsewhere)."""
    copy = prepared.copy
    return copy is None or (copy.parent.parent == folder and copy.parent.name.startswith(PRIVATE_PREFIX))


def _replacement(started: bool) -> _Worker | _Here:
    """A new worker for one that died on a file; none after one that never started (the next
    would not either): its files are prepared in this process."""
    if not started:
        return _Here()
    try:
        return _Worker()
    except OSError:
        return _Here()


def _died(path: Path) -> Prepared:
    return Prepared(None, "", None, FileRefused(
        Outcome.UNEXPECTED.value, f"{path.name}: ファイルを確かめる処理が途中で終わってしまったため、このファイルは"
        "取り込みませんでした（ファイルが壊れている可能性があります）。ほかのファイルは続けて取り込みます。"))


def _too_slow(path: Path) -> Prepared:
    return Prepared(None, "", None, too_slow(path.name, CPU_BUDGET_S))


def _in_processes(pool: list[_Worker | _Here], files: Sequence[Path], folder: Path,
                  lost: list[Path], tick: Tick = no_tick) -> Iterator[tuple[Path, Prepared]]:
    """Up to AHEAD files asked of each worker, and no more than MAX_AHEAD_BYTES of them beyond
    the first; the answers read in the files' order. A file whose worker died on it is added to
    `lost`."""
    waiting = deque(files)
    order: deque[tuple[Path, int, list[_Worker | _Here]]] = deque()  # each file asked, its size, who answers
    pending = 0  # the bytes of the files asked and not yet merged
    while waiting or order:
        while waiting and len(order) < AHEAD * len(pool):
            size = size_of([waiting[0]])
            if order and pending + size > MAX_AHEAD_BYTES:
                break
            w = min(pool, key=lambda w: len(w.asked))
            path = waiting.popleft()
            w.ask(path, folder)
            order.append((path, size, [w]))
            pending += size
        path, size, (w,) = order.popleft()
        try:
            prepared = w.answer(tick)
            if not _its_own(prepared, folder):
                raise WorkerDied(f"a copy outside {folder}")
        except WorkerDied as exc:
            started = not isinstance(exc, WorkerNeverStarted)
            # a file a worker died on is refused; one asked of a worker that never started is not
            # to blame: it is prepared here, as are that worker's other files
            prepared = (_too_slow(path) if isinstance(exc, WorkerOutOfTime) else _died(path)) if started \
                else prepare(path, folder)
            lost.append(path)
            new = _replacement(started)
            pool[pool.index(w)] = new
            for p, _size, who in order:
                if who[0] is w:
                    who[0] = new
                    new.ask(p, folder)
            w.end(kill=True)
        yield path, prepared
        pending -= size  # merged (its copy removed by the caller)
