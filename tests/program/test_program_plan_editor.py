"""Issue 31 in the plan editor: the 担当課 chosen from the city's 課 (a mistyped one is refused and a new
one is a deliberate step; Enter in the box presses no button), what a plan asks each year set and
undone, 「所管課未設定」 shown with the proposed 課, and the next program's copy saying what is left
to decide."""

from __future__ import annotations

from program_kit import clerk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton

from kodaira_desk.domain.model import Role
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
from kodaira_desk.ui.window.main_window import MainWindow

P = "program-2021"
SHIMIN = "市民協働・男女参画推進課"


def _editor(qtbot, w: MainWindow) -> PlanEditorDialog:  # type: ignore[no-untyped-def]
    editor = w.show_plan_editor()
    assert isinstance(editor, PlanEditorDialog)
    qtbot.waitExposed(editor)
    editor.plan_combo.setCurrentIndex(editor.plan_combo.findData(P))
    return editor


def _select(qtbot, editor: PlanEditorDialog, key: str) -> None:  # type: ignore[no-untyped-def]
    index = editor.model.index_of(key)
    editor.view.scrollTo(index)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=editor.view.visualRect(index).center())
    assert editor.current_key() == key


def _click(qtbot, parent, name: str) -> None:  # type: ignore[no-untyped-def]
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _open_dialogs() -> list[str]:
    return [w.objectName() for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def test_a_mistyped_department_is_refused_and_a_new_one_is_deliberate(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, window)
    _select(qtbot, editor, "p1.j2")
    line = editor.node_lead.lineEdit()
    line.selectAll()
    clerk.type_text(qtbot, line, "存在しない課")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # Enter stays in the box: no 新しい計画 dialog
    assert "newPlanDialog" not in _open_dialogs()
    _click(qtbot, editor, "nodeApply")
    assert "存在しない課" in editor.message.text() and "一覧" in editor.message.text()
    assert load_plan(window.db, P).node("p1.j2").lead_departments() == [SHIMIN]
    assert "存在しない課" not in [d.name for d in pe.list_departments(window.db)]
    # the deliberate step: 新しい課… names it, then it can be chosen
    _click(qtbot, editor, "nodeLeadNew")
    dialog = editor.findChild(QDialog, "newDepartmentDialog")
    assert dialog is not None and dialog.findChild(QLineEdit, "newDepartmentName").text() == "存在しない課"
    clerk.type_text(qtbot, dialog.findChild(QLineEdit, "newDepartmentReading"), "そんざいしないか")
    _click(qtbot, dialog, "newDepartmentOk")
    assert editor.node_lead.currentText() == "存在しない課"
    _click(qtbot, editor, "nodeApply")
    assert load_plan(window.db, P).node("p1.j2").lead_departments() == ["存在しない課"]
    editor.close()


def test_what_the_plan_asks_each_year_is_set_and_undone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, window)
    assert "主要事業: 進捗状況、実施内容、決算額" in editor.levels_label.text()
    _click(qtbot, editor, "roundSettingButton")
    dialog = editor.findChild(QDialog, "roundSettingDialog")
    assert dialog is not None
    qtbot.mouseClick(dialog.settlement, Qt.MouseButton.LeftButton)  # no 決算額 any more
    assert "決算額" not in dialog.summary.text()
    _click(qtbot, dialog, "roundSettingOk")
    setting = load_plan(window.db, P).plan.round
    assert (setting.level, setting.status, setting.narrative, setting.settlement) == (2, True, "実施内容", False)
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert load_plan(window.db, P).plan.round.settlement
    editor.close()


def test_an_indicator_without_a_department_shows_it_and_the_proposal(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ind = load_plan(window.db, P).indicator("p6.k2")
    editor = _editor(qtbot, window)
    form = editor.indicator_form
    assert not form.proposal.isVisibleTo(editor)  # nothing chosen yet: no empty line's gap under 所管課
    _select(qtbot, editor, "p6")
    editor.indicator_combo.setCurrentIndex(editor.indicator_combo.findData("p6.k2"))
    form.lead.setCurrentText("")
    _click(qtbot, editor, "indicator_save")
    assert not [d for d in load_plan(window.db, P).indicator("p6.k2").departments if d.role is Role.LEAD]
    label = editor.indicator_combo.itemText(editor.indicator_combo.findData("p6.k2"))
    assert label == f"{ind.name}（所管課未設定）"
    assert "所管課未設定" in form.proposal.text() and SHIMIN in form.proposal.text()
    assert form.proposal.isVisibleTo(editor)
    editor.resize(700, 700)  # the red line wraps: every line shown, none cut at the top
    qtbot.waitUntil(lambda: form.proposal.width() < form.proposal.fontMetrics().horizontalAdvance(form.proposal.text()))
    QApplication.processEvents()
    assert form.proposal.height() >= form.proposal.heightForWidth(form.proposal.width())
    _click(qtbot, form, "indicatorUseProposal")
    assert form.lead.currentText() == SHIMIN
    _click(qtbot, editor, "indicator_save")
    leads = [d.department for d in load_plan(window.db, P).indicator("p6.k2").departments if d.role is Role.LEAD]
    assert leads == [SHIMIN]
    assert not form.proposal.isVisibleTo(editor)  # no line left empty under 所管課 (a gap a line high)
    editor.close()


def test_the_next_program_says_what_is_left_to_decide(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, window)
    _click(qtbot, editor, "nextPeriodButton")
    dialog = editor.findChild(QDialog, "newPlanDialog")
    assert dialog is not None
    ident = dialog.findChild(QLineEdit, "newPlanId")
    ident.clear()
    clerk.type_text(qtbot, ident, "program-2025")
    clerk.choose(dialog.first, "令和7年度")
    clerk.choose(dialog.last, "令和10年度")
    assert dialog.footnotes.isChecked() and "9" in dialog.footnotes.text()
    _click(qtbot, dialog, "newPlanCreate")
    assert editor.plan_id() == "program-2025"
    assert "目標値" in editor.message.text() and "注記 9 件" in editor.message.text()
    copied = load_plan(window.db, "program-2025")
    assert len(copied.footnotes) == 9 and sum(1 for n in copied.nodes if n.budget is not None) == 39
    editor.close()
