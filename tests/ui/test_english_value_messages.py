"""In English, the message a clerk reads under the grid for a value that cannot be read is English,
whatever the domain (which knows no Qt) wrote it in (its template is translated in ui/)."""

from __future__ import annotations

import re

from grid_helpers import R2, cell, open_kpi, press, type_keys
from PySide6.QtCore import Qt

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

JAPANESE = re.compile(r"[\u3040-\u30ff]")  # kana: the indicator's own name may be in kanji
A = ValueKind.ACTUAL


def _type(qtbot, w: MainWindow, index, text: str) -> str:  # type: ignore[no-untyped-def]
    view = w.page.kpi.view
    view.setCurrentIndex(index)
    type_keys(qtbot, view, text)
    press(qtbot, view, Qt.Key.Key_Return)
    return w.page.kpi.message.text()


def _english(said: str) -> str:
    """The message after the cell's name (the indicator's name is the city's, in Japanese; the
    year's era too): the name's column said in English."""
    name, _, message = said.partition(": ")
    assert name == "市内体験農園の区画数, 令和2年度 Actual", said
    return message


def test_a_refused_value_is_explained_in_english(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.lang_actions["en"].trigger()
    open_kpi(w, "strategy-2015", "g1.a1")
    said = _english(_type(qtbot, w, cell(w, "g1.a1.k3", A, R2), "abc"))
    assert "abc" in said and "cannot be read as a number" in said
    assert not JAPANESE.search(said.replace("「", "").replace("」", "")), said
    said = _english(_type(qtbot, w, cell(w, "g1.a1.k3", A, R2), "12xyz"))  # the indicator counts 区画
    assert said == 'Wrong unit: the unit of "市内体験農園の区画数" is "区画" (typed: "xyz").'
    w.lang_actions["ja"].trigger()
    said = _type(qtbot, w, cell(w, "g1.a1.k3", A, R2), "abc")
    assert "数値として読めません" in said


def test_a_misplaced_thousands_separator_is_said_in_both_languages(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """"1,2345" is a comma in the wrong place, not a unit 「5」: the message under the grid says so."""
    w = window
    open_kpi(w, "strategy-2015", "g1.a1")
    said = _type(qtbot, w, cell(w, "g1.a1.k3", A, R2), "1,2345")
    assert "「1,2345」の桁区切り「,」の位置が正しくありません" in said and "単位" not in said
    w.lang_actions["en"].trigger()
    said = _english(_type(qtbot, w, cell(w, "g1.a1.k3", A, R2), "１２，３４"))
    assert 'thousands separator "," in the wrong place' in said and "unit" not in said
    assert not JAPANESE.search(said.replace("「", "").replace("」", "")), said
