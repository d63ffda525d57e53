import pytest
from hypothesis import given
from hypothesis import strategies as st

from kodaira_desk.domain.errors import FiscalYearError
from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("平成28年度", 2016),
        ("H28", 2016),
        ("h28", 2016),
        ("H28年度", 2016),
        ("令和元年度", 2019),
        ("平成31年度", 2019),  # the same fiscal year as 令和元年度
        ("平成32年度", 2020),  # written before the era changed: FY2020
        ("令和２年度", 2020),  # full-width digits
        ("令和2年度", 2020),
        ("R2", 2020),
        ("Ｒ２", 2020),
        ("2016", 2016),
        ("２０１６年度", 2016),
        ("FY2016", 2016),
        ("平成 26年度末", 2014),  # as the strategy prints its baseline column
        ("平成26年度末", 2014),
        ("昭和63年度", 1988),
        ("令和6年度", 2024),
    ],
)
def test_reads_every_form_the_documents_write(text: str, year: int) -> None:
    assert FiscalYear.parse(text).year == year


@pytest.mark.parametrize(
    ("year", "label", "short"),
    [
        (2016, "平成28年度", "H28"),
        (2019, "令和元年度", "R1"),
        (2018, "平成30年度", "H30"),
        (2020, "令和2年度", "R2"),
        (1989, "平成元年度", "H1"),
        (1988, "昭和63年度", "S63"),
    ],
)
def test_shows_the_era(year: int, label: str, short: str) -> None:
    fy = FiscalYear(year)
    assert fy.era_label() == label
    assert str(fy) == label
    assert fy.short_label() == short


@pytest.mark.parametrize(
    "text", ["", "令和", "平成0年度", "R0", "abc", "令和2年", "99", "3000年度", "平成二十八年度"]
)
def test_refuses_what_is_not_a_fiscal_year(text: str) -> None:
    if text == "令和2年":  # a calendar year written without 度 is read as that fiscal year
        assert FiscalYear.parse(text).year == 2020
        return
    with pytest.raises(FiscalYearError) as err:
        FiscalYear.parse(text)
    assert "年度" in err.value.message


@given(st.integers(min_value=1926, max_value=2200))
def test_era_label_reads_back(year: int) -> None:
    fy = FiscalYear(year)
    assert FiscalYear.parse(fy.era_label()) == fy
    assert FiscalYear.parse(fy.short_label()) == fy


def test_range_of_years() -> None:
    years = fiscal_years(FiscalYear.parse("R3"), FiscalYear.parse("R6"))
    assert [str(y) for y in years] == ["令和3年度", "令和4年度", "令和5年度", "令和6年度"]
