"""A recovery journal's line for an *item* (a measure's 実施等状況 and 進捗状況), not an indicator,
removed since the window died (計画の編集 > 削除 in another window): opening the file again offers
it back with the rest, the save writes the rest and says the removed item's text, naming it by its
key (this window never saw it), keeps it in a file a person can read, and leaves no journal."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import close_window
from recovery_helpers import crashed, journal_files
from roundkit import narrative
from test_clerk import choose, type_text
from test_recovery_journal import _window_on

from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_editing.structure import remove_node
from kodaira_desk.ui.window.main_window import Answer, MainWindow


def test_a_text_kept_by_the_recovery_journal_for_an_item_removed_since_is_said_and_kept(
        qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, "令和2年度")
    assert w.select_node("strategy-2015", "g1.a1.m2")
    type_text(qtbot, w.page.measure.narrative, "・残る項目の文章")
    assert w.select_node("strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.status.lineEdit(), "実施中")
    type_text(qtbot, w.page.measure.narrative, "・削除される項目の文章")
    crashed(w)
    other = open_database(db_path, create=False)  # another window: 計画の編集 > 削除, answered はい
    try:
        remove_node(other, "strategy-2015", "g1.a1.m1", actor="政策課 別の人")
    finally:
        other.dispose()
    asked: list[str] = []
    told: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, told)  # 復元する
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert "3 件" in asked[0], asked
        assert again.save_and_wait()
        assert narrative(db_path, "g1.a1.m2") == "・残る項目の文章"
        assert len(told) == 1, told
        assert "削除された項目（g1.a1.m1） 令和2年度 実施等状況: 入力した値「・削除される項目の文章」" in told[0], told
        assert "削除された項目（g1.a1.m1） 令和2年度 進捗状況: 入力した値「実施中」" in told[0], told
        kept = Path(told[0].split("「")[-1].split("」")[0])
        assert kept.is_file() and "・削除される項目の文章" in kept.read_text(encoding="utf-8"), told
        assert not again.isWindowModified()
        assert journal_files(again) == []
        assert not again.model.index_of("strategy-2015", "g1.a1.m1").isValid()
    finally:
        close_window(again)


def test_only_removed_fields_in_the_journal_plan_removed(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Nothing but the text of an item whose whole plan was removed since: offered, said, not kept unsaid."""
    from kodaira_desk.services.plan_editing import remove_plan

    w = window
    choose(w.year_combo, "令和2年度")
    assert w.select_node("strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.narrative, "・計画ごと削除される文章")
    crashed(w)
    other = open_database(db_path, create=False)
    try:
        remove_plan(other, "strategy-2015", actor="政策課 別の人")
    finally:
        other.dispose()
    asked: list[str] = []
    told: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, told)
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert again.save_and_wait()
        assert len(told) == 1 and "・計画ごと削除される文章" in told[0], (asked, told)
        assert journal_files(again) == []
    finally:
        close_window(again)


def test_only_removed_fields_in_the_journal_item_removed(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Nothing but the text of an item removed since with its parent: the save writes nothing, says it."""
    w = window
    choose(w.year_combo, "令和2年度")
    assert w.select_node("strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.narrative, "・削除される項目の文章")
    crashed(w)
    other = open_database(db_path, create=False)
    try:
        remove_node(other, "strategy-2015", "g1.a1", actor="政策課 別の人")  # its parent, with it
    finally:
        other.dispose()
    asked: list[str] = []
    told: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, told)
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert again.save_and_wait()
        assert len(told) == 1 and "・削除される項目の文章" in told[0], (asked, told)
        assert journal_files(again) == []
        assert not again.isWindowModified()
    finally:
        close_window(again)
