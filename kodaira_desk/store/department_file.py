"""Department files: writing one for a hand-out, and checking a returned one before anything of it
is trusted.

A returned file is untrusted: it is copied into a private folder, recognised by its bytes before
SQLite sees it, opened read-only with defensive settings (no triggers or views of its own can
run, limits lowered, a time-out), checked, and only then read through the same reader as the
master. Each refusal has a code and a Japanese message that names the file and says what to do.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kodaira_desk.domain import lineage
from kodaira_desk.domain.errors import DomainError, FieldValueError
from kodaira_desk.domain.evidence import EvidenceError
from kodaira_desk.domain.limits import LimitError
from kodaira_desk.domain.os_reasons import in_use, os_reason
from kodaira_desk.domain.round_year import CarriedText, HeadCheck
from kodaira_desk.store import errors
from kodaira_desk.store.annotation_reader import MissingEvidence, annotation_authors, evidence_content
from kodaira_desk.store.database import APPLICATION_ID, SCHEMA_VERSION
from kodaira_desk.store.field_delta import Reference, fields_and_changes
from kodaira_desk.store.reader import BrokenReference, content_hash, get_meta, read_fields
from kodaira_desk.store.round_year_reader import read_carried

MAX_FILE_SIZE = 200 * 1024 * 1024
# SQLite's checks and reads of one untrusted file stop after this much CPU of the thread running
# them (not of the wall clock: a valid file on a loaded machine is slow, not hostile)
READ_CPU_S = 20.0
MAX_VALUE_BYTES = 10_000_000  # SQLite refuses to read a longer value from an untrusted file
# The master's records of the round, removed from a department file (round_settings and
# carried_texts: issue 24; a file's carried texts are written after the removal, by the hand-out).
ROUND_TABLES = ("conflicts", "imports", "handouts", "snapshots", "audit_log", "round_settings", "carried_texts")
# Every table a Kodaira Desk file may hold; anything else means someone changed its structure.
EXPECTED_TABLES = frozenset({
    "alembic_version", "meta", "departments", "plans", "editions", "documents", "plan_sections",
    "nodes", "node_appearances", "node_texts", "node_departments", "indicators", "indicator_names",
    "indicator_departments", "indicator_values", "footnotes", "corrections", "progress_entries",
    "schedule_years", "schedule_rows", "schedule_cells", "budgets", "budget_costs", "budget_summaries",
    "department_details", "department_events",  # plan editing (migration 0004)
    "year_locks",  # the division's 確定 (migration 0006)
    "plan_rounds",  # what each plan's yearly round asks (migration 0008)
    "field_notes", "questions", "evidence_files", "attachments",  # notes and evidence (migration 0009)
    *ROUND_TABLES,
})


log = logging.getLogger(__name__)


class FileRefused(DomainError):
    """A returned file that is not merged. `code` is stable; `message` is for the user."""

    def __init__(self, code: str, message: str, handout_id: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.handout_id = handout_id  # the hand-out the file is of, when known before it was refused
        self.field = field  # the field (domain.fields key, as written in `message`) the refusal is about

    def __reduce__(self) -> tuple[type[FileRefused], tuple[str, str, str | None, str | None]]:
        """Whole across processes (a collection prepares files in workers: services.received_files)."""
        return type(self), (self.code, self.message, self.handout_id, self.field)

    def naming(self, words: str) -> str:
        """The message with the field's key given in words (市内体験農園の区画数 令和2年度 実績)."""
        return self.message.replace(self.field, words) if self.field else self.message


@dataclass(frozen=True)
class DepartmentFile:
    path: Path  # the private copy that was checked
    sha256: str
    handout_id: str
    master_id: str
    department: str
    fiscal_year: int
    schema_version: int
    fields: dict[str, str | None]  # every entry field, validated (see reader.read_fields)
    revision: int = 0  # saves by a clerk (0: never saved since the hand-out)
    saved_at: str | None = None  # when the clerk last saved it
    # issue 24: who saved it last, the department head's check it carries (as given, for whichever
    # revision), and the texts the hand-out carried over from the year before
    saved_by: str | None = None
    head_check: HeadCheck | None = None
    carried: dict[str, CarriedText] = field(default_factory=dict)
    saved_with: str | None = None  # a returned workbook: the program that saved it (issue 26)
    # its saves, oldest first, itself last (domain.lineage); () for a file saved before chains were kept
    saves: tuple[tuple[int, str], ...] = ()
    chain_unreadable: bool = False  # it has a chain of saves that cannot be read (ordered by its counter)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_WHAT_IT_IS = {"zip": "Excel ブック（.xlsx）などの ZIP 形式のファイル", "pdf": "PDF ファイル",
               "access": "Microsoft Access のデータベース", "ole": "古い形式の Office 文書（.xls / .doc）"}


