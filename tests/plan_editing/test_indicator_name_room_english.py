"""計画の編集 in English at 1366×768 (tester 2026-12-07, on a real X server): the longer English labels
(「Related departments (separated by 、)」) take the indicator form's room, and the 指標名 box is left
about 110 px wide beside Unit and Cumulative: 「週1回以上フレイル予防に取り組むグループ数」 shows as
「組むグループ数」, the start cut off. In Japanese the same box is about 240 px. The box should have
room for at least 15 characters of a Japanese name in either language."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from plan_editing.editor_kit import open_editor


def _name_box_room(qtbot, window) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window, size=(1366, 768))
    tree = editor.tree
    assert tree is not None
    node = next(n for n in tree.nodes if tree.indicators_of(n.key))
    editor.select(node.key)
    qtbot.wait(50)
    box = editor.indicator_form.findChild(QLineEdit, "indicatorName")
    assert box is not None and box.isVisible()
    need = box.fontMetrics().horizontalAdvance("週" * 15)
    width = box.width()
    editor.close()
    return width, need


def test_the_indicator_name_box_has_room_in_english(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.translations.apply("en")
    en, need = _name_box_room(qtbot, window)
    assert en >= need, f"English: the name box is {en} px for {need} px of 15 characters"


def test_the_indicator_name_box_has_room_in_japanese(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    ja, need = _name_box_room(qtbot, window)
    assert ja >= need, f"Japanese: the name box is {ja} px for {need} px of 15 characters"
