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
