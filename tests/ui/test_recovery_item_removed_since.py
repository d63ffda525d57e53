"""A recovery journal's line for an *item* (a measure's 実施等状況 and 進捗状況), not an indicator,
removed since the window died (計画の編集 > 削除 in another window): opening the file again offers
it back with the rest, the save writes the rest and says the removed item's text, naming it by its
key (this window never saw it), keeps it in a file a person can read, and leaves no journal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from grid_helpers import close_window
from recovery_helpers import crashed, journal_files
from roundkit import narrative
from test_clerk import choose, type_text
from test_recovery_journal import _window_on

from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_editing import remove_plan
from kodaira_desk.services.plan_editing.structure import remove_node
from kodaira_desk.ui.window.main_window import Answer, MainWindow


def _type_on(qtbot, w: MainWindow, node: str, narrative_text: str, status: str = "") -> None:  # type: ignore[no-untyped-def]
    assert w.select_node("strategy-2015", node)
    if status:
        type_text(qtbot, w.page.measure.status.lineEdit(), status)
    type_text(qtbot, w.page.measure.narrative, narrative_text)


@contextmanager
def _died_then_restored(qtbot, w: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                        remove: Callable[..., object], *what: str) -> Iterator[tuple[MainWindow, list[str], list[str]]]:
    """The window killed with its typing in the journal; another window removes `what`; the file
    opened again, 復元する answered, Ctrl+S's save waited for: (that window, asked, told)."""
    crashed(w)
    other = open_database(db_path, create=False)  # another window: 計画の編集 > 削除, answered はい
    try:
        remove(other, *what, actor="政策課 別の人")
    finally:
        other.dispose()
    asked: list[str] = []
    told: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, told)
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert again.save_and_wait()
        yield again, asked, told
        assert journal_files(again) == [] and not again.isWindowModified()
    finally:
        close_window(again)


def test_a_text_kept_by_the_recovery_journal_for_an_item_removed_since_is_said_and_kept(
        qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    choose(window.year_combo, "令和2年度")
    _type_on(qtbot, window, "g1.a1.m2", "・残る項目の文章")
    _type_on(qtbot, window, "g1.a1.m1", "・削除される項目の文章", status="実施中")
    with _died_then_restored(qtbot, window, db_path, remove_node, "strategy-2015", "g1.a1.m1") as (again, asked, told):
        assert "3 件" in asked[0], asked
        assert narrative(db_path, "g1.a1.m2") == "・残る項目の文章"
        assert len(told) == 1, told
        assert "削除された項目（g1.a1.m1） 令和2年度 実施等状況: 入力した値「・削除される項目の文章」" in told[0], told
        assert "削除された項目（g1.a1.m1） 令和2年度 進捗状況: 入力した値「実施中」" in told[0], told
        kept = Path(told[0].split("「")[-1].split("」")[0])
        assert kept.is_file() and "・削除される項目の文章" in kept.read_text(encoding="utf-8"), told
        assert not again.model.index_of("strategy-2015", "g1.a1.m1").isValid()


def test_nothing_but_the_text_of_an_item_removed_with_its_parent(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The journal holds only fields removed since: the save writes nothing and says them."""
    choose(window.year_combo, "令和2年度")
    _type_on(qtbot, window, "g1.a1.m1", "・削除される項目の文章")
    with _died_then_restored(qtbot, window, db_path, remove_node, "strategy-2015", "g1.a1") as (_again, _asked, told):
        assert len(told) == 1 and "・削除される項目の文章" in told[0], told


def test_nothing_but_the_text_of_an_item_whose_plan_was_removed(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    choose(window.year_combo, "令和2年度")
    _type_on(qtbot, window, "g1.a1.m1", "・計画ごと削除される文章")
    with _died_then_restored(qtbot, window, db_path, remove_plan, "strategy-2015") as (_again, _asked, told):
        assert len(told) == 1 and "・計画ごと削除される文章" in told[0], told
