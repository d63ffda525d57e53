"""Indicator values as the city prints them, and the marks that stand for no value.

A value keeps everything a reader sees: its printed precision (1.40), an explicit sign (+1,170人),
its unit and a qualifier (4以上, 約5,000部). An absence is a value of its own kind: "-" (no survey
that year), "—" (none), "（※4）" (no figure; see footnote ※4). A real zero (0人) is a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Final

from kodaira_desk.domain.errors import ValueParseError


class AbsenceKind(Enum):
    NO_SURVEY = "no_survey"  # "-": not measured that year
    NONE = "none"  # "—": nothing planned / no budget
    FOOTNOTE = "footnote"  # "（※4）": no figure, see the footnote


@dataclass(frozen=True)
class Absent:
    """A value that is not there, of its own kind (no survey, none, see footnote)."""

    kind: AbsenceKind
    mark: str | None = None  # "※4" for FOOTNOTE

    def __str__(self) -> str:
        if self.kind is AbsenceKind.NO_SURVEY:
            return "-"
        if self.kind is AbsenceKind.NONE:
            return "—"
        return f"（{self.mark}）"


@dataclass(frozen=True)
class Measured:
    """A number as printed: exact decimal, unit, sign and the words around it."""

    number: Decimal  # signed; its exponent is the printed precision
    unit: str = ""
    sign: str = ""  # the sign as printed when it was written: "+", "-", "▲"
    prefix: str = ""  # 約, 概ね
    suffix: str = ""  # 以上, 以下, 未満, 超, 程度

    def __str__(self) -> str:
        # printed once per value object (frozen: its text cannot change): a pasted figure is
        # printed for the columns' widths, the repaint, the undo's repaint (issue 27)
        printed: str | None = self.__dict__.get("_printed")
        if printed is None:
            magnitude = abs(self.number)
            places = max(0, -int(magnitude.as_tuple().exponent))
            digits = f"{magnitude:,.{places}f}"
            sign = self.sign if self.sign else ("-" if self.number < 0 else "")
            printed = f"{self.prefix}{sign}{digits}{self.unit}{self.suffix}"
            object.__setattr__(self, "_printed", printed)
        return printed

    def with_unit(self, unit: str) -> Measured:
        other = Measured(self.number, unit, self.sign, self.prefix, self.suffix)
        printed = self.__dict__.get("_printed")
        if printed is not None and not self.unit and not self.suffix:
            object.__setattr__(other, "_printed", printed + unit)  # the unit goes after the digits
        return other


Value = Measured | Absent

# Every form a clerk may type for each absence. The city prints "-" (no survey) short and "—"
# (none) long, and a keyboard gives many look-alikes: the full-width "－", the hyphen "‐", the
# minus sign "−", en and figure dashes, the half-width katakana 'ｰ' are short; the horizontal
# bar "―" (the IME's ダッシュ), the box-drawing "─", the long 'ー' (a Japanese keyboard's dash
# key in kana mode) are long, alone or doubled ("――", the two-em dash of Japanese print).
NO_SURVEY_FORMS: Final = frozenset("-－‐‑‒–−﹣ｰ")
NONE_FORMS: Final = frozenset("—―─━ー⸺⸻﹘")
# Before a figure each short form, and the IME's 'ー' ("ー５" is "-5" typed in kana mode), is a
# minus; ▲ and △ are the minus of the city's tables. (After NFKC: 'ｰ' is then 'ー', '‑' is '‐'.)
MINUS_SIGNS: Final = frozenset("-‐‒–−ー")
_SIGN = "+" + "".join(sorted(MINUS_SIGNS)) + "▲△"
_PREFIXES: Final = ("概ね", "約")
_SUFFIXES: Final = ("以上", "以下", "未満", "超", "程度", "前後")
_FOOTNOTE_RE = re.compile(r"^[（(]?\s*(※\s*\d*)\s*[）)]?$")
_NUMBER_RE = re.compile(
    rf"^(?P<sign>[{re.escape(_SIGN)}]?)\s*(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"\s*(?P<rest>.*)$"
)
# what follows a figure when its thousands separator was misplaced: more digits, or a comma and digits
_MISPLACED_COMMA_RE = re.compile(r",?\d")
_DIGIT_RUN_RE = re.compile(r"^[\d,]*(?:\.\d+)?")  # those digits and commas (what a unit may follow)
_DIGIT_RE = re.compile(r"\d")
_TRAILING_MARK_RE = re.compile(r"(?:\s*(?:※\d*|\*))+$")
_UNIT_RE = re.compile(r"^[^\d\s+\-▲△.,※*]{0,12}$")
# A plain figure in ASCII digits, as a spreadsheet's cells paste it ("1,234", "80.9", "15"): read
# without normalising, splitting marks or matching the general pattern (`plain_number`).
_PLAIN_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?", re.ASCII)
# a plain figure written as `Measured.__str__` prints it: no leading zero, a comma every three digits
_PRINTED_RE = re.compile(r"(?:0|[1-9][0-9]{0,2}(?:,[0-9]{3})*)(?:\.[0-9]+)?", re.ASCII)
# the half-width 'ｰ' is a prolonged sound only after half-width katakana (ﾍﾟｰｼﾞ); elsewhere a dash
_LONE_HALF_WIDTH_BAR = re.compile(r"(?<![\uff66-\uff9f])\uff70")


def _normalise(text: str) -> str:
    # NFKC turns full-width digits, signs and ％ into their ASCII forms but leaves — and ― alone;
    # it would also turn a lone half-width 'ｰ' (a short dash) into the long 'ー', so that goes first.
    s = _LONE_HALF_WIDTH_BAR.sub("-", text.strip())
    s = unicodedata.normalize("NFKC", s).strip()
    return s.replace("\u3000", " ")


def absence_of(text: str) -> Absent | None:
    """The absence a typed mark stands for ("-", "—" or one of their look-alikes), else None."""
    s = _normalise(text)
    if len(s) == 1 and s in NO_SURVEY_FORMS:
        return Absent(AbsenceKind.NO_SURVEY)
    if 1 <= len(s) <= 2 and len(set(s)) == 1 and s[0] in NONE_FORMS:
        return Absent(AbsenceKind.NONE)
    return None


def split_marks(text: str) -> tuple[str, tuple[str, ...]]:
    """Split footnote marks printed after a value: "80.9％※" → ("80.9％", ("※",))."""
    s = _normalise(text)
    if _FOOTNOTE_RE.match(s) and "(" not in s and "（" not in s:
        return s, ()  # a bare "※4" cell is an absence, not a value with a mark
    m = _TRAILING_MARK_RE.search(s)
    if not m or m.start() == 0:
        return s, ()
    marks = tuple(re.findall(r"※\d*|\*", m.group(0)))
    return s[: m.start()].rstrip(), marks


def plain_number(text: str) -> Measured | None:
    """A plain figure of ASCII digits (with thousands commas and a decimal point, nothing else,
    no space) read as `parse_value` reads it, else None: most of a pasted block is such figures
    and the general road (NFKC, the marks, the number pattern) is most of a paste's parsing
    (issue 27). tests/domain/test_values.py checks it against the general road."""
    if _PLAIN_RE.fullmatch(text) is None:
        return None
    value = Measured(Decimal(text.replace(",", "")))
    if _PRINTED_RE.fullmatch(text) is not None:  # already as it prints (1,234 / 80.9 / 0.50): no printing
        object.__setattr__(value, "_printed", text)
    return value


def parse_value(text: str) -> Value:
    """Read one printed or typed value. Raises ValueParseError with a Japanese message."""
    if not isinstance(text, str):
        raise ValueParseError.of("値は文字列で書いてください: {text}", text=repr(text))
    plain = plain_number(text)
    return plain if plain is not None else parse_general(text)


def parse_general(text: str) -> Value:
    """`parse_value` without its road for plain figures: every form a clerk may type."""
    s = _normalise(text)
    if not s:
        raise ValueParseError.of("値が空です。値がないときは「-」（調査なし）か「—」（なし）を入力してください。")
    absent = absence_of(s)
    if absent is not None:
        return absent
    fm = _FOOTNOTE_RE.match(s)
    if fm:
        mark = fm.group(1).replace(" ", "")
        if mark == "※":
            raise ValueParseError.of("注記の番号がありません（例: ※4）。")
        return Absent(AbsenceKind.FOOTNOTE, mark)
    prefix = ""
    for p in _PREFIXES:
        if s.startswith(p):
            prefix, s = p, s[len(p) :].lstrip()
            break
    m = _NUMBER_RE.match(s)
    if not m:
        raise ValueParseError.of("「{text}」は数値として読めません。数値（例: 1,234人、80.9%、+600人）か、"
                                 "「-」「—」「（※4）」のいずれかを入力してください。", text=text)
    sign = m.group("sign")
    digits = m.group("digits")
    rest = m.group("rest").strip()
    if (_MISPLACED_COMMA_RE.match(rest) and ("," in digits or rest.startswith(","))
            and not _DIGIT_RE.search(_DIGIT_RUN_RE.sub("", rest, count=1))):  # "7,9四4人": not the comma
        # "1,2345" reads as 1,234 and a unit "5", "12,34" as 12 and a unit ",34": it is the comma
        raise ValueParseError.of("「{text}」の桁区切り「,」の位置が正しくありません。"
                                 "「,」は3桁ごとに付けるか、付けずに入力してください（例: 12,345 または 12345）。",
                                 text=text)
    suffix = ""
    for sfx in _SUFFIXES:
        if rest.endswith(sfx):
            suffix, rest = sfx, rest[: -len(sfx)].strip()
            break
    unit = rest
    if "※" in unit or "*" in unit:
        raise ValueParseError.of("「{text}」の「※」は注記の印です。値のあとに付けた印は注記として読みます"
                                 "（例: 80.9%※1）。単位には使えません。", text=text)
    if not _UNIT_RE.match(unit):
        raise ValueParseError.of("「{text}」は数値として読めません（単位「{unit}」が不正です）。", text=text, unit=unit)
    try:
        number = Decimal(digits.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise ValueParseError.of("「{text}」は数値として読めません。", text=text) from exc
    if sign in MINUS_SIGNS:
        sign = "-"  # however it was typed, the minus prints as the city prints it
    if sign in ("-", "▲", "△"):
        number = -number
    return Measured(number, unit, sign, prefix, suffix)


def format_value(value: Value, marks: Iterable[str] = ()) -> str:
    """A value as printed, with the footnote marks printed after it: "80.9％※", "（※4）", "1,234人".
    The one way a value with its marks becomes text (the window, the files, the handouts)."""
    return str(value) + "".join(marks)


def number_of(value: Value) -> Decimal | None:
    return value.number if isinstance(value, Measured) else None
