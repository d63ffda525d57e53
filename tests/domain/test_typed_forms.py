"""Every form a clerk may type for a dash, a minus and ※ reads as the mark the city prints.

The city prints "-" (調査なし), "—" (該当なし) and ※N; keyboards give look-alikes of each. Each
form is pinned here one by one (a form dropped from the parser fails its own case), and a
Hypothesis property checks that whatever is printed reads back to the same value and kind.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kodaira_desk.domain.entry import read_entry
from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.domain.model import Indicator, IndicatorKind
from kodaira_desk.domain.values import (
    AbsenceKind,
    Absent,
    Measured,
    Value,
    format_value,
    parse_value,
    split_marks,
)

NO_SURVEY = Absent(AbsenceKind.NO_SURVEY)
NONE = Absent(AbsenceKind.NONE)

SHORT_DASHES = {
    "-": "hyphen-minus (half-width keyboard)",
    "－": "full-width hyphen-minus (IME in full-width mode)",
    "‐": "hyphen U+2010",
    "‑": "non-breaking hyphen U+2011",
    "‒": "figure dash U+2012",
    "–": "en dash U+2013",
    "−": "minus sign U+2212",
    "﹣": "small hyphen-minus U+FE63",
    "ｰ": "half-width katakana prolonged mark U+FF70 (NFKC would make it the long 'ー')",
}
LONG_DASHES = {
    "—": "em dash U+2014 (as the city prints it)",
    "―": "horizontal bar U+2015 (the IME's ダッシュ)",
    "─": "box drawing U+2500 (the IME's けいせん)",
    "━": "heavy box drawing U+2501",
    "ー": "katakana prolonged mark U+30FC (a Japanese keyboard's dash key in kana mode)",
    "⸺": "two-em dash U+2E3A",
    "⸻": "three-em dash U+2E3B",
    "﹘": "small em dash U+FE58",
}


@pytest.mark.parametrize("form", sorted(SHORT_DASHES))
def test_each_short_dash_is_no_survey(form: str) -> None:
    assert parse_value(form) == NO_SURVEY, SHORT_DASHES[form]
    assert parse_value(f"\u3000{form} ") == NO_SURVEY  # with the spaces a person leaves around it
    assert str(parse_value(form)) == "-"


@pytest.mark.parametrize("form", sorted(LONG_DASHES))
def test_each_long_dash_is_none(form: str) -> None:
    assert parse_value(form) == NONE, LONG_DASHES[form]
    assert parse_value(form * 2) == NONE  # 「――」: the doubled dash of Japanese print
    assert str(parse_value(form)) == "—"


def test_the_half_width_bar_is_no_survey_even_through_a_cell() -> None:
    """The live bug: 'ｰ' was listed as "-" but NFKC made it 'ー' first, so it was stored as "—"."""
    ind = Indicator(key="k", plan_id="p", node_key="n", kind=IndicatorKind.KPI, name="参加者数", unit="人")
    assert read_entry(ind, "ｰ").value == NO_SURVEY
    assert read_entry(ind, "ー").value == NONE
    assert read_entry(ind, "ｰ※1").value == NO_SURVEY and read_entry(ind, "ｰ※1").marks == ("※1",)


def test_a_half_width_bar_inside_a_word_is_still_a_prolonged_sound() -> None:
    v = parse_value("5ﾍﾟｰｼﾞ")
    assert isinstance(v, Measured) and v.unit == "ページ" and v.number == 5


MINUS_FORMS = sorted(set(SHORT_DASHES) | {"ー"})  # 「ー５」 is "-5" typed with the IME on


@pytest.mark.parametrize("minus", MINUS_FORMS)
def test_each_minus_before_a_figure_makes_it_negative(minus: str) -> None:
    v = parse_value(f"{minus}5人")
    assert isinstance(v, Measured)
    assert (v.number, v.unit, v.sign, str(v)) == (Decimal(-5), "人", "-", "-5人")
    v = parse_value(f"{minus}１，２３４．５")  # full-width digits as an IME gives them
    assert isinstance(v, Measured) and v.number == Decimal("-1234.5")
    v = parse_value(f"約{minus}3")
    assert isinstance(v, Measured) and (v.number, v.prefix) == (Decimal(-3), "約")


@pytest.mark.parametrize(("text", "number", "printed"), [
    ("▲12", "-12", "▲12"), ("△3", "-3", "△3"), ("+5", "5", "+5"), ("＋５", "5", "+5"), ("﹢5", "5", "+5"),
])
def test_the_tables_signs_are_kept_as_printed(text: str, number: str, printed: str) -> None:
    v = parse_value(text)
    assert isinstance(v, Measured) and v.number == Decimal(number) and str(v) == printed


@pytest.mark.parametrize(("text", "mark"), [
    ("※4", "※4"), ("※４", "※4"), ("（※4）", "※4"), ("（※４）", "※4"), ("(※5)", "※5"),
    ("( ※ 4 )", "※4"), ("　※12　", "※12"),
])
def test_each_form_of_a_footnote_absence(text: str, mark: str) -> None:
    assert parse_value(text) == Absent(AbsenceKind.FOOTNOTE, mark)


def test_a_mark_after_a_figure_is_a_footnote_never_a_unit() -> None:
    assert split_marks("3※") == ("3", ("※",))
    assert split_marks("３※１") == ("3", ("※1",))
    with pytest.raises(ValueParseError) as err:
        parse_value("3※")  # the bare parser reads no mark: it refuses, it does not make ※ the unit
    assert "注記" in err.value.message
    ind = Indicator(key="k", plan_id="p", node_key="n", kind=IndicatorKind.KPI, name="件数", unit="")
    typed = read_entry(ind, "3※")
    assert typed.value == Measured(Decimal(3)) and typed.marks == ("※",)


@pytest.mark.parametrize("text", ["※", "（※）", "--", "-—", "ーー-", "ｰｰ5"])
def test_what_is_no_mark_is_refused(text: str) -> None:
    with pytest.raises(ValueParseError):
        parse_value(text)


# --------------------------------------------------------------------------- printed → parsed
UNITS = st.sampled_from(["", "人", "%", "区画", "件", "千円", "ページ", "回", "kg", "箇所"])
@st.composite
def measured(draw: st.DrawFn) -> Measured:
    """A figure as the city prints one: any precision, unit, sign, 約 and 以上."""
    places = draw(st.integers(0, 4))
    number = Decimal(draw(st.integers(0, 10**12))).scaleb(-places)
    sign = draw(st.sampled_from(["", "+", "-", "▲", "△"]))
    if not number and sign in ("-", "▲", "△"):
        sign = ""  # (a minus zero prints as 0)
    signed = -number if sign in ("-", "▲", "△") else number
    return Measured(signed, draw(UNITS), sign, draw(st.sampled_from(["", "約", "概ね"])),
                    draw(st.sampled_from(["", "以上", "以下", "未満", "超", "程度", "前後"])))


absent = st.one_of(
    st.just(NO_SURVEY), st.just(NONE),
    st.integers(1, 99).map(lambda n: Absent(AbsenceKind.FOOTNOTE, f"※{n}")),
)


def _same(a: Value, b: Value) -> bool:
    if isinstance(a, Absent) or isinstance(b, Absent):
        return a == b
    return (a.number, str(a.number), a.unit, a.prefix, a.suffix) == (b.number, str(b.number), b.unit, b.prefix,
                                                                     b.suffix) and str(a) == str(b)


@settings(max_examples=1500)
@given(st.one_of(measured(), absent))
def test_what_is_printed_parses_back_to_the_same_value_and_kind(value: Value) -> None:
    again = parse_value(format_value(value))
    assert type(again) is type(value)
    assert _same(again, value), (value, str(value), again)


@settings(max_examples=800)
@given(st.one_of(measured(), absent), st.lists(st.sampled_from(["※", "※1", "※23", "*"]), max_size=2),
       st.sampled_from(["", " ", "\u3000"]))
def test_a_printed_cell_with_its_marks_reads_back(value: Value, marks: list[str], space: str) -> None:
    printed = f"{space}{format_value(value, marks)}{space}"  # as the window and the files print it
    body, found = split_marks(printed)
    assert found == tuple(marks)
    assert _same(parse_value(body), value)


@settings(max_examples=800)
@given(st.sampled_from(sorted(SHORT_DASHES)), st.sampled_from(sorted(LONG_DASHES)),
       st.sampled_from(["", " ", "\u3000", "\t"]))
def test_typed_dashes_read_as_their_kind_whatever_surrounds_them(short: str, long: str, space: str) -> None:
    assert parse_value(f"{space}{short}{space}") == NO_SURVEY
    assert parse_value(f"{space}{long}{space}") == NONE
