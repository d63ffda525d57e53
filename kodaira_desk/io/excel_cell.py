"""One reader for what an Excel cell holds, as text a person would see (issue 23: "one cell reader").

Both workbooks the app reads back go through it: a department's returned workbook
(services/rounds/workbook.py) and a plan workbook (io/plan_workbook/read.py). A cell arrives as
openpyxl reads it (str, int, float, bool, a date or time, or None) with its number format.

- A number is taken as Excel holds it, to Excel's 15 significant digits (a value another program
  wrote as 0.30000000000000004 is the 0.3 Excel shows), never in exponent form.
- Its decimals are the ones typed; a format that shows more adds the zeros it shows (365 in a
  `0.0` cell reads 365.0). A format that shows fewer does not round away what was typed: 365.5
  in a `0` cell, which Excel shows as 366, reads 365.5 (`shown_rounded` tells the caller, who
  says so). Rounding would store a value nobody typed.
- A percentage format shows the number times 100 with a % (Excel keeps 80.9% as 0.809).
- TRUE/FALSE, dates and times, NaN and infinities are not values: `UnreadableCell`, with a reason
  the caller may word for its own sheet (`kind`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

EXCEL_DIGITS = 15  # significant digits Excel keeps of a number
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's serial days (its 1900 system, past 1900-02-29)
_LAST_SERIAL = 2958465  # 9999-12-31, Excel's last day
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')  # literal text, escapes, [colour]/[$-411], padding


class UnreadableCell(Exception):
    """A cell that holds no value a person typed as text or a number."""

    def __init__(self, kind: str, why: str) -> None:
        super().__init__(why)
        self.kind = kind  # "bool" | "date" | "number" | "other"
        self.why = why


@dataclass(frozen=True)
class NumberFormat:
    """What an Excel number format does to a number: its decimals, a percentage, an exponent."""

    decimals: int = 0
    percent: bool = False
    scientific: bool = False

    @classmethod
    def parse(cls, number_format: str | None) -> NumberFormat:
        section = _QUOTED.sub("", (number_format or "General").split(";")[0])
        scientific = "E+" in section.upper() or "E-" in section.upper()
        decimals = 0
        if "." in section:
            tail = section.split(".", 1)[1]
            for ch in tail:
                if ch not in "0#?":
                    break
                decimals += 1
        return cls(decimals, "%" in section, scientific)


def excel_number(value: int | float | Decimal) -> Decimal:
    """The number as Excel holds it: 15 significant digits, finite. Raises UnreadableCell."""
    try:
        d = Decimal(value) if isinstance(value, (int, Decimal)) else Decimal(repr(float(value)))
    except (InvalidOperation, ValueError, OverflowError) as exc:
        raise UnreadableCell("number", "数値として読めません") from exc
    if not d.is_finite():
        raise UnreadableCell("number", "数値として読めません")
    if d.is_zero():
        d = abs(d)  # -0.0, which Excel shows as 0
    exponent = d.as_tuple().exponent
    if d and isinstance(exponent, int) and d.adjusted() - EXCEL_DIGITS + 1 > exponent:
        d = round(d, EXCEL_DIGITS - 1 - d.adjusted())
    return d


def number_text(value: int | float | Decimal, number_format: str | None = "General") -> str:
    """A number as its cell shows it: the decimals typed (at least those the format shows), a
    percentage with its %, no exponent."""
    fmt = NumberFormat.parse(number_format)
    d = excel_number(value)
    if fmt.percent:
        d = d * 100
    typed = max(0, -int(d.normalize().as_tuple().exponent))
    places = typed if fmt.scientific else max(typed, fmt.decimals)
    d = d.quantize(Decimal(1).scaleb(-places)) if places else d.to_integral_value()
    return f"{d:f}" + ("%" if fmt.percent else "")


def shown_rounded(value: int | float | Decimal, number_format: str | None) -> str | None:
    """What Excel shows when its format has fewer decimals than were typed (365.5 in `0` → "366"),
    or None when it shows the number as typed."""
    if isinstance(value, bool):
        return None
    fmt = NumberFormat.parse(number_format)
    if fmt.scientific or (number_format or "General").strip().lower() == "general":
        return None
    try:
        d = excel_number(value) * (100 if fmt.percent else 1)
    except UnreadableCell:
        return None
    typed = max(0, -int(d.normalize().as_tuple().exponent))
    if typed <= fmt.decimals:
        return None
    shown = d.quantize(Decimal(1).scaleb(-fmt.decimals), rounding="ROUND_HALF_UP")
    return f"{shown:f}" + ("%" if fmt.percent else "")


def cell_text(value: object, number_format: str | None = "General") -> str:
    """The cell as text ("" when empty): a string as it is, a number as number_text shows it.
    Raises UnreadableCell for TRUE/FALSE, a date or time, or anything else."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise UnreadableCell("bool", "TRUE/FALSE は値として読めません")
    if isinstance(value, (int, float, Decimal)):
        return number_text(value, number_format)
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        raise UnreadableCell("date", "日付・時刻として保存されています")
    raise UnreadableCell("other", "文字でも数でもない値が入っています")


def excel_serial(day: dt.date) -> int:
    """The day as Excel's serial number (what a date cell or a date validation's bound holds)."""
    return (day - EXCEL_EPOCH).days


def cell_day(value: object) -> dt.date | None:
    """A day cell as Excel and LibreOffice store it: a date (or date and time), or a serial number
    of Excel's days; None for anything else (text is the caller's to read)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value <= _LAST_SERIAL:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    return None


def shown_text(value: object, number_format: str | None = "General") -> str:
    """The cell as text for comparing with what was written into it: like cell_text, but never
    raising (a date or TRUE shows as Python writes it)."""
    try:
        return cell_text(value, number_format)
    except UnreadableCell:
        return str(value)


__all__ = ["EXCEL_EPOCH", "NumberFormat", "UnreadableCell", "cell_day", "cell_text", "excel_number",
           "excel_serial", "number_text", "shown_rounded", "shown_text"]
