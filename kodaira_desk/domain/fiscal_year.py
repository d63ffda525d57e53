"""Fiscal years (年度, April to March) and the Japanese eras they are shown in.

Written by hand rather than with an era library: the documents write fiscal years that are not
calendar dates (平成32年度 = FY2020, written before the era changed; 令和元年度 = FY2019 although
April 2019 was still Heisei), which date-based era libraries rightly refuse. The rules are a short
table and are tested form by form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Final

from kodaira_desk.domain.errors import FiscalYearError


@dataclass(frozen=True)
class Era:
    """A Japanese era: its name, its letter and the year that is its first."""

    name: str
    letter: str
    first_year: int  # the Gregorian year that is 元年 of the era


# Newest first. A fiscal year is shown in the era in force at its end (令和元年度 = FY2019).
ERAS: Final[tuple[Era, ...]] = (
    Era("令和", "R", 2019),
    Era("平成", "H", 1989),
    Era("昭和", "S", 1926),
)
_BY_NAME: Final = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS}

MIN_YEAR: Final = 1926
MAX_YEAR: Final = 2200

_ERA_RE = re.compile(
    r"^(?:FY)?\s*(令和|平成|昭和|[RHS])\s*(元|\d{1,3})\s*(?:年度末?|年度|年)?$", re.IGNORECASE
)
_WESTERN_RE = re.compile(r"^(?:FY)?\s*(\d{4})\s*(?:年度末?)?$", re.IGNORECASE)


_FULLWIDTH: Final = str.maketrans("0123456789", "０１２３４５６７８９")


def fullwidth_digits(text: str) -> str:
    return text.translate(_FULLWIDTH)


def era_year_text(era: Era, n: int, suffix: str = "", *, fullwidth: bool = False) -> str:
    """Year `n` of `era` as written: 令和元年度 (the first year is 元年), 平成28年度, 令和２年 (fullwidth).
    The one place a year is written in the era: fiscal years here, documents' dates in era_text."""
    number = "元" if n == 1 else str(n)
    return f"{era.name}{fullwidth_digits(number) if fullwidth else number}{suffix}"


def era_short(era: Era, n: int) -> str:
    """R2, H28 (a short year has no 元: R1)."""
    return f"{era.letter}{n}"


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A fiscal year, named by the Gregorian year in which it starts (FY2016 = 平成28年度)."""

    year: int

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise FiscalYearError(f"年度が範囲外です: {self.year}")

    @classmethod
    def parse(cls, text: str | int) -> FiscalYear:
        """Read a fiscal year as people write it: 平成28年度, H28, 令和元年度, 令和２年度, R2, 2016."""
        if isinstance(text, int):
            return cls(text)
        raw = text
        s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
        m = _ERA_RE.match(s)
        if m:
            era = _BY_NAME[m.group(1).upper() if len(m.group(1)) == 1 else m.group(1)]
            n = 1 if m.group(2) == "元" else int(m.group(2))
            if n < 1:
                raise FiscalYearError(f"年度として読めません: 「{raw}」")
            return cls._checked(era.first_year + n - 1, raw)
        m = _WESTERN_RE.match(s)
        if m:
            return cls._checked(int(m.group(1)), raw)
        raise FiscalYearError(f"年度として読めません: 「{raw}」（例: 令和2年度、R2、2020）")

    @classmethod
    def of(cls, day: date) -> FiscalYear:
        """The fiscal year a day falls in (April starts it: 2027-03-31 is 令和8年度)."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def _checked(cls, year: int, raw: str) -> FiscalYear:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise FiscalYearError(f"年度が範囲外です: 「{raw}」")
        return cls(year)

    @property
    def era(self) -> Era:
        for era in ERAS:
            if self.year >= era.first_year:
                return era
        raise FiscalYearError(f"元号のない年度です: {self.year}")  # pragma: no cover - guarded

    @property
    def era_year(self) -> int:
        return self.year - self.era.first_year + 1

    def era_label(self, *, suffix: str = "年度") -> str:
        """令和2年度, 令和元年度, 平成28年度."""
        return era_year_text(self.era, self.era_year, suffix)

    def short_label(self) -> str:
        """R2, H28."""
        return era_short(self.era, self.era_year)

    def __str__(self) -> str:
        return self.era_label()

    def next(self) -> FiscalYear:
        return FiscalYear(self.year + 1)


def fiscal_years(first: FiscalYear, last: FiscalYear) -> list[FiscalYear]:
    """Every fiscal year from first to last, both included."""
    return [FiscalYear(y) for y in range(first.year, last.year + 1)]
