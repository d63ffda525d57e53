"""Evidence files attached to a figure: which kinds are accepted, and the one check made on their
content before they are stored, carried or opened.

Nothing in an attachment is ever executed or parsed beyond this check: the kind comes from the
name's extension (the declared type), and the first bytes must be that kind's signature. An Excel
book is a zip: its directory is read (names and sizes, nothing inflated) and one small part,
[Content_Types].xml, is read up to a bound to see that it is a plain book and not a macro book.
A zip bomb named .xlsx is refused from the directory's sizes alone.

No file-type library (weighed 2026-12): puremagic 2 needs Python 3.12 (Debian 12, which we install
on, has 3.11; its 1.x line is the older one), filetype's last release is from 2022. What decides here stays ours
either way: the declared kind's signature (five fixed prefixes from the formats' own specifications)
and an Excel book's zip directory read for bombs, encryption and macros. A library would only name, in
English, more kinds of file that are refused anyway; the message names them in Japanese.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from enum import Enum

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.limits import (
    MAX_ATTACHMENT_NAME_CHARS,
    LimitError,
    check_attachment_size,
    check_text,
)

# an Excel book's zip directory (the same bounds the returned-workbook guard uses)
XLSX_MAX_PARTS = 1_000
XLSX_MAX_PART_BYTES = 64 * 1024 * 1024
XLSX_MAX_TOTAL_BYTES = 128 * 1024 * 1024
XLSX_MAX_RATIO = 100  # uncompressed / compressed, for parts over 1 MB
CONTENT_TYPES_MAX_BYTES = 256 * 1024


class EvidenceKind(Enum):
    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    GIF = "gif"
    XLSX = "xlsx"

    @property
    def label(self) -> str:
        return {EvidenceKind.PDF: "PDF", EvidenceKind.PNG: "PNG 画像", EvidenceKind.JPEG: "JPEG 画像",
                EvidenceKind.GIF: "GIF 画像", EvidenceKind.XLSX: "Excel ブック"}[self]

    @property
    def suffix(self) -> str:
        """The extension a copy opened for viewing is given."""
        return {EvidenceKind.JPEG: ".jpg"}.get(self, f".{self.value}")

    @property
    def mime(self) -> str:
        return {EvidenceKind.PDF: "application/pdf", EvidenceKind.PNG: "image/png",
                EvidenceKind.JPEG: "image/jpeg", EvidenceKind.GIF: "image/gif",
                EvidenceKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[self]


_BY_SUFFIX = {".pdf": EvidenceKind.PDF, ".png": EvidenceKind.PNG, ".jpg": EvidenceKind.JPEG,
              ".jpeg": EvidenceKind.JPEG, ".gif": EvidenceKind.GIF, ".xlsx": EvidenceKind.XLSX}
ACCEPTED = "PDF、画像（PNG・JPEG・GIF）、Excel ブック（.xlsx）"
_PATH_PARTS = re.compile(r"[\\/]")
_NOT_IN_NAMES = re.compile(r'[<>:"|?*]')


class EvidenceError(DomainError):
    """An attachment refused: `name` is the file's, `code` one of attachment_type | zip_bomb."""

    def __init__(self, name: str, message: str, code: str = "attachment_type") -> None:
        super().__init__(f"添付ファイル「{name}」: {message}")
        self.name = name
        self.code = code


@dataclass(frozen=True)
class CheckedEvidence:
    """An attachment's content after the check: what it is, its size and its hash."""

    name: str
    kind: EvidenceKind
    size: int
    sha256: str


def sha256_hex(data: bytes) -> str:
    import hashlib  # OpenSSL's library: not for the window's start-up (issue 27)

    return hashlib.sha256(data).hexdigest()


def clean_name(name: str) -> str:
    """The name an attachment is kept under: the last part of a path, NFC, without characters
    a file name may not hold on the city's PCs. Raises EvidenceError/LimitError."""
    base = _PATH_PARTS.split(str(name))[-1].strip()
    base = unicodedata.normalize("NFC", base)
    base = _NOT_IN_NAMES.sub("_", base).strip(" .")
    if not base or base.startswith("."):
        raise EvidenceError(name or "（名前なし）", "ファイル名がありません。")
    check_text(f"添付ファイル「{base[:40]}」", base, max_chars=MAX_ATTACHMENT_NAME_CHARS)
    return base


def kind_of_name(name: str) -> EvidenceKind:
    """The declared type: the kind the name's extension says. Raises EvidenceError for others."""
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    kind = _BY_SUFFIX.get(suffix)
    if kind is None:
        what = f"（{suffix}）" if suffix else "（拡張子なし）"
        raise EvidenceError(name, f"この種類のファイルは添付できません{what}。添付できるのは {ACCEPTED} です。")
    return kind


