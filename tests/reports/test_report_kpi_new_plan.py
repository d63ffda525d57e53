"""The achievement table (達成状況) of the plan in force, copied from the old program
(`plan copy --plan program-2021 --to program-2025`) with one actual typed: every indicator has its
row, a blank cell where it has no figure (never "-": in 003 that says no survey was run), the 基準値 and 目標 columns are there, a 累計 name says so once, and
only the notes a shown row refers to are printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Revision, ValueKind
from kodaira_desk.reports.common import ReportOptions
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ValueCell, content_of, save_edits
from kodaira_desk.services.plan_editing.next_period import copy_plan
from kodaira_desk.services.reports import make_report
from tests.reports.pdf_reading import page_words


@pytest.fixture(scope="module")
def new_program_pdf(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("new_program")
    path = folder / "city.sqlite"
    path.write_bytes(built_db_template.read_bytes())
    db = open_database(path, create=False)
    try:
        change = copy_plan(db, "program-2021", "program-2025", FiscalYear(2025), FiscalYear(2028))
        typed = ValueCell("program-2025", "p1.k1", ValueKind.ACTUAL, 2026, Revision.CURRENT)
        save_edits(db, {typed: content_of(typed, "77")}, actor="テスト")
        out = make_report(db, "kpi", ReportOptions("program-2025"), folder / "kpi.pdf")
    finally:
        db.dispose()
    return out, len(change.indicators)


def _text(pdf: Path) -> str:
    return "\n".join(" ".join(w.text for w in page) for page in page_words(pdf))


def test_every_indicator_has_its_row(new_program_pdf: tuple[Path, int]) -> None:
    pdf, count = new_program_pdf
    text = _text(pdf).replace(" ", "")
    assert count == 20
    for name in ("男女共同参画に関する啓発等の企画数", "就労移行支援の実利用者数", "認知症カフェの実施箇所数",
                 "「こだいら人財の森」の個人登録数", "相談窓口の認知度の割合（世論調査）"):
        assert name in text
    assert "基準値" in text and "目標" in text
    assert "令和10年度末" in text  # the target column: the end of the new period
    # an 実績 column for every year of the period up to the one typed (003: one for every year)
    assert "令和７年度末" in text or "令和7年度末" in text
    assert "令和８年度末" in text or "令和8年度末" in text


def test_no_figure_is_a_blank_cell(new_program_pdf: tuple[Path, int]) -> None:
    pdf, _ = new_program_pdf
    words = [w for page in page_words(pdf) for w in page]
    name = next(w for w in words if w.text.startswith("就労移行支援の実利用者数"))
    same_line = [w.text for w in words if w.page == name.page and abs(w.top - name.top) < 3 and w.x0 > name.x1]
    # 基準値, 令和7・8年度 実績, 目標: nothing yet, so nothing printed before the 所管課
    assert same_line and "-" not in same_line and "—" not in same_line
    assert same_line[0].endswith("課"), same_line
    typed = next(w for w in words if w.text.startswith("男女共同参画に関する啓発等の企画数"))
    line = [w.text for w in words if w.page == typed.page and abs(w.top - typed.top) < 3 and w.x0 > typed.x1]
    assert "77" in line and "-" not in line


def test_cumulative_said_once(new_program_pdf: tuple[Path, int]) -> None:
    text = _text(new_program_pdf[0]).replace(" ", "")
    assert "自主防災組織の組織数（累計）" in text
    assert "（累計）（累計）" not in text and "（累計）　（累計）" not in text


def test_only_notes_a_row_refers_to(new_program_pdf: tuple[Path, int]) -> None:
    text = _text(new_program_pdf[0]).replace(" ", "")
    assert "事業拡充に伴い、文言を修正した。" in text  # 女性相談等延べ人数（※2）
    # the target reset (※) of the old period: no shown figure carries its mark
    assert "目標値を再設定" not in text
