"""Where an open database file lives: whether a save could be written there, and a copy of it
somewhere else (名前を付けて保存), for a file opened from a CD, a locked USB stick or a share
without write permission."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.io.atomic import copy_file
from kodaira_desk.io.writable import cannot_write


def cannot_save_in_place(path: Path) -> OSError | None:
    """Why a save of the file at `path` would fail where it is (the error a try met), or None."""
    return cannot_write(path)


def copy_as(source: Path, target: Path) -> Path:
    """The file as it is stored, copied whole to `target` (the person's normal file mode: a copy
    from a CD is not read-only)."""
    copy_file(source, target)
    return target
