"""The generated hostile corpus, part 2: whole returned files, collected as the division collects
them: zip damage, identity, and versions (returns of one hand-out in every order the workbook's own
save can tell, or cannot). The expectation is written beside each case: the outcome codes, the
words of the message (which always names the file), and the value the master holds after.
A refused file changes nothing in the master (its fields and conflicts are compared)."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from workbook_helpers import INDICATORS, MEASURES, hand_out, stamp_xml
from workbook_xml import Book

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.store.reader import read_fields

FARM = "value:strategy-2015:g1.a1.k3:actual:2020:"
NAME = "提出用_令和2年度_産業振興課.xlsx"
IDENTITY = "kd_identity"


@dataclass(frozen=True)
class Round:
    master: Path  # the master after the hand-out (copied for each case)
    book: Path  # the handed-out workbook
    issued: dt.datetime


@pytest.fixture(scope="module")
def handed(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Round:
    work = tmp_path_factory.mktemp("corpus-files")
    master = work / "master.sqlite"
    shutil.copyfile(built_db_template, master)
    book = hand_out(master, work / "配布", ["産業振興課"])["産業振興課"]
    issued = dt.datetime.now().astimezone().replace(microsecond=0) - dt.timedelta(days=2)
    con = sqlite3.connect(master)  # handed out two days ago, as the city's are
    con.execute("UPDATE handouts SET issued_at = ?", (issued.isoformat(),))
    con.commit()
    con.close()
    b = Book(book)
    b.parts["docProps/core.xml"] = stamp_xml(issued, None)
    b.save(book)
    return Round(master, book, issued)


def _state(master: Path) -> tuple[object, ...]:
    con = sqlite3.connect(f"file:{master}?mode=ro", uri=True)
    try:
        conflicts = con.execute("SELECT field_key, master, department FROM conflicts ORDER BY id").fetchall()
        return tuple(sorted(read_fields(con).items())), tuple(conflicts)
    finally:
        con.close()


def _collect(master: Path, path: Path):  # type: ignore[no-untyped-def]
    db = open_database(master, create=False)
    try:
        return collect(db, [path]).outcomes[0]
    finally:
        db.dispose()


def _farm(master: Path) -> str | None:
    con = sqlite3.connect(f"file:{master}?mode=ro", uri=True)
    try:
        return read_fields(con).get(FARM)
    finally:
        con.close()


def _filled(r: Round, value: str = "365", at: object = "later", by: str | None = "田中 太郎") -> Book:
    """The workbook with 実績 typed (a number) and saved by Excel (`at`: minutes after the hand-out,
    "later": an hour after it, a datetime, or None)."""
    b = Book(r.book)
    b.set_cell(INDICATORS, "K5", v=value, t="n")
    when = r.issued + dt.timedelta(hours=1) if at == "later" else (
        r.issued + dt.timedelta(minutes=at) if isinstance(at, (int, float)) else at)
    b.parts["docProps/core.xml"] = stamp_xml(when, by)
    return b


# ---------------------------------------------------------------- zip damage and foreign files
Make = Callable[[Round, Path], Path]


def saved(change: Callable[[Book], None] | None = None, **save: object) -> Make:
    def make(r: Round, d: Path) -> Path:
        b = _filled(r)
        if change:
            change(b)
        return b.save(d / NAME, **save)  # type: ignore[arg-type]
    return make


def extra(name: str, data: bytes = b"<x/>") -> Make:
    return saved(lambda b: b.extra.append((name, data)))


def duplicate(part: str, name: str | None = None) -> Make:
    def change(b: Book) -> None:
        data = b.parts[part].replace(b'<v>365</v>', b'<v>999</v>')
        b.extra.append((name or part, data))
    return saved(change)


def raw(change: Callable[[bytes], bytes], name: str = NAME) -> Make:
    def make(r: Round, d: Path) -> Path:
        good = _filled(r).save(d / "good.xlsx")
        out = d / name
        out.write_bytes(change(good.read_bytes()))
        return out
    return make


def flip_in(part: str) -> Callable[[bytes], bytes]:
    """Bytes flipped inside a part's compressed data: its CRC no longer matches."""
    def change(data: bytes) -> bytes:
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo(part)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 5
        out = bytearray(data)
        for i in range(start, start + 8):
            out[i] ^= 0x5A
        return bytes(out)
    return change


