"""The plan in force read as the window opens (issue 27): in 令和8年度 the division made the
program's next plan (次期計画, 令和7–10年度: tests/ui/next_program.py), stored after the city's three
plans; the window lists it first and reads it whole with the first screen, so selecting it and its
items reads nothing on the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_clerk as clerk

from kodaira_desk.services import plans
from kodaira_desk.ui.window.main_window import MainWindow

MEASURE = "p1.j1"  # 男女共同参画推進事業, an item of the program and of its copy


@pytest.fixture
def read_later(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plans read after the first screen (plans.load_some: when a plan is first opened)."""
    read: list[str] = []
    load_some = plans.load_some

    def noted(db: object, plan_ids: list[str]) -> object:
        read.extend(plan_ids)
        return load_some(db, plan_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(plans, "load_some", noted)
    return read


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path, read_later: list[str]) -> Path:
    from next_program import master_with_next_program

    return master_with_next_program(built_db_template, tmp_path)


def test_the_plan_in_force_is_read_with_the_first_screen_and_selected_without_a_read(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, read_later: list[str]) -> None:
    w = window
    assert str(w.proxy.index(0, 0).data()) == w.editor.trees.summary("program-2025").title  # listed first
    assert w.editor.trees.is_loaded("program-2025")
    clerk.click_node(qtbot, w, "program-2025", MEASURE)
    assert "男女共同参画推進事業" in w.page.header.title.text()
    assert read_later == []  # nothing read as the window opened on it, nor as it was selected
