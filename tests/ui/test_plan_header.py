"""The plan's header when the plan itself is chosen in the list: its description is shown when it
has one (also after an item without texts was shown), and not left as an empty focusable box when
it has none (a plan just copied for the next period)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kodaira_desk.ui.window.main_window import MainWindow


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path) -> Path:
    from next_program import master_with_next_program

    return master_with_next_program(built_db_template, tmp_path)


def test_the_plans_description_shows_when_it_has_one(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    strategy = w.editor.tree("strategy-2015")
    assert strategy.plan.sections
    bare_plan, bare = next((pid, n) for pid in ("program-2021", "restructuring", "program-2025")
                           for n in w.editor.tree(pid).nodes if not n.texts)
    header = w.page.header
    assert w.select_node(bare_plan, bare.key)
    assert not header.description.isVisible()
    assert w.select_node("strategy-2015", None)  # the plan itself, after an item without texts
    assert header.description.isVisible() and header.description.toPlainText().strip()
    copied = w.editor.tree("program-2025")
    if not copied.plan.sections:
        assert w.select_node("program-2025", None)
        assert not header.description.isVisible()  # no empty box to land in


def test_the_plan_in_force_is_listed_first(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """令和8年度: the program's next period (令和7～10年度, copied last) heads the list, before the plans
    that ended; the others keep their order. 印刷用PDF作成 with nothing chosen offers it."""
    from next_program import next_period
    from PySide6.QtCore import QModelIndex

    w = window
    titles = [str(w.model.index(row, 0, QModelIndex()).data()) for row in range(w.model.rowCount(QModelIndex()))]
    first_year = next_period()[0].era_label()  # 令和7年度 in 令和8年度
    assert titles[0].startswith(f"中期的な施策の取組方針・実行プログラム（{first_year}"), titles
    assert titles[1:] == ["小平市まち・ひと・しごと創生総合戦略", "中期的な施策の取組方針・実行プログラム",
                          "小平市行財政再構築プラン"]
    assert next(iter(w.editor.trees)) == "program-2025"
    first = w.proxy.index(0, 0)
    assert w.tree_view.isExpanded(first) and w.proxy.rowCount(first) > 0  # open, its items shown
    w.current = None
    dialog = w.show_report_dialog()
    assert dialog is not None and dialog.tree.plan.id == "program-2025"
    dialog.close()
    # a look for others' writes with nothing written is not "every plan changed" (the list's order is the window's)
    applied = w.workspace.changes_by_others(w.editor.trees.loaded(), w.editor.trees.listing())
    assert not applied.changes.everything and not applied.changes
