"""A plan made in the app goes through the yearly round and prints, like the city's own plans."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kodaira_desk.domain.departments import ReorganisationKind
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DepartmentLink, DocumentKind, Revision, Role, ValueKind
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import EditSession, ProgressField, ValueCell, content_of
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.reports import default_options, kinds_for, make_report
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.store.database import Database

R7 = FiscalYear(2025)
LEAD = Role.LEAD


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _type(db: Database, changes: dict[object, str]) -> None:
    session = EditSession()
    for target, text in changes.items():
        session.set(target, content_of(target, text), None)  # type: ignore[arg-type]
    session.save(db)


def _plan(db: Database) -> tuple[str, str, str]:
    pe.create_plan(db, pe.NewPlan("kids", "子ども計画", R7, FiscalYear(2029), ("基本目標", "施策"),
                                  (DocumentKind.STRATEGY, DocumentKind.PROGRESS_LIST, DocumentKind.KPI_STATUS)))
    goal = pe.add_node(db, "kids", None, "安心して子育てできるまち").nodes[0]
    m1 = pe.add_node(db, "kids", goal, "保育の充実").nodes[0]
    m2 = pe.add_node(db, "kids", goal, "相談の充実").nodes[0]
    pe.set_node_departments(db, "kids", m1, (DepartmentLink("保育課", LEAD),))
    pe.set_node_departments(db, "kids", m2, (DepartmentLink("子育て支援課", LEAD),))
    ind = pe.save_indicator(db, "kids", None, pe.IndicatorDraft(
        m1, "待機児童数", "人", departments=(DepartmentLink("保育課", LEAD),), baseline="12",
        baseline_year=FiscalYear(2024), targets={FiscalYear(2027): "5"})).indicators[0]
    pe.revise_target(db, "kids", ind, FiscalYear(2027), "3", "減少が早いため")
    return m1, m2, ind


def test_hand_out_collect_and_print(db: Database, tmp_path: Path) -> None:
    m1, m2, ind = _plan(db)
    _type(db, {ProgressField("kids", m2, 2025, "status"): "実施",
               ProgressField("kids", m2, 2025, "narrative"): "・相談窓口を開設"})
    made = handout(db, R7, tmp_path / "配布", ["保育課"])
    assert [f.department for f in made] == ["保育課"]
    clerk = open_database(made[0].path, create=False)  # the clerk types in the department file
    try:
        _type(clerk, {ValueCell("kids", ind, ValueKind.ACTUAL, 2025, Revision.CURRENT): "9人",
                      ProgressField("kids", m1, 2025, "status"): "実施",
                      ProgressField("kids", m1, 2025, "narrative"): "・保育所を1園開設"})
    finally:
        clerk.dispose()
    report = collect(db, [made[0].path], actor="政策課")
    assert not report.needs_a_person
    tree = load_plan(db, "kids")
    actual = tree.indicator(ind).value(ValueKind.ACTUAL, R7)
    assert actual is not None and str(actual.value) == "9人"

    assert set(kinds_for(db, "kids")) == {"progress", "kpi"}
    kpi = _text(make_report(db, "kpi", default_options(db, "kpi", "kids"), tmp_path / "kpi.pdf"))
    row = next(line for line in kpi.splitlines() if "待機児童数" in line)
    assert row.split() == ["待機児童数", "12人", "9人", "3人", "保育課"]  # the revised target prints
    progress = _text(make_report(db, "progress", default_options(db, "progress", "kids"), tmp_path / "p.pdf"))
    lines = progress.splitlines()
    hoiku = next(i for i, line in enumerate(lines) if "保育の充実" in line)
    assert "保育課" in lines[hoiku] and "実施" in lines[hoiku] and "保育所を1園開設" in lines[hoiku + 1]
    soudan = next(i for i, line in enumerate(lines) if "相談の充実" in line)
    assert "子育て支援課" in lines[soudan] and "相談窓口を開設" in lines[soudan + 1]


def test_a_merged_department_receives_the_items_of_the_merge_year(db: Database, tmp_path: Path) -> None:
    """Merged from R7: an R7 hand-out goes to the new 課 with the merged items, while the plan for
    R6 (what an R6 report prints) keeps the old names."""
    m1, m2, _ = _plan(db)
    pe.reorganise(db, ReorganisationKind.MERGE, R7, ("保育課", "子育て支援課"), ("こども家庭課",))
    made = handout(db, R7, tmp_path / "配布")
    assert "こども家庭課" in [f.department for f in made]
    assert not {"保育課", "子育て支援課"} & {f.department for f in made}
    r6 = pe.plan_in_year(db, "kids", FiscalYear(2024))
    assert r6.node(m1).lead_departments() == ["保育課"]
    assert r6.node(m2).lead_departments() == ["子育て支援課"]
    assert load_plan(db, "kids").node(m1).lead_departments() == ["こども家庭課"]
