"""The start-up reader's parameters through libpq (store/libpq_read.py): as psycopg sends them, or
left to psycopg. `str(None)` sent the text 'None' where psycopg sends NULL (review, issue 27)."""

from __future__ import annotations

from datetime import date

import pytest

from kodaira_desk.store.libpq_read import NotHere, param_texts


def test_texts_whole_numbers_and_null_as_psycopg_sends_them() -> None:
    assert param_texts(["政策課", 2026, None, "", -1]) == ["政策課".encode(), b"2026", None, b"", b"-1"]


@pytest.mark.parametrize("value", [True, 1.5, date(2026, 4, 1), b"bytes", ("a",)])
def test_any_other_type_is_left_to_psycopg(value: object) -> None:
    with pytest.raises(NotHere):
        param_texts([value])
