"""Fields each report prints from its own document, read back from the PDF: 004's 14.4%（パーミル）,
the KPI charts without 001's 当初目標 and with the station passengers at the year 003 dates them,
value labels on a white ground, every font embedded with the charts too, a rate below zero in
words in the status column."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from pdf_reading import flat, fonts, line_with, page_texts, page_words
from report_helpers import handout
from reportlab.graphics.shapes import Line, PolyLine, Rect, String

from kodaira_desk.domain.achievement import trend
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.io.city_data import load_city_data
from kodaira_desk.paths import city_data_dir, resources_dir
from kodaira_desk.reports import kpi_charts
from kodaira_desk.reports.common import register_fonts
from kodaira_desk.services.reports import make_report
from kodaira_desk.store.database import Database


@cache
def _strategy() -> PlanTree:
    return next(t for t in load_city_data(city_data_dir()) if t.plan.id == "strategy-2015")


@pytest.fixture(scope="module")
def status_pdf(report_db: Database, pdf_dir: Path) -> Path:
    options = handout("strategy-2015", status_column=True, chart_pages=True)
    return make_report(report_db, "kpi", options, pdf_dir / "fields-kpi-status.pdf")


def test_the_program_prints_per_mille_as_004_does(report_db: Database, pdf_dir: Path) -> None:
    pdf = make_report(report_db, "program", handout("program-2021"), pdf_dir / "fields-program.pdf")
    text = flat("".join(page_texts(pdf)))
    assert "保護率は14.4%（パーミル）です。" in text and "‰" not in text


def test_the_charts_show_003s_targets_only(status_pdf: Path) -> None:
    charts = [flat(t) for t in page_texts(status_pdf) if "指標の推移" in t]
    assert charts
    assert not any("当初目標" in t or "改訂後の目標" in t for t in charts)
    # 001's first target of 援農ボランティア講座修了者数 (平成31年度 250人) is not drawn: 003's 255人 is
    t = kpi_charts_trend("g1.a1.k4")
    assert [p.text for p in t.revised_targets] == ["255人"] and t.original_targets == ()


def kpi_charts_trend(key: str):  # type: ignore[no-untyped-def]
    return trend(_strategy().indicator(key), originals=False, dated=True)


def test_the_station_passengers_are_drawn_at_the_year_003_dates_them() -> None:
    t = kpi_charts_trend("g1.a3.k1")
    assert t.baseline is not None and t.baseline.year == FiscalYear(2013)  # （平成25年度） under 平成26年度末
    assert [(p.year.year, p.text) for p in t.actual][:2] == [(2014, "185,872人"), (2015, "189,803人")]
    assert [(p.year.year, p.text) for p in t.forecast] == [(2019, "194,777人")]
    assert t.years[0] == FiscalYear(2013)
    plain = trend(_strategy().indicator("g1.a3.k1"))  # the window's pane: the columns' years
    assert plain.baseline is not None and plain.baseline.year == FiscalYear(2014)


def test_value_labels_sit_on_a_white_ground_above_every_line() -> None:
    register_fonts(resources_dir() / "fonts")
    for key in ("g1.a1.k4", "g1.a2.k2", "g1.a3.k3"):  # 255人, 75,000人, 20,000部 struck through once
        d = kpi_charts.chart_drawing(kpi_charts_trend(key), "人", 240)
        shapes = list(d.contents)
        last_line = max(i for i, s in enumerate(shapes) if isinstance(s, (Line, PolyLine)))
        labels = [(i, s) for i, s in enumerate(shapes) if isinstance(s, String) and i > last_line]
        assert labels, key
        for i, label in labels:
            ground = shapes[i - 1]
            assert isinstance(ground, Rect) and ground.fillColor is not None and ground.strokeColor is None
            assert ground.x <= label.x and ground.y <= label.y and ground.y + ground.height >= label.y + 4


def test_every_font_is_embedded_with_the_charts(status_pdf: Path) -> None:
    found = fonts(status_pdf)
    assert found and all(f["embedded"] for f in found.values()), found
    assert not any("Helvetica" in name for name in found)


def test_a_rate_below_zero_is_printed_as_what_it_means(status_pdf: Path) -> None:
    row = line_with(status_pdf, "小平グリーンロード等のイベント来場者数")
    words = [w for w in page_words(status_pdf)[row[0].page - 1] if abs(w.top - row[0].top) < 14]
    cell = flat("".join(w.text for w in sorted(words, key=lambda w: (round(w.top), w.x0))))
    assert "▲遅れ基準値を下" in cell and "-504.8" not in cell and "−504.8" not in cell
    assert "-504.8" not in flat("".join(page_texts(status_pdf)))
