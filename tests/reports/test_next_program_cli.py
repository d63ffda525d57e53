"""The next program as a 政策課 person makes it on the command line, on a copy of the city's data:
`plan copy --plan program-2021 --to program-2025 --period R7-R10 --baselines`, then `report kpi`
before any figure is typed. The city's program (004) prints a 基準値 (令和2年度) and no actual:
the copy keeps the printed 基準値 where no actual was measured (and says so), and the 達成状況
prints every indicator, a blank cell where there is no figure (never "-", which says no survey), instead
of refusing."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_plan
from tests.reports.pdf_reading import page_words


@pytest.fixture(scope="module")
def copied(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    folder = tmp_path_factory.mktemp("next_program_cli")
    path = folder / "city.sqlite"
    path.write_bytes(built_db_template.read_bytes())
    text, err = io.StringIO(), io.StringIO()  # (capsys is one test's: the module's copy is read here)
    with contextlib.redirect_stdout(text), contextlib.redirect_stderr(err):
        code = main(["--db", str(path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                     "--period", "R7-R10", "--baselines"])
    assert code == 0, err.getvalue()
    return path, text.getvalue(), err.getvalue()


def test_printed_baseline_where_no_actual(copied: tuple[Path, str, str]) -> None:
    path, out, err = copied
    db = open_database(path, create=False)
    try:
        old, new = load_plan(db, "program-2021"), load_plan(db, "program-2025")
    finally:
        db.dispose()
    assert not any(v.kind is ValueKind.ACTUAL for i in old.indicators for v in i.values)
    kept = 0
    for ind in old.indicators:
        printed = ind.values_of(ValueKind.BASELINE)[-1]
        got = new.indicator(ind.key).values_of(ValueKind.BASELINE)
        if str(printed.value) in ("", "-", "—"):
            assert got == []  # nothing printed: nothing invented
            continue
        kept += 1
        assert [(v.year, v.value, v.as_of, v.marks) for v in got] == [
            (FiscalYear(2020), printed.value, printed.as_of, printed.marks)]
    assert kept == 16
    assert str(new.indicator("p1.k1").values_of(ValueKind.BASELINE)[0].value) == "15"
    assert new.indicator("p7.k3").values_of(ValueKind.BASELINE)[0].as_of == "令和3年5月"
    assert "元の計画の基準値（令和2年度）" in out and "16 件" in out
    assert "実績も基準値もない指標が 4 件" in out and "コミュニティソーシャルワーカーへの相談件数" in out
    assert "Traceback" not in out + err


def test_report_kpi_before_any_figure(copied: tuple[Path, str, str], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path, _, _ = copied
    db = path.with_name("report.sqlite")
    db.write_bytes(path.read_bytes())
    pdf = tmp_path / "kpi.pdf"
    code = main(["--db", str(db), "report", "kpi", "--plan", "program-2025", "--out", str(pdf)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 0, err
    words = [w for page in page_words(pdf) for w in page]
    text = "".join(w.text for w in words)
    for name in ("男女共同参画に関する啓発等の企画数", "就労移行支援の実利用者数", "コミュニティソーシャルワーカーの活動件数"):
        assert name in text
    assert "基準値" in text and "目標" in text and "令和10年度末" in text
    name = next(w for w in words if w.text.startswith("就労移行支援の実利用者数"))
    row = [w.text for w in words if w.page == name.page and abs(w.top - name.top) < 3 and w.x0 > name.x1]
    assert row[0] == "46" and row[1].endswith("課"), row  # the printed 基準値, then no target yet: blank
    empty = next(w for w in words if w.text.startswith("コミュニティソーシャルワーカーの活動件数"))
    row = [w.text for w in words if w.page == empty.page and abs(w.top - empty.top) < 3 and w.x0 > empty.x1]
    assert row[0].endswith("課") and "-" not in row, row  # neither: blank cells, then the 所管課


def test_the_citys_ended_program_still_has_no_achievement_table(copied: tuple[Path, str, str], tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """004 printed no 達成状況 and nobody typed a figure in it: still refused, in words."""
    path, _, _ = copied
    assert main(["--db", str(path), "report", "kpi", "--plan", "program-2021", "--out",
                 str(tmp_path / "k.pdf")]) == 2
    err = capsys.readouterr().err
    assert "達成状況" in err and "Traceback" not in err


def test_the_board_of_the_baselines_year_asks_nothing_of_the_programs(copied: tuple[Path, str, str]) -> None:
    """令和2年度 is the programs' 基準値 year, before both their periods: the 進捗ボード of that year
    lists neither (it listed both, every 実績 未入力); the new program's own years list it."""
    from kodaira_desk.services.board import load_board

    path, _, _ = copied
    db = open_database(path, create=False)
    try:
        r2 = {row.plan_id for row in load_board(db, FiscalYear(2020))}
        r8 = {row.plan_id for row in load_board(db, FiscalYear(2026))}
    finally:
        db.dispose()
    assert "program-2021" not in r2 and "program-2025" not in r2 and "strategy-2015" in r2
    assert r8 == {"program-2025"}
