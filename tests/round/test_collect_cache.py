"""What makes a collection fast must not change what it finds: the changes of a file against its
base, and read_fields' checks cached by spelling (a bad spelling refused every time, naming its
field)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kodaira_desk.domain.limits import MAX_TEXT_CHARS, LimitError
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.text import RichText
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.rounds.collect import PlanTrees, _changes
from kodaira_desk.store.reader import read_fields

KEYS = st.sampled_from([f"value:p:k{i}:actual:2020:" for i in range(8)])
VALUES = st.one_of(st.none(), st.sampled_from(["100人", "200人", "-", "—", "（※1）", ""]))
FIELDS = st.dictionaries(KEYS, VALUES, max_size=8)


@given(FIELDS, FIELDS)
def test_changes_are_every_field_that_differs_and_only_those(base: dict[str, FieldValue],
                                                             dept: dict[str, FieldValue]) -> None:
    expected = {k: dept.get(k) for k in base.keys() | dept.keys() if dept.get(k) != base.get(k)}
    assert _changes(base, dept) == expected


def _file(narratives: list[str], values: list[tuple[str, str]]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.executescript("""
        CREATE TABLE nodes (id INTEGER PRIMARY KEY, plan_id TEXT, key TEXT);
        CREATE TABLE progress_entries (node_id INTEGER, fiscal_year INTEGER, status TEXT, narrative TEXT);
        CREATE TABLE indicators (id INTEGER PRIMARY KEY, plan_id TEXT, key TEXT);
        CREATE TABLE indicator_values (indicator_id INTEGER, kind TEXT, fiscal_year INTEGER, revision TEXT,
                                       text TEXT, marks TEXT);
        CREATE TABLE budget_costs (node_id INTEGER, fiscal_year INTEGER, text TEXT);
        CREATE TABLE schedule_rows (id INTEGER PRIMARY KEY, node_id INTEGER, position INTEGER);
        CREATE TABLE schedule_cells (row_id INTEGER, fiscal_year INTEGER, text TEXT);
    """)
    for i, text in enumerate(narratives):
        con.execute("INSERT INTO nodes VALUES (?, 'p', ?)", (i, f"n{i}"))
        con.execute("INSERT INTO progress_entries VALUES (?, 2020, '実施中', ?)", (i, text))
    for i, (text, marks) in enumerate(values):
        con.execute("INSERT INTO indicators VALUES (?, 'p', ?)", (i, f"k{i}"))
        con.execute("INSERT INTO indicator_values VALUES (?, 'actual', 2020, '', ?, ?)", (i, text, marks))
    return con


NARRATIVE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(st.lists(NARRATIVE, min_size=1, max_size=4))
def test_narratives_read_the_same_when_cached_and_bad_ones_refused_each_time(texts: list[str]) -> None:
    con = _file(texts, [])
    for _ in range(2):  # the second reading hits the caches
        try:
            fields = read_fields(con)
        except LimitError as exc:
            assert exc.what.startswith("progress:p:n") and exc.what.endswith(":narrative")
            continue
        for i, text in enumerate(texts):
            printed = str(RichText.parse(text))
            assert fields.get(f"progress:p:n{i}:2020:narrative") == (printed or None)
            assert fields[f"progress:p:n{i}:2020:status"] == "実施中"


def test_a_bad_spelling_is_refused_every_time_naming_its_field() -> None:
    for _ in range(2):
        with pytest.raises(LimitError) as err:
            read_fields(_file(["区画\x00"], []))
        assert err.value.what == "progress:p:n0:2020:narrative"
        with pytest.raises(LimitError) as err:
            read_fields(_file(["あ" * (MAX_TEXT_CHARS + 1)], []))
        assert err.value.what == "progress:p:n0:2020:narrative"
        with pytest.raises(LimitError) as err:
            read_fields(_file([], [("100人", ""), ("9" * 40 + "人", "")]))
        assert err.value.what == "value:p:k1:actual:2020:"


def test_a_value_read_twice_is_printed_the_same() -> None:
    con = _file(["x"], [("1,000人", "※1"), ("1,000人", "※1"), ("-", "")])
    con.execute("INSERT INTO budget_costs VALUES (0, 2020, '1,000')")
    con.execute("INSERT INTO budget_costs VALUES (0, 2021, '-')")
    first = read_fields(con)
    assert first == read_fields(con)
    assert first["value:p:k0:actual:2020:"] == first["value:p:k1:actual:2020:"]
    assert first["cost:p:n0:2020"] == first["value:p:k0:actual:2020:"].removesuffix("人※1")
    assert first["cost:p:n0:2021"] == first["value:p:k2:actual:2020:"]
    con.execute("INSERT INTO budget_costs VALUES (0, 2022, ?)", ("9" * 40,))
    for _ in range(2):
        with pytest.raises(LimitError) as err:
            read_fields(con)
        assert err.value.what == "cost:p:n0:2022"


def test_plan_trees_read_on_first_use_are_the_plans(db_path: Path) -> None:
    """The collection's trees, read inside its transaction, are the plans as load_all gives them."""
    db = open_database(db_path, create=False)
    try:
        expected = {t.plan.id: t for t in load_all(db)}
        with db.unit_of_work() as uow:
            trees = PlanTrees(uow)
            assert sorted(trees) == sorted(expected) and len(trees) == len(expected)
            for pid in reversed(list(expected)):
                assert trees[pid] == expected[pid]
            assert trees.get("no-such-plan") is None
            assert "no-such-plan" not in trees
    finally:
        db.dispose()
