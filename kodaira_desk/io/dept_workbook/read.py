"""Reading a returned workbook's cells with openpyxl in read-only mode (after guard.check_container).

openpyxl parses through defusedxml when it is installed (a dependency of the app): no entity
expansion, no external entities. Only the cells the master's layout names are read, each sheet
streamed row by row up to the layout's last row, so a sheet with a lying dimension costs nothing.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from kodaira_desk.io.dept_workbook.layout import IDENTITY_SHEET, RawCell, WorkbookRefused

IDENTITY_ROWS = 40
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → its part in the zip (from workbook.xml and its relationships), for the
    formula scan; openpyxl itself reads the sheets."""
    import defusedxml.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", ns)}
    out: dict[str, str] = {}
    for s in wb.findall("m:sheets/m:sheet", ns):
        target = targets.get(s.get(f"{{{ns['r']}}}id"), "")
        target = target.lstrip("/")
        out[s.get("name", "")] = target if target.startswith("xl/") else f"xl/{target}"
    return out


def sheets_with_formulas(path: Path, sheets: Iterable[str]) -> set[str]:
    parts = _sheet_parts(path)
    out: set[str] = set()
    with zipfile.ZipFile(path) as z:
        for sheet in sheets:
            part = parts.get(sheet)
            if part and part in z.namelist() and _FORMULA.search(z.read(part)):
                out.add(sheet)
    return out


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


def read_workbook(path: Path, name: str, cells_for: CellsFor) -> dict[tuple[str, str], RawCell]:
    """The cells `cells_for(identity, sheet names)` asks for, once it has seen the identity sheet's
    rows (it raises WorkbookRefused to refuse the file). Raises WorkbookRefused when openpyxl
    cannot read the file."""
    try:
        # a file object: openpyxl refuses a name not ending in .xlsx, and the private copy has none
        with path.open("rb") as fh:
            return _read(fh, path, cells_for)
    except WorkbookRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a malformed part
        cause = _defused(exc)
        what = (f"XML の実体宣言など、ブックには不要で危険な記述（{cause}）が含まれています" if cause
                else f"ブックの中身が読めません（{type(exc).__name__}）")
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


def _read(fh: Any, path: Path, cells_for: CellsFor) -> dict[tuple[str, str], RawCell]:
    from openpyxl import load_workbook

    wb = load_workbook(fh, read_only=True, data_only=True, keep_links=False)
    try:
        names = set(wb.sheetnames)
        identity: dict[str, str] = {}
        if IDENTITY_SHEET in names:
            for row in wb[IDENTITY_SHEET].iter_rows(min_row=1, max_row=IDENTITY_ROWS, max_col=2, values_only=True):
                if row and row[0] is not None:
                    identity[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
        cells = cells_for(identity, names)
        formulas = sheets_with_formulas(path, cells)
        texts = _formula_texts(path, {s: cells[s] for s in formulas if s in names}) if formulas else {}
        out: dict[tuple[str, str], RawCell] = {}
        for sheet, coords in cells.items():
            if sheet not in names:
                continue
            pos = _positions(coords)
            for rc, cell in _grid(wb[sheet], set(pos)).items():
                value = getattr(cell, "value", None)
                fmt = getattr(cell, "number_format", "General") or "General"
                out[(sheet, pos[rc])] = RawCell(value, str(fmt), texts.get((sheet, pos[rc])))
        return out
    finally:
        wb.close()


def _formula_texts(path: Path, cells: Mapping[str, Iterable[str]]) -> dict[tuple[str, str], str]:
    """The formula text of each named cell that holds one (a second read-only pass, made only when
    a sheet has formulas at all)."""
    from openpyxl import load_workbook

    with path.open("rb") as fh:
        wb = load_workbook(fh, read_only=True, data_only=False, keep_links=False)
        try:
            out: dict[tuple[str, str], str] = {}
            for sheet, coords in cells.items():
                pos = _positions(coords)
                for rc, cell in _grid(wb[sheet], set(pos)).items():
                    value = getattr(cell, "value", None)
                    if getattr(cell, "data_type", None) == "f":
                        out[(sheet, pos[rc])] = str(value)
            return out
        finally:
            wb.close()


__all__ = ["RawCell", "read_workbook", "sheets_with_formulas"]
