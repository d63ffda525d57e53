"""How a date or a fiscal year is written in the Japanese era: the one formatter that reports,
workbooks and their headings use.

A document shows fiscal years in the era in use on its own date: the restructuring plan sheets,
dated 平成28年8月25日, print FY2019 and FY2020 as 平成31年度 and 平成32年度, since the era 令和 did
not exist yet. Without a date a fiscal year is shown as today (令和元年度 = FY2019, see
domain.fiscal_year).
"""

from __future__ import annotations

import datetime
from typing import Final

from kodaira_desk.domain.errors import FiscalYearError
from kodaira_desk.domain.fiscal_year import ERAS, Era, FiscalYear, era_short, era_year_text, fullwidth_digits

# The day each era began (newest first, as ERAS).
ERA_STARTS: Final[dict[str, datetime.date]] = {
    "令和": datetime.date(2019, 5, 1),
    "平成": datetime.date(1989, 1, 8),
    "昭和": datetime.date(1926, 12, 25),
}
_WEEKDAYS: Final = "月火水木金土日"

__all__ = ["ERA_STARTS", "era_date", "era_in_use", "fiscal_year_era", "fiscal_year_short", "fiscal_year_text",
           "fullwidth_digits"]


def era_in_use(day: datetime.date) -> Era:
    """The era in force on a calendar day."""
    for era in ERAS:
        if day >= ERA_STARTS[era.name]:
            return era
    raise FiscalYearError(f"元号のない日付です: {day.isoformat()}")


def fiscal_year_era(year: FiscalYear, on: datetime.date | None = None) -> tuple[Era, int]:
    """(era, year in that era) of a fiscal year as a document dated `on` writes it."""
    era = year.era
    if on is not None:
        newest = era_in_use(on)
        # An era not begun on the document's date is not used: its years go on in the era before.
        while era.first_year > newest.first_year:
            era = ERAS[ERAS.index(era) + 1]
    return era, year.year - era.first_year + 1


def fiscal_year_text(year: FiscalYear, on: datetime.date | None = None, *, suffix: str = "年度",
                     fullwidth: bool = False, one_digit_fullwidth: bool = False) -> str:
    """平成32年度 (on 2016-08-25), 令和2年度 (no date or a date since May 2019), 令和元年度.
    `fullwidth`: every digit in full width; `one_digit_fullwidth`: a one-digit year in full width
    and two digits in half width, as 003's column heads write them (令和２年度末, 平成26年度末)."""
    era, n = fiscal_year_era(year, on)
    return era_year_text(era, n, suffix, fullwidth=fullwidth or (one_digit_fullwidth and n < 10))


def fiscal_year_short(year: FiscalYear, on: datetime.date | None = None) -> str:
    """H32 (on 2016-08-25), R2."""
    return era_short(*fiscal_year_era(year, on))


def era_date(day: datetime.date, *, fullwidth: bool = False, weekday: bool = False) -> str:
    """令和3年3月29日; with fullwidth and weekday as handouts print it: 令和３年３月２９日（月）."""
    era = era_in_use(day)
    text = f"{era_year_text(era, day.year - era.first_year + 1, '年')}{day.month}月{day.day}日"
    if fullwidth:
        text = fullwidth_digits(text)
    return text + (f"（{_WEEKDAYS[day.weekday()]}）" if weekday else "")