def _what_is_it(head: bytes) -> str | None:
    return _WHAT_IT_IS.get(errors.format_of(head) or "")


def _kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None: a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "フォルダ"
    if stat.S_ISFIFO(mode):
        return "名前付きパイプ（FIFO）"
    if stat.S_ISSOCK(mode):
        return "ソケット"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "デバイス"
    return "特殊なファイル"


def _not_regular(name: str, kind: str) -> FileRefused:
    if kind == "フォルダ":  # nothing would block: it is simply not the file
        return FileRefused("not_regular", f"{name}: 通常のファイルではありません（フォルダです）。"
                           "フォルダの中にある、担当課から届いたファイルを選んでください。")
    return FileRefused("not_regular", f"{name}: 通常のファイルではありません（{kind}）。読むと止まってしまうため開きません。"
                       "担当課から届いたファイルをいったんフォルダに保存し、そのファイルを選んでください。")


def unreadable(name: str, exc: BaseException) -> FileRefused:
    """The received file `name` cannot be read (this account's permissions, a disk's error): said of
    the file, by its name, the reason in our words."""
    if in_use(exc):  # (Windows: Excel or Acrobat has it open, said as a PermissionError)
        return FileRefused("unreadable", f"{name}: ほかのプログラム（Excel など）が開いているため読めません。"
                           "そのプログラムでファイルを閉じてから取り込んでください。")
    if isinstance(exc, PermissionError):
        return FileRefused("unreadable", f"{name}: このファイルを読む権限がありません。"
                           "ファイルを読める場所にコピーしてから取り込んでください。")
    return FileRefused("unreadable", f"{name}: ファイルを読めません（{os_reason(exc)}）。")


def check_received(original: Path) -> int:
    """Stage 0, from the file's status alone (nothing is opened: a FIFO or a device would block or
    never end): there, a regular file, not empty, not huge. Returns its size."""
    name = original.name
    try:
        st = original.stat()
    except FileNotFoundError as exc:
        raise FileRefused("not_found", f"{name}: ファイルが見つかりません。") from exc
    except (OSError, ValueError) as exc:
        raise unreadable(name, exc) from exc
    kind = _kind_of(st.st_mode)
    if kind is not None:
        raise _not_regular(name, kind)
    if st.st_size == 0:
        raise FileRefused("empty", f"{name}: ファイルが空です。担当課にもう一度保存して送ってもらってください。")
    if st.st_size > MAX_FILE_SIZE:
        raise FileRefused("too_large", f"{name}: ファイルが大きすぎます（{st.st_size // 1024 // 1024} MB）。")
    return st.st_size


