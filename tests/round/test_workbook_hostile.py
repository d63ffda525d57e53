"""Hostile and damaged workbooks: each gets its Japanese message naming the file, and the master
stays exactly as it was (the full JSON export is compared)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from round_helpers import export
from workbook_helpers import INDICATORS, MEASURES, clerk_edit, hand_out, rewrite_parts

from kodaira_desk.cli import main

FARM = (INDICATORS, "市内体験農園の区画数", "令和2年度 実績")
Maker = Callable[[Path, Path, Path], Path]  # (handed-out workbook, folder, master) → the file to collect


def _edited(book: Path, d: Path) -> Path:
    return clerk_edit(book, {FARM: 365}, out=d / book.name)


def _parts(change: Callable[[str, bytes], bytes | None], add: dict[str, bytes] | None = None,
           name: str | None = None) -> Maker:
    def make(book: Path, d: Path, _master: Path) -> Path:
        (d / "src").mkdir()
        src = _edited(book, d / "src")
        return rewrite_parts(src, d / (name or book.name), change, add)
    return make


def _keep(_name: str, data: bytes) -> bytes:
    return data


def _dimension(name: str, data: bytes) -> bytes:
    if name == "xl/worksheets/sheet2.xml":
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
    return data


def _with_openpyxl(change: Callable[[openpyxl.Workbook], None]) -> Maker:
    def make(book: Path, d: Path, _master: Path) -> Path:
        return clerk_edit(book, {FARM: 365}, out=d / book.name, also=change)
    return make


def _identity(key: str, value: str) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["kd_identity"]
        for row in ws.iter_rows(min_row=1, max_col=2):
            if row[0].value == key:
                row[1].value = value
    return change


def _rename(wb: openpyxl.Workbook) -> None:
    wb[INDICATORS].title = "指標"


def _delete(wb: openpyxl.Workbook) -> None:
    del wb[MEASURES]


def _insert_row(wb: openpyxl.Workbook) -> None:
    wb[INDICATORS].insert_rows(5)


def _sort_measures(wb: openpyxl.Workbook) -> None:
    """Two measures' rows swapped, as a sort by name would."""
    ws = wb[MEASURES]
    for col in range(1, 7):
        a, b = ws.cell(row=4, column=col), ws.cell(row=5, column=col)
        a.value, b.value = b.value, a.value


def _remove_identity(wb: openpyxl.Workbook) -> None:
    del wb["kd_identity"]


def _bytes(data: bytes, name: str | None = None) -> Maker:
    def make(book: Path, d: Path, _master: Path) -> Path:
        p = d / (name or book.name)
        p.write_bytes(data)
        return p
    return make


def _superseded(book: Path, d: Path, master: Path) -> Path:
    old = _edited(book, d)
    hand_out(master, d / "again", ["産業振興課"], again=True)  # a new round's hand-out (再配布) replaces the first
    return old


def _formula(book: Path, d: Path, _master: Path) -> Path:
    return clerk_edit(book, {FARM: "=SUM(G5:J5)"}, out=d / book.name)


def _date(book: Path, d: Path, _master: Path) -> Path:
    import datetime as dt

    return clerk_edit(book, {FARM: dt.datetime(2026, 3, 3)}, out=d / book.name)  # "3-3" became 3月3日


BILLION_LAUGHS = (b'<!DOCTYPE worksheet [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%s;" % (str(i - 1).encode() if i > 1 else b"")
                                                                      for _ in range(10))) for i in range(1, 10))
                  + b"]>")


def _entity_bomb(name: str, data: bytes) -> bytes:
    """A billion laughs in the sheet openpyxl reads: 10^9 "lol"s in one cell if entities expanded."""
    if name != "xl/worksheets/sheet2.xml":
        return data
    data = data.replace(b"<t>\xe8\xa8\x88\xe7\x94\xbb</t>", b"<t>&lol9;</t>", 1)  # 計画
    assert b"&lol9;" in data
    return BILLION_LAUGHS + data


CSV = "成果指標,令和2年度 実績\n市内体験農園の区画数,365\n".encode("cp932")
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4088

