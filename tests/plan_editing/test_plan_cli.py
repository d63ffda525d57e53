"""`kodaira-desk plan new|copy|reorganise|departments` on a copy of the city's database."""

from __future__ import annotations

from pathlib import Path

import pytest

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_editing import plan_in_year
from kodaira_desk.services.plans import load_plan


def test_plan_commands(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "plan", "new", "--id", "kids-2025", "--title", "子ども計画", "--period", "R7-R11",
                 "--levels", "基本目標／施策"]) == 0
    assert main([*db, "plan", "copy", "--plan", "strategy-2015", "--to", "strategy-2025", "--period", "R7-R11",
                 "--baselines"]) == 0
    assert "作成しました: strategy-2025" in capsys.readouterr().out
    assert main([*db, "plan", "reorganise", "merge", "--year", "R7", "--from", "産業振興課、文化スポーツ課",
                 "--to", "地域振興課", "--by", "政策課 山田"]) == 0
    assert main([*db, "plan", "departments"]) == 0
    out = capsys.readouterr().out
    assert "地域振興課" in out and "令和7年度から統合" in out
    d = open_database(db_path, create=False)
    try:
        assert load_plan(d, "kids-2025").plan.levels == ("基本目標", "施策")
        assert load_plan(d, "strategy-2025").plan.period_from == FiscalYear(2025)
        r6 = plan_in_year(d, "strategy-2015", FiscalYear(2024))
        assert any("産業振興課" in n.lead_departments() for n in r6.nodes)
    finally:
        d.dispose()


def test_plan_command_errors_are_messages(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "plan", "copy", "--plan", "strategy-2015", "--to", "strategy-2015", "--period", "R7-R11"]) == 2
    assert main([*db, "plan", "reorganise", "rename", "--year", "R7", "--from", "無い課", "--to", "x"]) == 2
    assert main([*db, "plan", "copy", "--plan", "nope", "--to", "a", "--period", "R7-R11"]) == 2
    err = capsys.readouterr().err
    assert "すでにあります" in err and "無い課" in err and "nope" in err
    assert "Traceback" not in err
