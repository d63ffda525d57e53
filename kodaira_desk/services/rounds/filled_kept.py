"""A re-issue (handout --again, the 配布 dialog's 再配布) into the folder where a clerk saved its filled
file: the new file takes the name, and the file it replaces, when it holds a save of the clerk's that
was never collected, is first kept beside under a name no file has (提出用_令和8年度_生活支援課.配布し直す
前の入力.kdesk, services/replaced_handout.copy_name: the name a window's typing is kept under when its
hand-out is replaced), so no saved value is lost without a word; the hand-out names it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from kodaira_desk.io.atomic import copy_file
from kodaira_desk.services.replaced_handout import copy_name
from kodaira_desk.store.department_file import sha256_of
from kodaira_desk.store.reader import get_meta


def filled_uncollected(path: Path, merged: set[str]) -> bool:
    """Whether the file at `path` holds what a clerk saved and nobody collected: a department file
    saved at least once whose content was never merged, or a file that cannot be read as one (what it
    holds is not known: kept rather than lost)."""
    try:
        with closing(sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=1.0)) as con:
            kind, revision = get_meta(con, "file_kind"), get_meta(con, "revision")
        if kind == "department" and int(revision or "0") <= 0:
            return False  # a hand-out as it was made: nothing of the clerk's in it
    except (sqlite3.Error, ValueError):
        pass
    try:
        return sha256_of(path) not in merged
    except OSError:
        return False  # gone meanwhile: nothing to keep


def keep_filled(paths: Iterable[Path], merged: set[str]) -> dict[Path, Path]:
    """Each file at `paths` a re-issue replaces that holds an uncollected save, copied whole beside
    (synced before it has its name): replaced path -> kept copy."""
    kept: dict[Path, Path] = {}
    try:
        for path in paths:
            if path.is_file() and filled_uncollected(path, merged):
                target = copy_name(path)
                copy_file(path, target)
                kept[path] = target
    except BaseException:
        forget(kept)  # (nothing replaced yet: every copy goes)
        raise
    return kept


def forget(kept: dict[Path, Path]) -> None:
    """The copies of a re-issue that failed, removed where the file under the original name still
    holds what was copied. The files take their names one by one after the records commit
    (io.atomic.FileGroup): when a later rename fails, the earlier files were replaced already, and
    their copies are then the only place the clerk's save is: they stay."""
    for original, copy in kept.items():
        if _same_content(original, copy):
            copy.unlink(missing_ok=True)


def _same_content(original: Path, copy: Path) -> bool:
    try:
        return sha256_of(original) == sha256_of(copy)
    except OSError:
        return False  # unreadable or gone: not known to be in place, the copy stays
