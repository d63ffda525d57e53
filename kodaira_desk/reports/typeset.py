"""Japanese line breaking (禁則処理) and the text flowable every handout prints its words with.

reportlab's CJK wrapping breaks after any character: it ends lines with 「 and （, splits グループ
and 1,234人, and it is what made the handouts slow. `break_lines` follows JIS X 4051's rules as
Japanese printers apply them:

- no line starts with a closing bracket, 、。，．・：；！？, ー, small kana or 々 (行頭禁則);
- no line ends with an opening bracket 「『（【〔［｛〈《 (行末禁則);
- a run of Latin letters or digits (with , . inside a number) is one word; a number keeps its unit
  (1,234人, 4以上, 30千円), a katakana word (グループ) is not split;
- a word longer than a whole line is cut where it must (nothing is ever lost or drawn past the cell).

A line that cannot end where the width runs out is pushed back to the last allowed break (追い出し),
so text never runs past its cell. `Lines` draws the result with one drawString per line.
"""

from __future__ import annotations

import functools
from typing import ClassVar, Final

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

CANNOT_START: Final = frozenset(
    "、。，．,.・･：；:;！？!?)）]］}｝〕〉》」』】〙〗〟’”»ー－〜～ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ…‥％%"
)
OPENING: Final = frozenset("(（[［{｛〔〈《「『【〘〖〝‘“«")
CANNOT_END: Final = OPENING | {"※"}  # a reference mark introduces its note: 「※令和5年度までは…」
CLOSING: Final = frozenset(")）]］}｝〕〉》」』】〙〗〟’”»")
_DIGITS: Final = frozenset("0123456789０１２３４５６７８９")
_LATIN: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
) | _DIGITS
_IN_NUMBER: Final = frozenset(",.，．")
_SIGNS: Final = frozenset("+-＋▲△")
_NUMBER_PREFIX: Final = frozenset("和成昭第約週月年")
_ERAS: Final = frozenset({"平成", "令和", "昭和"})
# Units of two characters a number keeps (the first character is kept anyway).
_UNITS: Final = frozenset({"以上", "以下", "未満", "千円", "万円", "億円", "区画", "か所", "箇所", "年度",
                           "年間", "か月", "ヶ月", "カ所", "ヶ所", "世帯", "団体", "件数", "時間"})


def _katakana(ch: str) -> bool:
    return "ァ" <= ch <= "ヺ" or ch == "ー" or ch == "ヽ" or ch == "ヾ"


def kinsoku_allowed(text: str) -> list[bool]:
    """allowed[i]: does a break before text[i] keep the two rules no line may break (行頭禁則,
    行末禁則)? What a word too long for a whole line is cut by: never before ー or a small kana."""
    allowed = [False] * (len(text) + 1)
    for i in range(1, len(text)):
        allowed[i] = text[i] not in CANNOT_START and text[i - 1] not in CANNOT_END
    return allowed


def _spaced_unit(text: str, i: int) -> bool:
    """A break before text[i] would part a number from its two-character unit written after a space
    (「5,823,258 千円」): before the space, after it, or inside the unit."""
    for start in (i, i - 1, i - 2):  # where the space would be
        if (start >= 1 and text[start:start + 1] == " " and text[start - 1] in _DIGITS
                and text[start + 1:start + 3] in _UNITS):
            return True
    return False


