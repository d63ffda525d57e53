"""Clipboard text as spreadsheets write it: whatever the cells hold, a copy pastes back the same."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kodaira_desk.ui.forms.clipboard import format_tsv, is_block, parse_tsv, quoted_cell

cells = st.text(alphabet=st.sampled_from(list('0１２,.%人区画-—（※4）以上△+\t\n"ab ')), max_size=8)


@given(st.lists(st.lists(cells, min_size=2, max_size=5), min_size=1, max_size=6).filter(
    lambda rows: len({len(r) for r in rows}) == 1))
def test_copy_then_paste_gives_the_same_cells(rows: list[list[str]]) -> None:
    assert parse_tsv(format_tsv(rows)) == rows


def test_excel_block_with_a_quoted_cell_holding_a_line_break() -> None:
    text = '新規\t"1行目\n2行目"\t3人\r\n4\t-\t（※4）\r\n'
    assert parse_tsv(text) == [["新規", "1行目\n2行目", "3人"], ["4", "-", "（※4）"]]
    assert is_block(text)
    assert not is_block("6人\r\n") and not is_block('"a\nb"')


def test_trailing_blank_lines_are_not_rows_whatever_the_line_ends() -> None:
    for end in ("\n", "\r\n", "\r"):
        assert parse_tsv(f"5人{end}{end}{end}") == [["5人"]]
        assert not is_block(f"5人{end}{end}")
        assert parse_tsv(f"1{end}{end}2{end}{end}") == [["1"], [""], ["2"]]  # a blank row between stays
        assert parse_tsv(f"1\t2{end}\t{end}{end}") == [["1", "2"], ["", ""]]  # copied empty cells stay
    assert parse_tsv("\n\n") == [] and parse_tsv('5\n""\n') == [["5"], [""]]


def test_one_quoted_spreadsheet_cell_gives_its_text() -> None:
    assert quoted_cell('"・講演会\n・参加者（""講座""）"\r\n') == '・講演会\n・参加者（"講座"）'
    assert quoted_cell('"a\r\nb"') == "a\nb"
    for typed in ('"女性再就職"講座を開催', "・講演会\n", '"a"\t"b"\n', '"a"\n"b"\n', '"unclosed\n'):
        assert quoted_cell(typed) is None, typed  # a text box takes these as they are
