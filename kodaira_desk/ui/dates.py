"""Dates as the window shows them, in its language: every date a person reads goes through here.
Japanese: the era as the city writes it (令和9年5月31日（月）); English: the Western calendar with
English names (Mon 31 May 2027), never a Japanese weekday or era in English text."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, QLocale

from kodaira_desk.domain.era_text import era_date

_ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def shown_date(day: datetime.date, *, weekday: bool = False) -> str:
    """`day` in the window's language (Translations.apply sets the default locale)."""
    if QLocale().language() == QLocale.Language.Japanese:
        return era_date(day, weekday=weekday)
    return _ENGLISH.toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy" if weekday else "d MMM yyyy")
