"""Where an open database file lives: whether a save could be written there, and a copy of it
somewhere else (名前を付けて保存), for a file opened from a CD, a locked USB stick or a share
without write permission — or a file no longer there at all (the stick pulled out, the folder
moved): the copy is then read through the connection kept open since the file was opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.io.atomic import atomic_path
from kodaira_desk.io.writable import cannot_write

GONE = "「{file}」が見つかりません（{folder} が移動されたか、USB メモリなどが抜かれたようです）。"
UNREADABLE = ("「{file}」がなくなり、中身も読めないため、名前を付けて保存できませんでした。入力した値は復旧用の記録"
              "（{journal}）に残っています。ファイルを元の場所に戻してから開き直すと、入力を戻せます。")


DAMAGED = ("「{file}」は開いている間に壊れたため（中身の一部が読めません）、名前を付けて保存しませんでした。"
           "写すと、その写しも壊れたファイルになり、提出しても取り込めません。「{target}」には何も書き込んでいません。")


SAVED_DAMAGED = ("「{file}」は開いている間に壊れたため（中身の一部が読めません）、保存した内容を読み戻せませんでした。"
                 "このファイルに保存しても、提出しても取り込めません。")


class FileGone(DomainError):
    """The open file is no longer where it was opened."""


class FileDamaged(DomainError):
    """The open file was damaged since it was opened: a copy of it would be damaged too."""


def cannot_save_in_place(path: Path) -> OSError | None:
    """Why a save of the file at `path` would fail where it is (the error a try met), or None."""
    return cannot_write(path)


def copy_as(source: Path, target: Path, kept: sqlite3.Connection | None = None, journal: str = "", *,
            replaced: bool = False) -> Path:
    """The file as it is stored, copied whole to `target` (the person's normal file mode: a copy
    from a CD is not read-only). A source no longer there is copied from `kept` (SQLite's backup
    of the connection held open); when that cannot read it either, FileGone says the typed values
    are in the recovery journal (`journal`). `replaced`: the file at `source` is another one now
    (a re-issue: services/replaced_handout.py), copied from `kept` only."""
    if not replaced and (source.is_file() or kept is None):
        if not source.is_file():
            raise FileGone.of(UNREADABLE, file=source.name, journal=journal)
        try:
            with atomic_path(target) as tmp:
                _backup_of(source, tmp)
                _sound(tmp, source, target)  # (a damaged copy never takes the target's name)
        except sqlite3.DatabaseError as exc:  # (not a database, or unreadable where it is)
            raise FileDamaged.of(DAMAGED, file=source.name, target=target.parent) from exc
        return target
    if kept is None:
        raise FileGone.of(UNREADABLE, file=source.name, journal=journal)
    try:
        with atomic_path(target) as tmp:
            copy = sqlite3.connect(tmp)
            try:
                kept.backup(copy)
            finally:
                copy.close()
            _sound(tmp, source, target)  # (a damaged copy never takes the target's name)
    except sqlite3.Error as exc:
        raise FileGone.of(UNREADABLE, file=source.name, journal=journal) from exc
    return target


def _backup_of(source: Path, tmp: Path) -> None:
    """`source` copied to `tmp` through SQLite's backup from a read-only connection: a consistent
    state, waiting for a commit another program has under way (a byte copy taken mid-commit holds
    some of its pages and not others)."""
    src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True, timeout=10.0)
    try:
        copy = sqlite3.connect(tmp)
        try:
            src.backup(copy)
        finally:
            copy.close()
    finally:
        src.close()


def _sound(copy: Path, source: Path, target: Path) -> None:
    """The copy reads whole, else FileDamaged: a file damaged while it was open (a bad sector, a
    tool writing into it) is not handed on to where the person saves, nor opened there to take
    their edits."""
    if not reads_whole(copy):
        raise FileDamaged.of(DAMAGED, file=source.name, target=target.parent)


def reads_whole(path: Path, full: bool = False) -> bool:
    """PRAGMA quick_check of every page of the file at `path` (the attachments' too), read through
    a connection of its own, as the next opening or a collection reads it: 0.5 ms for the city's
    file, 8 ms wall (4 ms CPU, the interpreter's lock let go) at ×10: run on the worker. `full`:
    integrity_check (each index's rows matched to its table's too)."""
    try:
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, ValueError):
        return False
    try:
        found = con.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchone()
        return found is not None and found[0] == "ok"
    except sqlite3.DatabaseError:  # (not even its header and schema read)
        return False
    finally:
        con.close()


def check_saved(path: Path, full: bool = False) -> None:
    """A save (提出用に保存: `full`) just written reads back whole, else FileDamaged naming the file:
    a file damaged while it was open took the save and said nothing, refused later at collection."""
    if path.is_file() and not reads_whole(path, full):  # (a file gone is said by the save that failed)
        raise FileDamaged.of(SAVED_DAMAGED, file=path.name)
