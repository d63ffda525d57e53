"""Limits on what a department file may hold. A value past them refuses its file, naming the field.

They are far above anything the city writes (its longest 実施等状況 is under 2,000 characters) and
far below what would hurt (a 9.5 MB string, a number with 2 million digits that overflows Decimal).
"""

from __future__ import annotations

import re

from kodaira_desk.domain.errors import DomainError

MAX_TEXT_CHARS = 20_000  # one 実施等状況 or schedule cell
MAX_VALUE_CHARS = 100  # one printed value with its unit and marks
MAX_NOTE_CHARS = 2_000  # one short note (why a 決算額 differs from the plan)
MAX_DIGITS = 18  # integer digits of one number
MAX_DECIMALS = 6
YEAR_MARGIN = 5  # years a field may lie before or after its plan's period
MAX_NEW_FIELDS = 500  # fields a file may fill that its base did not hold

# NUL and the C0 controls except tab and newline; DEL; the bidi embeddings, overrides and isolates
# (they can make text read differently from what it holds).
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")


class LimitError(DomainError):
    """A value past a limit. `what` names the field (in words when the caller knows them)."""

    def __init__(self, what: str, message: str) -> None:
        super().__init__(f"{what}: {message}")
        self.what = what


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def check_text(what: str, text: object, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    """A text field: a str, not too long, no forbidden characters. Returns it."""
    if not isinstance(text, str):
        raise LimitError(what, "文字ではないデータが入っています。")
    if len(text) > max_chars:
        raise LimitError(what, f"長すぎます（{len(text):,} 文字。上限 {max_chars:,} 文字）。")
    bad = _FORBIDDEN.search(text)
    if bad:
        raise LimitError(what, f"使えない制御文字（{_char_name(bad.group())}）が含まれています。")
    return text


def check_value_text(what: str, text: object) -> str:
    """A printed value (number, unit, marks): short, plain characters, bounded digits."""
    checked = check_text(what, text, max_chars=MAX_VALUE_CHARS)
    for m in _NUMBER.finditer(checked):
        digits = m.group(1).replace(",", "")
        if len(digits) > MAX_DIGITS:
            raise LimitError(what, f"桁数が多すぎます（{len(digits)} 桁。上限 {MAX_DIGITS} 桁）。")
        if m.group(2) and len(m.group(2)) > MAX_DECIMALS:
            raise LimitError(what, f"小数の桁数が多すぎます（{len(m.group(2))} 桁。上限 {MAX_DECIMALS} 桁）。")
    return checked


def check_year(what: str, year: int, first: int, last: int) -> None:
    """A field's fiscal year lies within its plan's period, give or take YEAR_MARGIN years."""
    if not first - YEAR_MARGIN <= year <= last + YEAR_MARGIN:
        raise LimitError(what, f"年度 {year} は計画の期間（{first}〜{last}年度）から離れすぎています。")


def check_new_fields(count: int) -> None:
    if count > MAX_NEW_FIELDS:
        raise LimitError("ファイル全体", f"新しく入力された項目が多すぎます（{count:,} 件。上限 {MAX_NEW_FIELDS} 件）。")
