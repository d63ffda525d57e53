"""One in-memory image of the master that every department file of a hand-out is made from.

Profiled at ×10 data (issue 27): handing out 60 files took 4–5 s, some 80 ms of CPU and several
fsyncs per file, because every file was made from scratch: a VACUUM INTO of the whole master, the
round's records deleted under secure_delete, every entry field read to stamp the content hash, a
second VACUUM and a quick_check. All of that is the same for every department. Now it is done
once: the master is copied, its round records removed, vacuumed and checked into one image (bytes),
and its fields read once. A department's file is the image's bytes written as they are, then its
identity and its carried texts written on that file in one transaction (only the fields those change
are read again for the hash): a few pages change in place, with no copy of the image into SQLite's
memory and out again.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kodaira_desk.store.department_file import ROUND_TABLES
from kodaira_desk.store.reader import content_hash, read_fields, read_fields_of, recover_hot_journal

# meta rows of the master that a department file must not carry: who saved it and checked it
# last, and the master's record of the workbooks it handed out
MASTER_ONLY_META = ("DELETE FROM meta WHERE key IN ('saved_at', 'saved_by', 'head_check_by', 'head_check_at', "
                    "'head_check_revision')", "DELETE FROM meta WHERE key LIKE 'workbook:%'",
                    "DELETE FROM meta WHERE key LIKE 'returns:%' OR key = 'saves'")  # domain.lineage

# What a hand-out runs inside a department's file before it is stamped (services.rounds.carry):
# it returns the entry-field keys it wrote, or None when it cannot say (then every field is read
# again for the content hash).
Prefill = Callable[[sqlite3.Connection], Iterable[str] | None]


class ImageError(OSError):
    """The image or a file made from it failed SQLite's own check (never expected)."""


@dataclass(frozen=True)
class DepartmentImage:
    data: bytes  # a SQLite database file: the master without the round's records, rollback journal
    fields: dict[str, str | None]  # its entry fields (store.reader.read_fields)

    @classmethod
    def of(cls, master: Path) -> DepartmentImage:
        """The image of `master` (a SQLite file, or a server's snapshot of one): copied with VACUUM
        INTO, the round's records removed under secure_delete, vacuumed again so that nothing of
        them is left in free pages, checked, and read into memory."""
        recover_hot_journal(master)
        folder = Path(tempfile.mkdtemp(prefix="kd-handout-"))
        try:
            copy = folder / "image.sqlite"
            src = sqlite3.connect(f"file:{master}?mode=ro", uri=True)
            try:
                src.execute("VACUUM INTO ?", (str(copy),))
            finally:
                src.close()
            con = sqlite3.connect(copy, isolation_level=None)
            try:
                con.execute("PRAGMA journal_mode=DELETE")  # one file travels whole
                con.execute("PRAGMA secure_delete=ON")  # the master's round records leave no trace
                con.execute("BEGIN")
                for table in ROUND_TABLES:
                    con.execute(f"DELETE FROM {table}")
                for sql in MASTER_ONLY_META:
                    con.execute(sql)
                con.execute("COMMIT")
                con.execute("VACUUM")
                if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise ImageError(f"{master.name}: 配布用の写しの検査に失敗しました")
                fields = read_fields(con)
            finally:
                con.close()
            return cls(copy.read_bytes(), fields)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @cached_property
    def content_hash(self) -> str:
        """The hash of the image's fields: a file's, when nothing was carried into it."""
        return content_hash(self.fields)

    def write(self, out: Path, meta: dict[str, str], prefill: Prefill | None = None) -> None:
        """One department's file into `out` (an empty or absent file the caller renames into
        place, fsynced: io.atomic): the image's bytes written, then `prefill` run and `meta` written
        in one transaction on that file, revision 0 with the hash of its content. The transaction
        changes a few pages in place (its journal in memory, no sync of its own: a failure leaves
        only the temporary file, which the caller removes)."""
        with out.open("wb") as f:
            f.write(self.data)
        con = sqlite3.connect(out, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=MEMORY")  # this connection's; the file stays a rollback-journal one
            con.execute("PRAGMA synchronous=OFF")
            con.execute("PRAGMA secure_delete=ON")
            con.execute("BEGIN")
            digest = self.content_hash
            if prefill is not None:
                keys = prefill(con)
                if keys is None:
                    digest = content_hash(read_fields(con))
                elif keys:
                    digest = content_hash({**self.fields, **read_fields_of(con, keys)})
            stamp = {"revision": "0", "content_hash": digest}
            con.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", {**meta, **stamp}.items())
            con.execute("COMMIT")
        finally:
            con.close()
        with out.open("rb") as f:
            head = f.read(20)
        if head[:16] != b"SQLite format 3\x00" or head[18:20] != b"\x01\x01":  # rollback journal, not WAL
            raise ImageError(f"{out.name}: 作成した提出用ファイルの形式が正しくありません")


def write_department_file(source: Path | DepartmentImage, out: Path, meta: dict[str, str],
                          prefill: Prefill | None = None) -> None:
    """A copy of the master for one department, written into `out` (an empty or absent file that
    the caller renames into place: io.atomic): whole plans for context, the round's own records
    removed, identity written into `meta`, `prefill` run in the same transaction (next year's
    texts carried over: services.rounds.carry), revision 0 with the hash of its content, rollback
    journal so one file travels whole. `source`: the master's file, or the image a hand-out made
    of it once for all its departments."""
    image = source if isinstance(source, DepartmentImage) else DepartmentImage.of(source)
    image.write(out, meta, prefill)
