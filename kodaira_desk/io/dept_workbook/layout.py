"""What a handed-out workbook holds, cell by cell, as the master keeps it (JSON in its meta table)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.round_year import CarriedText

INSTRUCTIONS_SHEET = "記入のしかた"
INDICATOR_SHEET = "成果指標"
MEASURE_SHEET = "実施状況"
IDENTITY_SHEET = "kd_identity"  # veryHidden: the hand-out's identity
LAYOUT_VERSION = 2  # 2: the round's year's cells (carried texts, the head's check)


class WorkbookRefused(DomainError):
    """A returned workbook that is not read. `code` is a domain.round.Outcome value."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class RawCell:
    """A cell of a returned workbook as openpyxl read it."""

    value: Any  # str, int, float, bool, datetime…, or None (for a formula: what Excel shows, io/dept_workbook/formulas.py)
    number_format: str
    formula: str | None = None  # the formula's text ("=F5") when the cell holds one
    problem: str | None = None  # why the formula cannot be read (not a plain reference, circular, forged result)


@dataclass(frozen=True)
class CellSpec:
    sheet: str
    coord: str  # "F5"
    key: str  # the entry field the cell shows ("" for a heading, a name, a unit)
    text: str  # what was written, as text (the checksum and the comparison use it)
    locked: bool
    # a heading or a row's name: if it reads differently, rows or columns were inserted, deleted or
    # sorted, and no cell can be trusted to be the field it was written as
    anchor: bool = False

    def as_row(self) -> list[object]:
        return [self.sheet, self.coord, self.key, self.text, self.locked, self.anchor]


@dataclass(frozen=True)
class CarriedCell:
    """A 実施等状況 the workbook starts from (issue 24: last year's text, carried over), and the cell
    where the clerk confirms it stands as it is (変更なし)."""

    key: str  # the entry year's narrative field, whose cell holds the carried text
    text: str  # the text carried over, as written into that cell
    from_year: int
    sheet: str
    confirm: str  # the 変更なし cell ("J5")

    def as_row(self) -> list[object]:
        return [self.key, self.text, self.from_year, self.sheet, self.confirm]


@dataclass(frozen=True)
class RoundYear:
    """What the round's year asks of a workbook being handed out (issue 24): the texts it starts
    from and whether the head's check is required, as the .kdesk of the same hand-out has them."""

    carried: tuple[CarriedText, ...] = ()
    head_check_required: bool = False


@dataclass(frozen=True)
class HeadCheckCells:
    """Where the department head's check (課長確認) is typed on the first sheet: name and date."""

    sheet: str
    name: str  # "A20"
    date: str  # "A22"
    required: bool  # the round required it when the workbook was handed out


@dataclass(frozen=True)
class Layout:
    handout_id: str
    department: str
    fiscal_year: int
    snapshot: str  # the master's snapshot the workbook was cut from
    checksum: str  # of the locked content (locked_checksum)
    cells: tuple[CellSpec, ...]
    # issue 24 (a layout kept by an earlier version has neither): the carried texts and their 変更なし
    # cells, and the head's check cells; input cells that show no entry field
    carried: tuple[CarriedCell, ...] = ()
    head_check: HeadCheckCells | None = None

    @property
    def sheets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.sheet for c in self.cells))

    def read_cells(self) -> dict[str, list[str]]:
        """Sheet → the cells a collection reads: every cell written, and the round's year's inputs."""
        out: dict[str, list[str]] = {}
        for c in self.cells:
            out.setdefault(c.sheet, []).append(c.coord)
        for cc in self.carried:
            out.setdefault(cc.sheet, []).append(cc.confirm)
        if self.head_check is not None:
            out.setdefault(self.head_check.sheet, []).extend((self.head_check.name, self.head_check.date))
        return out

    def to_json(self) -> str:
        d: dict[str, Any] = {"version": LAYOUT_VERSION, "handout_id": self.handout_id, "department": self.department,
                             "fiscal_year": self.fiscal_year, "snapshot": self.snapshot, "checksum": self.checksum,
                             "cells": [c.as_row() for c in self.cells]}
        if self.carried:
            d["carried"] = [c.as_row() for c in self.carried]
        if self.head_check is not None:
            h = self.head_check
            d["head_check"] = [h.sheet, h.name, h.date, h.required]
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Layout:
        d = json.loads(text)
        cells = tuple(CellSpec(str(r[0]), str(r[1]), str(r[2]), str(r[3]), bool(r[4]), bool(r[5]) if len(r) > 5 else False)
                      for r in d["cells"])
        carried = tuple(CarriedCell(str(r[0]), str(r[1]), int(r[2]), str(r[3]), str(r[4])) for r in d.get("carried", ()))
        h = d.get("head_check")
        check = HeadCheckCells(str(h[0]), str(h[1]), str(h[2]), bool(h[3])) if h else None
        return cls(str(d["handout_id"]), str(d["department"]), int(d["fiscal_year"]), str(d["snapshot"]),
                   str(d["checksum"]), cells, carried, check)


def locked_checksum(cells: Iterable[tuple[str, str, str]]) -> str:
    """SHA-256 of the locked cells' (sheet, cell, text), in sheet and cell order."""
    rows = sorted(cells)
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()
