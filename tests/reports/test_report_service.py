"""make_report: every kind on its plan, the page around it, refusals, progress, atomic writing."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pdf_reading import fonts, layout_problems, metadata, page_count, page_words
from report_helpers import DATE_PRINTED, MEETING, handout

from kodaira_desk import __version__
from kodaira_desk.domain.errors import DomainError, ReportError
from kodaira_desk.reports.common import ReportOptions
from kodaira_desk.services.reports import REPORT_KINDS, default_options, kinds_for, make_report
from kodaira_desk.store.database import Database

PLANS = {"progress": "strategy-2015", "kpi": "strategy-2015", "sheets": "restructuring",
         "program": "program-2021"}


@pytest.fixture(scope="module")
def pdfs(report_db: Database, pdf_dir: Path) -> dict[str, Path]:
    return {kind: make_report(report_db, kind, handout(plan), pdf_dir / f"{kind}.pdf")
            for kind, plan in PLANS.items()}


def test_the_five_kinds() -> None:
    assert set(REPORT_KINDS) == {"progress", "kpi", "sheets", "program", "program-year"}


@pytest.mark.parametrize("kind", sorted(PLANS))
def test_the_handout_block_on_the_first_page_only_and_a_page_number_on_each(pdfs: dict[str, Path],
                                                                            kind: str) -> None:
    """As the city's documents print them: title, 資料番号, meeting, date and 未定稿 once, at the top of
    the first page; the pages after it begin with the body."""
    pages = page_words(pdfs[kind])
    assert len(pages) > 1
    for n, words in enumerate(pages, start=1):
        top = " ".join(w.text for w in words if w.top < 80)
        for part in ("未定稿", MEETING, "資料"):
            assert (part in top) == (n == 1), (n, part, top)
        bottom = [w for w in words if w.top > words[0].top + 300]
        footer = " ".join(w.text for w in sorted(bottom, key=lambda w: (w.top, w.x0))[-3:])
        assert footer.endswith(f"{n} / {len(pages)}")
    first = " ".join(w.text for w in pages[0] if w.top < 80)
    if kind == "sheets":  # 002 types its block: 「資料3 平成28年8月25日」, no box, no weekday
        assert "資料3 令和3年3月29日" in first
    else:
        assert "資料３" in first and DATE_PRINTED in first


@pytest.mark.parametrize("kind", sorted(PLANS))
def test_fonts_are_embedded_truetype_subsets(pdfs: dict[str, Path], kind: str) -> None:
    found = fonts(pdfs[kind])
    assert found
    for name, font in found.items():
        assert font["embedded"], name
        assert font["subtype"] == "TrueType", name  # not a CID (Type0) standard font
        assert "+" in name and name.split("+", 1)[1] in {"IPAexGothic", "IPAexMincho"}, name


@pytest.mark.parametrize("kind", sorted(PLANS))
def test_nothing_overlaps_or_runs_out_of_its_cell(pdfs: dict[str, Path], kind: str) -> None:
    assert layout_problems(pdfs[kind]) == []


@pytest.mark.parametrize("kind", sorted(PLANS))
def test_metadata(pdfs: dict[str, Path], kind: str) -> None:
    meta = metadata(pdfs[kind])
    assert meta["Author"] == "小平市"
    assert meta["Creator"] == f"Kodaira Desk {__version__}"
    assert meta["Title"]
    assert meta["Subject"]


def test_no_draft_mark_and_no_handout_block_unless_asked(report_db: Database, tmp_path: Path) -> None:
    out = make_report(report_db, "kpi", ReportOptions("strategy-2015"), tmp_path / "plain.pdf")
    words = [w.text for page in page_words(out) for w in page]
    assert "未定稿" not in words
    assert not any(w.startswith("資料") for w in words)
    assert DATE_PRINTED not in words


def test_default_options_follow_the_citys_document(report_db: Database) -> None:
    kpi = default_options(report_db, "kpi", "strategy-2015")
    assert (kpi.handout, kpi.meeting, kpi.date, kpi.draft) == ("資料３", MEETING, datetime.date(2021, 3, 29), True)
    sheets = default_options(report_db, "sheets", "restructuring")
    assert (sheets.handout, sheets.date, sheets.draft) == ("資料3", datetime.date(2016, 8, 25), False)


def test_kinds_for_each_plan(report_db: Database) -> None:
    assert kinds_for(report_db, "strategy-2015") == ["progress", "kpi"]
    assert kinds_for(report_db, "restructuring") == ["sheets"]
    assert kinds_for(report_db, "program-2021") == ["program", "program-year"]


@pytest.mark.parametrize(("kind", "plan"), [("sheets", "strategy-2015"), ("program", "restructuring"),
                                            ("progress", "program-2021"), ("kpi", "restructuring")])
def test_a_kind_that_does_not_fit_the_plan_is_refused(report_db: Database, tmp_path: Path,
                                                      kind: str, plan: str) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(ReportError) as exc:
        make_report(report_db, kind, ReportOptions(plan), out)
    assert REPORT_KINDS[kind].label in exc.value.message
    assert isinstance(exc.value, DomainError)
    assert not out.exists()


def test_unknown_kind_plan_or_department_is_refused(report_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="帳票の種類"):
        make_report(report_db, "poster", ReportOptions("strategy-2015"), tmp_path / "x.pdf")
    with pytest.raises(ReportError, match="計画"):
        make_report(report_db, "kpi", ReportOptions("no-such-plan"), tmp_path / "x.pdf")
    with pytest.raises(ReportError, match="担当課"):
        make_report(report_db, "kpi", ReportOptions("strategy-2015", department="宇宙課"), tmp_path / "x.pdf")


def test_progress_is_reported_up_to_the_end(report_db: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    make_report(report_db, "progress", ReportOptions("strategy-2015"), tmp_path / "p.pdf",
                lambda done, total: seen.append((done, total)))
    assert len(seen) > 10
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == seen[-1][1]


def test_cancelling_leaves_nothing_behind(report_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "kept.pdf"
    out.write_bytes(b"the previous handout")

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done > total // 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        make_report(report_db, "progress", ReportOptions("strategy-2015"), out, cancel)
    assert out.read_bytes() == b"the previous handout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.pdf"]


def test_a_new_folder_is_made_for_the_pdf(report_db: Database, tmp_path: Path) -> None:
    out = make_report(report_db, "sheets", ReportOptions("restructuring"), tmp_path / "a" / "b" / "s.pdf")
    assert out.is_file() and page_count(out) == 7