def what_it_looks_like(data: bytes) -> str | None:
    """What a file seems to be from its first bytes, in words, when it is something we know."""
    head = data[:64]
    if head.startswith(b"MZ"):
        return "Windows の実行ファイル（.exe など）"
    if head.startswith(b"\x7fELF"):
        return "Linux の実行ファイル"
    if head[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
                    b"\xca\xfe\xba\xbe"):
        return "macOS の実行ファイル"
    if head.startswith(b"#!"):
        return "スクリプト（プログラム）"
    if head.startswith(b"%PDF-"):
        return "PDF"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG 画像"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG 画像"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF 画像"
    if head.startswith(b"PK\x03\x04"):
        return "ZIP 形式のファイル"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "古い形式の Office 文書（.xls / .doc。マクロを含むことがあります）"
    if head.startswith(b"SQLite format 3\x00"):
        return "データベースファイル"
    if head.startswith((b"Rar!", b"7z\xbc\xaf\x27\x1c")):
        return "圧縮ファイル"
    if head.startswith(b"{\\rtf"):
        return "RTF 文書"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")):
        return "HTML・XML などのテキスト"
    sample = data[:4096]
    if sample and b"\x00" not in sample:
        for encoding in ("utf-8", "cp932"):
            try:
                sample.decode(encoding)
            except UnicodeDecodeError:
                continue
            return "テキストファイル（CSV など）"
    return None


def check_content(name: str, data: bytes) -> CheckedEvidence:
    """The one check an attachment's content gets: within the size limit, and its first bytes (an
    Excel book: its zip directory) are the declared type's. Raises EvidenceError or LimitError,
    naming the file."""
    name = clean_name(name)
    kind = kind_of_name(name)
    check_attachment_size(f"添付ファイル「{name}」", len(data))
    if not _signature_matches(kind, data):
        seen = what_it_looks_like(data)
        why = f"{seen}のようです" if seen else "中身を確かめられません"
        raise EvidenceError(name, f"名前は {kind.label} ですが、中身が {kind.label} ではありません（{why}）。"
                                  "添付しません。元のファイルを選び直してください。")
    if kind is EvidenceKind.XLSX:
        _check_xlsx(name, data)
    return CheckedEvidence(name, kind, len(data), sha256_hex(data))


def _signature_matches(kind: EvidenceKind, data: bytes) -> bool:
    if kind is EvidenceKind.PDF:
        return data.startswith(b"%PDF-")
    if kind is EvidenceKind.PNG:
        return data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    if kind is EvidenceKind.JPEG:
        return data.startswith(b"\xff\xd8\xff")
    if kind is EvidenceKind.GIF:
        return data.startswith((b"GIF87a", b"GIF89a"))
    return data.startswith(b"PK\x03\x04")


def _check_xlsx(name: str, data: bytes) -> None:
    """An Excel book's zip directory: not a bomb, not encrypted, a plain book (no macros)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > XLSX_MAX_PARTS:
                raise EvidenceError(name, f"ブックの中の部品が多すぎます（{len(infos):,} 個）。添付しません。", "zip_bomb")
            total = 0
            for i in infos:
                if i.flag_bits & 0x1:
                    raise EvidenceError(name, "暗号化された部分があります。パスワードを外して保存し直してください。")
                total += i.file_size
                ratio = i.file_size > 1024 * 1024 and i.file_size > XLSX_MAX_RATIO * max(1, i.compress_size)
                if i.file_size > XLSX_MAX_PART_BYTES or ratio or total > XLSX_MAX_TOTAL_BYTES:
                    raise EvidenceError(name, f"展開すると異常に大きくなるファイルです（{i.filename[:60]} が "
                                              f"{i.compress_size:,} バイトから {i.file_size:,} バイトに）。添付しません。",
                                        "zip_bomb")
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise EvidenceError(name, "ZIP 形式ですが Excel ブックではありません。")
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise EvidenceError(name, "マクロ付きのブックです。マクロのない「Excel ブック（*.xlsx）」で保存し直してください。")
            part = z.getinfo("[Content_Types].xml")
            if part.file_size > CONTENT_TYPES_MAX_BYTES:
                raise EvidenceError(name, "ブックの構成情報が異常に大きいため添付しません。", "zip_bomb")
            with z.open(part) as f:
                types = f.read(CONTENT_TYPES_MAX_BYTES + 1)
            if len(types) > CONTENT_TYPES_MAX_BYTES:
                raise EvidenceError(name, "ブックの構成情報が異常に大きいため添付しません。", "zip_bomb")
            if b"macroEnabled" in types:
                raise EvidenceError(name, "マクロ付きのブックです。マクロのない「Excel ブック（*.xlsx）」で保存し直してください。")
    except EvidenceError:
        raise
    except LimitError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, KeyError) as exc:
        raise EvidenceError(name, "ブックが壊れています（ZIP として読めません）。") from exc
    except (RuntimeError, NotImplementedError, LookupError) as exc:
        raise EvidenceError(name, "読めない形式（暗号化など）の部分があります。") from exc
