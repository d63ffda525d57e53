"""A next program copied by `plan copy` has no 費用 yet: a clerk typing a 決算額 into one of its 主要事業
in the year the city is in is not asked for 差の理由 (there is no figure to differ from), and the item
is 入力済 once 進捗状況, 実施内容 and 決算額 are there. Against a planned 費用 the reason is still asked."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_clerk as clerk
from next_program import this_year
from PySide6.QtCore import Qt

from kodaira_desk.ui.window.main_window import MainWindow

MEASURE = "p1.j1"  # 男女共同参画推進事業: 8,345 千円 planned in 令和3年度, nothing in the copy


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path) -> Path:
    from next_program import master_with_next_program

    return master_with_next_program(built_db_template, tmp_path)


def _mark(w: MainWindow, plan_id: str) -> str:
    return str(w.model.index_of(plan_id, MEASURE).data(Qt.ItemDataRole.AccessibleDescriptionRole))


def _fill(qtbot, w: MainWindow, plan_id: str, settled: str) -> None:  # type: ignore[no-untyped-def]
    clerk.click_node(qtbot, w, plan_id, MEASURE)
    form = w.page.measure
    clerk.type_text(qtbot, form.status.lineEdit(), "実施中")
    clerk.type_text(qtbot, form.narrative, "・フォーラムを2回開催しました。")
    assert form.settlement is not None
    clerk.type_text(qtbot, form.settlement.settled, settled)


def test_no_reason_is_asked_where_the_copy_has_no_cost(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    clerk.choose(w.year_combo, this_year().era_label())
    _fill(qtbot, w, "program-2025", "6,120")
    box = w.page.measure.settlement
    assert box is not None
    assert "理由" not in box.difference.text(), box.difference.text()
    assert _mark(w, "program-2025") == "入力済"


def test_a_reason_is_still_asked_against_a_planned_cost(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    clerk.choose(w.year_combo, "令和3年度")
    _fill(qtbot, w, "program-2021", "6,120")
    box = w.page.measure.settlement
    assert box is not None and "2割以上違います" in box.difference.text()
    assert _mark(w, "program-2021") == "未入力"
    clerk.type_text(qtbot, box.note, "講座の一部をオンラインで実施したため")
    assert _mark(w, "program-2021") == "入力済"
