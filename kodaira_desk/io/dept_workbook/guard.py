"""Checks made on a returned workbook before openpyxl opens it: what the bytes are, and what the
zip directory says about the contents (sizes are read from the directory, nothing is inflated
except the first bytes of each sheet, where Excel writes the sheet's dimension).

Every refusal is a WorkbookRefused with an Outcome code and a Japanese message naming the file.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from kodaira_desk.io.dept_workbook.layout import WorkbookRefused

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel's encrypted workbooks (and .xls) are OLE2 files
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls")
MAX_ENTRIES = 1_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # one part, uncompressed (a 3,000-row sheet of text is ~3 MB)
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # the whole workbook, uncompressed
MAX_RATIO = 100  # uncompressed / compressed, for parts over 1 MB (XML compresses ~10-20×)
MAX_ROWS = 20_000
MAX_COLUMNS = 300
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?\"")


def claims(path: Path, name: str | None = None) -> bool:
    """Whether a returned file is to be read as a workbook: by its content (a zip holding
    xl/workbook.xml, or an OLE2 container: an encrypted workbook), or by its name (an .xlsx that
    is something else gets a workbook's message, not a department file's). `path`: the private
    copy (a regular file of ours); `name`: the name it was received under (default: path's)."""
    named = Path(name or path.name).suffix.lower() in WORKBOOK_SUFFIXES
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError:
        return False
    if head.startswith(b"SQLite format 3"):
        return False  # a department file whatever its name
    if head.startswith(OLE2_MAGIC):
        return True
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as z:
                return "xl/workbook.xml" in z.namelist() or named
        except Exception:  # a damaged directory (BadZipFile, NotImplementedError for a bogus version…)
            return named
    return named


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _not_a_workbook(name: str, head: bytes) -> WorkbookRefused:
    sample = head[:4096]
    text: str | None = None
    for enc in ("utf-8-sig", "cp932"):
        try:
            text = sample.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if text is not None and ("," in text or "\t" in text) and "\x00" not in text:
        what = "CSV（テキスト）ファイルの名前を .xlsx に変えたもののようです"
    else:
        what = "Excel ブック（.xlsx）ではありません"
    return WorkbookRefused("not_workbook", f"{name}: {what}。配布した Excel ブックに入力し、"
                           "Excel の「Excel ブック（*.xlsx）」形式で保存して送ってもらってください。")


def check_container(path: Path, name: str) -> None:
    """Stage 1 for a workbook: magic bytes, the zip directory, macros, external links, sheet sizes.
    `path`: the private copy; `name`: the file's name as received (for the message)."""
    with path.open("rb") as f:
        head = f.read(4096)
    if head.startswith(OLE2_MAGIC):
        raise WorkbookRefused("encrypted", f"{name}: パスワードで保護（暗号化）されたブックか、古い形式（.xls）のブックです。"
                              "パスワードを外し、「Excel ブック（*.xlsx）」形式で保存し直して送ってもらってください。")
    if not head.startswith(ZIP_MAGIC):
        raise _not_a_workbook(name, head)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            _check_directory(name, infos)
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names:
                raise WorkbookRefused("not_workbook", f"{name}: ZIP 形式ですが Excel ブックではありません。")
            content_types = z.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in content_types:
                raise WorkbookRefused("macros", f"{name}: マクロ付きのブック（.xlsm）です。マクロは取り込めません。"
                                      "「Excel ブック（*.xlsx）」形式で保存し直して送ってもらってください。")
            links = sorted(n for n in names if n.lower().startswith("xl/externallinks/"))
            if links or b"externalLink" in content_types:
                raise WorkbookRefused("external_links", f"{name}: ほかのブックへのリンク（外部参照）が含まれています。"
                                      "リンクを解除（値に変換）してから保存し直して送ってもらってください。")
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with z.open(info) as part:
                        start = part.read(65536)
                    _check_dimension(name, start)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:  # a damaged zip
        raise WorkbookRefused("not_workbook", f"{name}: ブックが壊れています（ZIP として読めません）。"
                              "もう一度保存して送ってもらってください。") from exc
    except (RuntimeError, NotImplementedError, LookupError) as exc:  # an encrypted or oddly compressed part
        raise WorkbookRefused("encrypted", f"{name}: 読めない形式（暗号化など）の部分があります。") from exc


def _unsafe_name(part: str) -> bool:
    """A part name that climbs out of the archive or is not a plain relative name (an absolute
    path, a drive, "..", a backslash, a control character)."""
    if not part or part.startswith(("/", "\\")) or "\\" in part or re.match(r"^[A-Za-z]:", part):
        return True
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in part):
        return True
    return any(seg in ("..", ".") for seg in part.split("/"))


def _check_names(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Each part once (a second entry of one name is what a reader would take, silently: the
    package's part names are compared without case), and none outside the archive."""
    seen: set[str] = set()
    for i in infos:
        if _unsafe_name(i.filename):
            raise WorkbookRefused("not_workbook", f"{name}: ブックの中に、ブックの外を指す名前の部品（{i.filename[:60]!r}）が"
                                  "あります。取り込みません。Excel で「Excel ブック（*.xlsx）」形式で保存し直して送ってもらってください。")
        key = i.filename.casefold()
        if key in seen:
            raise WorkbookRefused("not_workbook", f"{name}: ブックの中に同じ名前の部品（{i.filename[:60]}）が二つあります。"
                                  "どちらが本当の内容か分からないため取り込みません。"
                                  "Excel で「Excel ブック（*.xlsx）」形式で保存し直して送ってもらってください。")
        seen.add(key)


def _check_directory(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise WorkbookRefused("zip_bomb", f"{name}: ブックの中の部品が多すぎます（{len(infos):,} 個）。取り込みません。")
    _check_names(name, infos)
    total = 0
    for i in infos:
        if i.flag_bits & 0x1:
            raise WorkbookRefused("encrypted", f"{name}: 暗号化された部分があるため読めません。")
        total += i.file_size
        big = i.file_size > MAX_ENTRY_BYTES
        ratio = i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(1, i.compress_size)
        if big or ratio or total > MAX_TOTAL_BYTES:
            raise WorkbookRefused("zip_bomb", f"{name}: 展開すると異常に大きくなるファイルです（{i.filename} が "
                                  f"{i.compress_size:,} バイトから {i.file_size:,} バイトに）。取り込みません。")


def _check_dimension(name: str, start: bytes) -> None:
    m = _DIMENSION.search(start)
    if not m:
        return
    last_col, last_row = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
    rows, cols = int(last_row), _column_number(last_col)
    if rows > MAX_ROWS or cols > MAX_COLUMNS:
        raise WorkbookRefused("sheet_too_large", f"{name}: シートの大きさが異常です（{rows:,} 行 × {cols:,} 列）。"
                              "配布したブックの行や列を増やさずに入力して送ってもらってください。")
