"""Random rounds with real files, checked against a model in both directions: every department
edit arrives in the master or is an open conflict, and a conflict arises only where both sides
changed. Moves: department edits and saves, copies mailed (and collected late: stale copies), the
policy division editing the master (a second writer), collections of the latest file or of an
older copy, second returns, re-handouts (the old file is then refused as superseded).

Issue 24 adds the round's year: the division fixes the year (確定) at any moment — its saves are
then refused, a file handed out before it is held (a conflict of kind `locked`), one handed out
after it refuses the clerk's save — corrections with a reason, resolutions (a fixed year's field
takes the department's value only with a reason), and a text carried over from the year before:
left untouched it is no answer, confirmed (変更なし) it arrives like an edit.

Issue 25 adds notes on values (typed, changed, removed) and the answer to a question the division
asked before the hand-out, on each side: a note or an answer merges exactly like a value, and the
division's 確定 does not fix them (a note may explain a fixed figure; a question about it is answered).

Played on both backends (the `master` fixture): a SQLite file, and a database on the PostgreSQL
server cloned from one template per example.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from round_helpers import R2, S, edit, value_cell

from kodaira_desk.domain.annotations import QUESTION_ANSWER, QUESTION_TEXT, AnnotationKey, is_annotation_key
from kodaira_desk.domain.round_records import ConflictRecord
from kodaira_desk.domain.round_year import YearLockedError
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import (
    AnnotationField,
    ProgressField,
    Target,
    content_of,
    key_of,
    save_edits,
)
from kodaira_desk.services.rounds.carry import confirm_unchanged
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.common import RoundError
from kodaira_desk.services.rounds.conflicts import resolve
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.year_locks import LockError, correct, lock_year
from kodaira_desk.store.database import Database
from kodaira_desk.store.reader import read_fields

# In-year fields each department owns: its KPIs' R2 actuals and forecasts, and one measure's R2
# 実施等状況, which the hand-out starts from the 令和元年度 text (CARRIED).
NARRATIVE = {"産業振興課": ProgressField(S, "g1.a1.m2", 2020, "narrative"),
             "子育て支援課": ProgressField(S, "g2.a3.m2", 2020, "narrative")}
FIELDS = {
    "産業振興課": [value_cell("g1.a1.k1"), value_cell("g1.a1.k4"), NARRATIVE["産業振興課"]],
    "子育て支援課": [value_cell("g2.a3.k4"), NARRATIVE["子育て支援課"]],
}
ASKED = "0123456789abcdef0123456789abcdef"  # the division's question about 産業振興課's k4, asked before the hand-out


def _note(target: Target) -> AnnotationField:
    return AnnotationField(str(AnnotationKey.note(key_of(target))))


def _answer(target: Target) -> AnnotationField:
    return AnnotationField(str(AnnotationKey.question(key_of(target), ASKED, QUESTION_ANSWER)))


# notes on the departments' values, and the answer to the division's question (issue 25)
NOTES: dict[str, list[Target]] = {
    "産業振興課": [_note(value_cell("g1.a1.k1")), _answer(value_cell("g1.a1.k4"))],
    "子育て支援課": [_note(value_cell("g2.a3.k4"))],
}
NOTE_TEXTS = ["区画を増設", "調査方法を変更", None]  # typed, changed, removed
KEYS = {d: [key_of(t) for t in [*ts, *NOTES[d]]] for d, ts in FIELDS.items()}
TEXT_KEYS = {key_of(t) for t in NARRATIVE.values()}
CARRIED = {d: f"・{d}の令和元年度の取組を続けました。" for d in FIELDS}
VALUES = ["10人", "20人", "30人"]
TEXTS = ["・区画を増やしました。", "・講座を開きました。"]
DEPTS = list(FIELDS)
_FAST = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


@pytest.fixture(scope="module")
def handed_out(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """A master whose 令和元年度 texts the R2 files start from, and the R2 files handed out."""
    work = tmp_path_factory.mktemp("round-template")
    master = work / "master.sqlite"
    shutil.copyfile(built_db_template, master)
    edit(master, {ProgressField(S, t.node_key, 2019, "narrative"): CARRIED[d] for d, t in NARRATIVE.items()})
    question = str(AnnotationKey.question(key_of(value_cell("g1.a1.k4")), ASKED, QUESTION_TEXT))
    edit(master, {AnnotationField(question): "R2の見込みが下がった理由は？"})  # the division's question
    db = open_database(master, create=False)
    files = {f.department: f.path for f in handout(db, R2, work / "out", DEPTS)}
    db.dispose()
    return master, files


@pytest.fixture(scope="module")
def pg_round_template(handed_out: tuple[Path, dict[str, Path]], pg_server: object) -> str:
    """The same master on the server (the files' master id and hand-outs come with it)."""
    from kodaira_desk.services.database import copy_database

    url: str = pg_server.create_database("round")  # type: ignore[attr-defined]
    copy_database(handed_out[0], url)
    return url


@dataclass
class Model:
    master: dict[str, str | None]
    base: dict[str, dict[str, str | None]]  # per department: the merge base (last collected)
    last: dict[str, int]  # last collected revision (-1: none)
    file: dict[str, dict[str, str | None]]  # the department's current file content
    rev: dict[str, int]
    generation: dict[str, int]  # hand-out number of the current file
    carried: dict[str, str | None]  # the text the current file carries over (None: none)
    confirmed: dict[str, bool]  # the clerk confirmed it (変更なし)
    file_locked: dict[str, bool]  # the current file was handed out after the lock
    locked: bool = False
    conflicts: Counter[tuple[str, str | None]] = field(default_factory=Counter)  # (key, department's value)
    # (department, hand-out, revision) of every file merged: the same bytes again are 取込済み,
    # even from a hand-out replaced since (nothing in them is new, and that is the plainer answer)
    merged: set[tuple[str, int, int]] = field(default_factory=set)


@dataclass(frozen=True)
class Copy:
    """A department file as it was at one moment: where it is and what the model says it held."""

    path: Path
    rev: int
    generation: int
    content: dict[str, str | None]
    carried: str | None
    confirmed: bool


_EDIT = st.tuples(st.just("dept"), st.sampled_from(DEPTS), st.integers(0, 2), st.sampled_from(VALUES))
_TEXT = st.tuples(st.just("text"), st.sampled_from(DEPTS), st.integers(0, 2))
_COLLECT = st.tuples(st.just("collect"), st.sampled_from(DEPTS), st.integers(0, 3))
_NOTE = st.tuples(st.sampled_from(["note", "master_note"]), st.sampled_from(DEPTS), st.integers(0, 1),
                  st.integers(0, 2))
# edits and collections weigh more than re-handouts (the slowest move)
MOVE = st.one_of(
    _EDIT, _EDIT, _TEXT, _COLLECT, _COLLECT, _NOTE,
    st.tuples(st.just("master"), st.sampled_from(DEPTS), st.integers(0, 2), st.sampled_from(VALUES)),
    st.tuples(st.just("mail"), st.sampled_from(DEPTS)),
    st.tuples(st.just("rehandout"), st.sampled_from(DEPTS)),
    st.tuples(st.just("confirm"), st.sampled_from(DEPTS)),
    st.tuples(st.just("lock"), st.just("")),
    st.tuples(st.just("correct"), st.sampled_from(DEPTS), st.integers(0, 2), st.sampled_from(VALUES)),
    st.tuples(st.just("resolve"), st.sampled_from(["keep", "take", "take_with_reason"])),
)


SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
MOVES = st.lists(MOVE, min_size=1, max_size=7)


@settings(max_examples=200, **SETTINGS)  # type: ignore[arg-type]
@given(moves=MOVES)
def test_random_round(handed_out: tuple[Path, dict[str, Path]], request: pytest.FixtureRequest,
                      moves: list[tuple]) -> None:  # type: ignore[type-arg]
    _random_round("sqlite", handed_out, request, moves)


# The same model on the server: the merge is the services' on either backend, the server adds its
# SQL; its body is 3-4 times as slow (a database cloned per example), so fewer examples of it.
@settings(max_examples=60, **SETTINGS)  # type: ignore[arg-type]
@given(moves=MOVES)
def test_random_round_on_a_server(handed_out: tuple[Path, dict[str, Path]], request: pytest.FixtureRequest,
                                  moves: list[tuple]) -> None:  # type: ignore[type-arg]
    _random_round("postgresql", handed_out, request, moves)


def _random_round(backend: str, handed_out: tuple[Path, dict[str, Path]], request: pytest.FixtureRequest,
                  moves: list[tuple]) -> None:  # type: ignore[type-arg]
    template_master, template_files = handed_out
    work = Path(tempfile.mkdtemp(prefix="kd-round-", dir=_FAST))  # fsync-cheap: durability is tested elsewhere
    try:
        with _master(backend, template_master, work, request) as master:
            _play(master, template_files, work, moves)
    finally:
        shutil.rmtree(work, ignore_errors=True)


class _master:
    """The example's master: a copy of the template file, or a database cloned on the server
    (dropped afterwards)."""

    def __init__(self, backend: str, template: Path, work: Path, request: pytest.FixtureRequest) -> None:
        self.backend, self.template, self.work, self.request = backend, template, work, request
        self.url: str | None = None

    def __enter__(self) -> Path | str:
        if self.backend == "sqlite":
            master = self.work / "master.sqlite"
            shutil.copyfile(self.template, master)
            return master
        server = self.request.getfixturevalue("pg_server")
        template = self.request.getfixturevalue("pg_round_template")
        self.url = _clone(server, template)
        return self.url

    def __exit__(self, *_exc: object) -> None:
        if self.url is not None:
            _drop(self.request.getfixturevalue("pg_server"), self.url)


def _clone(server: object, template: str) -> str:
    """CREATE DATABASE … TEMPLATE through psycopg (cheaper than createdb's process per example)."""
    import psycopg

    name = f"ex_{os.getpid()}_{next(_COUNT)}"
    with psycopg.connect(server.url("postgres"), autocommit=True) as con:  # type: ignore[attr-defined]
        con.execute(f'CREATE DATABASE "{name}" TEMPLATE "{server.dbname(template)}"')  # type: ignore[attr-defined]
    return str(server.url(name))  # type: ignore[attr-defined]


def _drop(server: object, url: str) -> None:
    import psycopg

    with psycopg.connect(server.url("postgres"), autocommit=True) as con:  # type: ignore[attr-defined]
        con.execute(f'DROP DATABASE IF EXISTS "{server.dbname(url)}" WITH (FORCE)')  # type: ignore[attr-defined]


_COUNT = itertools.count(1)


def _play(url: Path | str, template_files: dict[str, Path], work: Path, moves: list[tuple]) -> None:  # type: ignore[type-arg]
    master = open_database(url, create=False)  # one for the example, as the window keeps one
    try:
        _moves(master, template_files, work, moves)
    finally:
        master.dispose()


def _moves(master: Database, template_files: dict[str, Path], work: Path, moves: list[tuple]) -> None:  # type: ignore[type-arg]
    files = {}
    for d, p in template_files.items():
        files[d] = work / p.name
        shutil.copyfile(p, files[d])
    with master.read() as con:
        start = read_fields(con)
    model = Model(master=dict(start), base={d: dict(start) for d in DEPTS}, last={d: -1 for d in DEPTS},
                  file={d: {**start, key_of(NARRATIVE[d]): CARRIED[d]} for d in DEPTS}, rev={d: 0 for d in DEPTS},
                  generation={d: 0 for d in DEPTS}, carried=dict(CARRIED), confirmed={d: False for d in DEPTS},
                  file_locked={d: False for d in DEPTS})
    mailed: dict[str, list[Copy]] = {d: [] for d in DEPTS}
    n = 0
    for move in moves:
        kind, dept = move[0], move[1]
        if kind == "dept":  # a value typed and saved
            i = move[2] % (len(FIELDS[dept]) - 1)
            _clerk_saves(files[dept], model, dept, KEYS[dept][i], FIELDS[dept][i], move[3])
        elif kind == "text":  # the 実施等状況 rewritten, or set back to the carried text
            target = NARRATIVE[dept]
            _clerk_saves(files[dept], model, dept, key_of(target), target, [*TEXTS, CARRIED[dept]][move[2] % 3])
        elif kind in ("note", "master_note"):  # a note or an answer: never fixed by 確定 (issue 25)
            i = move[2] % len(NOTES[dept])
            target, value = NOTES[dept][i], NOTE_TEXTS[move[3] % len(NOTE_TEXTS)]
            if kind == "note":
                edit(files[dept], {target: value})
                model.file[dept][key_of(target)] = value
                model.rev[dept] += 1
            else:
                save_edits(master, {target: value}, actor="政策課 試験")
                model.master[key_of(target)] = value
        elif kind == "master":
            i = move[2] % len(FIELDS[dept])
            key = KEYS[dept][i]
            value = TEXTS[move[2] % 2] if key in TEXT_KEYS else move[3]
            try:
                save_edits(master, {FIELDS[dept][i]: content_of(FIELDS[dept][i], value)}, actor="政策課 試験")
            except YearLockedError:
                assert model.locked, move
            else:
                assert not model.locked, move
                model.master[key] = value
        elif kind == "mail":
            n += 1
            copy = work / f"mail{n}" / files[dept].name
            copy.parent.mkdir()
            shutil.copyfile(files[dept], copy)
            mailed[dept].append(Copy(copy, model.rev[dept], model.generation[dept], dict(model.file[dept]),
                                     model.carried[dept], model.confirmed[dept]))
        elif kind == "rehandout":
            (made,) = handout(master, R2, work / f"handout{n}", [dept])
            n += 1
            files[dept] = made.path
            model.generation[dept] += 1
            model.base[dept] = dict(model.master)
            key = key_of(NARRATIVE[dept])
            model.carried[dept] = None if model.master.get(key) else CARRIED[dept]  # carried where the master has none
            model.file[dept] = {**model.master, **({key: CARRIED[dept]} if model.carried[dept] else {})}
            model.confirmed[dept] = False
            model.file_locked[dept] = model.locked
            model.rev[dept], model.last[dept] = 0, -1
        elif kind == "confirm":
            _confirm(files[dept], model, dept)
        elif kind == "lock":
            _lock(master, model)
        elif kind == "correct":
            i = move[2] % len(FIELDS[dept])
            key = KEYS[dept][i]
            value = TEXTS[move[2] % 2] if key in TEXT_KEYS else move[3]
            _correct(master, model, key, value)
        elif kind == "resolve":
            _resolve(master, model, move[1])
        else:
            copies = [Copy(files[dept], model.rev[dept], model.generation[dept], dict(model.file[dept]),
                           model.carried[dept], model.confirmed[dept]), *mailed[dept]]
            chosen = copies[move[2] % len(copies)]
            outcome = collect(master, [chosen.path]).outcomes[0]
            expected = _expected(model, dept, chosen)
            assert outcome.code == expected, (move, outcome.message)
        if kind in ("collect", "master", "master_note", "correct", "resolve", "lock"):
            _check(master, model)


def _clerk_saves(path: Path, model: Model, dept: str, key: str, target: object, value: str) -> None:
    try:
        edit(path, {target: value})  # type: ignore[dict-item]
    except YearLockedError:
        assert model.file_locked[dept]  # the file was handed out after the lock: it knows
        return
    assert not model.file_locked[dept]
    model.file[dept][key] = value
    model.rev[dept] += 1


def _confirm(path: Path, model: Model, dept: str) -> None:
    db = open_database(path, create=False)
    try:
        n = confirm_unchanged(db, [key_of(NARRATIVE[dept])], "試験")
    except YearLockedError:
        assert model.file_locked[dept]
        return
    finally:
        db.dispose()
    assert n == (1 if model.carried[dept] else 0)
    if n:
        model.confirmed[dept] = True
        model.rev[dept] += 1


def _lock(master: Database, model: Model) -> None:
    try:
        lock_year(master, S, R2, "政策課 試験")
    except LockError:
        assert model.locked  # fixed already
    else:
        model.locked = True


def _correct(master: Database, model: Model, key: str, value: str) -> None:
    try:
        correct(master, key, value, "委員会の後に確認", "政策課 試験")
    except LockError:
        assert not model.locked or model.master.get(key) == value  # not fixed, or the same value
    else:
        assert model.locked
        model.master[key] = value


def _resolve(master: Database, model: Model, choice: str) -> None:
    """The oldest open conflict: kept, taken, or taken with a reason (a correction)."""
    conflicts = _open_conflicts(master)
    if not conflicts:
        return
    c = conflicts[0]
    take = choice != "keep"
    reason = "課の値が正しいと確認" if choice == "take_with_reason" else None
    try:
        resolve(master, c.id, "take" if take else "keep", actor="政策課 試験", reason=reason)
    except RoundError:
        # the master changed since the conflict was recorded, or a fixed year's field without a reason
        assert model.master.get(c.key) != c.master or (take and model.locked and reason is None
                                                      and c.department_value != c.master)
        return
    assert model.master.get(c.key) == c.master
    model.conflicts[(c.key, c.department_value)] -= 1
    if take:
        model.master[c.key] = c.department_value


def _open_conflicts(db: Database) -> list[ConflictRecord]:
    """Open conflicts, oldest first, as the store keeps them (without the fields in words, which
    would read every plan)."""
    with db.reading() as uow:
        return uow.rounds.conflicts(status="open")


def _expected(model: Model, dept: str, copy: Copy) -> str:
    """What collecting `copy` must do (and what it does to the model)."""
    if (dept, copy.generation, copy.rev) in model.merged:
        return "already_collected"
    if copy.generation != model.generation[dept]:
        return "superseded"
    if model.last[dept] >= 0 and copy.rev < model.last[dept]:
        return "stale"
    if copy.rev == model.last[dept]:
        return "already_collected"
    if copy.rev == 0:
        return "unfilled"
    base, content, conflicts = model.base[dept], dict(copy.content), 0
    for key in KEYS[dept]:
        b, d, m = base.get(key), content.get(key), model.master.get(key)
        if d == b:
            continue
        if key in TEXT_KEYS and b is None and d == copy.carried and not copy.confirmed:
            content[key] = b  # a carried text left untouched: no answer, not in the next base
            continue
        if m == d:
            continue
        if model.locked and not is_annotation_key(key):
            model.conflicts[(key, d)] += 1
            conflicts += 1
        elif m == b:
            model.master[key] = d
        else:
            model.conflicts[(key, d)] += 1
            conflicts += 1
    model.base[dept] = content
    model.last[dept] = copy.rev
    model.merged.add((dept, copy.generation, copy.rev))
    return "needs_review" if conflicts else "merged"


def _check(master: Database, model: Model) -> None:
    with master.read() as con:
        now = read_fields(con)
    for keys in KEYS.values():
        for key in keys:
            assert now.get(key) == model.master.get(key), key
    found = Counter((c.key, c.department_value) for c in _open_conflicts(master))
    # both directions: every expected conflict is open, and no other conflict exists
    assert found == +model.conflicts
