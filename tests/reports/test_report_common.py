"""Dates in the era, full-width handout numbers, progress reports."""

from __future__ import annotations

import datetime

import pytest

from kodaira_desk.domain.era_text import fullwidth_digits
from kodaira_desk.domain.errors import ReportError
from kodaira_desk.reports.common import era_date
from kodaira_desk.reports.pages import Work


@pytest.mark.parametrize(
    ("day", "printed"),
    [
        (datetime.date(2021, 3, 29), "令和３年３月２９日（月）"),
        (datetime.date(2016, 8, 25), "平成２８年８月２５日（木）"),
        (datetime.date(2019, 5, 1), "令和元年５月１日（水）"),
        (datetime.date(2019, 4, 30), "平成３１年４月３０日（火）"),
        (datetime.date(1989, 1, 8), "平成元年１月８日（日）"),
        (datetime.date(1989, 1, 7), "昭和６４年１月７日（土）"),
        (datetime.date(2024, 12, 1), "令和６年１２月１日（日）"),
    ],
)
def test_era_date(day: datetime.date, printed: str) -> None:
    assert era_date(day) == printed


def test_era_date_before_showa_is_refused() -> None:
    with pytest.raises(ReportError):
        era_date(datetime.date(1900, 1, 1))


def test_handout_numbers_are_printed_full_width() -> None:
    assert fullwidth_digits("資料3") == "資料３"


def test_work_reports_a_rising_percentage_that_ends_at_100() -> None:
    seen: list[tuple[int, int]] = []
    work = Work(3, lambda done, total: seen.append((done, total)))
    for _ in range(3):
        work.item_done()
    work.start_layout(4)
    for _ in range(4):
        work.flowable_done()
    work.finished()
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert {t for _, t in seen} == {100}
    assert done[-1] == 100
    assert len(done) == len(set(done))  # each value once
