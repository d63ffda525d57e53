"""The parser's road for plain figures (`plain_number`, issue 27: most of a pasted block) reads
every text exactly as the general road does: the same value, printed the same, with the same
precision and sign, or the same refusal with the same message."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kodaira_desk.domain.entry import TypedValue, read_entry, read_general
from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, IndicatorKind, IndicatorValue, ValueKind
from kodaira_desk.domain.values import Measured, Value, parse_general, parse_value, plain_number

# digits of every width and script a keyboard or a pasted sheet may give, separators, signs,
# absence marks, footnote marks, units, qualifiers and spaces
_PIECES = [*"0123456789０１２３４５６７８９٣٤²,，.．-－‐−—―ーｰ▲△+＋※*＊ \u3000()（）人%％約以上",
           "1,234", "12,34", "1,2345", "0,123", "007", "1.", ".5", "1.40", "（※4）", "※4", "--", "——", "\t", "\n"]


def _figure_texts() -> st.SearchStrategy[str]:
    grouped = st.integers(min_value=0, max_value=10**15).map(lambda n: f"{n:,}")
    plain = st.integers(min_value=0, max_value=10**15).map(str)
    decimals = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False).map(str)
    figure = st.one_of(grouped, plain, decimals)
    wide = figure.map(lambda t: t.translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．")))
    around = st.tuples(st.sampled_from(["", " ", "-", "—", "▲", "約", "+"]), figure,
                       st.sampled_from(["", " ", "人", "％", "%", "※", "※1", "以上", "　"])).map("".join)
    pieces = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join)
    return st.one_of(figure, wide, around, pieces, st.text(max_size=8))


def _outcome(read: object, text: str) -> object:
    """What a road gives for `text`: its value with everything a reader sees, or its refusal."""
    try:
        value = read(text)  # type: ignore[operator]
    except ValueParseError as exc:
        return ("refused", exc.message)
    marks: tuple[str, ...] = ()
    if isinstance(value, TypedValue):
        value, marks = value.value, value.marks
    return (type(value), value, str(value), marks, _shape(value))


def _shape(value: Value) -> object:
    if isinstance(value, Measured):
        return (value.number.as_tuple(), value.unit, value.sign, value.prefix, value.suffix)
    return None


def _indicator(unit: str, unit_printed: bool) -> Indicator:
    printed = Measured(Decimal(12), unit if unit_printed else "")
    return Indicator(key="k", plan_id="p", node_key="n", kind=IndicatorKind.KPI, name="参加者数", unit=unit,
                     values=(IndicatorValue(ValueKind.ACTUAL, FiscalYear(2019), printed),))


@settings(max_examples=3000)
@given(_figure_texts())
def test_a_plain_figure_reads_as_the_general_road_reads_it(text: str) -> None:
    assert _outcome(parse_value, text) == _outcome(parse_general, text)


@settings(max_examples=1500)
@given(_figure_texts(), st.sampled_from(["", "人", "%", "千円"]), st.booleans())
def test_a_plain_figure_typed_into_a_cell_reads_as_the_general_road_reads_it(
        text: str, unit: str, unit_printed: bool) -> None:
    indicator = _indicator(unit, unit_printed)
    assert _outcome(lambda t: read_entry(indicator, t), text) == _outcome(lambda t: read_general(indicator, t), text)


def test_only_plain_ascii_figures_take_the_short_road() -> None:
    assert plain_number("1,234") == Measured(Decimal("1234"))
    assert plain_number("1.40") is not None and str(plain_number("1.40")) == "1.40"
    for text in ("１，２３４", "1,234人", " 1,234", "12,34", "-5", "٣", "1.", ".5", "1,234※", "—", ""):
        assert plain_number(text) is None, text
    # the indicator's unit is given as the general road gives it (270区画 printed with its unit)
    assert read_entry(_indicator("人", True), "1,234").value == Measured(Decimal("1234"), "人")
    assert read_entry(_indicator("人", False), "1,234").value == Measured(Decimal("1234"))


def _fresh(value: Measured) -> str:
    """The value printed from its fields (a new object: no text kept from its reading)."""
    return str(Measured(value.number, value.unit, value.sign, value.prefix, value.suffix))


@settings(max_examples=1500)
@given(_figure_texts(), st.sampled_from(["", "人", "%", "千円"]))
def test_a_figure_kept_with_the_text_it_was_read_from_prints_as_its_fields_print(text: str, unit: str) -> None:
    """A plain figure already written as it prints keeps that text (issue 27: not printed again for
    the widths and the repaint); whatever it keeps is what its fields print, with a unit too."""
    value = plain_number(text)
    if value is None:
        return
    assert str(value) == _fresh(value)
    with_unit = value.with_unit(unit)
    assert str(with_unit) == _fresh(with_unit)


def test_only_a_figure_written_as_it_prints_keeps_its_text() -> None:
    for text, printed in (("1,234", "1,234"), ("1234", "1,234"), ("007", "7"), ("0.50", "0.50"), ("0", "0"),
                          ("012,345", "12,345"), ("00.5", "0.5"), ("1,000,000.25", "1,000,000.25")):
        value = plain_number(text)
        assert value is not None and str(value) == printed == _fresh(value), text
        assert str(value.with_unit("人")) == printed + "人"
