"""Issue 13, Done when: a small plan built from nothing through the window (two levels, three
measures, two indicators with baseline and targets, two departments), values entered, handed out,
a returned file collected, every report kind that fits it printed; the PDFs read back with the
new plan's values on the right rows."""

from __future__ import annotations

from pathlib import Path

from by_path import load
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit, QPushButton

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
from kodaira_desk.ui.round.dialogs import HandoutDialog
from kodaira_desk.ui.window.main_window import MainWindow

R7 = FiscalYear(2025)
PLAN = "kids-2025"

pdf = load("pdf_reading_for_plans", "reports/pdf_reading.py")
clerk = load("clerk_for_plans", "ui/test_clerk.py")
kit = load("roundkit_for_plans", "ui/roundkit.py")


def _click(qtbot, parent, name: str) -> None:  # type: ignore[no-untyped-def]
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type(qtbot, parent, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = parent.findChild(QLineEdit, name)
    assert edit is not None, name
    edit.clear()
    clerk.type_text(qtbot, edit, text)


def _choose(parent, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    box = parent.findChild(QComboBox, name)
    assert box is not None, name
    clerk.choose(box, text)


def _select(qtbot, editor: PlanEditorDialog, title: str) -> str:  # type: ignore[no-untyped-def]
    tree = editor.tree
    assert tree is not None
    key = next(n.key for n in tree.nodes if n.title == title)
    index = editor.model.index_of(key)
    editor.view.scrollTo(index)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=editor.view.visualRect(index).center())
    assert editor.current_key() == key
    return key


def _lead(qtbot, editor: PlanEditorDialog, department: str) -> None:  # type: ignore[no-untyped-def]
    editor.node_lead.setCurrentText("")
    clerk.type_text(qtbot, editor.node_lead.lineEdit(), department)
    _click(qtbot, editor, "nodeApply")


def _indicator(qtbot, editor: PlanEditorDialog, name: str, unit: str, lead: str, baseline: str,  # type: ignore[no-untyped-def]
               targets: dict[int, str]) -> None:
    form = editor.indicator_form
    _type(qtbot, form, "indicatorName", name)
    _type(qtbot, form, "indicatorUnit", unit)
    form.lead.setCurrentText("")
    clerk.type_text(qtbot, form.lead.lineEdit(), lead)
    _type(qtbot, form, "indicatorBaseline", baseline)
    _choose(form, "indicatorBaselineYear", "令和6年度")
    for year, text in targets.items():
        _type(qtbot, form, f"target_{year}", text)
    _click(qtbot, editor, "indicator_save")
    assert editor.message.text() == ""


def _build(qtbot, window: MainWindow) -> dict[str, str]:  # type: ignore[no-untyped-def]
    window.act_plan_editor.trigger()
    editor = window.findChild(PlanEditorDialog)
    assert editor is not None
    qtbot.waitExposed(editor)
    _click(qtbot, editor, "newPlanButton")
    dialog = editor.findChild(QDialog, "newPlanDialog")
    assert dialog is not None
    _type(qtbot, dialog, "newPlanId", PLAN)
    _type(qtbot, dialog, "newPlanTitle", "子ども・子育て計画")
    _choose(dialog, "newPlanFirst", "令和7年度")
    _choose(dialog, "newPlanLast", "令和11年度")
    _type(qtbot, dialog, "newPlanLevels", "基本目標／施策")
    for kind in ("progress_list", "kpi_status"):
        box = dialog.findChild(QCheckBox, f"newPlanKind_{kind}")
        assert box is not None, kind
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        assert box.isChecked()
    _click(qtbot, dialog, "newPlanCreate")
    assert editor.plan_id() == PLAN
    for goal in ("安心して子育てできるまち", "子どもが育つまち"):
        _type(qtbot, editor, "newNodeTitle", goal)
        _click(qtbot, editor, "node_addTop")
    keys: dict[str, str] = {}
    for goal, measure in (("安心して子育てできるまち", "保育の充実"), ("安心して子育てできるまち", "相談の充実"),
                          ("子どもが育つまち", "居場所づくり")):
        _type(qtbot, editor, "newNodeTitle", measure)
        _select(qtbot, editor, goal)
        _click(qtbot, editor, "node_addChild")
    keys["hoiku"] = _select(qtbot, editor, "保育の充実")
    _lead(qtbot, editor, "保育課")
    _indicator(qtbot, editor, "待機児童数", "人", "保育課", "12人", {2027: "5", 2029: "0"})
    keys["soudan"] = _select(qtbot, editor, "相談の充実")
    _lead(qtbot, editor, "子育て支援課")
    _indicator(qtbot, editor, "子育て相談の件数", "件", "子育て支援課", "800件", {2027: "1,000", 2029: "1,200件"})
    keys["ibasho"] = _select(qtbot, editor, "居場所づくり")
    _lead(qtbot, editor, "子育て支援課")
    editor.close()  # the window reloads its plans
    return keys


def test_a_new_plan_from_nothing_to_printed_reports(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    keys = _build(qtbot, window)
    tree = load_plan(window.db, PLAN)
    assert [n.title for n in tree.nodes] == ["安心して子育てできるまち", "保育の充実", "相談の充実",
                                             "子どもが育つまち", "居場所づくり"]
    assert [n.depth for n in tree.nodes] == [1, 2, 2, 1, 2]

    # the policy division types 保育課's R7 figures in the master
    master = window
    clerk.choose(master.year_combo, "令和7年度")
    clerk.click_node(qtbot, master, PLAN, keys["hoiku"])
    clerk.type_text(qtbot, master.page.measure.status.lineEdit(), "実施")
    clerk.type_text(qtbot, master.page.measure.narrative, "・保育所を1園開設しました。")
    master.page.tabs.setCurrentWidget(master.page.kpi)
    clerk.type_in_cell(qtbot, master, clerk.kpi_cell(master, "待機児童数", ValueKind.ACTUAL, R7), "9")
    clerk.save(qtbot, master)
    assert not master.isWindowModified()

    # hand out R7 to 子育て支援課
    master.act_handout.trigger()  # (the plans not read yet are read on the worker first: then it opens)
    qtbot.waitUntil(lambda: master.findChild(HandoutDialog) is not None, timeout=30000)
    dialog = master.findChild(HandoutDialog)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    assert dialog.year.currentText() == "令和7年度"  # the year the window shows, chosen this fiscal year (review 4)
    clerk.choose(dialog.year, "令和7年度")
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)
    dialog.ask = lambda *_a: True  # 令和7年度 has passed: asked, and handed out all the same
    dialog.folder.setText(str(tmp_path / "配布"))
    names = [dialog.departments.item(i).text() for i in range(dialog.departments.count())]
    assert {"保育課", "子育て支援課"} <= set(names)
    for i in range(dialog.departments.count()):
        item = dialog.departments.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() == "子育て支援課" else Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not master.tasks.busy, timeout=20000)
    files = {f.department: f.path for f in dialog.made}
    dialog.close()
    assert list(files) == ["子育て支援課"]

    # 子育て支援課's clerk fills in the file in their own window
    w = kit.open_window(files["子育て支援課"], "子育て支援課 佐藤")
    try:
        qtbot.waitExposed(w)
        assert w.year_combo.currentText() == "令和7年度"
        clerk.click_node(qtbot, w, PLAN, keys["soudan"])
        clerk.type_text(qtbot, w.page.measure.status.lineEdit(), "実施")
        clerk.type_text(qtbot, w.page.measure.narrative, "・相談窓口を駅前に開設しました。")
        w.page.tabs.setCurrentWidget(w.page.kpi)
        clerk.type_in_cell(qtbot, w, clerk.kpi_cell(w, "子育て相談の件数", ValueKind.ACTUAL, R7), "950")
        clerk.save(qtbot, w)
    finally:
        kit.close_window(w)

    # the returned file is collected
    collect = master.show_collect()
    assert collect is not None
    collect.add_files([files["子育て支援課"]])
    qtbot.waitUntil(lambda: not master.tasks.busy, timeout=20000)
    assert "要確認" not in collect.summary.text()
    collect.close()
    tree = load_plan(window.db, PLAN)
    soudan = next(i for i in tree.indicators if i.name == "子育て相談の件数")
    actual = soudan.value(ValueKind.ACTUAL, R7)
    assert actual is not None and str(actual.value) == "950件"
    entry = tree.progress_in(keys["soudan"], R7)
    assert entry is not None and str(entry.narrative) == "・相談窓口を駅前に開設しました。"

    # every report kind that fits the plan, printed from the window
    clerk.click_node(qtbot, master, PLAN, keys["hoiku"])
    report = master.show_report_dialog()
    assert report is not None
    kinds = [report.kind.itemData(i) for i in range(report.kind.count())]
    assert kinds == ["progress", "kpi"]
    printed: dict[str, Path] = {}
    for kind in kinds:
        report.kind.setCurrentIndex(kinds.index(kind))
        op = report.save_to(tmp_path / f"{kind}.pdf")
        assert op is not None
        op.wait()
        printed[kind] = tmp_path / f"{kind}.pdf"
    report.close()

    kpi = printed["kpi"]
    wait = pdf.texts(pdf.line_with(kpi, "待機児童数"))
    assert "12人" in wait and "9人" in wait and "保育課" in wait
    assert any(t in wait for t in ("0人", "5人"))  # a target on the row
    talk = pdf.texts(pdf.line_with(kpi, "子育て相談の件数"))
    assert "800件" in talk and "950件" in talk and "子育て支援課" in talk
    assert any(t in talk for t in ("1,200件", "1,000件"))

    progress = pdf.flat(" ".join(pdf.page_texts(printed["progress"])))
    hoiku = pdf.texts(pdf.line_with(printed["progress"], "保育の充実"))
    assert "保育課" in " ".join(hoiku) and "実施" in " ".join(hoiku)
    assert "保育所を1園開設しました。" in progress
    talk_row = pdf.texts(pdf.line_with(printed["progress"], "相談の充実"))
    assert "子育て支援課" in " ".join(talk_row) and "実施" in " ".join(talk_row)
    assert "相談窓口を駅前に開設しました。" in progress
    assert "居場所づくり" in progress
