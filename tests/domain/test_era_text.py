"""The one era formatter: fiscal years as a document of a given date writes them, calendar dates."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kodaira_desk.domain.era_text import era_date, fiscal_year_short, fiscal_year_text
from kodaira_desk.domain.fiscal_year import FiscalYear


@pytest.mark.parametrize(("year", "on", "printed"), [
    (2019, datetime.date(2016, 8, 25), "平成31年度"),  # 002, dated H28.8.25
    (2020, datetime.date(2016, 8, 25), "平成32年度"),
    (2019, None, "令和元年度"),
    (2020, None, "令和2年度"),
    (2020, datetime.date(2021, 3, 29), "令和2年度"),
    (2019, datetime.date(2019, 4, 30), "平成31年度"),  # the last day of 平成
    (2019, datetime.date(2019, 5, 1), "令和元年度"),
    (2016, datetime.date(2021, 3, 29), "平成28年度"),
])
def test_fiscal_years_in_the_era_of_the_documents_date(year: int, on: datetime.date | None,
                                                        printed: str) -> None:
    assert fiscal_year_text(FiscalYear(year), on) == printed


def test_short_form_and_suffix() -> None:
    assert fiscal_year_short(FiscalYear(2020), datetime.date(2016, 8, 25)) == "H32"
    assert fiscal_year_text(FiscalYear(2014), suffix="年度末") == "平成26年度末"


def test_calendar_dates() -> None:
    assert era_date(datetime.date(2021, 3, 29)) == "令和3年3月29日"
    assert era_date(datetime.date(2021, 3, 29), fullwidth=True, weekday=True) == "令和３年３月２９日（月）"
    assert era_date(datetime.date(2019, 5, 1)) == "令和元年5月1日"


@given(st.integers(min_value=1989, max_value=2100), st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1)))
def test_a_fiscal_year_reads_back_as_the_same_year(year: int, on: datetime.date) -> None:
    assert FiscalYear.parse(fiscal_year_text(FiscalYear(year), on)) == FiscalYear(year)
