"""The report dialog's one year of a program year's pages is a year the plan runs in: the
令和3–6年度 program holds 令和2年度's 基準値, and its year box offered 令和2年度 (tester2: the
command line made 「令和30年度の取組状況」 too; services/reports.refuse_outside). The tables'
range keeps every year with values."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.ui.window.main_window import MainWindow


def test_a_program_year_is_chosen_among_the_plan_s_years_only(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.select_node("program-2021", "p1")
    dialog = w.show_report_dialog()
    assert dialog is not None
    try:
        kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
        dialog.kind.setCurrentIndex(kinds.index("program-year"))
        box = dialog.last_year
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Home)  # the first year it lets a person choose
        assert box.currentText() == "令和3年度"
        for _ in range(3):
            qtbot.keyClick(box, Qt.Key.Key_Up)
        assert box.currentText() == "令和3年度"
        qtbot.keyClick(box, Qt.Key.Key_End)
        assert box.currentText() == "令和6年度"
        dialog.kind.setCurrentIndex(kinds.index("program"))  # the tables: every year with values
        dialog.all_years.setChecked(False)
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Home)
        assert box.currentText() == "令和2年度"
    finally:
        dialog.close()


def test_the_refusals_read_in_english(english: None, db_path: Path, tmp_path: Path) -> None:
    """A department file as the master, an unknown plan, a year outside the plan: in the window's
    language (the command line says them in Japanese: tests/round/test_tester2_batch_cli.py)."""
    from kodaira_desk.domain.errors import DomainError
    from kodaira_desk.reports.common import ReportOptions
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.reports import make_report
    from kodaira_desk.services.rounds.handout import handout
    from kodaira_desk.services.year_locks import lock_year
    from kodaira_desk.ui.domain_words import message_of

    said: list[str] = []
    db = open_database(db_path, create=False)
    try:
        clerk = handout(db, FiscalYear(2020), tmp_path / "配布", ["産業振興課"])[0].path
        for refused in (lambda: lock_year(db, "nope", FiscalYear(2020)),
                        lambda: make_report(db, "program-year", ReportOptions("program-2021", as_of=FiscalYear(2048)),
                                            tmp_path / "r.pdf"),
                        lambda: make_report(db, "program", ReportOptions("program-2021", years=(FiscalYear(2048),)),
                                            tmp_path / "r.pdf")):
            with pytest.raises(DomainError) as caught:
                refused()
            said.append(message_of(caught.value))
    finally:
        db.dispose()
    dept = open_database(clerk, create=False)
    try:
        with pytest.raises(DomainError) as caught:
            handout(dept, FiscalYear(2020), tmp_path / "出力")
        said.append(message_of(caught.value))
    finally:
        dept.dispose()
    assert "Plan \"nope\" was not found (plan ids: strategy-2015" in said[0], said
    assert "is outside the period of" in said[1] and "令和30年度" in said[1] and "report on" in said[1], said
    assert said[2].startswith("令和30年度 is outside the period of") and "Choose years" in said[2], said
    assert said[3].startswith(clerk.name) and "not the policy division's master" in said[3], said
