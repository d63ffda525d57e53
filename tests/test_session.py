"""The edit session lives in the workspace (services), not in the window: typed values, what they
were loaded against, a save through the workspace, and what a department file may change (issue 18).
No Qt here: the session is plain services code."""

from __future__ import annotations

from pathlib import Path

import pytest

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.editing import ProgressField, StaleEditError, ValueCell, content_of, target_of
from kodaira_desk.services.locks import LockKind
from kodaira_desk.services.session import Session
from kodaira_desk.services.workspace import Workspace

FARM = target_of("value:strategy-2015:g1.a1.k3:actual:2020:")  # 市内体験農園の区画数, 産業振興課
CHILDREN = target_of("value:strategy-2015:g2.a3.k4:actual:2020:")  # 児童館の利用者数, 子育て支援課


def _reopened(db_path: Path) -> Session:
    ws = Workspace.open(db_path, create=False)
    try:
        return ws.load_plans()
    finally:
        ws.close()


def test_a_save_keeps_an_edit_typed_while_it_ran(db_path: Path) -> None:
    ws = Workspace.open(db_path, create=False, actor="政策課 山田")
    try:
        session = ws.load_plans()
        before = session.stored(FARM)
        assert before is None  # the city's data has no 令和2年度 actual for it yet
        session.put(FARM, content_of(FARM, "365区画"))
        edits, stored = session.to_save()
        assert edits == {FARM: content_of(FARM, "365区画")} and stored == {FARM: before}
        session.put(CHILDREN, content_of(CHILDREN, "36,000人"))  # typed while the save runs
        applied = ws.save(edits, stored)
        session.take_in(applied.trees, saved=edits)
        assert not session.has(FARM) and session.content(FARM) == content_of(FARM, "365区画")
        assert session.has(CHILDREN) and session.pending() == {CHILDREN: content_of(CHILDREN, "36,000人")}
    finally:
        ws.close()
    after = _reopened(db_path)
    assert after.stored(FARM) == content_of(FARM, "365区画")
    assert after.stored(CHILDREN) != content_of(CHILDREN, "36,000人")  # never saved


def test_typing_the_stored_value_back_is_no_edit(db_path: Path) -> None:
    ws = Workspace.open(db_path, create=False)
    try:
        session = ws.load_plans()
        narrative = ProgressField("strategy-2015", "g1.a1", 2020, "narrative")
        old = session.stored(narrative)
        session.put(narrative, "・直売所マップを更新しました。")
        assert session.dirty
        session.put(narrative, old)
        assert not session.dirty and ws.save_session().saved is not None
    finally:
        ws.close()


def test_a_field_changed_elsewhere_is_not_overwritten_unasked(db_path: Path) -> None:
    ws = Workspace.open(db_path, create=False)
    other = Workspace.open(db_path, create=False)
    try:
        mine = ws.load_plans()
        mine.put(FARM, content_of(FARM, "365区画"))
        theirs = other.load_plans()
        theirs.put(FARM, content_of(FARM, "370区画"))
        other.save_session()
        with pytest.raises(StaleEditError) as told:
            ws.save_session()
        # the question counts the fields (the window lists each in words): no store key in it
        assert told.value.message.startswith("読み込んだ後に別の場所で変更された項目が 1 件あります。")
        assert "value:" not in told.value.message and "strategy-2015" not in told.value.message
        assert mine.has(FARM)  # the clerk's value is kept, to be asked about
        assert _reopened(db_path).stored(FARM) == content_of(FARM, "370区画")
        ws.save_session(overwrite=True)
        assert _reopened(db_path).stored(FARM) == content_of(FARM, "365区画")
    finally:
        ws.close()
        other.close()


def test_a_department_file_session_says_why_a_field_is_locked(db_path: Path) -> None:
    ws = Workspace.open(db_path, create=False)
    try:
        trees = ws.load_all()
    finally:
        ws.close()
    session = Session("産業振興課", 2020)
    session.load(trees)
    assert session.lock_of(FARM) is None
    assert session.lock_of(ValueCell("strategy-2015", "g1.a1.k3", ValueKind.ACTUAL, 2019)) is not None
    other_year = session.lock_of(ValueCell("strategy-2015", "g1.a1.k3", ValueKind.ACTUAL, 2019))
    assert other_year is not None and other_year.kind is LockKind.OTHER_YEAR
    target = session.lock_of(ValueCell("strategy-2015", "g1.a1.k3", ValueKind.TARGET, 2020))
    assert target is not None and target.kind is LockKind.POLICY_VALUE
    theirs = session.lock_of(CHILDREN)
    assert theirs is not None and theirs.kind is LockKind.OTHER_DEPARTMENT and theirs.owners == ("子育て支援課",)
    assert Session().lock_of(CHILDREN) is None  # the master: every field may be changed


def test_a_measure_is_named_by_the_number_its_list_shows(db_path: Path) -> None:
    """「①－２ 農にふれあえる場の提供」 as the tree and the progress list show it (not 「2 …」)."""
    from kodaira_desk.services.field_words import describe
    from kodaira_desk.services.plans import load_all

    ws = Workspace.open(db_path, create=False)
    try:
        trees = {t.plan.id: t for t in load_all(ws.db)}
    finally:
        ws.close()
    assert describe(trees, "progress:strategy-2015:g1.a1.m2:2020:narrative") == \
        "①－２ 農にふれあえる場の提供 令和2年度 実施等状況"
    assert describe(trees, "progress:program-2021:p1.j4:2021:settled") == "4 女性再就職サポート事業 令和3年度 決算額"
