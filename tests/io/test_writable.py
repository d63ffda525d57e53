"""Whether a file could be saved where it is (io/writable.py) is tried, not read from the mode bits:
a folder without write permission answers EACCES, and the try leaves nothing behind.

The tests run as root, and root may write into a folder of mode 0555: the try is made by a child
process that has become an ordinary user (uid 65534, "nobody"), as a clerk on a share without
write permission is. (A read-only bind mount would need CAP_SYS_ADMIN, which CI need not have; a
patched os.access would test nothing: the probe does not look at permissions, it tries.)"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kodaira_desk.io.writable import cannot_write

NOBODY = 65534


def _as_a_user(path: Path) -> int:
    """The errno cannot_write(path) meets for an ordinary user (0: it could write)."""
    if os.geteuid() != 0:
        found = cannot_write(path)
        return found.errno or -1 if found is not None else 0
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: become nobody, try, say what it met
        code = 0
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            found = cannot_write(path)
            code = 0 if found is None else (found.errno or 255)
        except BaseException:
            code = 254
        finally:
            os.write(writer, bytes([min(code, 255)]))
            os._exit(0)
    os.close(writer)
    got = os.read(reader, 1)
    os.close(reader)
    os.waitpid(pid, 0)
    return got[0] if got else 253


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder an ordinary user may enter (pytest's tmp_path is root's own, mode 0700)."""
    made = Path(tempfile.mkdtemp(prefix="kd-writable-", dir="/tmp"))
    made.chmod(0o777)
    (made / "総務課.sqlite").write_bytes(b"SQLite format 3\x00")
    (made / "総務課.sqlite").chmod(0o666)
    yield made
    made.chmod(0o755)
    for child in made.iterdir():
        child.unlink()
    made.rmdir()


def test_a_folder_without_write_permission_is_found_by_trying(folder: Path) -> None:
    file = folder / "総務課.sqlite"
    assert _as_a_user(file) == 0  # a folder the user may write to: nothing to say
    folder.chmod(0o555)  # a share (or a CD's copy) without write permission
    assert _as_a_user(file) == errno.EACCES
    assert sorted(p.name for p in folder.iterdir()) == ["総務課.sqlite"]  # the try left nothing


def test_a_read_only_file_in_a_writable_folder_is_found_too(folder: Path) -> None:
    file = folder / "総務課.sqlite"
    file.chmod(0o444)  # copied from a CD: the file itself read-only
    assert _as_a_user(file) == errno.EACCES
    assert sorted(p.name for p in folder.iterdir()) == ["総務課.sqlite"]