def break_allowed(text: str, keep: tuple[str, ...] = ()) -> list[bool]:
    """allowed[i]: may a line break come before text[i] (i ≥ 1)? allowed[0] is False. The words in
    `keep` (department names) are not broken either."""
    n = len(text)
    allowed = [True] * (n + 1)
    allowed[0] = False
    for word in keep:
        at = text.find(word)
        while word and at >= 0:
            for i in range(at + 1, at + len(word)):
                allowed[i] = False
            at = text.find(word, at + len(word))
    for i in range(1, n):
        prev, ch = text[i - 1], text[i]
        if not allowed[i]:
            continue
        if ch in CANNOT_START or prev in CANNOT_END or (prev in _LATIN and ch in _LATIN):
            allowed[i] = False
        elif prev in _IN_NUMBER and ch in _DIGITS and i >= 2 and text[i - 2] in _DIGITS:
            allowed[i] = False  # 1,234 / 1.46
        elif ch in _DIGITS and prev in _NUMBER_PREFIX:
            allowed[i] = False  # 令和5年度, 第2回, 約100人
        elif prev in _SIGNS and ch in _DIGITS:
            allowed[i] = False  # +1,170
        elif prev in _DIGITS and not ch.isspace():
            allowed[i] = False  # the unit stays with its number
        elif (i >= 2 and text[i - 2] in _DIGITS and prev + ch in _UNITS) or (_katakana(prev) and _katakana(ch)):
            allowed[i] = False
        elif _spaced_unit(text, i):
            allowed[i] = False  # 「5,823,258 千円」 as 004 prints it: the unit after its space stays too
        elif prev + ch in _ERAS:
            allowed[i] = False  # 平成25年度 is one word, era and year
        elif ch == " ":  # the space is dropped at the break: what follows it must be able to start a line
            after = text[i:].lstrip(" ")
            allowed[i] = not after or after[0] not in CANNOT_START
    for i, ch in enumerate(text):  # a short phrase in brackets stays whole: 実績（見込）, （※4）, （平成25年度）
        if ch in OPENING:
            end = _closing_within(text, i, 6)
            for j in range(i + 1, end + 1 if end >= 0 else i + 1):
                allowed[j] = False
    return allowed


def _closing_within(text: str, start: int, most: int) -> int:
    """The index of the bracket closing the one at `start`, if at most `most` characters follow it."""
    for j in range(start + 1, min(len(text), start + most + 2)):
        if text[j] in CLOSING:
            return j
        if text[j] in OPENING:
            return -1
    return -1


class _Widths:
    """Character widths of one font at one size, measured once."""

    _cache: ClassVar[dict[tuple[str, float], _Widths]] = {}

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self.known: dict[str, float] = {}

    @classmethod
    def of(cls, font: str, size: float) -> _Widths:
        key = (font, size)
        found = cls._cache.get(key)
        if found is None:
            found = cls._cache[key] = cls(font, size)
        return found

    def __call__(self, ch: str) -> float:
        w = self.known.get(ch)
        if w is None:
            w = self.known[ch] = pdfmetrics.stringWidth(ch, self.font, self.size)
        return w


def break_lines(text: str, font: str, size: float, width: float, first_width: float | None = None,
                keep: tuple[str, ...] = ()) -> list[str]:
    """`text` cut into printed lines no wider than `width` (the first one `first_width`), by the rules
    above. Line breaks in the text are kept; spaces at a break are dropped."""
    return list(_broken(text, font, size, width, first_width, keep))


@functools.lru_cache(maxsize=65536)  # the same words come back in every trial layout and table
def _broken(text: str, font: str, size: float, width: float, first_width: float | None,
            keep: tuple[str, ...]) -> tuple[str, ...]:
    measure = _Widths.of(font, size)
    out: list[str] = []
    for paragraph in text.split("\n"):
        limit = first_width if first_width is not None and not out else width
        if pdfmetrics.stringWidth(paragraph, font, size) <= limit + 0.01:
            out.append(paragraph.rstrip())  # it fits: no break to choose (most cells)
        else:
            _break_paragraph(paragraph, measure, width, limit, out, keep)
    return tuple(out)


