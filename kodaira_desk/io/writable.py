"""Whether a database file could be saved where it is: tried, not guessed from the mode bits.

SQLite writes its rollback journal beside the file as it commits, so a save needs the folder to
take a new file and the file to open for writing. A CD, a write-protected USB stick, a share
without write permission: only a try answers for all of them (root, NFS's root squash and Windows'
ACLs each answer differently to a look at the permissions)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kodaira_desk.io.atomic import TMP_PREFIX


def cannot_write(path: Path) -> OSError | None:
    """Why saving the file at `path` would fail (the error a try met), or None when it would not.
    The probe is an empty file named as io.atomic's temporaries (swept if a crash leaves it); its
    random part from os.urandom (`secrets` imports hashlib, which the window's opening does not)."""
    probe = path.with_name(f"{TMP_PREFIX}probe-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        return exc
    os.close(fd)
    with contextlib.suppress(OSError):  # (a probe left: swept with the temporaries)
        probe.unlink()
    try:
        fd = os.open(path, os.O_RDWR)  # (nothing written: opened only)
    except OSError as exc:
        return exc
    os.close(fd)
    return None
