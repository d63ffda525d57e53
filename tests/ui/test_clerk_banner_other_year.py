"""A department file of another year than the city's (a 令和2年度 file opened in 令和8年度) says in
its banner which year the city is in now; nothing is said of a file of the current year."""

from __future__ import annotations

import datetime
from pathlib import Path

from roundkit import close_window, hand_out, open_window

from kodaira_desk.domain.fiscal_year import FiscalYear

DEPT = "産業振興課"


def test_banner_says_the_current_year(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = hand_out(db_path, tmp_path / "配布", [DEPT])[DEPT]  # 令和2年度's round
    w = open_window(path)
    try:
        title = w.banner.title.text()
        current = FiscalYear.of(datetime.date.today()).era_label()
        assert "令和2年度" in title and f"現在は{current}です" in title
        w.banner.show_for(DEPT, FiscalYear.of(datetime.date.today()), path.name)
        assert "現在は" not in w.banner.title.text()
    finally:
        close_window(w)
