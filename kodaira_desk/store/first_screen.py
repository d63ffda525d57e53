"""What the window reads as it opens, in one read: the list of plans, the first plans whole (what
the first screen shows: the others are read when opened, issue 27), the years the division fixed,
a department file's carried texts, the 課 and, on a server, the change mark it watches from.

On a server every query goes out in one pipeline with the read's BEGIN before them and its
ROLLBACK after them: one round trip, however many plans (issue 27: the window on a server master
starts in at most ten round trips, opening included). On a SQLite file the same queries run one
after the other on one connection, in one snapshot.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.plan_list import PlanSummary
from kodaira_desk.domain.round_year import CarriedText
from kodaira_desk.store.first_plans import FirstPlans, in_force_ids
from kodaira_desk.store.plan_list import PLAN_LIST, summaries_of
from kodaira_desk.store.reader import DEPARTMENTS_SQL, MARK_SQL, mark_of
from kodaira_desk.store.round_year_reader import CARRIED_SQL, LOCKS_SQL, carried_of, has_table, locks_of
from kodaira_desk.store.tree_reader import Query, Rows, fetch_all, trees_of, trees_queries

FIRST_PLANS = 3  # read whole as the window opens, those in force first (FirstPlans): the city's; a prefecture's
# others when opened


@dataclass(frozen=True)
class FirstScreen:
    """What the window shows first, read at once: the first plans, the fixed years, the carried
    texts, the 課 and the change mark (dataclasses writes no signature for a documented class)."""

    trees: list[PlanTree]  # FIRST_PLANS plans, the window's year's first (all of them with `whole`)
    locked_years: frozenset[tuple[str, int]]
    carried: dict[str, CarriedText]
    departments: list[str]
    mark: str | None  # asked for: the change mark
    plans: list[PlanSummary]  # every plan, in order


def read_first_screen(con: Any, carried: bool, mark: bool, whole: bool = False, check: bool = False,
                      year: int | None = None) -> FirstScreen:
    """Through a plain connection (Database.read): `carried` for a department file, `mark` when
    the window will watch for others' writes, `whole`: every plan read whole; `check`: a SQLite
    file's every page looked at first (check_pages); `year`: the window's (FirstPlans). On a SQLite
    file in one read transaction: one snapshot, and one lock taken for every statement (each took and
    let go of the file's lock and looked at its header: ~0.6-1 ms of the read's 10 at city data)."""
    with _one_snapshot(con):
        if check:
            check_pages(con)
        read = FirstScreenRead(con, carried, mark, whole, year)
        return read.answer(fetch_all(con, read.queries, last=True))


@contextmanager
def _one_snapshot(con: Any) -> Iterator[None]:
    """A SQLite connection's statements in one read transaction (a server's read is one already)."""
    if not isinstance(con, sqlite3.Connection) or con.in_transaction:
        yield
        return
    con.execute("BEGIN")
    try:
        yield
    finally:
        with suppress(sqlite3.Error):  # (a damaged file's error is the one raised)
            con.execute("COMMIT")


UNCHECKED_AT_OPENING = "evidence_files"  # store/models.EvidenceFileRow: the attachments' bytes


def check_pages(con: Any) -> None:
    """A SQLite file damaged anywhere refused as it opens, before the window lets go of the file it
    has: the pages read later (a plan opened later, notes, the history) are read and checked now,
    not met half-way through the work (PRAGMA quick_check: every page's structure, not the indexes'
    agreement with their tables; ×10 the city's data: ~6 ms, benchmarks/bench_opening.py; every table
    but the attachments' contents, UNCHECKED_AT_OPENING). Raises
    sqlite3.DatabaseError "malformed", which the read's connection says naming the file
    (store/reader.read_connection). A server's master is not a file: not checked here."""
    if not isinstance(con, sqlite3.Connection):
        return
    # table by table, the evidence files' contents left out: a whole-file check read every page of
    # every attachment (up to 10 MB each) at every opening, 0.1 s for 320 MB in memory, seconds from
    # a share (the reviewer); an attachment's pages are read when the attachment itself is opened,
    # copied or handed on. One statement (the pragma as a table, given each table's name): its one
    # step checks every table (the first screen's read on a thread lets go of the interpreter's lock
    # once, not once a table; 37 statements cost 1.8 ms, this 1.3 at city data)
    found = con.execute(CHECK_SQL, (UNCHECKED_AT_OPENING, "sqlite_sequence")).fetchone()
    if found is not None:
        raise sqlite3.DatabaseError(f"database disk image is malformed (quick_check: {found[0]})")


# the first table's first answer that is not "ok" (none: every table is whole); a table's name comes
# from the file's own schema (untrusted) as a value, never written into the SQL
CHECK_SQL = ("SELECT c.quick_check FROM sqlite_master AS s, pragma_quick_check(s.name) AS c "
             "WHERE s.type = 'table' AND s.name NOT IN (?, ?) AND c.quick_check <> 'ok' LIMIT 1")


class FirstScreenRead:
    """The first screen's queries, and the first screen from their answers: read here through a
    connection, or elsewhere (a master on a server is read by a process of its own as the window
    starts: services/opening.py). `con`: a SQLite file's connection (its tables are asked, a file
    an earlier version made may lack some), or None for a server's master (always up to date).
    `year`: the window's (today's fiscal year, a department file's): the plans running then are
    among the first plans read (store/first_plans.py)."""

    def __init__(self, con: Any, carried: bool, mark: bool, whole: bool = False, year: int | None = None) -> None:
        first: list[str] | FirstPlans | None = None if whole else FirstPlans(FIRST_PLANS, year)
        self.listed: list[PlanSummary] | None = None  # the list of plans, read first on a SQLite file
        if isinstance(first, FirstPlans) and year is not None and isinstance(con, sqlite3.Connection):
            # on a file the list first, and the plans in force picked from it as the window picks
            # them (domain.yearly.in_force_first): no subquery in each table's query
            self.listed = summaries_of(*fetch_all(con, PLAN_LIST))
            first = in_force_ids(self.listed, year, FIRST_PLANS) or first
        asked: dict[str, Query] = {"departments": (DEPARTMENTS_SQL, [])}
        if has_table(con, "year_locks"):
            asked["locks"] = (LOCKS_SQL, [])
        if carried and has_table(con, "carried_texts"):
            asked["carried"] = (CARRIED_SQL, [])
        if mark:
            asked["mark"] = (MARK_SQL, [])
        self.asked = list(asked)
        self.queries = trees_queries(con, first, [*asked.values(), *(PLAN_LIST if self.listed is None else [])])

    def answer(self, rows: Sequence[Rows]) -> FirstScreen:
        if len(rows) != len(self.queries):
            raise ValueError(f"{len(rows)} answers to {len(self.queries)} queries")
        trees, extra = trees_of(rows, len(self.asked) + (len(PLAN_LIST) if self.listed is None else 0))
        got = dict(zip(self.asked, extra, strict=False))
        return FirstScreen(trees, locks_of(got.get("locks", [])), carried_of(got.get("carried", [])),
                           [str(r[0]) for r in got["departments"]],
                           mark_of(got["mark"][0]) if "mark" in got else None,
                           summaries_of(*extra[len(self.asked):]) if self.listed is None else self.listed)
