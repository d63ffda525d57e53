"""Reading plans for the window, the reports and the command line."""

from __future__ import annotations

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.store import repository
from kodaira_desk.store.database import Database


def list_plans(db: Database) -> list[tuple[str, str]]:
    """(id, title) of every plan, in the order the data files define them."""
    with db.reading() as s:
        return repository.list_plans(s)


def list_departments(db: Database) -> list[str]:
    with db.reading() as s:
        return repository.list_departments(s)


def load_plan(db: Database, plan_id: str) -> PlanTree:
    with db.reading() as s:
        return repository.load_plan_tree(s, plan_id)


def load_all(db: Database) -> list[PlanTree]:
    with db.reading() as s:
        return [repository.load_plan_tree(s, pid) for pid, _ in repository.list_plans(s)]


def database_info(db: Database) -> dict[str, str]:
    with db.reading() as s:
        return {
            key: repository.get_meta(s, key) or ""
            for key in ("app_version", "data_version")
        }