def open_regular(path: Path, name: str | None = None) -> BinaryIO:
    """Open a received file for reading without ever blocking: without waiting for a writer (a
    FIFO), and checked again once open (it may have been replaced since check_received)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        kind = _kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise _not_regular(name or path.name, kind)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_bytes(original: Path, copy: Path | None = None) -> None:
    """Stage 1: what the file is, without SQLite. `copy`: the private copy, read instead of the
    original once it is made."""
    name = original.name
    size = check_received(original) if copy is None else copy.stat().st_size
    try:
        with open_regular(copy or original, name) as f:
            head = f.read(100)
    except OSError as exc:
        raise unreadable(name, exc) from exc
    for suffix in ("-journal", "-wal"):
        if original.with_name(name + suffix).exists():
            raise FileRefused(
                "copied_while_open",
                f"{name}: 使用中にコピーされたファイルです（{name}{suffix} が横にあります）。"
                "担当課で Kodaira Desk を閉じてから、もう一度ファイルを送ってもらってください。")
    if not head.startswith(b"SQLite format 3\x00"):
        kind = _what_is_it(head)
        what = f"{kind}のようです" if kind else "Kodaira Desk のファイルではありません"
        raise FileRefused("not_sqlite", f"{name}: {what}。担当課から届いた提出用ファイル（.kdesk）を選んでください。")
    if len(head) < 100:
        raise FileRefused("corrupt", f"{name}: ファイルが途中で切れています。もう一度送ってもらってください。")
    page_size = int.from_bytes(head[16:18], "big")
    if page_size == 1:
        page_size = 65536
    if page_size < 512 or page_size & (page_size - 1):
        raise FileRefused("corrupt", f"{name}: ファイルが壊れています（ページサイズが不正です）。")
    if size % page_size:
        raise FileRefused("corrupt", f"{name}: ファイルが途中で切れています。もう一度送ってもらってください。")
    if int.from_bytes(head[68:72], "big") != APPLICATION_ID:
        raise FileRefused("not_ours", f"{name}: 別のアプリケーションの SQLite ファイルです。Kodaira Desk の提出用ファイルを選んでください。")
    if int.from_bytes(head[60:64], "big") > SCHEMA_VERSION:
        raise FileRefused("newer_schema", f"{name}: 新しい版の Kodaira Desk で作られたファイルです。Kodaira Desk を更新してから取り込んでください。")


PRIVATE_PREFIX = "kd-received-"


def private_copy(original: Path, folder: Path | None = None) -> tuple[Path, str]:
    """Copy the file where nobody else writes, hashing it on the way (one read of the file).
    A failure (disk full, no permission) removes the half copy and is refused with the place."""
    try:
        made = Path(tempfile.mkdtemp(prefix=PRIVATE_PREFIX, dir=folder))
    except OSError as exc:
        raise FileRefused("disk", f"{original.name}: 受領ファイルの作業フォルダ（{folder}）を作れません"
                          f"（{os_reason(exc)}）。") from exc
    copy = made / "received.sqlite"
    h = hashlib.sha256()
    try:
        try:
            src = open_regular(original)
        except OSError as exc:  # the file: not the folder the copy goes to
            raise unreadable(original.name, exc) from exc
        with src, copy.open("wb") as dst:
            written = 0
            for chunk in iter(lambda: _read(src, original.name), b""):
                written += len(chunk)
                if written > MAX_FILE_SIZE:  # it grew since its size was checked
                    raise FileRefused("too_large", f"{original.name}: ファイルが大きすぎます。")
                h.update(chunk)
                dst.write(chunk)
    except FileRefused:
        shutil.rmtree(made, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(made, ignore_errors=True)
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
        why = "ディスクの空きが足りません" if full else os_reason(exc)
        raise FileRefused("disk", f"{original.name}: 受け取ったファイルをコピーできません（{made.parent}: {why}）。") from exc
    return copy, h.hexdigest()


def _read(src: BinaryIO, name: str) -> bytes:
    """The received file's next chunk; its read failing is the file's, said as such."""
    try:
        return src.read(1 << 20)
    except OSError as exc:
        raise unreadable(name, exc) from exc


class Untrusted(sqlite3.Connection):
    """A connection to an untrusted file; `stopped` once its CPU budget ran out."""

    stopped = False


def open_untrusted(path: Path) -> Untrusted:
    """Stage 2: read-only, no trusted schema, checked cells, no mmap, low limits, and a budget of
    READ_CPU_S seconds of this thread's CPU (SQLite then stops with `interrupted`)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, factory=Untrusted)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA trusted_schema=OFF")
    con.execute("PRAGMA cell_size_check=ON")
    con.execute("PRAGMA mmap_size=0")
    con.execute("PRAGMA query_only=ON")
    con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    con.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100_000)
    con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    clock = time.thread_time
    deadline = clock() + READ_CPU_S

    def spent() -> int:
        if clock() > deadline:
            con.stopped = True
            return 1
        return 0

    con.set_progress_handler(spent, 10_000)
    return con


def too_slow(name: str, seconds: float = READ_CPU_S) -> FileRefused:
    """The refusal of a file whose checks used their whole CPU budget (`seconds`)."""
    return FileRefused("too_slow", f"{name}: ファイルを確かめる処理が長くかかりすぎたため（CPU 時間で {seconds:.0f} 秒を"
                       "超えました）、途中で止めて、このファイルは取り込みませんでした。提出用ファイルではないか、壊れているか、"
                       "細工されたファイルの可能性があります。担当課にもう一度保存して送ってもらってください。")


