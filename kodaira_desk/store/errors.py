"""What the store says when a database cannot be used, is busy, or refuses a write: the errors and
their messages for people, in Japanese. A leaf: every other module of the store may use it."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Self

from kodaira_desk.domain.os_reasons import os_reason

# How long a writer waits for another window or process to finish before giving up (seconds).
BUSY_TIMEOUT_S = 10.0


class StoreError(Exception):
    """A database file that cannot be used. The message is for the user, in Japanese; when made
    from a template (`of`), the window says it in the language in use (ui/domain_words.py)."""

    def __init__(self, message: str, *, template: str | None = None, params: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.template = message if template is None else template
        self.params: dict[str, object] = dict(params or {})

    @classmethod
    def of(cls, template: str, **params: object) -> Self:
        return cls(template.format(**params), template=template, params=params)


class PasswordNeeded(StoreError):
    """The server asks for a password (none was found, or the one given was wrong)."""


class BusyError(StoreError):
    """Another window or process holds the master's write lock longer than BUSY_TIMEOUT_S."""


BUSY_WORDS = ("{file} は別のウィンドウまたは別の処理（取り込み・配布・保存）が使用中です。"
              "{seconds} 秒待ちましたが終わりませんでした。その処理が終わってから、もう一度実行してください。")


def busy_message(path: Path) -> str:
    return busy_error(path).message


def busy_error(path: Path) -> BusyError:
    """The master (or file) `path` held by another writer past the wait (said in the window's language)."""
    return BusyError.of(BUSY_WORDS, file=path.name, seconds=f"{BUSY_TIMEOUT_S:.0f}")


def _text(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).lower()


def is_lock_timeout(exc: BaseException) -> bool:
    """A PostgreSQL writer that waited past lock_timeout for the advisory lock."""
    text = _text(exc)
    return "lock timeout" in text or "could not obtain lock" in text


def is_busy(exc: BaseException) -> bool:
    """Whether an error (SQLAlchemy's or sqlite3's) means the database is locked by another writer."""
    text = _text(exc)
    return "database is locked" in text or "database is busy" in text or is_lock_timeout(exc)


def server_write_error(exc: BaseException) -> str | None:
    """The kind of write a server refused (full disk, read-only), or None."""
    text = _text(exc)
    if "no space left" in text or "could not extend file" in text or "disk full" in text:
        return "full"
    if "read-only transaction" in text or "permission denied" in text:
        return "readonly"
    return None


_WRITE_WORDS = {
    "server_full": "{path}: データベースサーバーのディスクの空きが足りないため保存できませんでした（変更は書き込まれていません）。",
    "server_readonly": "{path}: このアカウントではサーバーのデータベースに書き込めないため保存できませんでした（変更は書き込まれていません）。",
    "full": "{path}: ディスクの空きが足りないため保存できませんでした（変更は書き込まれていません）。空きを作ってからもう一度実行してください。",
    "readonly": "{path}: 書き込みの権限がないため保存できませんでした（読み取り専用のファイルかフォルダです）。",
}


def write_error_kind(exc: BaseException) -> str | None:
    """A write the database could not make: "server_full", "server_readonly", "full" or "readonly"
    (SQLite's disk, its file or folder), or None."""
    kind = server_write_error(exc)
    if kind is not None:
        return f"server_{kind}"
    text = _text(exc)
    if "disk is full" in text or "disk i/o error" in text:
        return "full"
    if "readonly" in text or "unable to open" in text:
        return "readonly"
    return None


def write_error_message(path: Path, exc: BaseException) -> str | None:
    """A message for a write SQLite could not make (full disk, read-only file or folder), or None."""
    error = write_error(path, exc)
    return None if error is None else error.message


def write_error(path: Path, exc: BaseException) -> StoreError | None:
    """The error of a write SQLite could not make, or None. A local file no longer there (its folder
    moved, the USB stick pulled out: SQLite says "readonly" or "unable to open") is said to be gone."""
    kind = write_error_kind(exc)
    if kind is None:
        return None
    if kind in ("readonly", "full") and path.is_absolute() and not path.exists():
        return StoreError.of(GONE_WORDS, file=path.name, folder=path.parent)
    return StoreError.of(_WRITE_WORDS[kind], path=path)


GONE_WORDS = "「{file}」が見つからないため保存できませんでした（フォルダ「{folder}」が移動されたか、USB メモリなどが抜かれたようです）。"


def is_corrupt(exc: BaseException) -> bool:
    """Whether SQLite found the file damaged (pages overwritten, cut short, not a database inside)."""
    text = _text(exc)
    return "malformed" in text or "file is not a database" in text or "database corrupt" in text


def corrupt_message(path: Path) -> str:
    return corrupt_error(path).message


# What a damaged file's message advises depends on what the file is. A department's file (a 課's
# 提出用ファイル) has no backups beside it: the clerk asks the policy division for a new one (a
# 再配布: docs/round-year.md), and a returned copy the division received is sent again. A master's
# backups are the copies each collection makes first (services/rounds/collect.py: 「…-バックアップ」
# beside it): named only when there are some.
CORRUPT_DEPARTMENT = ("{file} は壊れているため読めません（中身の一部が書き換わっているか、途中で切れています）。"
                      "何も書き込んでいません。担当課から政策課に届いたファイルなら、もう一度保存して送ってもらってください。"
                      "担当課の方は、政策課に連絡して新しい提出用ファイルを配布（再配布）してもらってください。")
