"""禁則処理: the line breaker, on the city's words and on random text (Hypothesis)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kodaira_desk.paths import resources_dir
from kodaira_desk.reports.common import GOTHIC, MINCHO, register_fonts
from kodaira_desk.reports.typeset import CANNOT_END, CANNOT_START, break_lines

SIZE = 8.0


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts(Path(resources_dir()) / "fonts")


def width(text: str, font: str = MINCHO) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, SIZE))


@pytest.mark.parametrize(("text", "cells"), [
    ("地域の「子育て支援」を推進", 5.2),
    ("週1回以上フレイル予防に取り組むグループ数", 10.5),
    ("実績（見込）の値", 4.2),
    ("参加者数1,234人を目標とする", 6.3),
    ("都市計画課（地域整備支援課）", 6.2),
])
def test_the_cases_found_in_the_handouts(text: str, cells: float) -> None:
    lines = break_lines(text, MINCHO, SIZE, SIZE * cells)
    assert "".join(lines) == text
    for line in lines:
        assert line[0] not in CANNOT_START and line[-1] not in CANNOT_END, lines
    joined = "|".join(lines)
    for word in ("グループ", "1,234人", "（見込）", "1回", "以上"):
        if word in text:
            assert word in joined, lines


@pytest.mark.parametrize("cells", [7.2, 8.0, 9.5, 11.0])  # the word is 7.1 cells wide
def test_a_unit_after_a_space_stays_with_its_number(cells: float) -> None:
    """004 prints 「5,823,258 千円」: wherever the width runs out, the line never parts 千円 from its
    number, nor 千 from 円 (the program year's 費用 printed 「5,823,258 千／円」)."""
    text = "費用 5,823,258 千円 見込み"
    lines = break_lines(text, MINCHO, SIZE, SIZE * cells)
    assert "5,823,258 千円" in "|".join(lines), lines
    assert all(width(line) <= SIZE * cells + 0.01 for line in lines)


def test_a_word_longer_than_the_line_is_cut_rather_than_lost() -> None:
    lines = break_lines("ABCDEFGHIJKLMNOPQRSTUVWXYZ", GOTHIC, SIZE, SIZE * 4)
    assert "".join(lines) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ" and len(lines) > 1
    assert all(width(line, GOTHIC) <= SIZE * 4 + 0.01 for line in lines)


def test_line_breaks_in_the_text_are_kept() -> None:
    assert break_lines("子育て支援課\n（学務課）", MINCHO, SIZE, 200) == ["子育て支援課", "（学務課）"]


_WORDS = list("あいうえおかきくけこ市民協働推進課ーっゃグループ「」『』（）【】、。・1234567890,人ABCxyz")
_CHARS = st.sampled_from([*_WORDS, " "])


@settings(max_examples=200, deadline=None)
@given(st.text(_CHARS, min_size=1, max_size=80), st.floats(min_value=3, max_value=30))
def test_random_text_keeps_every_character_within_the_width(text: str, cells: float) -> None:
    limit = SIZE * cells
    lines = break_lines(text, MINCHO, SIZE, limit)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert width(line) <= limit + 0.01


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(_WORDS), min_size=1, max_size=80), st.floats(min_value=3, max_value=30))
def test_random_text_keeps_the_rules(text: str, cells: float) -> None:
    limit = SIZE * cells
    lines = break_lines(text, MINCHO, SIZE, limit)
    assert "".join(lines) == text
    # a rule gives way only where a line could not be filled otherwise (a run longer than the line)
    for before, after in itertools.pairwise(lines):
        if width(before + after[0]) <= limit:
            assert before[-1] not in CANNOT_END and after[0] not in CANNOT_START, lines


@pytest.mark.parametrize("cells", [11.0, 12.0, 14.0])
def test_a_reference_mark_stays_with_what_it_marks(cells: float) -> None:
    """A ※ introduces its note (004: 「生活支援体制整備事業 ※令和5年度までは介護保険事業特別会計で実施」):
    it never ends a line, as an opening bracket never does (the program year printed 「…整備事業 ※」 and
    「令和5年度までは…」 under it)."""
    text = "生活支援体制整備事業 ※令和5年度までは介護保険事業特別会計で実施"
    lines = break_lines(text, MINCHO, SIZE, SIZE * cells)
    assert not any(line.rstrip().endswith("※") for line in lines), lines
    assert "※令和5年度" in "|".join(lines), lines
    assert all(width(line) <= SIZE * cells + 0.01 for line in lines)
