"""A returned workbook's formulas, as Excel would show them (issue 26).

A clerk may type `=K5` where a value belongs. Excel stores the formula with its last result (the
"cached value"); openpyxl, Excel Online and other programs may store none, and a file can claim
any result it likes. So a formula cell is read as Excel would show it, never as the file claims:

- only a plain reference within the sheet (`=K5`, `=$K$5`, `=成果指標!K5` on that sheet) is read;
  any other formula (a function, arithmetic, another sheet, a name, an array) is refused;
- the reference is followed through the sheet's own cells (a chain `=K5` → `=J5` → 365 shows 365;
  a reference to an empty cell shows 0, as Excel shows it);
- a reference that comes back to itself (`=K5` in K5; Excel shows 0 with a warning, LibreOffice
  Err:522) is refused as circular, naming the cells;
- a stored result that disagrees with the resolved value (`=K5` cached 0 while K5 holds 365) is
  refused; a missing stored result is not needed.

The sheet's XML is streamed once to find every formula (shared formulas translated as Excel fills
them down), and once more only when a reference points at a cell not read yet.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

from kodaira_desk.io.dept_workbook.layout import WorkbookRefused
from kodaira_desk.io.excel_cell import UnreadableCell, excel_number

MAX_FORMULAS = 20_000  # formula cells in one sheet: far past a filled-in workbook, short of a flood
_REF = re.compile(r"^=\s*(?:(?:'((?:[^']|'')+)'|([^\s!'()\[\]=]+))!)?\$?([A-Za-z]{1,3})\$?([0-9]{1,7})\s*$")
_COORD = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")


class _Empty:
    def __repr__(self) -> str:
        return "EMPTY"


EMPTY = _Empty()  # a cell with nothing in it


@dataclass(frozen=True)
class XmlCell:
    """One <c> of a sheet: its type, its stored value, its formula (with the leading =)."""

    type: str  # the t attribute ("n" when absent)
    value: str | None  # <v>, or the inline string's text
    formula: str | None = None


@dataclass(frozen=True)
class ErrorValue:
    text: str  # "#REF!", "#VALUE!"


@dataclass(frozen=True)
class Shown:
    """What Excel shows in a formula cell: a value, or why it cannot be taken."""

    value: object  # int | float | str | bool | None
    problem: str | None = None


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def _col_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].split(":")[-1]


def scan_sheet(z: zipfile.ZipFile, part: str, wanted: set[str] | None) -> tuple[dict[str, XmlCell], bool]:
    """Every formula cell of the sheet part, and the cells named in `wanted` (coordinates like
    "K5"; None: formulas only). Returns the cells and whether the sheet has any formula."""
    import defusedxml.ElementTree as ET
    from openpyxl.formula.translate import Translator

    out: dict[str, XmlCell] = {}
    shared: dict[str, Any] = {}
    n_formulas = 0
    row, col = 0, 0
    with z.open(part) as fh:
        for event, el in ET.iterparse(fh, events=("start", "end")):
            tag = _local(el.tag)
            if event == "start":
                if tag == "row":
                    r = el.get("r")
                    row = int(r) if r and r.isdigit() else row + 1
                    col = 0
                continue
            if tag != "c":
                if tag == "row":
                    el.clear()
                continue
            ref = el.get("r")
            m = _COORD.match(ref or "")
            if m:
                col = _col_number(m.group(1))
                coord = f"{m.group(1)}{m.group(2)}"
            else:
                col += 1
                coord = f"{_col_letters(col)}{row}"
            formula = _formula(el, coord, shared, Translator)
            if formula is not None:
                n_formulas += 1
                if n_formulas > MAX_FORMULAS:
                    raise WorkbookRefused("sheet_too_large", f"数式のセルが多すぎます（{MAX_FORMULAS:,} 個を超えています）")
            if formula is not None or (wanted is not None and coord in wanted):
                out[coord] = _cell(el, formula)
            el.clear()
    return out, n_formulas > 0


def _formula(el: Element, coord: str, shared: dict[str, Any], translator: Any) -> str | None:
    f = next((c for c in el if _local(c.tag) == "f"), None)
    if f is None:
        return None
    text = "=" + (f.text or "")
    kind = f.get("t")
    if kind == "shared":
        si = f.get("si") or ""
        if si in shared and text == "=":
            return str(shared[si].translate_formula(coord))
        if text != "=":
            shared[si] = translator(text, origin=coord)
    elif kind in ("array", "dataTable"):
        return "{" + text + "}"  # never a plain reference
    return text


def _cell(el: Element, formula: str | None) -> XmlCell:
    kind = el.get("t") or "n"
    value: str | None = None
    for child in el:
        name = _local(child.tag)
        if name == "v":
            value = child.text or ""
        elif name == "is":
            value = _inline_text(child)
    return XmlCell(kind, value, formula)


def _inline_text(node: Element) -> str:
    """An inline string's text: its <t>, or its runs' <t>, without the phonetic reading (<rPh>)."""
    parts: list[str] = []
    for child in node:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


class SheetValues:
    """A sheet's cells as Excel shows them, for resolving references."""

    def __init__(self, sheet: str, cells: Mapping[str, XmlCell], strings: list[str]) -> None:
        self.sheet = sheet
        self.cells = dict(cells)
        self.strings = strings

    def literal(self, coord: str) -> object:
        """A cell without a formula: its value, EMPTY, or an ErrorValue."""
        c = self.cells.get(coord)
        if c is None or c.value is None:
            return EMPTY
        return typed(c, self.strings)

    def references(self, coords: Iterable[str]) -> set[str]:
        """Every cell the formulas of `coords` lead to, followed through the formulas known."""
        seen: set[str] = set()
        todo = list(coords)
        while todo:
            coord = todo.pop()
            c = self.cells.get(coord)
            if coord in seen or c is None or c.formula is None:
                continue
            seen.add(coord)
            target = plain_reference(c.formula, self.sheet)
            if isinstance(target, str):
                todo.append(target)
                seen.add(target)
        return seen

    def show(self, coord: str) -> Shown:
        """What Excel shows in the formula cell `coord`."""
        path = [coord]
        current = coord
        while True:
            c = self.cells[current]
            assert c.formula is not None
            target = plain_reference(c.formula, self.sheet)
            if not isinstance(target, str):
                return Shown(None, target[0])
            if target in path:
                chain = " → ".join([*path, target])
                return Shown(None, f"循環参照です（{chain}）。Excel では 0 と表示され、警告が出ます。値を直接入力してください")
            path.append(target)
            nxt = self.cells.get(target)
            if nxt is not None and nxt.formula is not None:
                current = target
                continue
            value = self.literal(target)
            if isinstance(value, ErrorValue):
                return Shown(None, f"参照先 {target} がエラー（{value.text}）です")
            return Shown(0 if value is EMPTY else value)


