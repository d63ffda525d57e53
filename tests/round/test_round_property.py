"""Random rounds with real files, checked against a model in both directions: every department
edit arrives in the master or is an open conflict, and a conflict arises only where both sides
changed. Moves: department edits and saves, copies mailed (and collected late: stale copies), the
policy division editing the master (a second writer), collections of the latest file or of an
older copy, second returns, re-handouts (the old file is then refused as superseded).

The fields are values, notes on values (typed, changed, removed) and the answer to a question the
division asked before the hand-out (issue 25): a note or an answer merges exactly like a value. The
master is a SQLite file, and in a shorter run a database on the PostgreSQL server."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from round_helpers import R2, edit, value_cell

from kodaira_desk.domain.annotations import QUESTION_ANSWER, QUESTION_TEXT, AnnotationKey
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import AnnotationField, Target, key_of
from kodaira_desk.services.rounds import collect, handout
from kodaira_desk.store.reader import read_fields

ASKED = "0123456789abcdef0123456789abcdef"  # the division's question about 産業振興課's k4, asked before the hand-out


def _note(target: Target) -> AnnotationField:
    return AnnotationField(str(AnnotationKey.note(key_of(target))))


def _answer(target: Target) -> AnnotationField:
    return AnnotationField(str(AnnotationKey.question(key_of(target), ASKED, QUESTION_ANSWER)))


# In-year fields each department owns (its KPIs' R2 actuals and forecasts), notes on them, and the
# answer to the division's question.
FIELDS: dict[str, list[Target]] = {
    "産業振興課": [value_cell("g1.a1.k1"), value_cell("g1.a1.k4"), _note(value_cell("g1.a1.k1")),
                _answer(value_cell("g1.a1.k4"))],
    "子育て支援課": [value_cell("g2.a3.k4"), _note(value_cell("g2.a3.k4"))],
}
KEYS = {d: [key_of(t) for t in ts] for d, ts in FIELDS.items()}
VALUES = ["10人", "20人", "30人"]
TEXTS = ["区画を増設", "調査方法を変更", None]  # a note or an answer typed, changed, removed


def _typed(target: Target, i: int) -> str | None:
    return TEXTS[i % len(TEXTS)] if isinstance(target, AnnotationField) else VALUES[i % len(VALUES)]
DEPTS = list(FIELDS)
_FAST = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def _ask_and_hand_out(master: Path | str, out: Path) -> dict[str, Path]:
    """The division's question (a fixed id, so the model can name its answer), then the hand-out."""
    from kodaira_desk.services.notes import write_annotations

    db = open_database(master, create=False)
    try:
        question = str(AnnotationKey.question(key_of(value_cell("g1.a1.k4")), ASKED, QUESTION_TEXT))
        with db.unit_of_work() as s:
            write_annotations(s, {question: "R2の見込みが下がった理由は？"}, "政策課")
        return {f.department: f.path for f in handout(db, R2, out, DEPTS)}
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def handed_out(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    work = tmp_path_factory.mktemp("round-template")
    master = work / "master.sqlite"
    shutil.copyfile(built_db_template, master)
    return master, _ask_and_hand_out(master, work / "out")


def _fields(path: Path | str) -> dict[str, str | None]:
    if isinstance(path, str):  # a master on the server
        db = open_database(path, create=False)
        try:
            with db.read() as con:
                return read_fields(con)
        finally:
            db.dispose()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return read_fields(con)
    finally:
        con.close()


@dataclass
class Model:
    master: dict[str, str | None]
    base: dict[str, dict[str, str | None]]  # per department: the merge base (last collected)
    last: dict[str, int]  # last collected revision (-1: none)
    file: dict[str, dict[str, str | None]]  # the department's current file content
    rev: dict[str, int]
    generation: dict[str, int]  # hand-out number of the current file
    conflicts: set[tuple[str, str | None]] = field(default_factory=set)  # (key, department's value)
    # (department, hand-out, revision) of every file merged: the same bytes again are 取込済み,
    # even from a hand-out replaced since (nothing in them is new, and that is the plainer answer)
    merged: set[tuple[str, int, int]] = field(default_factory=set)


_EDIT = st.tuples(st.just("dept"), st.sampled_from(DEPTS), st.integers(0, 3), st.integers(0, 2))
_COLLECT = st.tuples(st.just("collect"), st.sampled_from(DEPTS), st.integers(0, 3))
# edits and collections weigh more than re-handouts (the slowest move)
MOVE = st.one_of(
    _EDIT, _EDIT, _COLLECT, _COLLECT,
    st.tuples(st.just("master"), st.sampled_from(DEPTS), st.integers(0, 3), st.integers(0, 2)),
    st.tuples(st.just("mail"), st.sampled_from(DEPTS)),
    st.tuples(st.just("rehandout"), st.sampled_from(DEPTS)),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(moves=st.lists(MOVE, min_size=1, max_size=6))
def test_random_round(handed_out: tuple[Path, dict[str, Path]], tmp_path_factory: pytest.TempPathFactory,
                      moves: list[tuple]) -> None:  # type: ignore[type-arg]
    template_master, template_files = handed_out
    work = Path(tempfile.mkdtemp(prefix="kd-round-", dir=_FAST))  # fsync-cheap: durability is tested elsewhere
    try:
        master = work / "master.sqlite"
        shutil.copyfile(template_master, master)
        _play(master, template_files, work, moves)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def handed_out_on_server(pg_server: object, pg_template: str, tmp_path_factory: pytest.TempPathFactory,
                         ) -> tuple[str, dict[str, Path]]:
    url: str = pg_server.create_database("roundtpl", template=pg_template)  # type: ignore[attr-defined]
    return url, _ask_and_hand_out(url, tmp_path_factory.mktemp("round-template-pg") / "out")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(moves=st.lists(MOVE, min_size=1, max_size=6))
def test_random_round_on_the_server(handed_out_on_server: tuple[str, dict[str, Path]], pg_server: object,
                                    moves: list[tuple]) -> None:  # type: ignore[type-arg]
    """The same rounds with the master on PostgreSQL (fewer examples: each clones a database)."""
    import psycopg

    template, template_files = handed_out_on_server
    master: str = pg_server.create_database("round", template=template)  # type: ignore[attr-defined]
    work = Path(tempfile.mkdtemp(prefix="kd-round-pg-", dir=_FAST))
    try:
        _play(master, template_files, work, moves)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:  # type: ignore[attr-defined]
            admin.execute(f'DROP DATABASE IF EXISTS "{pg_server.dbname(master)}"')  # type: ignore[attr-defined]


def _play(master: Path | str, template_files: dict[str, Path], work: Path, moves: list[tuple]) -> None:  # type: ignore[type-arg]
    files = {}
    for d, p in template_files.items():
        files[d] = work / p.name
        shutil.copyfile(p, files[d])
    start = _fields(master)
    model = Model(master=dict(start), base={d: dict(start) for d in DEPTS}, last={d: -1 for d in DEPTS},
                  file={d: dict(start) for d in DEPTS}, rev={d: 0 for d in DEPTS}, generation={d: 0 for d in DEPTS})
    mailed: dict[str, list[tuple[Path, int, int, dict[str, str | None]]]] = {d: [] for d in DEPTS}
    n = 0
    for move in moves:
        kind, dept = move[0], move[1]
        if kind in ("dept", "master"):
            i = move[2] % len(FIELDS[dept])
            value = _typed(FIELDS[dept][i], move[3])
            if kind == "dept":
                edit(files[dept], {FIELDS[dept][i]: value})
                model.file[dept][KEYS[dept][i]] = value
                model.rev[dept] += 1
            else:
                edit(master, {FIELDS[dept][i]: value})
                model.master[KEYS[dept][i]] = value
        elif kind == "mail":
            n += 1
            copy = work / f"mail{n}" / files[dept].name
            copy.parent.mkdir()
            shutil.copyfile(files[dept], copy)
            mailed[dept].append((copy, model.rev[dept], model.generation[dept], dict(model.file[dept])))
        elif kind == "rehandout":
            db = open_database(master, create=False)
            (made,) = handout(db, R2, work / f"handout{n}", [dept])
            db.dispose()
            n += 1
            files[dept] = made.path
            model.generation[dept] += 1
            model.base[dept] = dict(model.master)
            model.file[dept] = dict(model.master)
            model.rev[dept], model.last[dept] = 0, -1
        else:
            choices = [(files[dept], model.rev[dept], model.generation[dept], dict(model.file[dept])), *mailed[dept]]
            path, rev, gen, content = choices[move[2] % len(choices)]
            db = open_database(master, create=False)
            outcome = collect(db, [path]).outcomes[0]
            db.dispose()
            expected = _expected(model, dept, rev, gen, content)
            assert outcome.code == expected, (move, outcome.message)
        if kind in ("collect", "master"):
            _check(master, model)


def _expected(model: Model, dept: str, rev: int, gen: int, content: dict[str, str | None]) -> str:
    """What collecting a file of revision `rev` (of hand-out `gen`) with `content` must do."""
    if (dept, gen, rev) in model.merged:
        return "already_collected"
    if gen != model.generation[dept]:
        return "superseded"
    if model.last[dept] >= 0 and rev < model.last[dept]:
        return "stale"
    if rev == model.last[dept]:
        return "already_collected"
    if rev == 0:
        return "unfilled"
    base, conflicts = model.base[dept], 0
    for key in KEYS[dept]:
        b, d, m = base.get(key), content.get(key), model.master.get(key)
        if d == b or m == d:
            continue
        if m == b:
            model.master[key] = d
        else:
            model.conflicts.add((key, d))
            conflicts += 1
    model.base[dept] = dict(content)
    model.last[dept] = rev
    model.merged.add((dept, gen, rev))
    return "needs_review" if conflicts else "merged"


def _open_conflicts(master: Path | str) -> set[tuple[str, str | None]]:
    """(field, department's value) of every open conflict, read straight from the tables."""
    query = "SELECT field_key, department FROM conflicts WHERE status = 'open'"
    if isinstance(master, str):
        import psycopg

        with psycopg.connect(master) as pg:
            rows = pg.execute(query).fetchall()
    else:
        con = sqlite3.connect(f"file:{master}?mode=ro", uri=True)
        rows = con.execute(query).fetchall()
        con.close()
    return {(k, None if d is None else json.loads(d)) for k, d in rows}


def _check(master: Path | str, model: Model) -> None:
    now = _fields(master)
    for keys in KEYS.values():
        for key in keys:
            assert now.get(key) == model.master.get(key), key
    conflicts = _open_conflicts(master)
    # both directions: every expected conflict is open, and no other conflict exists
    assert conflicts == model.conflicts
