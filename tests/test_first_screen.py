"""The window's opening read (issue 27): every plan, the fixed years, a department file's carried
texts, the 課 and the change mark in one read — the same as each read on its own, on a SQLite file
and on a server, and what the window starts with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services import plans
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ProgressField, content_of, save_edits
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.services.year_locks import lock_year
from kodaira_desk.store.round_year_reader import read_carried, read_locks

LAST_YEAR = ProgressField("strategy-2015", "g1.a1.m2", 2019, "narrative")  # 産業振興課's measure
CARRIED = "・令和元年度の実施内容（引き継ぐ文）"


def test_the_first_screen_is_what_each_read_gives_on_both_backends(master_db: Any) -> None:
    lock_year(master_db, "strategy-2015", FiscalYear(2020), "政策課 山田")
    first = plans.first_screen(master_db, carried=False, mark=True)
    assert first.trees == plans.load_all(master_db)
    assert [t.plan.id for t in first.trees] == ["strategy-2015", "program-2021", "restructuring"]
    with master_db.read() as con:
        assert first.locked_years == read_locks(con) == frozenset({("strategy-2015", 2020)})
    assert first.departments == plans.list_departments(master_db) and "産業振興課" in first.departments
    assert first.mark == plans.change_mark(master_db)
    assert plans.first_screen(master_db, carried=False, mark=False).mark is None


def test_a_department_file_opens_with_its_carried_texts_and_each_answer_is_taken_once(
        db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path, create=False)
    try:  # 2019's text: carried into 2020's file of 産業振興課
        save_edits(db, {LAST_YEAR: content_of(LAST_YEAR, CARRIED)}, actor="テスト")
        (f,) = handout(db, FiscalYear(2020), tmp_path / "配布", ["産業振興課"])
    finally:
        db.dispose()
    ws = Workspace.open(f.path, create=False)
    try:
        ws.read_first_screen()
        session = ws.load_plans()
        with ws.db.read() as con:
            assert session.carried == read_carried(con) and any(c.text == CARRIED for c in session.carried.values())
        assert ws.departments() == plans.list_departments(ws.db)
    finally:
        ws.close()


def test_each_answer_is_taken_once_and_what_is_asked_afterwards_is_read_anew(master_db: Any) -> None:
    from kodaira_desk.domain.departments import Department
    from kodaira_desk.services.plan_editing import save_department

    ws = Workspace(master_db)
    ws.read_first_screen()
    save_department(master_db, Department("新設課", "しんせつか"), actor="政策課 山田")
    assert "新設課" not in ws.departments()  # as the window opened
    assert "新設課" in ws.departments()  # asked again: read anew
    opened = ws.change_mark()  # on a server the window's first look: the mark as it opened
    assert ws.change_mark() == plans.change_mark(master_db)
    assert (opened != plans.change_mark(master_db)) is ws.on_server  # the 課 added since is a write
    ws.load_plans()
    assert ws.session.trees.keys() == {"strategy-2015", "program-2021", "restructuring"}


def _next_plan_made(db: Any) -> FiscalYear:
    """The division makes the program's next plan in the year the city is in (次期計画を作成: 令和7–10年度
    in 令和8年度, tests/ui/next_program.py), stored after the three plans: the year it is made."""
    from datetime import date

    from kodaira_desk.services.plan_editing.next_period import copy_plan

    year = FiscalYear.of(date.today())
    copy_plan(db, "program-2021", "program-2025", FiscalYear(year.year - 1), FiscalYear(year.year + 2))
    return year


def _opened_as_the_window_opens(ws: Workspace, monkeypatch: Any) -> list[str]:
    """The workspace's first screen read and its plans loaded as the window does; the plans read
    whole at start-up. A plan read afterwards (on the GUI thread as it is first selected) fails."""
    ws.read_first_screen()
    session = ws.load_plans()

    def read_later(*_a: object) -> None:
        raise AssertionError("a plan read as it was selected")

    monkeypatch.setattr(plans, "load_some", read_later)
    return [pid for pid, _s, whole in session.trees.listing() if whole]


def test_the_plan_in_force_is_read_at_start_up_after_the_next_plan_was_made(master_db: Any, monkeypatch: Any) -> None:
    from kodaira_desk.store.first_screen import FIRST_PLANS

    _next_plan_made(master_db)
    ws = Workspace(master_db)
    read = _opened_as_the_window_opens(ws, monkeypatch)
    listed = [pid for pid, _s, _w in ws.session.trees.listing()]
    assert listed == ["program-2025", "strategy-2015", "program-2021", "restructuring"]  # shown first, as before
    assert "program-2025" in read and len(read) == FIRST_PLANS  # still three, in the one read
    assert ws.session.tree("program-2025").plan.id == "program-2025"  # selected: not read again


def test_a_department_file_of_the_year_reads_its_plan_in_force_at_start_up(
        db_path: Path, tmp_path: Path, monkeypatch: Any) -> None:
    db = open_database(db_path, create=False)
    try:
        (f,) = handout(db, _next_plan_made(db), tmp_path / "配布", ["産業振興課"])
    finally:
        db.dispose()
    ws = Workspace.open(f.path, create=False)
    try:
        read = _opened_as_the_window_opens(ws, monkeypatch)
        assert ws.session.trees.listing()[0][0] == "program-2025" and "program-2025" in read
        assert ws.session.tree("program-2025").plan.id == "program-2025"
    finally:
        ws.close()


def test_a_plan_in_force_only_by_its_figures_is_read_at_start_up(master_db: Any, monkeypatch: Any) -> None:
    """A plan whose adopted period ended last year but which has a figure in this one runs this year
    (domain.yearly.active_years: the strategy ran to 令和2年度 past its 平成31年度): the window lists it
    first, and the first screen reads it whole, as it reads a plan in force by its period."""
    from datetime import date

    from kodaira_desk.domain.plan_list import id_of
    from kodaira_desk.domain.yearly import in_force, in_force_first
    from kodaira_desk.services.plan_editing.next_period import copy_plan

    year = FiscalYear.of(date.today())
    copy_plan(master_db, "program-2021", "program-late", FiscalYear(year.year - 3), FiscalYear(year.year - 1))
    late = ProgressField("program-late", "p1.j1", year.year, "narrative")  # stored last, its period ended
    save_edits(master_db, {late: content_of(late, "・今年度も続けている")}, actor="テスト")
    first = plans.first_screen(master_db, carried=False, mark=False, year=year)
    (summary,) = [p for p in first.plans if p.id == "program-late"]
    assert summary.period_to < year and in_force(summary, year)  # in force by its figure only
    assert id_of(in_force_first(first.plans, year)[0]) == "program-late"
    assert "program-late" in [t.plan.id for t in first.trees]  # read whole with the first screen
    ws = Workspace(master_db)
    read = _opened_as_the_window_opens(ws, monkeypatch)
    assert ws.session.trees.listing()[0][0] == "program-late" and "program-late" in read
