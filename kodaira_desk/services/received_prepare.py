"""What a collection's worker process does with each returned file (services.received_files):
the stages that need only the file, and its answer. Kept apart from the collection's side so a
worker imports only what preparing a file needs (its start-up is CPU the collection pays).

Run by `python -P -m kodaira_desk.services.received_worker`; its protocol: the greeting, then for
each (original, folder, CPU budget) read from its stdin one answer pickled to its stdout, until
its stdin ends. Each file gets its budget of this process's CPU (RLIMIT_CPU: past it the kernel
ends the process with SIGXCPU, and the collection refuses that file only).
"""

from __future__ import annotations

import math
import pickle
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from kodaira_desk.store.department_file import (
    PRIVATE_PREFIX,
    DepartmentFile,
    check_received,
    inspect,
    open_untrusted,
    private_copy,
)
from kodaira_desk.store.field_delta import Reference, keep_reference

if sys.platform != "win32":
    import resource

GREETING = b"kodaira-desk received-worker 3\n"  # written first: a worker that started and speaks this protocol
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Prepared:
    """A returned file after the stages that need only the file: its bytes checked, a private
    copy with its hash, SQLite's checks and its fields read (or the error that stopped them)."""

    copy: Path | None
    sha: str
    file: DepartmentFile | None
    error: Exception | None
    book: bool = False  # a returned Excel workbook: read in turn, against the master's record of it
    # in the collecting process, for an answer made of differences (received_files.whole_again): the
    # fields they were applied to, the fields that differ and those it lacks (never sent by a worker)
    against: tuple[Fields, Fields, list[str]] | None = field(default=None, compare=False)


def prepare(original: Path, folder: Path, reference: Reference | None = None) -> Prepared:
    """One file's preparation; any error is returned, to be raised in turn where the file is
    refused with its name. `reference`: a file of the same collection read whole (store.field_delta)."""
    copy: Path | None = None
    sha = ""
    book = False
    try:
        check_received(original)  # from its status: a FIFO or a folder is refused before it is opened
        copy, sha = private_copy(original, folder)  # opened without blocking; every later read is of the copy
        book = _claimed(copy, original.name)  # by content, not by name
        return Prepared(copy, sha, None if book else inspect(original, copy=copy, digest=sha, reference=reference),
                        None, book)
    except Exception as exc:
        return Prepared(copy, sha, None, exc, book)


def _claimed(copy: Path, name: str) -> bool:
    """Whether the file is a returned workbook (io.dept_workbook.guard.claims); a SQLite file is
    not, whatever its name, and is told without importing the workbook's reader (a worker's start)."""
    try:
        with copy.open("rb") as f:
            if f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                return False
    except OSError:
        pass  # claims says
    from kodaira_desk.io.dept_workbook.guard import claims  # the workbook's reader: only for other files

    return claims(copy, name)


def portable(prepared: Prepared) -> Prepared:
    """`prepared` as it can travel between processes: an error that cannot be pickled whole
    travels as its kind and words."""
    if prepared.error is None:
        return prepared
    try:
        pickle.loads(pickle.dumps(prepared.error))
        return prepared
    except Exception:
        error = RuntimeError(f"{type(prepared.error).__name__}: {str(prepared.error)[:200]}")
        return Prepared(prepared.copy, prepared.sha, None, error, prepared.book)


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """A worker's loop: (original, folder, CPU budget) in, Prepared out, until `requests` ends."""
    no_core_files()
    answers.write(GREETING)
    answers.flush()
    reference: Fields | None = None
    kept: Reference | None = None  # the first file read whole: the next are read as what differs from it
    try:
        while True:
            try:
                original, folder, budget = pickle.load(requests)
            except EOFError:
                return
            limit_cpu(budget)
            prepared = prepare(original, folder, kept)
            if kept is None and prepared.file is not None and prepared.copy is not None:
                kept = keep_reference(prepared.copy, folder, PRIVATE_PREFIX, prepared.file.fields, open_untrusted)
            answer, reference = compact(portable(prepared), reference)
            pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
            answers.flush()
    finally:
        if kept is not None:
            kept.remove()


Fields = dict[str, str | None]
Delta = tuple[Fields, list[str]]  # the fields that differ from a worker's first file's, and those it lacks
_ABSENT = object()


def compact(prepared: Prepared, reference: Fields | None) -> tuple[tuple[Prepared, Delta | None], Fields | None]:
    """A worker's answer: its first file's fields whole (the reference of the next answers), then
    each file's as what differs from those (a few fields of thousands: some 380 KB less to pickle
    and unpickle each time; whole_again rebuilds them). Returns the answer and the reference."""
    f = prepared.file
    if f is None:
        return (prepared, None), reference
    if reference is None:
        return (prepared, None), f.fields
    get = reference.get
    changed = {k: v for k, v in f.fields.items() if get(k, _ABSENT) != v}
    lacks = [k for k in reference if k not in f.fields]
    return (replace(prepared, file=replace(f, fields={})), (changed, lacks)), reference


def no_core_files() -> None:
    """A worker the kernel ends for its CPU leaves no core file behind."""
    if sys.platform == "win32":  # no limits of the kind (the SQLite checks' own CPU budget holds)
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (0, hard))


def limit_cpu(budget: float) -> None:
    """The kernel ends this process (SIGXCPU) once it has used `budget` more seconds of CPU (whole
    seconds; never past the hard limit, which cannot be raised again)."""
    if sys.platform == "win32":
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = math.ceil(used.ru_utime + used.ru_stime + budget)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
