from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.domain.values import AbsenceKind, Absent, Measured, parse_value, split_marks


@pytest.mark.parametrize(
    ("text", "number", "unit", "printed"),
    [
        ("80.9%", "80.9", "%", "80.9%"),
        ("80.9％", "80.9", "%", "80.9%"),
        ("+1,170人", "1170", "人", "+1,170人"),
        ("＋460人", "460", "人", "+460人"),
        ("1.40", "1.40", "", "1.40"),  # precision is kept
        ("83.0%", "83.0", "%", "83.0%"),
        ("0人", "0", "人", "0人"),  # a real zero is a value
        ("7,944人", "7944", "人", "7,944人"),
        ("３６５区画", "365", "区画", "365区画"),  # typed in full width
        ("6,225,723", "6225723", "", "6,225,723"),
        ("1,234 件", "1234", "件", "1,234件"),
        ("-5人", "-5", "人", "-5人"),
        ("▲12", "-12", "", "▲12"),
    ],
)
def test_numbers_keep_what_the_reader_sees(text: str, number: str, unit: str, printed: str) -> None:
    v = parse_value(text)
    assert isinstance(v, Measured)
    assert v.number == Decimal(number)
    assert str(v.number) == number  # the same digits, not only the same amount
    assert v.unit == unit
    assert str(v) == printed


def test_qualifiers() -> None:
    v = parse_value("4以上")
    assert isinstance(v, Measured)
    assert (v.number, v.suffix, str(v)) == (Decimal(4), "以上", "4以上")
    v = parse_value("約5,000部")
    assert isinstance(v, Measured)
    assert (v.prefix, v.unit, str(v)) == ("約", "部", "約5,000部")


@pytest.mark.parametrize(
    ("text", "kind", "mark", "printed"),
    [
        ("-", AbsenceKind.NO_SURVEY, None, "-"),
        ("－", AbsenceKind.NO_SURVEY, None, "-"),
        ("—", AbsenceKind.NONE, None, "—"),
        ("―", AbsenceKind.NONE, None, "—"),
        ("（※4）", AbsenceKind.FOOTNOTE, "※4", "（※4）"),
        ("(※5)", AbsenceKind.FOOTNOTE, "※5", "（※5）"),
        ("※4", AbsenceKind.FOOTNOTE, "※4", "（※4）"),
    ],
)
def test_absences_are_values_of_their_own_kind(
    text: str, kind: AbsenceKind, mark: str | None, printed: str
) -> None:
    v = parse_value(text)
    assert v == Absent(kind, mark)
    assert str(v) == printed


@pytest.mark.parametrize("text", ["abc", "", "  ", "1,23人", "12abc34", "（※）", "1.2.3", "人"])
def test_refuses_nonsense_with_a_japanese_message(text: str) -> None:
    with pytest.raises(ValueParseError) as err:
        parse_value(text)
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in err.value.message)


def test_marks_after_a_value_are_split_off() -> None:
    assert split_marks("80.9％※") == ("80.9%", ("※",))
    assert split_marks("＋460人※1") == ("+460人", ("※1",))
    assert split_marks("27.0*") == ("27.0", ("*",))
    assert split_marks("（※4）") == ("(※4)", ())
    assert split_marks("1,234人") == ("1,234人", ())


@given(
    st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "人", "%", "区画", "件", "千円"]),
    st.booleans(),
)
def test_printing_reads_back_to_the_same_value(number: Decimal, unit: str, plus: bool) -> None:
    sign = "+" if plus and number > 0 else ""
    v = Measured(number, unit, sign)
    again = parse_value(str(v))
    assert again == Measured(number, unit, sign if sign else ("-" if number < 0 else ""))
    assert str(again) == str(v)
