"""Department files made from one image of the master (issue 27): each file is what a file made
on its own was — whole plans, none of the round's records, its own identity, its carried texts, a
content hash that matches what it holds, a rollback journal — however many are handed out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from round_helpers import PROGRESS_TEXT, R2, edit

from kodaira_desk.domain.entry import expects_progress
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round_year import CarriedText, narrative_key, texts_to_carry_for
from kodaira_desk.domain.scope import DepartmentScope, departments_in_scope, departments_named
from kodaira_desk.domain.yearly import active_years
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ProgressField
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.store.department_file import ROUND_TABLES
from kodaira_desk.store.reader import content_hash, read_fields

LAST_YEAR = ProgressField("strategy-2015", "g1.a1.m2", 2019, "narrative")  # 産業振興課's measure
CARRIED = "・令和元年度の実施内容（引き継ぐ文）"


def _meta(con: sqlite3.Connection) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())


def test_every_handed_out_file_holds_its_own_identity_texts_and_a_hash_of_what_it_holds(
        db_path: Path, tmp_path: Path) -> None:
    edit(db_path, {LAST_YEAR: CARRIED})  # 2019's text: carried into 2020's file of 産業振興課
    db = open_database(db_path, create=False)
    try:
        files = handout(db, R2, tmp_path / "配布")
    finally:
        db.dispose()
    assert len(files) > 5
    seen_ids = set()
    for f in files:
        con = sqlite3.connect(f"file:{f.path}?mode=ro", uri=True)
        try:
            meta = _meta(con)
            assert meta["department"] == f.department and meta["handout_id"] == f.handout_id
            assert meta["fiscal_year"] == "2020" and meta["revision"] == "0" and meta["file_kind"] == "department"
            assert "saved_at" not in meta and not any(k.startswith("workbook:") for k in meta)
            assert meta["content_hash"] == content_hash(read_fields(con))  # what a collection checks
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            for table in ROUND_TABLES:
                if table != "carried_texts":
                    assert con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
            carried = dict(con.execute("SELECT field_key, text FROM carried_texts").fetchall())
            narrative = con.execute(
                "SELECT p.narrative FROM progress_entries p JOIN nodes n ON n.id = p.node_id "
                "WHERE n.plan_id = ? AND n.key = ? AND p.fiscal_year = 2020",
                (PROGRESS_TEXT.plan_id, PROGRESS_TEXT.node_key)).fetchone()
        finally:
            con.close()
        seen_ids.add(meta["handout_id"])
        key = "progress:strategy-2015:g1.a1.m2:2020:narrative"
        if f.department == "産業振興課":  # the measure's 担当課: its file starts from last year's text
            assert carried.get(key) == CARRIED and narrative is not None and narrative[0] == CARRIED
        else:
            assert key not in carried and (narrative is None or narrative[0] != CARRIED)
    assert len(seen_ids) == len(files)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=st.integers(2014, 2032), data=st.data())
def test_texts_carried_for_many_departments_at_once_are_each_departments_own(
        built_db_template: Path, year: int, data: st.DataObject) -> None:
    db = open_database(built_db_template, create=False)
    try:
        trees = load_all(db)
    finally:
        db.dispose()
    names = sorted(set().union(*(departments_named(t) | departments_in_scope(t) for t in trees)) | {"各課", "無い課"})
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=len(names)))
    for tree in trees:
        together = texts_to_carry_for(tree, chosen, FiscalYear(year))
        for department in chosen:
            assert together[department] == _one_department(tree, department, FiscalYear(year))


def _one_department(tree: PlanTree, department: str, year: FiscalYear) -> list[CarriedText]:
    """The rule as it reads, one department at a time through its scope (what the hand-out asked
    of every department and plan before)."""
    first, last = active_years(tree)
    if not first <= year <= last:
        return []
    scope = DepartmentScope(tree, department)
    out = []
    for node in tree.nodes:
        if not scope.owns_node(node.key) or not expects_progress(tree, node):
            continue
        now = tree.progress_in(node.key, year)
        if now is not None and str(now.narrative).strip():
            continue
        before = tree.progress_in(node.key, FiscalYear(year.year - 1))
        text = str(before.narrative) if before is not None else ""
        if text.strip():
            out.append(CarriedText(narrative_key(tree.plan.id, node.key, year.year), text, year.year - 1))
    return out



def test_the_handouts_snapshot_is_the_masters_fields_as_read_from_the_master(master: Path | str, tmp_path: Path) -> None:
    """The hand-out takes the master's fields from its image (read once as the image is made): the
    snapshot it records is what reading the master's own fields (the road before) gives, a question
    and an attachment included, with an earlier round's records and a changed value in the master."""
    from notes_helpers import png
    from round_helpers import FARM

    from kodaira_desk.domain.annotations import is_annotation_key
    from kodaira_desk.services import notes
    from kodaira_desk.services.editing import key_of

    db = open_database(master, create=False)
    try:
        notes.ask_question(db, key_of(FARM), "R2の実績の理由を教えてください。", "政策課 山田")
        notes.attach(db, key_of(FARM), "写真.png", png(), "政策課 山田")
        handout(db, R2, tmp_path / "一回目", ["産業振興課"])  # an earlier round's records in the master
    finally:
        db.dispose()
    edit(master, {FARM: "41"})
    db = open_database(master, create=False)
    try:
        with db.unit_of_work() as uow:
            expected = {k: v for k, v in uow.fields.all().items() if v is not None}
        files = handout(db, R2, tmp_path / "二回目")
        with db.unit_of_work() as uow:
            bases = set()
            for f in files:
                record = uow.rounds.handout(f.handout_id)
                assert record is not None
                bases.add(record.base_snapshot)
            (base,) = bases
            snapshot = uow.rounds.load_snapshot(base)
    finally:
        db.dispose()
    assert len([k for k in expected if is_annotation_key(k)]) == 2  # the question and the attachment
    assert expected[key_of(FARM)] == "41"
    assert snapshot == expected
