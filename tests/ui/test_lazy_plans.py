"""A prefecture's plans (issue 27): the window reads the list of plans and the first screen's
plans as it opens, and a plan when it is opened; what it reads then is the database's, an edit in
such a plan is saved, and the plans it had not read show what others wrote since."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services import plans
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ProgressField, content_of, save_edits
from kodaira_desk.ui.window.main_window import MainWindow

FAR = "strategy-2015-x7"  # the 19th plan of 30: not on the first screen
H29 = FiscalYear(2017)  # a year the strategy's copies report on


@pytest.fixture(scope="session")
def x10_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.scale import build_scaled

    return build_scaled(tmp_path_factory.mktemp("x10") / "x10.sqlite", 10)


@pytest.fixture
def db_path(x10_template: Path, tmp_path: Path) -> Path:
    """The window fixture's database (tests/ui/conftest.py): a copy of the ×10 data."""
    path = tmp_path / "x10.sqlite"
    shutil.copyfile(x10_template, path)
    return path


def _in_h29(w: MainWindow) -> MainWindow:
    w.year_combo.setCurrentIndex(w.year_combo.findText("平成29年度"))
    return w


def _row_of(w: MainWindow, plan_id: str) -> QModelIndex:
    for row in range(w.proxy.rowCount()):
        idx = w.proxy.index(row, 0)
        if w.model.item_at(w.proxy.mapToSource(idx)) == (plan_id, None):
            return idx
    raise AssertionError(plan_id)


def _labels(w: MainWindow, parent: QModelIndex) -> list[str]:
    return [str(w.proxy.index(r, 0, parent).data()) for r in range(w.proxy.rowCount(parent))]


def test_the_window_lists_every_plan_reads_the_first_screen_and_shows_the_first_plan(window: MainWindow, db_path: Path) -> None:
    w = window
    listed = plans.list_plans(w.db)
    assert len(listed) == 30
    assert [str(w.proxy.index(r, 0).data()) for r in range(w.proxy.rowCount())] == [t for _i, t in listed]
    read = [pid for pid, _t in listed if w.editor.trees.is_loaded(pid)]
    assert read == ["strategy-2015", "program-2021", "restructuring"]  # the first screen's, not 30
    assert w.current == ("strategy-2015", None)
    assert w.page.header.title.text() == listed[0][1]
    assert w.tree_view.isExpanded(_row_of(w, "strategy-2015"))
    assert not w.tree_view.isExpanded(_row_of(w, FAR))
    assert "平成29年度" in [w.year_combo.itemText(i) for i in range(w.year_combo.count())]


def test_opening_a_plan_by_key_shows_its_own_items_and_measures(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = _in_h29(window)
    root = _row_of(w, FAR)
    w.tree_view.setFocus()
    w.tree_view.setCurrentIndex(root)
    qtbot.keyClick(w.tree_view, Qt.Key.Key_Right)  # opens the plan: read now
    assert w.tree_view.isExpanded(root)
    (stored,) = plans.load_some(w.db, [FAR])
    goals = [n for n in stored.nodes if n.parent_key is None]
    assert len(_labels(w, root)) == len(goals) and all(g.title in label for g, label in zip(goals, _labels(w, root), strict=True))
    entry = next(p for p in stored.progress if p.year == H29 and str(p.narrative))
    measure = stored.node(entry.node_key)
    assert w.select_node(FAR, measure.key)
    assert w.current == (FAR, measure.key) and measure.title in w.page.header.title.text()
    assert w.page.measure.narrative.toPlainText() == str(entry.narrative)


def test_an_edit_in_a_plan_read_when_opened_is_saved(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = _in_h29(window)
    (stored,) = plans.load_some(w.db, [FAR])
    measure = stored.node(next(p for p in stored.progress if p.year == H29).node_key)
    assert w.select_node(FAR, measure.key)
    w.page.tabs.setCurrentWidget(w.page.measure)
    box = w.page.measure.narrative
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, " typed in a far plan")
    qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.tasks.busy and not w.isWindowModified(), timeout=60_000)
    db = open_database(db_path, create=False)
    try:
        (tree,) = plans.load_some(db, [FAR])
    finally:
        db.dispose()
    entry = tree.progress_in(measure.key, H29)
    assert entry is not None and str(entry.narrative).endswith(" typed in a far plan")
    assert sum(w.editor.trees.is_loaded(p) for p in w.editor.trees) == 4  # that plan only was read


def test_a_plan_not_opened_shows_what_another_writer_saved_since(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = _in_h29(window)
    (stored,) = plans.load_some(w.db, [FAR])
    measure = stored.node(next(p for p in stored.progress if p.year == H29).node_key)
    target = ProgressField(FAR, measure.key, H29.year, "narrative")
    other = open_database(db_path, create=False)
    try:
        save_edits(other, {target: content_of(target, "ほかの人が書いた")}, actor="政策課 佐藤")
    finally:
        other.dispose()
    assert w.select_node(FAR, measure.key)
    assert w.page.measure.narrative.toPlainText() == "ほかの人が書いた"
