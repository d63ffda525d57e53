"""The policy division builds a plan in the window, clicking and typing, then the database is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPushButton

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Revision, Role, ValueKind
from kodaira_desk.domain.targets import target_versions
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.export import dumps, to_jsonable
from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
from kodaira_desk.ui.plan_editor.model import KEY_ROLE
from plan_editing.editor_kit import open_editor

FY = FiscalYear.parse


def _click(qtbot, parent, name: str) -> None:  # type: ignore[no-untyped-def]
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


_TYPE = []


@pytest.fixture(autouse=True)
def _typing(type_text) -> None:  # type: ignore[no-untyped-def]
    _TYPE[:] = [type_text]


def _type(qtbot, parent, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = parent.findChild(QLineEdit, name)
    assert edit is not None, name
    edit.clear()
    _TYPE[0](qtbot, edit, text)


def _choose(parent, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    box = parent.findChild(QComboBox, name)
    assert box is not None, name
    i = box.findText(text)
    assert i >= 0, (name, text)
    box.setCurrentIndex(i)


def _select(editor: PlanEditorDialog, title: str) -> str:
    tree = editor.tree
    assert tree is not None
    key = next(n.key for n in tree.nodes if n.title == title)
    index = editor.model.index_of(key)
    editor.view.setCurrentIndex(index)
    assert editor.current_key() == key
    return key


def _open(qtbot, window) -> PlanEditorDialog:  # type: ignore[no-untyped-def]
    return open_editor(qtbot, window, size=(1366, 768))


def test_a_plan_built_from_nothing_in_the_window(qtbot, qtmodeltester, window) -> None:  # type: ignore[no-untyped-def]
    editor = _open(qtbot, window)
    db = editor.workspace.db
    _click(qtbot, editor, "newPlanButton")
    dialog = editor.findChild(QDialog, "newPlanDialog")
    assert dialog is not None, [c.objectName() for c in editor.findChildren(QDialog)]
    _type(qtbot, dialog, "newPlanId", "kids-2025")
    _type(qtbot, dialog, "newPlanTitle", "子ども・子育て計画")
    _choose(dialog, "newPlanFirst", "令和7年度")
    _choose(dialog, "newPlanLast", "令和11年度")
    _type(qtbot, dialog, "newPlanLevels", "基本目標／施策")
    dialog.findChild(type(dialog.kinds[next(iter(dialog.kinds))]), "newPlanKind_kpi_status").setChecked(True)
    _click(qtbot, dialog, "newPlanCreate")
    assert editor.plan_id() == "kids-2025"

    for title in ("安心して子育てできるまち", "子どもが育つまち"):
        _type(qtbot, editor, "newNodeTitle", title)
        _click(qtbot, editor, "node_addTop")
    _select(editor, "安心して子育てできるまち")
    for title in ("保育の充実", "相談の充実"):
        _type(qtbot, editor, "newNodeTitle", title)
        _select(editor, "安心して子育てできるまち")
        _click(qtbot, editor, "node_addChild")
    _select(editor, "子どもが育つまち")
    _type(qtbot, editor, "newNodeTitle", "居場所づくり")
    _click(qtbot, editor, "node_addChild")
    qtmodeltester.check(editor.model)

    # a lead department and an indicator with baseline and targets on 保育の充実
    m1 = _select(editor, "保育の充実")
    editor.node_lead.setCurrentText("")
    _TYPE[0](qtbot, editor.node_lead.lineEdit(), "保育課")
    _click(qtbot, editor, "nodeApply")
    form = editor.indicator_form
    _type(qtbot, form, "indicatorName", "待機児童数")
    _type(qtbot, form, "indicatorUnit", "人")
    _TYPE[0](qtbot, form.lead.lineEdit(), "保育課")
    _type(qtbot, form, "indicatorBaseline", "12人")
    _choose(form, "indicatorBaselineYear", "令和6年度")
    _type(qtbot, form, "indicatorBaselineAsOf", "令和6年4月1日現在")
    _type(qtbot, form, "target_2027", "5")
    _type(qtbot, form, "target_2029", "0")
    _TYPE[0](qtbot, form.notes, "※1 各年4月1日現在")
    _click(qtbot, editor, "indicator_save")
    assert editor.message.text() == ""
    m2 = _select(editor, "相談の充実")
    _type(qtbot, form, "indicatorName", "相談件数")
    _type(qtbot, form, "indicatorUnit", "件")
    _type(qtbot, form, "target_2029", "1,200件")
    _click(qtbot, editor, "indicator_save")
    editor.node_lead.setCurrentText("")
    _TYPE[0](qtbot, editor.node_lead.lineEdit(), "子育て支援課")
    _click(qtbot, editor, "nodeApply")

    tree = load_plan(db, "kids-2025")
    assert tree.plan.levels == ("基本目標", "施策")
    assert [n.title for n in tree.children(None)] == ["安心して子育てできるまち", "子どもが育つまち"]
    assert [n.title for n in tree.children(tree.node(m1).parent_key)] == ["保育の充実", "相談の充実"]
    assert tree.node(m1).lead_departments() == ["保育課"]
    assert tree.node(m2).lead_departments() == ["子育て支援課"]
    wait = next(i for i in tree.indicators if i.name == "待機児童数")
    assert wait.departments[0].department == "保育課" and wait.departments[0].role is Role.LEAD
    base = wait.value(ValueKind.BASELINE, FY("令和6年度"))
    assert base is not None and str(base.value) == "12人" and base.as_of == "令和6年4月1日現在"
    assert [str(v.value) for v in wait.values_of(ValueKind.TARGET)] == ["5人", "0人"]
    assert pe.indicator_notes(tree, wait.key) == (("※1", "各年4月1日現在"),)

    # 再設定 of the R9 target, with its reason
    _select(editor, "保育の充実")
    editor.revise_target()
    rev = editor.findChild(QDialog, "revisionDialog")
    _choose(rev, "revisionYear", "令和9年度")
    _type(qtbot, rev, "revisionValue", "3")
    _type(qtbot, rev, "revisionReason", "待機児童の減少が早いため")
    _click(qtbot, rev, "revisionOk")
    wait = load_plan(db, "kids-2025").indicator(wait.key)
    assert [(v.revision, str(v.value), v.note) for v in target_versions(wait, FY("令和9年度"))] == [
        (Revision.ORIGINAL, "5人", None), (Revision.RESET, "3人", "待機児童の減少が早いため")]
    assert "3人" in form.revised[FY("令和9年度")].full_text()

    # move 相談の充実 up, then undo
    _select(editor, "相談の充実")
    _click(qtbot, editor, "node_up")
    tree = load_plan(db, "kids-2025")
    assert [n.title for n in tree.children(tree.node(m1).parent_key)] == ["相談の充実", "保育の充実"]
    _click(qtbot, editor, "planUndo")
    tree = load_plan(db, "kids-2025")
    assert [n.title for n in tree.children(tree.node(m1).parent_key)] == ["保育の充実", "相談の充実"]
    _click(qtbot, editor, "planRedo")
    tree = load_plan(db, "kids-2025")
    assert [n.title for n in tree.children(tree.node(m1).parent_key)] == ["相談の充実", "保育の充実"]

    # renumbering is asked for, never silent
    assert [n.number for n in tree.children(tree.node(m1).parent_key)] == ["2", "1"]
    _select(editor, "相談の充実")
    _click(qtbot, editor, "node_renumber")
    tree = load_plan(db, "kids-2025")
    assert [n.number for n in tree.children(tree.node(m1).parent_key)] == ["1", "2"]
    editor.close()


def test_removing_a_city_node_asks_and_undo_brings_it_back(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = _open(qtbot, window)
    _choose(editor, "planCombo", load_plan(editor.workspace.db, "strategy-2015").plan.title)
    before = dumps({"t": to_jsonable(load_plan(editor.workspace.db, "strategy-2015"))})
    asked: list[str] = []
    editor.ask = lambda title, text: asked.append(text) is None and False  # type: ignore[method-assign]
    tree = editor.tree
    assert tree is not None
    title = tree.node("g1.a1").title
    _select(editor, title)
    _click(qtbot, editor, "node_remove")
    assert asked and "元に戻す" in asked[0]  # refused: nothing removed
    assert load_plan(editor.workspace.db, "strategy-2015").has_node("g1.a1")
    editor.ask = lambda *_a: True  # type: ignore[method-assign]
    _select(editor, title)
    _click(qtbot, editor, "node_remove")
    assert not load_plan(editor.workspace.db, "strategy-2015").has_node("g1.a1")
    _click(qtbot, editor, "planUndo")
    assert dumps({"t": to_jsonable(load_plan(editor.workspace.db, "strategy-2015"))}) == before
    editor.close()


def test_a_merge_from_r7_in_the_departments_tab(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = _open(qtbot, window)
    editor.tabs.setCurrentIndex(1)
    panel = editor.departments
    _choose(panel, "reorgKind", "統合（複数の課を一つに）")
    _choose(panel, "reorgYear", "令和7年度")
    _type(qtbot, panel, "reorgSources", "産業振興課、文化スポーツ課")
    _type(qtbot, panel, "reorgTargets", "地域振興課")
    _click(qtbot, panel, "reorgRun")
    assert editor.message.text() == ""
    assert "地域振興課" in panel.history.text()
    db = editor.workspace.db
    r6 = pe.plan_in_year(db, "strategy-2015", FY("令和6年度"))
    r7 = pe.plan_in_year(db, "strategy-2015", FY("令和7年度"))
    held = [n.key for n in r6.nodes if "産業振興課" in n.lead_departments()]
    assert held and all("地域振興課" in r7.node(k).lead_departments() for k in held)
    assert not any("産業振興課" in n.lead_departments() for n in r7.nodes)
    # reading and code of the new 課
    view = panel.view
    row = next(i for i, d in enumerate(panel.model.rows) if d.name == "地域振興課")
    view.selectRow(row)
    _type(qtbot, panel, "departmentReading", "ちいきしんこうか")
    _type(qtbot, panel, "departmentCode", "0310")
    _click(qtbot, panel, "departmentSave")
    d = next(d for d in pe.list_departments(db) if d.name == "地域振興課")
    assert (d.reading, d.code) == ("ちいきしんこうか", "0310")
    _click(qtbot, editor, "planUndo")
    assert all("産業振興課" in load_plan(db, "strategy-2015").node(k).lead_departments() for k in held)
    editor.close()


def test_an_unknown_move_is_refused_with_its_reason(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = _open(qtbot, window)
    tree = editor.tree
    assert tree is not None
    first = tree.children(None)[0]
    _select(editor, first.title)
    _click(qtbot, editor, "node_up")
    assert "上へ移動できません" in editor.message.text()
    assert not editor.undo_stack.canUndo()
    assert editor.view.currentIndex().data(KEY_ROLE) == first.key
    editor.close()


def test_never_in_a_department_file(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from PySide6.QtWidgets import QApplication

    from kodaira_desk.services.database import open_database
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import Answer, MainWindow

    con = sqlite3.connect(db_path)
    con.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [
        ("file_kind", "department"), ("department", "産業振興課"), ("fiscal_year", "2020"),
        ("handout_id", "h-1")])
    con.commit()
    con.close()
    tr = Translations(QApplication.instance())  # type: ignore[arg-type]
    tr.apply("ja")
    w = MainWindow(open_database(db_path, create=False), Settings(), tr)
    w.show()
    assert not w.menu_round.menuAction().isVisible()
    assert w.show_plan_editor() is None
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    w.close()
    w.db.dispose()


def test_the_editor_speaks_english(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.translations.apply("en")
    editor = _open(qtbot, window)
    assert editor.windowTitle() == "Edit plans"
    assert editor.findChild(QPushButton, "node_indent").text() == "→ &Indent"
    assert editor.model.headerData(0, Qt.Orientation.Horizontal) == "Number and title"
    editor.close()


def test_a_split_asks_where_each_item_goes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = _open(qtbot, window)
    editor.tabs.setCurrentIndex(1)
    panel = editor.departments
    _choose(panel, "reorgKind", "分割（一つの課を複数に）")
    _choose(panel, "reorgYear", "令和7年度")
    _type(qtbot, panel, "reorgSources", "産業振興課")
    _type(qtbot, panel, "reorgTargets", "農業振興課、商工振興課")
    _click(qtbot, panel, "reorgRun")
    split = panel.findChild(QDialog, "splitDialog")
    assert split is not None
    items = list(split.choices)
    _choose(split, "split_1", "商工振興課")
    _click(qtbot, split, "splitOk")
    assert editor.message.text() == ""
    now = load_plan(editor.workspace.db, "strategy-2015")
    kind, plan, key = items[1].split(":", 2)
    assert kind == "node" and plan == "strategy-2015"
    assert "商工振興課" in now.node(key).lead_departments()
    first = items[0].split(":", 2)[2]
    assert "農業振興課" in now.node(first).lead_departments()
    r6 = pe.plan_in_year(editor.workspace.db, "strategy-2015", FY("令和6年度"))
    assert "産業振興課" in r6.node(key).lead_departments()
    editor.close()


def test_drag_a_measure_under_another_policy(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """What the tree view does on a drop: the model's dropMimeData with the dragged node's data."""
    editor = _open(qtbot, window)
    _choose(editor, "planCombo", load_plan(editor.workspace.db, "strategy-2015").plan.title)
    db = editor.workspace.db
    model = editor.model
    source = model.index_of("g1.a1.m2")
    target = model.index_of("g1.a2")
    data = model.mimeData([source])
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target)
    qtbot.waitUntil(lambda: load_plan(db, "strategy-2015").node("g1.a1.m2").parent_key == "g1.a2", timeout=3000)
    tree = load_plan(db, "strategy-2015")
    assert tree.children("g1.a2")[0].key == "g1.a1.m2"
    assert tree.node("g1.a1.m2").number == "2"  # numbers stay until renumbered on request
    _click(qtbot, editor, "planUndo")
    assert load_plan(db, "strategy-2015").node("g1.a1.m2").parent_key == "g1.a1"
    # a node cannot go into its own subtree
    assert not model.dropMimeData(model.mimeData([model.index_of("g1.a1")]), Qt.DropAction.MoveAction, 0, 0,
                                  model.index_of("g1.a1.m1"))
    qtbot.waitUntil(lambda: "その下の項目" in editor.message.text(), timeout=3000)
    editor.close()


def test_the_next_period_in_the_window_and_its_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.services.plans import list_plans

    editor = _open(qtbot, window)
    db = editor.workspace.db
    _choose(editor, "planCombo", load_plan(db, "strategy-2015").plan.title)
    _click(qtbot, editor, "nextPeriodButton")
    dialog = editor.findChild(QDialog, "newPlanDialog")
    assert dialog is not None
    _type(qtbot, dialog, "newPlanId", "strategy-2025")
    _type(qtbot, dialog, "newPlanTitle", "第2期 総合戦略")
    _choose(dialog, "newPlanFirst", "令和7年度")
    _choose(dialog, "newPlanLast", "令和11年度")
    dialog.baselines.setChecked(True)
    _click(qtbot, dialog, "newPlanCreate")
    assert editor.plan_id() == "strategy-2025"
    new = load_plan(db, "strategy-2025")
    old = load_plan(db, "strategy-2015")
    assert [n.title for n in new.nodes] == [n.title for n in old.nodes]
    assert all(v.kind is ValueKind.BASELINE for i in new.indicators for v in i.values)
    _click(qtbot, editor, "planUndo")
    assert "strategy-2025" not in [pid for pid, _ in list_plans(db)]
    assert editor.plan_id() != "strategy-2025"
    _click(qtbot, editor, "planRedo")
    assert load_plan(db, "strategy-2025").plan.title == "第2期 総合戦略"
    editor.close()


def test_closing_with_typing_not_saved_asks_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """An indicator's name typed and Escape pressed (指標を保存 not pressed): the editor asks; 「いいえ」
    keeps it open with the typing, 「はい」 closes without writing it. (Nothing typed: no question, as
    the other tests close it.)"""
    editor = _open(qtbot, window)
    assert editor.tree is not None
    node = next(n for n in editor.tree.nodes if editor.tree.indicators_of(n.key))
    editor.select(node.key)
    asked: list[str] = []
    answers = [False, True]
    editor.ask = lambda _title, text: (asked.append(text), answers.pop(0))[1]  # type: ignore[method-assign]
    name = editor.indicator_form.name
    name.setFocus()
    qtbot.keyClicks(name, " v2")
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert len(asked) == 1 and "指標「" in asked[0] and editor.isVisible()
    assert name.text().endswith(" v2")  # kept
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not editor.isVisible()
    pid = editor.plan_id()
    assert pid is not None
    assert not any(i.name.endswith(" v2") for i in load_plan(window.db, pid).indicators)


def test_choosing_another_item_with_typing_not_saved_asks_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """An item's title typed (項目を保存 not pressed), then Down in the structure: the editor asks;
    「いいえ」 stays on the item with the typing, 「はい」 goes on and writes nothing."""
    editor = _open(qtbot, window)
    assert editor.tree is not None
    first = editor.tree.nodes[0]
    editor.select(first.key)
    asked: list[str] = []
    answers = [False, True]
    editor.ask = lambda _title, text: (asked.append(text), answers.pop(0))[1]  # type: ignore[method-assign]
    title = editor.node_title
    title.setFocus()
    qtbot.keyClicks(title, " v2")
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Down)
    assert len(asked) == 1 and "項目「" in asked[0]
    qtbot.waitUntil(lambda: editor.current_key() == first.key)
    assert title.text() == first.title + " v2"  # kept
    qtbot.keyClick(editor.view, Qt.Key.Key_Down)
    assert len(asked) == 2 and editor.current_key() != first.key
    assert title.text() != first.title + " v2"
    pid = editor.plan_id()
    assert pid is not None
    assert load_plan(window.db, pid).node(first.key).title == first.title  # nothing written
    qtbot.keyClick(editor.view, Qt.Key.Key_Up)  # nothing typed: no question
    assert len(asked) == 2
    editor.close()


def test_the_question_before_typing_is_dropped_answers_no_to_enter(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The editor's real question (not replaced): Enter answers いいえ, so the typing stays."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    editor = _open(qtbot, window)
    assert editor.tree is not None
    first = editor.tree.nodes[0]
    editor.select(first.key)
    title = editor.node_title
    title.setFocus()
    qtbot.keyClicks(title, " v2")
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)  # whatever it defaults to: the test checks what it did

    QTimer.singleShot(0, answer)
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    assert seen and "項目「" in seen[0]
    assert editor.isVisible() and title.text() == first.title + " v2"
    editor.ask = lambda *_a: True  # type: ignore[method-assign]
    editor.close()
