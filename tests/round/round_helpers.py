"""Helpers for yearly-round tests: edit a database as the window would, export it for comparison."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Revision, ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ProgressField, Target, ValueCell, content_of, save_edits
from kodaira_desk.services.export import dumps, trees_to_json
from kodaira_desk.services.plans import load_all

S = "strategy-2015"
R2 = FiscalYear(2020)


def value_cell(indicator: str, kind: ValueKind = ValueKind.ACTUAL, year: int = 2020) -> ValueCell:
    return ValueCell(S, indicator, kind, year, Revision.CURRENT)


def edit(path: Path | str, changes: dict[Target, str | None]) -> None:
    """Type values into a database file and save, the way the window's EditSession does."""
    db = open_database(path, create=False)
    try:
        save_edits(db, {t: content_of(t, text) for t, text in changes.items()}, actor="テスト")
    finally:
        db.dispose()


def statuses(path: Path | str, department: str) -> list[str]:
    """The statuses of every hand-out of `department` the master records (superseded ones too), sorted."""
    db = open_database(path, create=False)
    try:
        with db.reading() as uow:
            return sorted(h.status.value for h in uow.rounds.load_handouts() if h.department == department)
    finally:
        db.dispose()


def export(path: Path | str) -> str:
    db = open_database(path, create=False)
    try:
        return dumps(trees_to_json(load_all(db)))
    finally:
        db.dispose()


def field_value(path: Path | str, target: Target) -> str | None:
    from kodaira_desk.domain.fields import field_map
    from kodaira_desk.services.editing import key_of

    db = open_database(path, create=False)
    try:
        fields = {k: v for t in load_all(db) for k, v in field_map(t).items()}
    finally:
        db.dispose()
    return fields.get(key_of(target))


PROGRESS_STATUS = ProgressField(S, "g1.a1.m2", 2020, "status")
PROGRESS_TEXT = ProgressField(S, "g1.a1.m2", 2020, "narrative")
FARM = value_cell("g1.a1.k3")  # 市内体験農園の区画数, 産業振興課
HALL = value_cell("g2.a3.k4")  # 児童館の利用者数, 子育て支援課