def plain_reference(formula: str, sheet: str) -> str | tuple[str]:
    """The cell a plain reference within `sheet` points at ("K5"), or (why it is not one,)."""
    shown = formula[:40]
    m = _REF.match(formula)
    if not m:
        return (f"数式 {shown} は取り込めません。値を直接入力してください",)
    named = (m.group(1) or "").replace("''", "'") or m.group(2)
    if named is not None and named != sheet:
        return (f"別のシートを参照する数式 {shown} は取り込めません。値を直接入力してください",)
    letters, row = m.group(3).upper(), int(m.group(4))
    if _col_number(letters) > 16_384 or not 1 <= row <= 1_048_576:
        return (f"数式 {shown} の参照先がシートの外です",)
    return f"{letters}{row}"


def typed(c: XmlCell, strings: list[str]) -> object:
    """A stored value by its cell type, as openpyxl would give it (an ErrorValue for an error)."""
    v = c.value
    if v is None or (not v.strip() and c.type not in ("str", "inlineStr")):  # openpyxl writes <v></v>
        return EMPTY
    if c.type == "s":
        try:
            return strings[int(v)]
        except (ValueError, IndexError):
            return ErrorValue("#共有文字列なし")
    if c.type in ("str", "inlineStr"):
        return v
    if c.type == "b":
        return v.strip() in ("1", "true")
    if c.type == "e":
        return ErrorValue(v)
    if c.type == "d":
        return ErrorValue(f"日付 {v[:20]}")
    try:
        return int(v) if re.fullmatch(r"-?\d+", v.strip()) else float(v)
    except ValueError:
        return ErrorValue(v[:20])


def same_value(cached: object, shown: object) -> bool:
    """Whether a stored result is the value Excel would show (numbers to Excel's precision)."""
    if isinstance(cached, bool) or isinstance(shown, bool):
        return isinstance(cached, bool) and isinstance(shown, bool) and cached == shown
    if isinstance(cached, (int, float)) and isinstance(shown, (int, float)):
        try:
            return excel_number(cached) == excel_number(shown)
        except UnreadableCell:
            return False
    return cached == shown


__all__ = ["EMPTY", "ErrorValue", "SheetValues", "Shown", "XmlCell", "plain_reference", "same_value", "scan_sheet",
           "typed"]