def inspect(original: Path, *, copy: Path | None = None, digest: str | None = None,
            reference: Reference | None = None) -> DepartmentFile:
    """Check a returned file completely; raise FileRefused with the reason. `digest`: the copy's
    SHA-256 when the caller has it already (private_copy hashes while it copies). `reference`: a
    file of the same collection read whole, its fields read as what differs from it (field_delta)."""
    name = original.name
    check_bytes(original, copy)
    if copy is None:
        copy, digest = private_copy(original)
    elif digest is None:
        digest = sha256_of(copy)
    try:
        con = open_untrusted(copy)
    except sqlite3.Error as exc:
        log.info("%s: cannot open: %s", name, exc)  # the technical text: the log's, not the person's
        raise FileRefused("corrupt", f"{name}: ファイルを開けません。壊れているか、提出用ファイルではありません。"
                          "もう一度送ってもらってください。") from exc
    try:
        return _checked(con, name, copy, digest, reference)
    except FileRefused as exc:
        if con.stopped:  # interrupted for its CPU, not broken
            raise too_slow(name) from exc
        raise
    finally:
        con.close()


def _checked(con: Untrusted, name: str, copy: Path, digest: str, reference: Reference | None = None) -> DepartmentFile:
    """inspect's checks and reads of the file open on `con`."""
    try:
        ok = con.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            log.info("%s: quick_check: %s", name, str(ok).strip()[:400])
            raise FileRefused("corrupt", f"{name}: ファイルが壊れています（検査で問題が見つかりました）。"
                              "もう一度送ってもらってください。")
        objects = con.execute("SELECT type, name FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        log.info("%s: damaged: %s", name, exc)
        raise FileRefused("corrupt", f"{name}: ファイルが壊れています。もう一度送ってもらってください。") from exc
    extra = [f"{r['type']} {r['name']}" for r in objects
             if r["type"] in ("trigger", "view")
             or (r["type"] == "table" and r["name"] not in EXPECTED_TABLES
                 and not r["name"].startswith("sqlite_"))]
    if extra:
        raise FileRefused("unexpected_objects",
                          f"{name}: Kodaira Desk が作らない仕組み（{', '.join(extra[:3])}）が含まれているため"
                          "取り込みません。担当課に新しい提出用ファイルを配布してください。")
    try:
        kind = get_meta(con, "file_kind")
        handout_id = get_meta(con, "handout_id")
        master_id = get_meta(con, "master_id")
        department = get_meta(con, "department")
        year = get_meta(con, "fiscal_year")
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
    except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
        raise FileRefused("corrupt", f"{name}: ファイルの情報が読めません（{exc}）。") from exc
    if kind != "department" or not handout_id or not master_id or not department or not year:
        raise FileRefused("not_department_file",
                          f"{name}: 担当課の提出用ファイルではありません（配布で作ったファイルを選んでください）。")
    try:
        against = fields_and_changes(con, reference) if reference is not None else None
        # (read whole, read_fields checks the foreign keys of every row it reads)
        fields, changed = against if against is not None else (read_fields(con, untrusted=True), None)
    except (BrokenReference, MissingEvidence) as exc:
        raise FileRefused("corrupt", f"{name}: ファイルの中身の参照が壊れています。") from exc
    except EvidenceError as exc:  # an attachment whose content is not what its name says
        raise FileRefused(exc.code, f"{name}: {exc.message} このファイルは取り込みません。"
                          "担当課に添付ファイルを確かめて保存し直してもらってください。") from exc
    except LimitError as exc:
        raise FileRefused("limit", f"{name}: 取り込めない値があります: {exc.message}", field=exc.what) from exc
    except FieldValueError as exc:
        raise FileRefused("invalid_values", f"{name}: {exc.key} に正しくない値があります: {exc.message}",
                          field=exc.key) from exc
    except DomainError as exc:
        raise FileRefused("invalid_values", f"{name}: 正しくない値があります: {exc.message}") from exc
    except sqlite3.DataError as exc:  # past SQLITE_LIMIT_LENGTH: a value of many megabytes
        raise FileRefused("limit", f"{name}: 取り込めない値があります: 長すぎる値があります"
                          f"（1 つの値の上限 {MAX_VALUE_BYTES // 1_000_000} MB）。") from exc
    except (sqlite3.DatabaseError, KeyError, ValueError, TypeError, AttributeError, ArithmeticError) as exc:
        raise FileRefused("corrupt", f"{name}: ファイルの内容が読めません（中身が壊れているか、Kodaira Desk の外で"
                          "書き換えられています）。担当課にもう一度保存して送ってもらってください。") from exc
    try:
        fiscal_year = int(year)
        revision = int(get_meta(con, "revision") or "0")
        saved_at = get_meta(con, "saved_at")
        stamped = get_meta(con, "content_hash")
    except (ValueError, sqlite3.DatabaseError) as exc:
        raise FileRefused("corrupt", f"{name}: 年度または版の情報が正しくありません。") from exc
    if stamped is not None and stamped != _content_hash(fields, reference, changed):
        raise FileRefused("tampered", f"{name}: 破損: 最後に保存された後に Kodaira Desk 以外で中身が変わっています"
                          f"（第 {revision} 版）。担当課に Kodaira Desk で開いて保存し直してもらってください。")
    saved_by, head_check, carried = _round_year_parts(con, name)
    saves = _saves(con, revision, stamped)
    return DepartmentFile(copy, digest, handout_id, master_id, department, fiscal_year, version, fields,
                          revision, saved_at, saved_by, head_check, carried, saves=saves or (),
                          chain_unreadable=saves is None)


def _content_hash(fields: dict[str, str | None], reference: Reference | None, changed: set[str] | None) -> str:
    """content_hash(fields); for fields read against a reference, from its parts (`changed`: the
    keys where they may differ from its entries)."""
    if reference is not None and reference.hashing is not None and changed is not None:
        return reference.hashing.hash_of(fields, changed)
    return content_hash(fields)


def _saves(con: sqlite3.Connection, revision: int, stamped: str | None) -> tuple[tuple[int, str], ...] | None:
    """The file's chain of saves, ending with its own stamp; () for a file that keeps none (saved
    before chains were kept: ordered by its counter as before); None for a chain that cannot be
    read (garbled, hostile): ordered by its counter too (taken as its own save only, it was merged
    against the hand-out as a sibling and a value the file took out again was lost)."""
    if stamped is None or revision <= 0:
        return ()
    try:
        raw = get_meta(con, lineage.META_KEY)
    except sqlite3.DatabaseError:
        return None
    if raw is None:
        return ()
    chain = lineage.parse_chain(raw)
    return None if chain is None else lineage.with_save(chain, None, (revision, stamped))


MAX_NAME_CHARS = 100


def _round_year_parts(con: sqlite3.Connection, name: str) -> tuple[str | None, HeadCheck | None,
                                                                    dict[str, CarriedText]]:
    """Who saved the file, the head's check and the carried texts (issue 24). A file an earlier
    version made has none of them; an unreadable check is no check (the board then says so)."""
    try:
        saved_by = (get_meta(con, "saved_by") or "")[:MAX_NAME_CHARS] or None
        check_name = (get_meta(con, "head_check_by") or "").strip()[:MAX_NAME_CHARS]
        check_at = get_meta(con, "head_check_at") or ""
        check_rev = get_meta(con, "head_check_revision")
        head_check = HeadCheck(check_name, check_at[:40], int(check_rev)) if check_name and check_rev else None
    except (ValueError, sqlite3.DatabaseError):
        saved_by, head_check = None, None
    try:
        carried = read_carried(con)
    except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
        raise FileRefused("corrupt", f"{name}: 前年度から引き継いだ文の記録が読めません（壊れているか、Kodaira Desk の外で"
                          "書き換えられています）。担当課にもう一度保存して送ってもらってください。") from exc
    return saved_by, head_check, carried


def evidence_of_returned(path: Path, shas: Iterable[str]) -> dict[str, bytes | None]:
    """The content of these evidence files in a returned department file (its private or kept copy,
    opened as any untrusted file is), one read per file; None where the file lacks one."""
    con = open_untrusted(path)
    try:
        return {sha: evidence_content(con, sha) for sha in shas}
    finally:
        con.close()


def authors_of_returned(path: Path) -> dict[str, tuple[str | None, str | None]]:
    """Who wrote each note, answer and attachment of a returned department file, and when."""
    con = open_untrusted(path)
    try:
        return annotation_authors(con)
    finally:
        con.close()
