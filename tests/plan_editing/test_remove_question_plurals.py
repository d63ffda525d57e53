"""The questions before removing an indicator or an item say their counts in English with the
plural form each takes (Qt's %n): 「its 1 values」 was asked of an indicator with one value (tester).
Asked in the real box, answered 「いいえ」 by its key: nothing removed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QPushButton

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import IndicatorKind
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.plan_editor import workbook as xl
from plan_editing.editor_kit import answer_when_asked, open_editor


def _asked_on_remove(qtbot, window, name: str) -> str:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window, size=(1366, 768))
    ind = next(i for i in load_plan(window.db, "program-2021").indicators if i.name == name)
    editor.plan_combo.setCurrentIndex(editor.plan_combo.findData("program-2021"))
    editor.select(ind.node_key)
    editor.indicator_combo.setCurrentIndex(editor.indicator_combo.findData(ind.key))
    seen: list[str] = []
    answer_when_asked(qtbot, seen, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    remove = editor.findChild(QPushButton, "indicator_remove")
    assert remove is not None
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert any(i.key == ind.key for i in load_plan(window.db, "program-2021").indicators)  # kept
    editor.close()
    return seen[0]


def test_the_remove_questions_say_one_value_and_several(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tree = load_plan(window.db, "program-2021")
    node = next(n for n in tree.nodes if tree.indicators_of(n.key))
    pe.save_indicator(window.db, "program-2021", None, pe.IndicatorDraft(
        node_key=node.key, name="一つだけの値", unit="人", kind=IndicatorKind.OUTCOME, number="9",
        baseline="5", baseline_year=FiscalYear(2020)))
    window.translations.apply("en")
    assert 'and its 1 value. Remove it?' in _asked_on_remove(qtbot, window, "一つだけの値")
    several = next(i for i in tree.indicators if len(i.values) > 1)
    assert f'and its {len(several.values)} values. Remove it?' in _asked_on_remove(qtbot, window, several.name)
    window.translations.apply("ja")
    assert "その値 1 件を削除します" in _asked_on_remove(qtbot, window, "一つだけの値")


def test_the_remove_item_question_in_english(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tree = load_plan(window.db, "program-2021")
    leaf = next(n for n in tree.nodes if not tree.children(n.key) and not tree.indicators_of(n.key))
    pe.add_node(window.db, "program-2021", leaf.key, "下の項目")  # one item under it, nothing else
    window.translations.apply("en")
    editor = open_editor(qtbot, window, size=(1366, 768))
    editor.plan_combo.setCurrentIndex(editor.plan_combo.findData("program-2021"))
    editor.select(leaf.key)
    seen: list[str] = []
    answer_when_asked(qtbot, seen, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    qtbot.mouseClick(editor.node_buttons["remove"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "with the 1 item under it, 0 indicators and " in seen[0]  # (its progress texts: values)
    assert load_plan(window.db, "program-2021").has_node(leaf.key)
    editor.close()


def test_the_import_locked_note_in_english(window) -> None:  # type: ignore[no-untyped-def]
    """取り込む's note on values of a fixed year (shown through the dialog in test_plan_workbook_ui)."""
    window.translations.apply("en")
    source = ("確定済みの年度の値が %n 件変わります（変更点の［確定済み］）。取り込むには修正の理由を入力して"
              "ください。修正として変更履歴に残り、この後に印刷する帳票は修正版になります。")
    said = [QCoreApplication.translate(xl.ImportPreviewDialog.__name__, source, "", n) for n in (1, 2)]
    assert said[0].startswith("1 value of a fixed") and "import it:" in said[0]
    assert said[1].startswith("2 values of a fixed") and "import them:" in said[1]
