"""Helpers for the tests of notes, questions and evidence files (issue 25): sample files of each
kind, hostile ones, and reading a database's annotations."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from kodaira_desk.domain.annotations import Annotations
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_all
from kodaira_desk.store.reader import read_fields

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode."


def png(width: int = 2, height: int = 2, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small valid PNG, written by hand (no image library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def xlsx(rows: list[list[object]] | None = None) -> bytes:
    """A real Excel book made with openpyxl (the sheet a figure was counted in)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows or [["区画", "件数"], ["市内体験農園", 365]]:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def zip_bomb_xlsx() -> bytes:
    """A zip named .xlsx whose sheet inflates a thousand times (2 MB of zeros in a few KB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (2 * 1024 * 1024))
    return buf.getvalue()


def lying_zip_xlsx() -> bytes:
    """A zip whose directory claims a 10 GB part: refused from the directory, nothing inflated."""
    data = bytearray(xlsx())
    at = data.rfind(b"PK\x01\x02")  # the last central directory entry
    data[at + 24:at + 28] = struct.pack("<I", 0xFFFFFFF0)  # its uncompressed size
    return bytes(data)


def macro_xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx())) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, src.read(info))
        z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return buf.getvalue()


def annotations_of(path: Path | str) -> dict[str, Annotations]:
    db = open_database(path, create=False)
    try:
        return {t.plan.id: t.annotations for t in load_all(db)}
    finally:
        db.dispose()


def annotation_fields(path: Path | str) -> dict[str, str | None]:
    """Every note, question and attachment of a database as fields (what the merge compares)."""
    from kodaira_desk.domain.annotations import is_annotation_key

    db = open_database(path, create=False)
    try:
        with db.read() as con:
            return {k: v for k, v in read_fields(con).items() if is_annotation_key(k)}
    finally:
        db.dispose()


def evidence_rows(path: Path | str) -> dict[str, bytes]:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {sha: bytes(content) for sha, content in con.execute("SELECT sha256, content FROM evidence_files")}
    finally:
        con.close()


def smuggle_attachment(path: Path, field_key: str, name: str, data: bytes, *, kind: str = "pdf",
                       sha: str | None = None) -> None:
    """An evidence file put into a department file with SQL outside the app (its hash as given, or
    its content's), the stamp written again as a determined sender could
    (tests/round/test_hostile_corpus.py, _restamp)."""
    import sqlite3

    from kodaira_desk.domain.evidence import sha256_hex
    from kodaira_desk.store.reader import content_hash

    digest = sha or sha256_hex(data)
    con = sqlite3.connect(path)
    con.execute("INSERT OR REPLACE INTO evidence_files (sha256, kind, size, content) VALUES (?, ?, ?, ?)",
                (digest, kind, len(data), data))
    con.execute("INSERT INTO attachments (field_key, sha256, plan_id, name, added_by, added_at) "
                "VALUES (?, ?, ?, ?, '産業振興課', '2026-12-06T10:00:00+09:00')",
                (field_key, digest, field_key.split(":")[1], name))
    con.commit()
    try:
        stamp = content_hash(read_fields(con))
    except Exception:  # the reader refuses what was put in: no stamp can be right
        stamp = "0" * 64
    con.execute("UPDATE meta SET value = ? WHERE key = 'content_hash'", (stamp,))
    con.commit()
    con.close()