def _break_paragraph(text: str, measure: _Widths, width: float, limit: float, out: list[str],
                     keep: tuple[str, ...]) -> None:
    allowed = break_allowed(text, keep)
    hard = kinsoku_allowed(text)
    start, used, last_break, last_hard = 0, 0.0, -1, -1
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        w = measure(ch)
        if i > start and allowed[i]:
            last_break = i
        if i > start and hard[i]:
            last_hard = i
        if used + w > limit + 0.01 and i > start and not ch.isspace():
            # pushed back to the last allowed break; a word longer than the line is cut where the
            # two 禁則 still hold (never before ー: コーディネ｜ーター), only then anywhere
            cut = last_break if last_break > start else last_hard if last_hard > start else i
            out.append(text[start:cut].rstrip())
            start = cut
            while start < n and text[start] == " ":
                start += 1
            used, last_break, last_hard, limit = 0.0, -1, -1, width
            i = start
            continue
        used += w
        i += 1
    out.append(text[start:].rstrip())


@functools.lru_cache(maxsize=65536)  # a centred or right-aligned line (a figure, a heading) is measured once
def line_width(line: str, font: str, size: float) -> float:
    """The width of a printed line (reportlab's stringWidth)."""
    return float(pdfmetrics.stringWidth(line, font, size))