CORRUPT_MASTER = ("{file} は壊れているため読めません（中身の一部が書き換わっているか、途中で切れています）。"
                  "何も書き込んでいません。取り込み前のバックアップはまだないため、パソコンやサーバーのバックアップから"
                  "戻すよう、システムの担当者に相談してください。")
CORRUPT_MASTER_BACKUPS = ("{file} は壊れているため読めません（中身の一部が書き換わっているか、途中で切れています）。"
                          "何も書き込んでいません。同じフォルダの「{folder}」にある取り込み前のコピー（最新のもの）から"
                          "戻してください。")


def corrupt_error(path: Path, department: bool | None = None) -> StoreError:
    """The error of a file SQLite found damaged, with the advice for its kind: `department` when
    known, else read from what of the file can be read (its meta row, or its name's .kdesk)."""
    if department is None:
        department = is_department_file_at(path)
    if department:
        return StoreError.of(CORRUPT_DEPARTMENT, file=path.name)
    backups = path.with_name(f"{path.stem}-バックアップ")
    if backups.is_dir():
        return StoreError.of(CORRUPT_MASTER_BACKUPS, file=path.name, folder=backups.name)
    return StoreError.of(CORRUPT_MASTER, file=path.name)


def is_department_file_at(path: Path) -> bool:
    """Whether a damaged file is a department's: its file_kind row if that page can be read, else
    its name (the hand-out names department files .kdesk)."""
    try:
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'file_kind'").fetchone()
        finally:
            con.close()
    except (sqlite3.Error, ValueError, OSError):
        return path.suffix.lower() == ".kdesk"
    return row is not None and row[0] == "department"


# The opening's refusals (store/database.py read_header, check_file; services/database.py), each a
# template (StoreError.of) said in the window's language (ui/domain_words.py), in Japanese on the
# command line.
NOT_FOUND = "データベースが見つかりません: {path}"
NOT_A_FILE = {
    "folder": "{path}: データベースのファイルではありません（フォルダです）。",
    "special": "{path}: データベースのファイルではありません（名前付きパイプやデバイスなどの特殊なファイルです）。",
}
EMPTY = "{file}: ファイルが空です（0 バイト）。Kodaira Desk のデータベースではありません。"
NOT_SQLITE = "{file} は Kodaira Desk のデータベースではありません（SQLite ファイルではありません）。"
NOT_SQLITE_AS = {  # a file of another kind, said for what it is (collection: store/department_file.py)
    "zip": ("{file} は Excel ブック（.xlsx）などの ZIP 形式のファイルです。Kodaira Desk のデータベースではありません。"
            "提出用の Excel ブックなら、Excel で開いて入力してください。"),
    "pdf": "{file} は PDF ファイルです。Kodaira Desk のデータベースではありません。",
    "access": "{file} は Microsoft Access のデータベースです。Kodaira Desk のデータベースではありません。",
    "ole": "{file} は古い形式の Office 文書（.xls / .doc）です。Kodaira Desk のデータベースではありません。",
}


def format_of(head: bytes) -> str | None:
    """What a file that is not SQLite is, from its first bytes: a key of NOT_SQLITE_AS, or None."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if b"Standard Jet DB" in head[:32] or b"Standard ACE DB" in head[:32]:
        return "access"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    return None


NOT_OURS = "{file} は Kodaira Desk のデータベースではありません。"
NOT_OURS_ON_SERVER = ("{file} は Kodaira Desk のデータベースではありません"
                      "（空のデータベースには kodaira-desk build-db --out または copy --to で作ります）。")
NEWER = "{file} は新しい版の Kodaira Desk で作られています（形式 {version}）。Kodaira Desk を更新してから開いてください。"
CUT_SHORT = ("{file} は途中で切れているため開けません（{size} バイトしかありません。本来は {expected} バイトです）。"
             "コピーや送信の途中で切れたようです。元のファイルをもう一度コピーするか、送ってもらってください。")
NOT_READABLE = ("{path}: データベースを読む権限がありません。このファイルを読めるアカウントで開くか、"
                "ファイルの権限を確かめてください。")
NOT_READ = "{path}: データベースを読めませんでした（{reason}）。"
OLDER_NOT_UPGRADED = ("{file} は以前の版の Kodaira Desk で作られています（形式 {version}）。今の形式に直して開くには、"
                      "フォルダ（{folder}）に書き込める必要があります（{why}）。書き込める場所にコピーしてから"
                      "開いてください。ファイルは何も変えていません。")
HOT_JOURNAL = ("{file} は前回の書き込みが途中で止まったままです（{journal} があります）。"
               "書き込みできる場所とアカウントで一度開くと元に戻ります。")
UNTRUSTED = (ValueError, TypeError, LookupError, sqlite3.Error)  # what an altered file's rows raise as read
CONTENTS = ("{file} は Kodaira Desk が書いた形のデータになっていないため開けません（書き換えられたか、"
            "別のアプリのファイルです）。何も書き込んでいません。")


def read_error_message(path: Path, exc: OSError) -> str:
    return read_error(path, exc).message


def read_error(path: Path, exc: OSError) -> StoreError:
    """A database that could not be read (not written: nothing was about to be written yet)."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StoreError.of(NOT_READABLE, path=path)
    return StoreError.of(NOT_READ, path=path, reason=os_reason(exc))
