"""Reading plans for the window, the reports and the command line."""

from __future__ import annotations

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.store.database import Database
from kodaira_desk.store.first_screen import FirstScreen, read_first_screen


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


def first_screen(db: Database, carried: bool, mark: bool) -> FirstScreen:
    """Everything the window reads as it opens, in one read (store/first_screen.py)."""
    with db.read() as con:
        return read_first_screen(con, carried, mark)


def change_mark(db: Database) -> str:
    """A short mark that changes whenever anyone writes to the plans: compare two to learn whether
    anyone wrote in between."""
    return db.change_mark()


def database_info(db: Database) -> dict[str, str]:
    with db.reader() as r:
        return {key: r.meta(key) or "" for key in ("app_version", "data_version")}