CASES: list[tuple[str, Maker, str, str]] = [
    ("zip bomb", _parts(_keep, {"xl/media/image1.bin": b"\0" * (8 * 1024 * 1024)}), "zip_bomb", "展開すると異常に大きく"),
    ("huge sheet dimension", _parts(_dimension), "sheet_too_large", "シートの大きさが異常"),
    ("external links", _parts(_keep, {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
     "external_links", "外部参照"),
    ("xlsm with macros", _parts(_keep, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"},
                                name="提出用_令和2年度_産業振興課.xlsm"), "macros", "マクロ付き"),
    ("another department", _with_openpyxl(_identity("department", "子育て支援課")), "wrong_department", "子育て支援課"),
    ("another master", _with_openpyxl(_identity("master_id", "someone-else")), "other_master", "別の親データベース"),
    ("an unknown hand-out", _with_openpyxl(_identity("handout_id", "00000000-0000-0000-0000-000000000000")),
     "unknown_handout", "配布記録にない"),
    ("a replaced (older) round", _superseded, "superseded", "差し替え済み"),
    ("identity altered", _with_openpyxl(_identity("checksum", "0" * 64)), "tampered", "破損"),
    ("renamed sheet", _with_openpyxl(_rename), "sheets_changed", "シート「成果指標」がありません"),
    ("deleted sheet", _with_openpyxl(_delete), "sheets_changed", "シート「実施状況」がありません"),
    ("a row inserted", _with_openpyxl(_insert_row), "sheets_changed", "行や列が追加・削除・並べ替えされた"),
    ("rows sorted", _with_openpyxl(_sort_measures), "sheets_changed", "実施状況!C4"),
    ("removed identity sheet", _with_openpyxl(_remove_identity), "no_identity", "識別情報"),
    ("CSV renamed .xlsx", _bytes(CSV), "not_workbook", "CSV"),
    ("encrypted workbook", _bytes(OLE2), "encrypted", "パスワード"),
    ("an XML entity bomb", _parts(_entity_bomb), "not_workbook", "危険な記述（EntitiesForbidden）"),
    ("a zip that is no workbook", _parts(lambda n, b: None if n == "xl/workbook.xml" else b), "not_workbook",
     "Excel ブックではありません"),
    ("a formula other than a plain reference", _formula, "invalid_values", "数式 =SUM(G5:J5)"),
    ("a value Excel turned into a date", _date, "invalid_values", "日付として保存されています"),
]


@pytest.mark.parametrize(("what", "make", "code", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_workbook_is_refused_and_changes_nothing(db_path: Path, tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                                           what: str, make: Maker, code: str, words: str) -> None:
    book = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    bad_dir = tmp_path / "届いたファイル"
    bad_dir.mkdir()
    bad = make(book, bad_dir, db_path)
    before = export(db_path)
    capsys.readouterr()
    rc = main(["--db", str(db_path), "collect", str(bad)])
    captured = capsys.readouterr()
    assert rc == 1
    assert "Traceback" not in captured.out + captured.err
    line = next(ln for ln in captured.out.splitlines() if ln.startswith("×"))
    assert line.endswith(f"[{code}]"), line
    assert bad.name in line and words in line, line
    assert export(db_path) == before


def test_a_refused_workbook_does_not_stop_the_others(db_path: Path, tmp_path: Path) -> None:
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.rounds.collect import collect

    books = hand_out(db_path, tmp_path / "配布", ["産業振興課", "子育て支援課"])
    good = clerk_edit(books["子育て支援課"], {(INDICATORS, "児童館の利用者数", "令和2年度 実績"): 36000})
    bad = tmp_path / "bad.xlsx"
    shutil.copyfile(books["産業振興課"], bad)
    bad.write_bytes(CSV)
    db = open_database(db_path, create=False)
    report = collect(db, [bad, good])
    db.dispose()
    assert [o.code for o in report.outcomes] == ["not_workbook", "merged"]


def test_a_refused_workbook_shows_on_its_departments_row(db_path: Path, tmp_path: Path) -> None:
    """A workbook refused for a cell is the department's: the board says its last file was refused."""
    from round_helpers import R2

    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.rounds.status import round_status

    book = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    bad = _formula(book, tmp_path, db_path)
    db = open_database(db_path, create=False)
    from kodaira_desk.services.rounds.collect import collect

    outcome = collect(db, [bad]).outcomes[0]
    states = {s.department: s for s in round_status(db, R2)}
    db.dispose()
    assert outcome.code == "invalid_values" and outcome.department == "産業振興課"
    assert states["産業振興課"].reason is not None and "成果指標!K5" in states["産業振興課"].reason


def test_damaged_workbooks_get_a_catalogued_refusal_and_change_nothing(db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                         capsys) -> None:
    """Bytes flipped anywhere in a returned workbook (seeded): every outcome is a code of the
    catalogue with a message naming the file, never a traceback, and a refusal changes nothing."""
    import random

    from kodaira_desk.domain.round import Outcome

    book = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    good = _edited(book, tmp_path)
    data = good.read_bytes()
    before = export(db_path)
    rnd = random.Random(15)
    codes: set[str] = set()
    for i in range(30):
        damaged = bytearray(data)
        for _ in range(rnd.choice((1, 4, 32))):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        p = tmp_path / f"damaged{i}.xlsx"
        p.write_bytes(bytes(damaged))
        capsys.readouterr()
        rc = main(["--db", str(db_path), "collect", str(p)])
        out = capsys.readouterr()
        assert "Traceback" not in out.out + out.err
        line = next(ln for ln in out.out.splitlines() if ln[:1] in "×○!")
        assert p.name in line
        if line.startswith("×"):
            code = line.rsplit("[", 1)[1].rstrip("]")
            assert Outcome(code).refused and code != "unexpected", line
            codes.add(code)
            assert export(db_path) == before, line
        else:
            assert rc in (0, 1)
            before = export(db_path)  # a flip that left the cells alone merged: the next compares to it
    assert codes  # flips in a deflated zip are found (CRC, structure), and named
