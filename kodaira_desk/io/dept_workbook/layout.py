"""What a handed-out workbook holds, cell by cell, as the master keeps it (JSON in its meta table)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kodaira_desk.domain.errors import DomainError

INSTRUCTIONS_SHEET = "記入のしかた"
INDICATOR_SHEET = "成果指標"
MEASURE_SHEET = "実施状況"
IDENTITY_SHEET = "kd_identity"  # veryHidden: the hand-out's identity
LAYOUT_VERSION = 1


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
class Layout:
    handout_id: str
    department: str
    fiscal_year: int
    snapshot: str  # the master's snapshot the workbook was cut from
    checksum: str  # of the locked content (locked_checksum)
    cells: tuple[CellSpec, ...]

    @property
    def sheets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.sheet for c in self.cells))

    def to_json(self) -> str:
        return json.dumps({"version": LAYOUT_VERSION, "handout_id": self.handout_id, "department": self.department,
                           "fiscal_year": self.fiscal_year, "snapshot": self.snapshot, "checksum": self.checksum,
                           "cells": [c.as_row() for c in self.cells]}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Layout:
        d = json.loads(text)
        cells = tuple(CellSpec(str(r[0]), str(r[1]), str(r[2]), str(r[3]), bool(r[4]), bool(r[5]) if len(r) > 5 else False)
                      for r in d["cells"])
        return cls(str(d["handout_id"]), str(d["department"]), int(d["fiscal_year"]), str(d["snapshot"]),
                   str(d["checksum"]), cells)


def locked_checksum(cells: Iterable[tuple[str, str, str]]) -> str:
    """SHA-256 of the locked cells' (sheet, cell, text), in sheet and cell order."""
    rows = sorted(cells)
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()