def header_flag(part: str, flag: int = 0, method: int | None = None) -> Callable[[bytes], bytes]:
    """A part's flag bits or compression method set in both its local and central headers."""
    def change(data: bytes) -> bytes:
        import io
        import struct

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo(part)
        out = bytearray(data)
        local = info.header_offset
        pos = 0
        name = part.encode()
        while True:  # the central directory entry of the part
            pos = data.find(b"PK\x01\x02", pos)
            assert pos >= 0
            n = struct.unpack("<H", data[pos + 28:pos + 30])[0]
            if data[pos + 46:pos + 46 + n] == name:
                break
            pos += 4
        for at, off in ((local, 6), (pos, 8)):
            bits = struct.unpack("<H", out[at + off:at + off + 2])[0] | flag
            out[at + off:at + off + 2] = struct.pack("<H", bits)
            if method is not None:
                out[at + off + 2:at + off + 4] = struct.pack("<H", method)
        return bytes(out)
    return change


def entity(part: str, doctype: bytes) -> Make:
    def change(b: Book) -> None:
        text = b.parts[part]
        head, sep, rest = text.partition(b"?>") if text.startswith(b"<?xml") else (b"", b"", text)
        b.parts[part] = head + sep + doctype + rest
    return saved(change)


LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, b"&lol%s;" % (str(i - 1).encode() if i > 1 else b"") * 10) for i in range(1, 10))
    + b"]>")
XXE = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def many_parts(b: Book) -> None:
    for i in range(1001):
        b.extra.append((f"customXml/item{i}.xml", b"<x/>"))


def drop(part: str) -> Callable[[Book], None]:
    def change(b: Book) -> None:
        del b.parts[part]
    return change


def replace_part(part: str, data: bytes) -> Callable[[Book], None]:
    def change(b: Book) -> None:
        b.parts[part] = data
    return change


def sub(part: str, pattern: str, repl: str) -> Callable[[Book], None]:
    def change(b: Book) -> None:
        text = b.text(part)
        new = re.sub(pattern, repl, text, count=1)
        assert new != text, (part, pattern)
        b.put(part, new)
    return change


def stored(b: Book) -> None:
    b.compression = zipfile.ZIP_STORED


def bzip2(b: Book) -> None:
    b.compression = zipfile.ZIP_BZIP2


def mismatched_names(data: bytes) -> bytes:
    i = data.find(b"xl/worksheets/sheet2.xml")
    assert i > 0
    return data[:i] + b"xl/worksheets/sheetX.xml" + data[i + len(b"xl/worksheets/sheet2.xml"):]


def without_strings(r: Round, d: Path) -> Path:
    """Excel's shared strings referenced by the cells, the part itself left out."""
    excel = _filled(r).save(d / "excel.xlsx", dialect="excel")
    out = d / NAME
    with zipfile.ZipFile(excel) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/sharedStrings.xml":
                zout.writestr(info.filename, zin.read(info))
    return out


def sqlite_file(r: Round, d: Path) -> Path:
    out = d / NAME
    shutil.copyfile(r.master, out)
    return out


def kdesk_named(r: Round, d: Path) -> Path:
    return _filled(r).save(d / "提出用_令和2年度_産業振興課.kdesk")


def bytes_file(data: bytes, name: str = NAME) -> Make:
    def make(r: Round, d: Path) -> Path:
        out = d / name
        out.write_bytes(data)
        return out
    return make


