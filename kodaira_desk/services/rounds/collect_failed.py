"""A collection that took nothing in (the master busy, its disk full, not writable, damaged): the
message as written (Japanese), and what the window needs to say it in the language in use — the
kind of failure, the file or place it names, the files not taken in."""

from __future__ import annotations

import errno
from collections.abc import Sequence
from pathlib import Path

from kodaira_desk.io.atomic import AtomicWriteError
from kodaira_desk.services.rounds.common import RoundError
from kodaira_desk.store.database import BusyError, Database, StoreError
from kodaira_desk.store.errors import is_corrupt, write_error_kind

SHOWN = 5  # files named in the message; the rest counted


class CollectionFailed(RoundError):
    """Nothing collected. `kind`: "busy", "full", "readonly", "server_full", "server_readonly",
    "corrupt", or "" (said only as written); `where`: the file or place it names."""

    def __init__(self, message: str, kind: str, where: str, files: Sequence[str]) -> None:
        super().__init__(message)
        self.kind = kind
        self.where = where
        self.files = tuple(files)


def collection_failed(exc: StoreError | AtomicWriteError, db: Database, files: Sequence[Path]) -> CollectionFailed:
    """`exc` (which ended the collection before anything was written) as the collection's failure."""
    names = [Path(p).name for p in files]
    shown = "、".join(names[:SHOWN]) + (f" ほか{len(names) - SHOWN}件" if len(names) > SHOWN else "")
    kind, where = _kind(exc, db)
    return CollectionFailed(f"{exc.message} 取り込まなかったファイル: {shown}", kind, where, names)


def _kind(exc: StoreError | AtomicWriteError, db: Database) -> tuple[str, str]:
    if isinstance(exc, BusyError):
        return "busy", Path(db.name).name  # (as busy_message names it)
    cause = exc.__cause__
    if isinstance(exc, AtomicWriteError):  # a copy of the master or of a received file not written
        number = cause.errno if isinstance(cause, OSError) else None
        full = number in (errno.ENOSPC, errno.EDQUOT)
        readonly = number in (errno.EACCES, errno.EPERM, errno.EROFS)
        return ("full" if full else "readonly" if readonly else ""), str(exc.path)
    if cause is None:
        return "", db.location
    if is_corrupt(cause):
        return "corrupt", db.location
    return write_error_kind(cause) or "", db.location
