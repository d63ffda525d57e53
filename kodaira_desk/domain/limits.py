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

# Notes, questions and evidence files (issue 25, domain.annotations and domain.evidence)
MAX_NOTE_CHARS = 2_000  # one note, one question, one answer
MAX_PERSON_CHARS = 100  # who wrote it (a department and a name)
MAX_ATTACHMENT_NAME_CHARS = 120
MAX_ATTACHMENT_BYTES = 10_000_000  # one evidence file (10 MB): a scanned survey, an Excel sheet
MAX_ATTACHMENTS_BYTES_PER_FILE = 50_000_000  # every evidence file one department file carries
MAX_ATTACHMENTS_PER_FIELD = 20

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


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def check_attachment_size(what: str, size: int) -> None:
    """One evidence file: not empty, not over MAX_ATTACHMENT_BYTES."""
    if size <= 0:
        raise LimitError(what, "ファイルが空です。")
    if size > MAX_ATTACHMENT_BYTES:
        raise LimitError(what, f"大きすぎます（{_mb(size)}。1 ファイルの上限 {_mb(MAX_ATTACHMENT_BYTES)}）。")


def check_attachments_total(what: str, total: int) -> None:
    """Every evidence file of one department file together."""
    if total > MAX_ATTACHMENTS_BYTES_PER_FILE:
        raise LimitError(what, f"添付ファイルの合計が大きすぎます（{_mb(total)}。提出用ファイル 1 つの上限 "
                               f"{_mb(MAX_ATTACHMENTS_BYTES_PER_FILE)}）。")


def check_attachments_per_field(what: str, count: int) -> None:
    if count > MAX_ATTACHMENTS_PER_FIELD:
        raise LimitError(what, f"添付ファイルが多すぎます（{count} 件。1 項目の上限 {MAX_ATTACHMENTS_PER_FIELD} 件）。")
