"""In English the window says a deadline without a Japanese weekday or era (「令和9年5月31日（月）」
was shown in English text), and the collection board's 最終返却 without 「第4版」: dates go through
one function that follows the language (ui/dates.py)."""

from __future__ import annotations

import datetime
import re

from PySide6.QtCore import Qt

from kodaira_desk.domain.round_records import ReturnRecord
from kodaira_desk.services.rounds.common import DepartmentState
from kodaira_desk.ui.round.year_widgets import deadline_words, status_cell

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff（）]")
DUE = datetime.date(2027, 5, 31)  # a Monday


def _returned() -> DepartmentState:
    record = ReturnRecord(1, "道路課.kdesk", "2027-05-20T10:31:00", 4, "2027-05-20T10:30:00", "山田", None, None,
                          (), None, 0, 0)
    return DepartmentState("道路課", "returned", "返却済", "2027-05-20T10:31:00", "h1", "道路課.kdesk", 0,
                           last_return=record)


def test_deadline_in_english(english: None) -> None:
    text, _role = deadline_words(DUE, 12)
    assert "31 May 2027" in text and "Mon" in text
    assert not JAPANESE.search(text), text


def test_deadline_in_japanese(qapp) -> None:  # type: ignore[no-untyped-def]
    text, _role = deadline_words(DUE, 12)
    assert "令和9年5月31日（月）" in text


def test_last_return_in_english(english: None) -> None:
    text = status_cell(None, _returned(), None, 3, Qt.ItemDataRole.DisplayRole)
    assert text == "revision 4 2027-05-20 10:30 山田"
