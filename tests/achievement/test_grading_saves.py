"""A grading setting saved is treated as a typed field is (issue 23): each change leaves an audit row
with the person's name (which is also what tells the other windows that someone wrote), and a
setting another person saved on the shared master since this person changed it is not overwritten
silently: the save stops, writes nothing, says whose value is whose, and goes on only when told to.
On a SQLite file and on a PostgreSQL master alike."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kodaira_desk.domain.achievement import Direction, Thresholds
from kodaira_desk.domain.entry import TypedValue
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.values import parse_value
from kodaira_desk.services.achievement import load_settings, set_direction, set_thresholds
from kodaira_desk.services.editing import StaleEditError, ValueCell
from kodaira_desk.services.grading_edits import (
    DirectionSetting,
    Setting,
    SettingValue,
    ThresholdsSetting,
    plan_of,
    stored_setting,
)
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.workspace import Workspace

PLAN = "strategy-2015"
FARMERS = DirectionSetting(PLAN, "g1.a1.k1")  # 新規就農者数
PLOTS = DirectionSetting(PLAN, "g1.a1.k2")
LIMITS = ThresholdsSetting()
R2 = FiscalYear(2020)


def _person(master: Path | str, name: str) -> Workspace:
    ws = Workspace.open(master, create=False, actor=name)
    ws.load_plans()
    return ws


def _change(ws: Workspace, setting: Setting, value: SettingValue) -> None:
    """As the board or the KPI pane changes it (ui.editor.Editor.apply_setting): kept until Save."""
    stored = stored_setting(ws.stored_grading(plan_of(setting)), setting)
    ws.session.grading.set(setting, value, stored)


def _grading_rows(ws: Workspace) -> list[dict[str, str | None]]:
    return [e for e in audit_entries(ws.db) if (e["field"] or "").startswith("grading:")]


@pytest.fixture
def two(master: Path | str):  # type: ignore[no-untyped-def]
    a, b = _person(master, "政策課 佐藤"), _person(master, "政策課 鈴木")
    yield a, b
    a.db.dispose()
    b.db.dispose()


def test_a_saved_setting_leaves_an_audit_row_in_words_with_the_persons_name(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    mark = b.change_mark()
    _change(a, LIMITS, Thresholds(Decimal(100), Decimal(70)))
    _change(a, FARMERS, Direction.LOWER)
    a.save_session()
    rows = _grading_rows(a)
    assert [(r["item"], r["old"], r["new"], r["actor"], r["source"]) for r in rows] == [
        ("達成・概ね順調の基準（全計画）", "達成 100％・概ね順調 80％", "達成 100％・概ね順調 70％", "政策課 佐藤", "typed"),
        ("新規就農者数 の達成状況の向き", "未設定（目標の書き方で判定）", "低いほど良い", "政策課 佐藤", "typed"),
    ]
    assert b.change_mark() != mark  # the other person's window learns that someone wrote
    assert b.stored_grading(PLAN) == load_settings(a.db, PLAN)
    assert b.stored_grading(PLAN).direction("g1.a1.k1") is Direction.LOWER


def test_a_setting_put_back_as_it_was_is_no_change_and_no_row(two) -> None:  # type: ignore[no-untyped-def]
    a, _b = two
    set_direction(a.db, PLAN, "g1.a1.k1", None, "政策課 佐藤")  # not set, and not set again
    set_thresholds(a.db, "100", "80", "政策課 佐藤")  # the defaults, stored as they are
    assert _grading_rows(a) == []
    set_thresholds(a.db, "90", "80", "政策課 佐藤")
    set_direction(a.db, PLAN, "g1.a1.k1", Direction.HIGHER, "政策課 佐藤")
    set_direction(a.db, PLAN, "g1.a1.k1", None, "政策課 佐藤")
    assert [(r["old"], r["new"]) for r in _grading_rows(a)] == [
        ("達成 100％・概ね順調 80％", "達成 90％・概ね順調 80％"),
        ("未設定（目標の書き方で判定）", "高いほど良い"),
        ("高いほど良い", "未設定（目標の書き方で判定）"),
    ]


def _type_a_value(ws: Workspace) -> ValueCell:
    """A value typed in the same window, saved with the settings by the same Save."""
    target = ValueCell(PLAN, "g1.a1.k2", ValueKind.ACTUAL, 2020)
    ws.session.put(target, TypedValue(parse_value("999区画"), ()))
    return target


def test_thresholds_another_person_saved_meanwhile_stop_the_save_and_nothing_is_written(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    _change(a, LIMITS, Thresholds(Decimal(100), Decimal(70)))
    typed = _type_a_value(a)
    _change(b, LIMITS, Thresholds(Decimal(95), Decimal(60)))
    b.save_session()
    with pytest.raises(StaleEditError) as raised:
        a.save_session()
    exc = raised.value
    assert exc.fields == [] and [s.setting for s in exc.settings] == [LIMITS]
    assert "達成・概ね順調の基準" in exc.message
    assert "入力した値「達成 100％・概ね順調 70％」" in exc.message
    assert "ほかの人の値「達成 95％・概ね順調 60％」" in exc.message
    assert "変更したときは「達成 100％・概ね順調 80％」" in exc.message
    assert load_settings(a.db, PLAN).thresholds == Thresholds(Decimal(95), Decimal(60))  # b's stands
    assert [r["actor"] for r in _grading_rows(a)] == ["政策課 鈴木"]
    stored = next(t for t in b.load_all() if t.plan.id == PLAN).indicator("g1.a1.k2").value(ValueKind.ACTUAL, R2)
    assert stored is None or str(stored.value) != "999区画"  # the typed value of the same save: not written either
    assert a.session.grading.dirty and a.session.has(typed)  # both wait in the window

    a.save_session(overwrite=True)  # a said "自分の値で上書きして保存"
    assert load_settings(b.db, PLAN).thresholds == Thresholds(Decimal(100), Decimal(70))
    assert [(r["old"], r["new"], r["actor"]) for r in _grading_rows(a)][-1] == (
        "達成 95％・概ね順調 60％", "達成 100％・概ね順調 70％", "政策課 佐藤")  # what it replaced
    stored = next(t for t in b.load_all() if t.plan.id == PLAN).indicator("g1.a1.k2").value(ValueKind.ACTUAL, R2)
    assert stored is not None and str(stored.value) == "999区画"
    assert not a.session.dirty


def test_a_direction_saved_elsewhere_asks_and_taking_theirs_saves_the_rest(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    _change(a, FARMERS, Direction.LOWER)
    _change(a, LIMITS, Thresholds(Decimal(100), Decimal(75)))
    _change(b, FARMERS, Direction.HIGHER)
    b.save_session()
    with pytest.raises(StaleEditError) as raised:
        a.save_session()
    assert [s.name for s in raised.value.settings] == ["新規就農者数 の達成状況の向き"]
    assert "入力した値「低いほど良い」" in raised.value.message and "ほかの人の値「高いほど良い」" in raised.value.message
    # the other person's value taken (ほかの人の値にする, ui.operations): a's other change is saved
    a.session.grading.drop([FARMERS])
    a.save_session()
    settings = load_settings(b.db, PLAN)
    assert settings.direction("g1.a1.k1") is Direction.HIGHER
    assert settings.thresholds == Thresholds(Decimal(100), Decimal(75))
    assert [(r["field"], r["actor"]) for r in _grading_rows(a)] == [
        (f"grading:{PLAN}:g1.a1.k1", "政策課 鈴木"), ("grading:thresholds", "政策課 佐藤")]


def test_settings_two_people_saved_that_are_not_the_same_both_stay(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    _change(a, FARMERS, Direction.LOWER)
    _change(b, PLOTS, Direction.LOWER)
    _change(b, LIMITS, Thresholds(Decimal(90), Decimal(80)))
    b.save_session()
    a.save_session()  # another indicator's direction and the thresholds are not a's: no question
    settings = load_settings(a.db, PLAN)
    assert settings.directions == {"g1.a1.k1": Direction.LOWER, "g1.a1.k2": Direction.LOWER}
    assert settings.thresholds == Thresholds(Decimal(90), Decimal(80))
    assert sorted((r["field"], r["actor"]) for r in _grading_rows(a)) == [
        (f"grading:{PLAN}:g1.a1.k1", "政策課 佐藤"), (f"grading:{PLAN}:g1.a1.k2", "政策課 鈴木"),
        ("grading:thresholds", "政策課 鈴木")]


def test_the_value_this_person_chose_saved_by_another_is_no_question_and_no_second_row(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    _change(a, FARMERS, Direction.LOWER)
    _change(b, FARMERS, Direction.LOWER)
    b.save_session()
    a.save_session()  # nothing of anyone's would be lost
    assert load_settings(a.db, PLAN).direction("g1.a1.k1") is Direction.LOWER
    assert [r["actor"] for r in _grading_rows(a)] == ["政策課 鈴木"]
    assert not a.session.dirty


def test_a_typed_value_and_a_setting_both_saved_elsewhere_are_asked_about_in_one_question(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    typed = _type_a_value(a)
    _change(a, FARMERS, Direction.LOWER)
    b.session.put(typed, TypedValue(parse_value("500区画"), ()))
    _change(b, FARMERS, Direction.HIGHER)
    b.save_session()
    with pytest.raises(StaleEditError) as raised:
        a.save_session()
    exc = raised.value
    assert [t for t, _was, _now in exc.fields] == [typed] and [s.setting for s in exc.settings] == [FARMERS]
    assert "新規就農者数 の達成状況の向き" in exc.message
    a.save_session(overwrite=True)  # the one answer covers both: nothing of b's is overwritten unasked
    settings = load_settings(b.db, PLAN)
    assert settings.direction("g1.a1.k1") is Direction.LOWER
    assert [(r["old"], r["new"], r["actor"]) for r in _grading_rows(a)] == [
        ("未設定（目標の書き方で判定）", "高いほど良い", "政策課 鈴木"), ("高いほど良い", "低いほど良い", "政策課 佐藤")]