class Lines(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph of plain text set by `break_lines`, in a ParagraphStyle's font, size, leading,
    alignment and indents (firstLineIndent hangs a bullet). Splits between lines."""

    def __init__(self, text: str, style: ParagraphStyle, *, lines: list[str] | None = None,
                 first: bool = True, keep: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.text = text
        self.keep = keep
        self.style = style
        self._first = first  # holds the paragraph's first line (so firstLineIndent applies)
        self._lines = lines
        self._lines_width: float | None = None if lines is None else -1.0
        self.width = 0.0
        self.height = 0.0

    def _widths(self, avail: float) -> tuple[float, float]:
        s = self.style
        body = avail - s.leftIndent - s.rightIndent
        return body, body - (s.firstLineIndent if self._first else 0.0)

    def lines_for(self, avail: float) -> list[str]:
        if self._lines is not None and (self._lines_width == avail or self._lines_width == -1.0):
            return self._lines
        body, first = self._widths(avail)
        s = self.style
        self._lines = break_lines(self.text, s.fontName, s.fontSize, max(body, s.fontSize),
                                  max(first, s.fontSize), self.keep)
        self._lines_width = avail
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self.lines_for(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:
        s = self.style
        return float(s.fontSize * 2 + s.leftIndent + s.rightIndent)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # a table splits a cell with the column's whole width, its padding not taken off: keep the
        # lines of the last wrap, which had the padding off
        wrapped = self._lines_width
        if wrapped is not None and 0 < wrapped <= availWidth:
            availWidth = wrapped
        lines = self.lines_for(availWidth)
        fit = int((availHeight + 0.01) // self.style.leading)
        if fit < 1 or fit >= len(lines):
            return []
        head = Lines("\n".join(lines[:fit]), self.style, lines=lines[:fit], first=self._first)
        tail = Lines("\n".join(lines[fit:]), self.style, lines=lines[fit:], first=False)
        return [head, tail]

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def placed(self, x: float = 0.0, y: float = 0.0) -> list[tuple[float, float, str]]:
        """Each printed line's origin and text, with the flowable's bottom left at (x, y)."""
        s = self.style
        lines = self.lines_for(self.width)
        # the first baseline as reportlab's Paragraph puts it: one font size below the top
        base = y + self.height - s.fontSize - (s.leading - s.fontSize) * 0.25
        placed: list[tuple[float, float, str]] = []
        for n, line in enumerate(lines):
            left = s.leftIndent + (s.firstLineIndent if n == 0 and self._first else 0.0)
            if s.alignment in (TA_CENTER, TA_RIGHT):
                used = line_width(line, s.fontName, s.fontSize)
                room = self.width - s.leftIndent - s.rightIndent - used
                left = s.leftIndent + (room / 2 if s.alignment == TA_CENTER else room)
            placed.append((x + left, base, line))
            base -= s.leading
        return placed

    def draw(self) -> None:
        draw_runs(self.canv, [(self.style, self.placed())])

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Lines({self.text[:20]!r})"


Run = tuple[ParagraphStyle, list[tuple[float, float, str]]]  # lines of one style at their origins


def draw_runs(canvas: Canvas, runs: list[Run]) -> None:
    """Lines of text in one text object (BT … ET), the font and colour set only where they change.
    A table's cells are drawn this way (tables.QuickTable): once per cell, the text object, the
    state saved and restored and the cell's translation were more than half of drawing a report.
    The lines of runs in the same font and colour (a table's cells) are set in one go."""
    text = canvas.beginText()
    font: tuple[str, float] | None = None
    color: object = None
    pending: list[tuple[float, float, str]] = []
    for style, placed in runs:
        new_font = (style.fontName, style.fontSize) != font
        # (the same colour object, the common case, without reportlab's Color.__eq__: issue 27)
        new_color = style.textColor is not color and style.textColor != color
        if new_font or new_color:
            _set(text, pending)
            pending = []
            if new_font:
                font = (style.fontName, style.fontSize)
                text.setFont(*font)
            if new_color:
                color = style.textColor
                text.setFillColor(color)
        pending += placed
    _set(text, pending)
    canvas.drawText(text)


def _set(text: PDFTextObject, placed: list[tuple[float, float, str]]) -> None:
    if placed and not _set_lines(text, placed):
        for left, y, line in placed:
            text.setTextOrigin(left, y)
            text.textOut(line)


def _set_lines(text: PDFTextObject, placed: list[tuple[float, float, str]]) -> bool:
    """Each line at its origin, as `setTextOrigin` + `textOut` write it for an embedded TrueType
    font (the same operators, byte for byte), without their per-call work: a line's operators
    (its text cut into the font's subsets, escaped, with the Tf where the subset changes) are
    worked out once per document (`_shown`). False (nothing written) for any other font or a
    top-down canvas; the caller then uses reportlab's own calls.

    Thousands of lines in a long report made textOut a third of its drawing time."""
    canvas = text._canvas
    font = pdfmetrics.getFont(text._fontname)
    if not getattr(font, "_dynamicFont", False) or not canvas.bottomup:
        return False
    doc = canvas._doc
    shown = _shown(doc, text._fontname)
    code = text._code
    tf = f"{fp_str(text._fontsize)} Tf {fp_str(text._leading)} TL"
    current = text._curSubset
    for x, y, line in placed:  # the text object's code is joined by spaces: one item a line
        key = (line, current, tf)
        found = shown.get(key)
        if found is None:
            found = shown[key] = _show(font, doc, line, current, tf)
        code.append(f"1 0 0 1 {fp_str(x, y)} Tm {found[0]}")
        current = found[1]
    text._curSubset = current
    if placed:
        x, y, line = placed[-1]
        text._x0, text._y0 = x, y
        text._x, text._y = x + line_width(line, text._fontname, text._fontsize), y
    return True


def _show(font: TTFont, doc: object, line: str, current: int, tf: str) -> tuple[str, int]:
    """A line's operators after the subset `current`: each run of one subset `(…) Tj`, led by
    that subset's font and `tf` where it changes; and the subset it ends in."""
    out: list[str] = []
    for subset, chunk in font.splitString(line, doc):
        if subset != current:
            out.append(f"{font.getSubsetInternalName(subset, doc)} {tf}")
            current = subset
        out.append(f"({escapePDF(chunk)}) Tj")
    return " ".join(out), current


Shown = dict[tuple[str, int, str], tuple[str, int]]


def _shown(doc: object, font: str) -> Shown:
    """Lines' operators (`_show`) per document and font: which code a character has in which
    subset is the document's own (the font gives each new character the next code as it is first
    drawn) and never changes once given, so a line drawn again (a repeated header, 千円, 概略, a
    year) is cut and escaped once. Kept on the document, it goes with it."""
    found: dict[str, Shown] | None = getattr(doc, "_kd_shown", None)
    if found is None:
        found = {}
        doc._kd_shown = found  # type: ignore[attr-defined]
    by_font = found.get(font)
    if by_font is None:
        by_font = found[font] = {}
    return by_font