MERGED = ("merged", "")
ZIP_CASES: list[tuple[str, Make, tuple[str, str]]] = [
    ("as Excel saves it", saved(), MERGED),
    ("in Excel's shared strings", saved(dialect="excel"), MERGED),
    ("with a prefixed namespace", saved(dialect="prefixed"), MERGED),
    ("stored without compression", saved(stored), MERGED),
    ("compressed with bzip2 (Python reads it)", saved(bzip2), MERGED),
    ("an unknown part besides", extra("customXml/item1.xml"), MERGED),
    ("a workbook named .kdesk", kdesk_named, MERGED),
    ("a sheet twice, the second changed", duplicate("xl/worksheets/sheet2.xml"), ("not_workbook", "同じ名前の部品")),
    ("a sheet twice, in another case", duplicate("xl/worksheets/sheet2.xml", "xl/Worksheets/Sheet2.xml"),
     ("not_workbook", "同じ名前の部品")),
    ("the identity twice", duplicate("xl/worksheets/sheet4.xml"), ("not_workbook", "同じ名前の部品")),
    ("content types twice", duplicate("[Content_Types].xml"), ("not_workbook", "同じ名前の部品")),
    ("a part climbing out", extra("../../evil.xml"), ("not_workbook", "ブックの外")),
    ("a part climbing out midway", extra("xl/../../evil.xml"), ("not_workbook", "ブックの外")),
    ("an absolute part name", extra("/etc/cron.d/evil"), ("not_workbook", "ブックの外")),
    ("a drive in a part name", extra("C:/Windows/evil.xml"), ("not_workbook", "ブックの外")),
    ("a backslash path", extra("xl\\..\\..\\evil.xml"), ("not_workbook", "ブックの外")),
    ("a dot segment", extra("xl/./worksheets/sheet9.xml"), ("not_workbook", "ブックの外")),
    ("a control character in a name", extra("xl/evil\x07.xml"), ("not_workbook", "ブックの外")),
    ("cut in half", raw(lambda d: d[: len(d) // 2]), ("not_workbook", "")),
    ("its last byte cut", raw(lambda d: d[:-1]), ("not_workbook", "")),
    ("its directory's end cut", raw(lambda d: d[:-22]), ("not_workbook", "")),
    ("only its first bytes", raw(lambda d: d[:100]), ("not_workbook", "")),
    ("a sheet's bytes flipped", raw(flip_in("xl/worksheets/sheet2.xml")), ("not_workbook", "")),
    ("the identity's bytes flipped", raw(flip_in("xl/worksheets/sheet4.xml")), ("not_workbook", "")),
    ("bytes before the zip", raw(lambda d: b"MZ" + b"\0" * 1022 + d), ("not_workbook", "Excel ブック（.xlsx）ではありません")),
    ("a part marked encrypted", raw(header_flag("xl/worksheets/sheet2.xml", flag=1)), ("encrypted", "暗号化")),
    ("an unknown compression method", raw(header_flag("xl/worksheets/sheet2.xml", method=99)), ("encrypted", "読めない形式")),
    ("names differ in the two headers", raw(mismatched_names), ("not_workbook", "")),
    ("no content types", saved(drop("[Content_Types].xml")), ("not_workbook", "")),
    ("no workbook relationships", saved(drop("xl/_rels/workbook.xml.rels")), ("not_workbook", "")),
    ("the indicator sheet's part missing", saved(drop("xl/worksheets/sheet2.xml")), ("sheets_changed", "シート「成果指標」がありません")),
    ("no workbook part", saved(drop("xl/workbook.xml")), ("not_workbook", "Excel ブックではありません")),
    ("a sheet that is not XML", saved(replace_part("xl/worksheets/sheet2.xml", b"not xml at all")), ("not_workbook", "")),
    ("an empty sheet part", saved(replace_part("xl/worksheets/sheet2.xml", b"")), ("not_workbook", "")),
    ("shared strings that are missing", without_strings, ("not_workbook", "")),
    ("a thousand and one parts", saved(many_parts), ("zip_bomb", "部品が多すぎます")),
    ("a part of 8 MB of zeros", extra("xl/media/image1.bin", b"\0" * (8 * 1024 * 1024)), ("zip_bomb", "異常に大きく")),
    ("a huge sheet dimension", saved(sub("xl/worksheets/sheet2.xml", r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"')),
     ("sheet_too_large", "シートの大きさが異常")),
    ("macros", extra("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0"), ("macros", "マクロ")),
    ("external links", extra("xl/externalLinks/externalLink1.xml"), ("external_links", "外部参照")),
    ("a billion laughs in a sheet", entity("xl/worksheets/sheet2.xml", LAUGHS), ("not_workbook", "危険な記述")),
    ("an external entity in a sheet", entity("xl/worksheets/sheet2.xml", XXE), ("not_workbook", "危険な記述")),
    ("a billion laughs in the save record", entity("docProps/core.xml", LAUGHS), ("not_workbook", "危険な記述")),
    ("an external entity in the identity", entity("xl/worksheets/sheet4.xml", XXE), ("not_workbook", "危険な記述")),
    ("a save record that is not XML (openpyxl cannot read it)", saved(replace_part("docProps/core.xml", b"<<<")),
     ("not_workbook", "ブックの中身が読めません")),
    ("no save record", saved(drop("docProps/core.xml")), MERGED),
    ("no program record", saved(drop("docProps/app.xml")), MERGED),
    ("a CSV renamed", bytes_file("成果指標,実績\n市内体験農園の区画数,365\n".encode("cp932")), ("not_workbook", "CSV")),
    ("a PDF renamed", bytes_file(b"%PDF-1.7\n" + b"x" * 200), ("not_workbook", "Excel ブック（.xlsx）ではありません")),
    ("an encrypted workbook (OLE2)", bytes_file(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4088), ("encrypted", "パスワード")),
    ("the master renamed .xlsx", sqlite_file, ("not_department_file", "")),
    ("an empty file", bytes_file(b""), ("empty", "空")),
    ("a zip holding nothing", bytes_file(b"PK\x05\x06" + b"\0" * 18), ("not_workbook", "")),
]


@pytest.mark.parametrize(("what", "make", "expect"), ZIP_CASES, ids=[c[0] for c in ZIP_CASES])
def test_a_damaged_or_foreign_file(handed: Round, tmp_path: Path, what: str, make: Make,
                                   expect: tuple[str, str]) -> None:
    master = tmp_path / "master.sqlite"
    shutil.copyfile(handed.master, master)
    path = make(handed, tmp_path)
    before = _state(master)
    outcome = _collect(master, path)
    code, words = expect
    assert outcome.code == code, (what, outcome.message)
    assert outcome.message.startswith(path.name) and words in outcome.message, outcome.message
    if code == "merged":
        assert _farm(master) == "365区画"
    else:
        assert _state(master) == before


# ---------------------------------------------------------------- identity
def identity(key: str, value: str | None) -> Callable[[Book], None]:
    """The identity sheet's row `key` given `value` (None: the row's value removed)."""
    def change(b: Book) -> None:
        part = b.sheet_part(IDENTITY)
        text = b.text(part)
        m = re.search(rf'<row r="(\d+)"><c r="A\1"[^>]*><is><t>{key}</t></is></c>(<c r="B\1"[^>]*?(?:/>|>.*?</c>))</row>',
                      text, flags=re.S)
        assert m, key
        row = m.group(1)
        new = f'<c r="B{row}" t="inlineStr"><is><t>{value}</t></is></c>' if value is not None else f'<c r="B{row}"/>'
        b.put(part, text.replace(m.group(2), new, 1))
    return change


def identity_sheet_gone(b: Book) -> None:
    sub("xl/workbook.xml", r'<sheet name="kd_identity"[^>]*/>', "")(b)


def visible(b: Book) -> None:
    sub("xl/workbook.xml", r'(<sheet name="kd_identity"[^>]*state=")veryHidden', r"\1visible")(b)


def renamed(b: Book) -> None:
    sub("xl/workbook.xml", r'<sheet name="成果指標"', '<sheet name="指標"')(b)


def cell_text(sheet: str, coord: str, value: str) -> Callable[[Book], None]:
    def change(b: Book) -> None:
        b.set_cell(sheet, coord, inline=value)
    return change


def appended_row(key: str, value: str) -> Callable[[Book], None]:
    def change(b: Book) -> None:
        b.set_cell(IDENTITY, "A39", inline=key)
        b.set_cell(IDENTITY, "B39", inline=value)
    return change


def superseded(r: Round, d: Path) -> Path:
    return _filled(r).save(d / NAME)


KEYS = {"file_kind": "no_identity", "master_id": "other_master", "handout_id": "unknown_handout",
        "department": "wrong_department", "fiscal_year": "wrong_year", "snapshot": "tampered", "checksum": "tampered"}
IDENTITY_CASES: list[tuple[str, Callable[[Book], None] | None, tuple[str, str]]] = [
    *[(f"{k} altered", identity(k, "0" * 36 if k != "department" else "子育て支援課"), (code, ""))
      for k, code in KEYS.items()],
    *[(f"{k} emptied", identity(k, None), (code, "")) for k, code in KEYS.items()],
    ("a second department row", appended_row("department", "子育て支援課"), ("wrong_department", "子育て支援課")),
    ("the identity sheet gone", identity_sheet_gone, ("no_identity", "識別情報")),
    ("the identity sheet shown", visible, MERGED),
    ("a sheet renamed", renamed, ("sheets_changed", "シート「成果指標」がありません")),
    ("a heading changed", cell_text(INDICATORS, "K3", "実績"), ("sheets_changed", "成果指標!K3")),
    ("an indicator's name changed", cell_text(INDICATORS, "C5", "区画数"), ("sheets_changed", "成果指標!C5")),
    ("a measure's name changed", cell_text(MEASURES, "C4", "農家の支援"), ("sheets_changed", "実施状況!C4")),
    ("a unit overwritten", cell_text(INDICATORS, "L5", "人"), ("merged", "保護されたセル（成果指標!L5）")),
    ("last year's value changed", cell_text(INDICATORS, "J5", "330区画"), ("needs_review", "要確認")),
    ("the target changed", cell_text(INDICATORS, "F5", "400区画"), ("needs_review", "要確認")),
]


@pytest.mark.parametrize(("what", "change", "expect"), IDENTITY_CASES, ids=[c[0] for c in IDENTITY_CASES])
def test_identity_and_layout(handed: Round, tmp_path: Path, what: str, change: Callable[[Book], None] | None,
                             expect: tuple[str, str]) -> None:
    master = tmp_path / "master.sqlite"
    shutil.copyfile(handed.master, master)
    b = _filled(handed)
    if change:
        change(b)
    path = b.save(tmp_path / NAME)
    before = _state(master)
    outcome = _collect(master, path)
    code, words = expect
    assert outcome.code == code, (what, outcome.message)
    assert outcome.message.startswith(path.name) and words in outcome.message, outcome.message
    if code in ("merged", "needs_review"):
        assert _farm(master) == "365区画"
    else:
        assert _state(master) == before


def test_a_replaced_hand_out_and_the_same_bytes_again(handed: Round, tmp_path: Path) -> None:
    master = tmp_path / "master.sqlite"
    shutil.copyfile(handed.master, master)
    path = _filled(handed).save(tmp_path / NAME)
    assert _collect(master, path).code == "merged"
    assert _collect(master, path).code == "already_collected"
    old = _filled(handed, "366").save(tmp_path / "old" / NAME)
    hand_out(master, tmp_path / "again", ["産業振興課"], again=True)  # (collected: handed out again only when asked)
    before = _state(master)
    outcome = _collect(master, old)
    assert outcome.code == "superseded" and "差し替え済み" in outcome.message
    assert _state(master) == before


# ---------------------------------------------------------------- versions
# A return: (value typed in 実績, save time (minutes after the hand-out, None, or text), saved by, save count)
Ret = tuple[str, object, str | None, int | None]
T = "田中 太郎"
VERSION_CASES: list[tuple[str, list[Ret], list[int], list[str], str]] = [
    # what, the returns, the order they are collected in, the outcomes, 実績 in the master after
    ("a later save after an earlier", [("100", 60, T, None), ("200", 120, T, None)], [0, 1], ["merged", "merged"], "200"),
    ("an earlier save after a later", [("100", 60, T, None), ("200", 120, T, None)], [1, 0], ["merged", "stale"], "200"),
    ("three saves out of order", [("100", 60, T, None), ("200", 120, T, None), ("300", 180, T, None)], [0, 2, 1],
     ["merged", "merged", "stale"], "300"),
    ("three saves backwards", [("100", 60, T, None), ("200", 120, T, None), ("300", 180, T, None)], [2, 1, 0],
     ["merged", "stale", "stale"], "300"),
    ("no save times, in order", [("100", None, T, None), ("200", None, T, None)], [0, 1], ["merged", "needs_review"], "100"),
    ("no save times, backwards", [("100", None, T, None), ("200", None, T, None)], [1, 0], ["merged", "needs_review"], "200"),
    ("the first without a save time", [("100", None, T, None), ("200", 120, T, None)], [0, 1], ["merged", "needs_review"], "100"),
    ("the second without a save time", [("100", 60, T, None), ("200", None, T, None)], [0, 1], ["merged", "needs_review"], "100"),
    ("the same second", [("100", 60, T, None), ("200", 60, T, None)], [0, 1], ["merged", "needs_review"], "100"),
    ("the same content saved again later", [("100", 60, T, None), ("100", 120, T, None)], [0, 1], ["merged", "merged"], "100"),
    ("a save before the hand-out", [("100", 60, T, None), ("200", -600, T, None)], [0, 1], ["merged", "needs_review"], "100"),
    ("a save at the hand-out's own time", [("100", 60, T, None), ("200", 1, T, None)], [0, 1], ["merged", "needs_review"], "100"),
    ("a save from a clock a month ahead", [("100", 60, T, None), ("200", 60 * 24 * 32, T, None)], [0, 1],
     ["merged", "needs_review"], "100"),
    ("two people", [("100", 60, T, None), ("200", 120, "鈴木 花子", None)], [0, 1], ["merged", "needs_review"], "100"),
    ("two people, the later first", [("100", 60, T, None), ("200", 120, "鈴木 花子", None)], [1, 0],
     ["merged", "needs_review"], "200"),
    ("one save without a name", [("100", 60, None, None), ("200", 120, T, None)], [1, 0], ["merged", "stale"], "200"),
    ("a name written with a full-width space", [("100", 60, "田中　太郎", None), ("200", 120, T, None)], [1, 0],
     ["merged", "stale"], "200"),
    ("save counts that agree", [("100", 60, T, 3), ("200", 120, T, 4)], [1, 0], ["merged", "stale"], "200"),
    ("save counts that contradict the clock", [("100", 120, T, 4), ("200", 60, T, 5)], [0, 1], ["merged", "needs_review"], "100"),
    ("the same second, told by the save counts", [("100", 60, T, 1), ("200", 60, T, 2)], [1, 0], ["merged", "stale"], "200"),
    ("a save time that is no time (openpyxl cannot read it)", [("100", 60, T, None), ("200", "昨日の夕方", T, None)],
     [0, 1], ["merged", "not_workbook"], "100"),
    ("a save time without its seconds", [("100", 60, T, None), ("200", "HH:MM", T, None)], [1, 0], ["merged", "stale"], "200"),
    ("a save time in Japan's zone", [("100", 60, T, None), ("200", "+09:00", T, None)], [1, 0], ["merged", "stale"], "200"),
    ("an unknown one between two known", [("100", 60, T, None), ("150", None, T, None), ("200", 120, T, None)], [0, 1, 2],
     ["merged", "needs_review", "merged"], "200"),
]


def _return(r: Round, ret: Ret, d: Path) -> Path:
    value, at, by, revision = ret
    b = Book(r.book)
    b.set_cell(INDICATORS, "K5", v=value, t="n")
    if at == "+09:00":
        when: object = (r.issued + dt.timedelta(hours=2)).astimezone(dt.timezone(dt.timedelta(hours=9))).isoformat()
    elif at == "HH:MM":
        when = (r.issued + dt.timedelta(hours=2)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")
    elif isinstance(at, (int, float)):
        when = r.issued + dt.timedelta(minutes=at)
    else:
        when = at
    b.parts["docProps/core.xml"] = stamp_xml(when, by, revision)
    return b.save(d / NAME)


@pytest.mark.parametrize(("what", "returns", "order", "codes", "farm"), VERSION_CASES, ids=[c[0] for c in VERSION_CASES])
def test_versions(handed: Round, tmp_path: Path, what: str, returns: list[Ret], order: list[int], codes: list[str],
                  farm: str) -> None:
    master = tmp_path / "master.sqlite"
    shutil.copyfile(handed.master, master)
    files = [_return(handed, ret, tmp_path / f"mail{i}") for i, ret in enumerate(returns)]
    got = []
    for i in order:
        before = _state(master)
        outcome = _collect(master, files[i])
        got.append(outcome.code)
        assert outcome.message.startswith(NAME)
        if outcome.code == "stale":
            assert "古い版" in outcome.message and _state(master) == before
        if outcome.code == "needs_review":
            assert "保存の順序が分からない" in outcome.message
    assert got == codes, what
    assert _farm(master) == f"{farm}区画"


def test_the_corpus_of_files_has_its_cases() -> None:
    assert len(ZIP_CASES) + len(IDENTITY_CASES) + len(VERSION_CASES) >= 100


def test_random_bytes_flipped_get_a_catalogued_outcome(handed: Round, tmp_path: Path) -> None:
    """Seeded random damage anywhere in the file: each outcome a code of the catalogue naming the file."""
    from kodaira_desk.domain.round import Outcome

    master = tmp_path / "master.sqlite"
    shutil.copyfile(handed.master, master)
    good = _filled(handed).save(tmp_path / "good.xlsx").read_bytes()
    rnd = random.Random(26)
    for i in range(40):
        bad = bytearray(good)
        for _ in range(rnd.choice((1, 3, 16))):
            bad[rnd.randrange(len(bad))] = rnd.randrange(256)
        path = tmp_path / f"damaged{i}" / NAME
        path.parent.mkdir()
        path.write_bytes(bytes(bad))
        before = _state(master)
        outcome = _collect(master, path)
        assert outcome.message.startswith(NAME) and outcome.code != "unexpected", outcome.message
        if Outcome(outcome.code).refused:
            assert _state(master) == before
