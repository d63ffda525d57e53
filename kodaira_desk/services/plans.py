"""Reading plans for the window, the reports and the command line."""

from __future__ import annotations

from collections.abc import Sequence

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.plan_list import PlanSummary
from kodaira_desk.store.database import Database
from kodaira_desk.store.errors import CONTENTS, UNTRUSTED, StoreError
from kodaira_desk.store.first_screen import FirstScreen, read_first_screen
from kodaira_desk.store.plan_list import read_plan_list
from kodaira_desk.store.tree_reader import load_trees


def list_plans(db: Database) -> list[tuple[str, str]]:
    """(id, title) of every plan, in the order the data files define them."""
    with db.reader() as r:
        return r.plans()


def list_departments(db: Database) -> list[str]:
    with db.reader() as r:
        return r.departments()


def load_plan(db: Database, plan_id: str) -> PlanTree:
    with db.reader() as r:
        return r.load_plan(plan_id)


def load_all(db: Database) -> list[PlanTree]:
    with db.reader() as r:
        return r.load_all()


def load_some(db: Database, plan_ids: Sequence[str]) -> list[PlanTree]:
    """The plans asked, whole, in one read (a plan the window opens, issue 27). A plan whose rows
    are not as Kodaira Desk writes them (a file altered with a tool) is a StoreError naming the file."""
    try:
        with db.read() as con:
            return load_trees(con, plan_ids)
    except UNTRUSTED as exc:
        raise StoreError.of(CONTENTS, file=db.name) from exc


def plan_list(db: Database) -> list[PlanSummary]:
    """Every plan's summary (domain.plan_list), without the plans themselves."""
    with db.read() as con:
        return read_plan_list(con)


def list_and_load(db: Database, plan_ids: Sequence[str]) -> tuple[list[PlanSummary], list[PlanTree]]:
    """Every plan's summary and the plans asked, whole, in one read (a look for others' writes)."""
    with db.read() as con:
        return read_plan_list(con), load_trees(con, plan_ids)


def first_screen(db: Database, carried: bool, mark: bool, whole: bool = False, check: bool = False,
                 year: FiscalYear | None = None) -> FirstScreen:
    """Everything the window reads as it opens, in one read (store/first_screen.py); `check`: a file
    damaged anywhere refused first (store.first_screen.check_pages); `year`: the window's, whose
    plans in force are read whole first."""
    with db.read() as con:
        return read_first_screen(con, carried, mark, whole, check, None if year is None else year.year)


def change_mark(db: Database) -> str:
    """A short mark that changes whenever anyone writes to the plans: compare two to learn whether
    anyone wrote in between."""
    return db.change_mark()


def database_info(db: Database) -> dict[str, str]:
    with db.reader() as r:
        return {key: r.meta(key) or "" for key in ("app_version", "data_version")}
