"""Reading a returned workbook's cells with openpyxl in read-only mode (after guard.check_container).

openpyxl parses through defusedxml when it is installed (a dependency of the app): no entity
expansion, no external entities. Only the cells the master's layout names are read, each sheet
streamed row by row up to the layout's last row, so a sheet with a lying dimension costs nothing.
A sheet holding formulas is also streamed by formulas.scan_sheet, and each formula cell of the
layout is read as Excel would show it (formulas.py). The workbook's own record of its last save
comes with the cells (props.py).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kodaira_desk.domain.save_order import SaveStamp
from kodaira_desk.io.dept_workbook.formulas import EMPTY, SheetValues, same_value, scan_sheet, typed
from kodaira_desk.io.dept_workbook.layout import IDENTITY_SHEET, RawCell, WorkbookRefused
from kodaira_desk.io.dept_workbook.props import read_stamp
from kodaira_desk.io.excel_cell import shown_text

IDENTITY_ROWS = 40
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
SHARED_STRINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


@dataclass(frozen=True)
class ReturnedCells:
    cells: dict[tuple[str, str], RawCell]  # (sheet, "K5") → the cell
    stamp: SaveStamp  # the workbook's own record of its last save


def _part_name(target: str) -> str:
    target = target.lstrip("/")
    return target if target.startswith("xl/") else f"xl/{target}"


def _workbook_parts(z: zipfile.ZipFile) -> tuple[dict[str, str], str | None]:
    """Sheet name → its part in the zip, and the shared strings part (from workbook.xml and its
    relationships), for the formula scan; openpyxl itself reads the cells."""
    import defusedxml.ElementTree as ET

    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", NS)}
    strings = next((_part_name(r.get("Target", "")) for r in rels.findall("p:Relationship", NS)
                    if r.get("Type") == SHARED_STRINGS), None)
    out: dict[str, str] = {}
    for s in wb.findall("m:sheets/m:sheet", NS):
        out[s.get("name", "")] = _part_name(targets.get(s.get(f"{{{NS['r']}}}id"), "") or "")
    return out, strings


def sheets_with_formulas(path: Path, sheets: Iterable[str]) -> set[str]:
    with zipfile.ZipFile(path) as z:
        parts, _ = _workbook_parts(z)
        return {s for s in sheets if _has_formula(z, parts.get(s))}


def _has_formula(z: zipfile.ZipFile, part: str | None) -> bool:
    if not part or part not in z.namelist():
        return False
    with z.open(part) as fh:  # streamed: a sheet part may be large
        tail = b""
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-8:]
    return False


def _grid(ws: Any, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], Any]:
    if not wanted:
        return {}
    max_row = max(r for r, _ in wanted)
    max_col = max(c for _, c in wanted)
    out: dict[tuple[int, int], Any] = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=max_row, min_col=1, max_col=max_col), start=1):
        for c, cell in enumerate(row, start=1):
            if (r, c) in wanted:
                out[(r, c)] = cell
    return out


CellsFor = Callable[[dict[str, str], set[str]], Mapping[str, Iterable[str]]]


def read_workbook(path: Path, name: str, cells_for: CellsFor) -> ReturnedCells:
    """The cells `cells_for(identity, sheet names)` asks for, once it has seen the identity sheet's
    rows (it raises WorkbookRefused to refuse the file), with the workbook's save stamp. Raises
    WorkbookRefused when the file cannot be read."""
    try:
        # a file object: openpyxl refuses a name not ending in .xlsx, and the private copy has none
        with path.open("rb") as fh:
            cells = _read(fh, cells_for)
        with zipfile.ZipFile(path) as z:
            cells = _with_formulas(z, cells)
            return ReturnedCells(cells, read_stamp(z))
    except WorkbookRefused as exc:
        if not exc.message.startswith(name):
            raise WorkbookRefused(exc.code, f"{name}: {exc.message}") from exc
        raise
    except Exception as exc:  # openpyxl raises many kinds on a malformed part
        cause = _defused(exc)
        what = (f"XML の実体宣言など、ブックには不要で危険な記述（{cause}）が含まれています" if cause
                else "ブックの中身が読めません（必要な部分が欠けているか、壊れています）")  # the cause is chained
        raise WorkbookRefused("not_workbook", f"{name}: {what}。"
                              "Excel で開いて「Excel ブック（*.xlsx）」形式で保存し直して送ってもらってください。") from exc


def _defused(exc: BaseException) -> str | None:
    """The name of the defusedxml refusal under an openpyxl error (openpyxl wraps it in a ValueError)."""
    from defusedxml import DefusedXmlException

    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, DefusedXmlException):
            return type(e).__name__
        e = e.__cause__ or e.__context__
    return None


def _positions(coords: Iterable[str]) -> dict[tuple[int, int], str]:
    from openpyxl.utils.cell import column_index_from_string as col_index
    from openpyxl.utils.cell import coordinate_from_string

    pos = {}
    for coord in coords:
        letters, row_no = coordinate_from_string(coord)
        pos[(row_no, col_index(letters))] = coord
    return pos


def _read(fh: Any, cells_for: CellsFor) -> dict[tuple[str, str], RawCell]:
    from openpyxl import load_workbook

    wb = load_workbook(fh, read_only=True, data_only=True, keep_links=False)
    try:
        names = set(wb.sheetnames)
        identity: dict[str, str] = {}
        if IDENTITY_SHEET in names:
            for row in wb[IDENTITY_SHEET].iter_rows(min_row=1, max_row=IDENTITY_ROWS, max_col=2, values_only=True):
                if row and row[0] is not None:
                    identity[str(row[0])] = "" if len(row) < 2 or row[1] is None else shown_text(row[1])
        cells = cells_for(identity, names)
        out: dict[tuple[str, str], RawCell] = {}
        for sheet, coords in cells.items():
            if sheet not in names:
                continue
            pos = _positions(coords)
            for rc, cell in _grid(wb[sheet], set(pos)).items():
                value = getattr(cell, "value", None)
                fmt = getattr(cell, "number_format", "General") or "General"
                out[(sheet, pos[rc])] = RawCell(value, str(fmt))
        return out
    finally:
        wb.close()


def _with_formulas(z: zipfile.ZipFile, cells: dict[tuple[str, str], RawCell]) -> dict[tuple[str, str], RawCell]:
    """The layout's formula cells as Excel would show them (formulas.py); the others as read."""
    parts, strings_part = _workbook_parts(z)
    wanted: dict[str, set[str]] = {}
    for sheet, coord in cells:
        wanted.setdefault(sheet, set()).add(coord)
    strings: list[str] | None = None
    out = dict(cells)
    for sheet, coords in wanted.items():
        part = parts.get(sheet)
        if not _has_formula(z, part):
            continue
        assert part is not None
        scanned, _ = scan_sheet(z, part, coords)
        mine = [c for c in coords if c in scanned and scanned[c].formula is not None]
        if not mine:
            continue
        values = SheetValues(sheet, scanned, [])
        missing = values.references(mine) - scanned.keys()
        if missing:  # references to cells outside the layout: one more pass for their values
            more, _ = scan_sheet(z, part, missing)
            scanned = {**more, **scanned}
        if strings is None and any(c.type == "s" for c in scanned.values()):
            strings = _shared_strings(z, strings_part)
        values = SheetValues(sheet, scanned, strings or [])
        for coord in mine:
            xml = scanned[coord]
            raw = out.get((sheet, coord), RawCell(None, "General"))
            shown = values.show(coord)
            cached = typed(xml, strings or [])
            problem = shown.problem
            if problem is None and cached is not EMPTY and not same_value(cached, shown.value):
                problem = (f"数式 {str(xml.formula)[:40]} の保存された計算結果（{_brief(cached)}）が、"
                           f"参照先の値（{_brief(shown.value)}）と違います。値を直接入力してください")
            out[(sheet, coord)] = RawCell(None if problem else shown.value, raw.number_format, xml.formula, problem)
    return out


def _brief(value: object) -> str:
    text = getattr(value, "text", None) if not isinstance(value, (str, int, float)) else None
    return (text if isinstance(text, str) else shown_text(value))[:30] or "空"


def _shared_strings(z: zipfile.ZipFile, part: str | None) -> list[str]:
    from openpyxl.reader.strings import read_string_table

    if not part or part not in z.namelist():
        return []
    with z.open(part) as fh:
        return [str(s) for s in read_string_table(fh)]


__all__ = ["RawCell", "ReturnedCells", "read_workbook", "sheets_with_formulas"]
