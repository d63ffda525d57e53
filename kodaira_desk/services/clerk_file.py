"""Whether an open file is a department's (clerk mode), read without the round's ORM: the window
asks it of every file it opens, at start-up too (services.rounds re-exports it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.store.database import Database


@dataclass(frozen=True)
class DepartmentFileInfo:
    """Whose department file this is, for which year, from which hand-out."""

    department: str
    fiscal_year: FiscalYear
    handout_id: str


FACTS = ("file_kind", "department", "fiscal_year", "handout_id")  # the meta rows that say so


def file_info(db: Database) -> DepartmentFileInfo | None:
    """Who and which year an open file is for, when it is a department file (clerk mode)."""
    return info_of(db.facts(*FACTS))  # one read, one round trip


def info_of(facts: Mapping[str, str]) -> DepartmentFileInfo | None:
    """From the meta rows FACTS (those that are there)."""
    if facts.get("file_kind") != "department":
        return None
    dept, year, hid = facts.get("department"), facts.get("fiscal_year"), facts.get("handout_id")
    if not dept or not year or not hid:
        return None
    return DepartmentFileInfo(dept, FiscalYear(int(year)), hid)
