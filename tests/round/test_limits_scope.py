"""domain.limits and domain.scope: the rules a returned file is held to."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kodaira_desk.domain.fields import field_map
from kodaira_desk.domain.limits import (
    MAX_DECIMALS,
    MAX_DIGITS,
    LimitError,
    check_text,
    check_value_text,
    check_year,
)
from kodaira_desk.domain.scope import DepartmentScope, departments_in_scope
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_all

FORBIDDEN = [chr(c) for c in range(32) if chr(c) not in "\n\t"] + ["\x7f"] + [
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@given(st.text(alphabet=st.characters(blacklist_characters=FORBIDDEN), max_size=200),
       st.sampled_from(FORBIDDEN), st.integers(0, 200))
def test_a_forbidden_character_anywhere_is_refused(text: str, bad: str, at: int) -> None:
    assert check_text("x", text) == text
    with pytest.raises(LimitError) as err:
        check_text("実施等状況", text[:at] + bad + text[at:])
    assert err.value.message.startswith("実施等状況: ") and f"U+{ord(bad):04X}" in err.value.message


@given(st.integers(1, MAX_DIGITS + 10), st.integers(0, MAX_DECIMALS + 5))
def test_digits_and_decimals(digits: int, decimals: int) -> None:
    text = "9" * digits + ("." + "5" * decimals if decimals else "") + "人"
    if digits <= MAX_DIGITS and decimals <= MAX_DECIMALS:
        assert check_value_text("v", text) == text
    else:
        with pytest.raises(LimitError):
            check_value_text("v", text)


def test_years_around_the_plan_period() -> None:
    check_year("f", 2010, 2015, 2019)
    check_year("f", 2024, 2015, 2019)
    for year in (2009, 2025, 2199, 1926):
        with pytest.raises(LimitError):
            check_year("f", year, 2015, 2019)


def test_the_city_data_is_within_the_limits(db_path: Path) -> None:
    import sqlite3

    from kodaira_desk.store.reader import read_fields

    con = sqlite3.connect(db_path)
    assert read_fields(con)  # raises LimitError on any field past a limit
    con.close()


def test_scope_owns_what_the_merge_lets_a_department_change(db_path: Path) -> None:
    db = open_database(db_path, create=False)
    trees = load_all(db)
    db.dispose()
    strategy = next(t for t in trees if t.plan.id == "strategy-2015")
    farm = DepartmentScope(strategy, "産業振興課")
    assert farm.owns_field("value:strategy-2015:g1.a1.k3:actual:2020:")
    assert not farm.owns_field("value:strategy-2015:g1.a1.k3:target:2019:original")  # the division's
    assert not farm.owns_field("value:strategy-2015:g2.a3.k4:actual:2020:")  # 子育て支援課's
    assert not farm.owns_field("value:program-2021:g1.a1.k3:actual:2020:")  # another plan
    everyone = DepartmentScope(strategy, None)
    assert all(everyone.owns_field(k) for k in field_map(strategy) if k.startswith("progress:"))
    for tree in trees:
        for dept in departments_in_scope(tree):
            scope = DepartmentScope(tree, dept)
            # a department sees every node it owns
            assert all(scope.sees_node(n) for n in tree.nodes if scope.owns_node(n.key))
