"""Reading plans for the window, the reports and the command line."""

from __future__ import annotations

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.store import reader
from kodaira_desk.store.database import Database


def list_plans(db: Database) -> list[tuple[str, str]]:
    """(id, title) of every plan, in the order the data files define them."""
    with db.read() as con:
        return reader.list_plans(con)


def list_departments(db: Database) -> list[str]:
    with db.read() as con:
        return reader.list_departments(con)


def load_plan(db: Database, plan_id: str) -> PlanTree:
    with db.read() as con:
        return reader.load_plan_tree(con, plan_id)


def load_all(db: Database) -> list[PlanTree]:
    with db.read() as con:
        return [reader.load_plan_tree(con, pid) for pid, _ in reader.list_plans(con)]


def change_mark(db: Database) -> str:
    """What `reader.change_mark` says: compare two to learn whether anyone wrote in between."""
    with db.read() as con:
        return reader.change_mark(con)


def database_info(db: Database) -> dict[str, str]:
    with db.read() as con:
        return {key: reader.get_meta(con, key) or "" for key in ("app_version", "data_version")}
