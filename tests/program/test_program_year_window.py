"""Issue 31, Done when: a program year played end to end in the window. The policy division hands out
令和3年度; 市民協働・男女参画推進課's clerk fills two 主要事業 (進捗状況, 実施内容, 決算額 with the reason for
a large difference) and one 成果指標 in her own window; 文化スポーツ課 returns the shared 国際交流事業
with another 決算額; both are collected, the conflict is resolved in 競合の確認, and the year's pages
are printed from the report dialog and read back."""

from __future__ import annotations

from pathlib import Path

from program_kit import clerk, kit, pdf
from PySide6.QtCore import Qt

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.editing import BudgetCell, ProgressField
from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.window.main_window import MainWindow

R3 = FiscalYear(2021)
P = "program-2021"
SHIMIN = "市民協働・男女参画推進課"
BUNKA = "文化スポーツ課"
SHARED = "progress:program-2021:p1.j5:2021:settled"  # 国際交流事業 【文化スポーツ課／市民協働・男女参画推進課】


def _hand_out(qtbot, w: MainWindow, folder: Path) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    clerk.choose(w.year_combo, "令和3年度")
    dialog = w.show_handout()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    clerk.choose(dialog.year, "令和3年度")
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    dialog.folder.setText(str(folder))
    # the year's plans and who is left out are said before anything is written
    assert "中期的な施策の取組方針・実行プログラム" in dialog.plan_info.text()
    assert "保育課" in dialog.plan_info.text()  # no 主要事業 or 成果指標 in 令和3年度
    enabled = {dialog.departments.item(i).text() for i in range(dialog.departments.count())
               if dialog.departments.item(i).flags() & Qt.ItemFlag.ItemIsEnabled}
    assert {SHIMIN, BUNKA, "障がい者支援課"} <= enabled and "保育課" not in enabled
    dialog.ask = lambda *_a: True  # a year that has passed (the city is in 令和8年度): handed out all the same
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    kit.idle(qtbot, w)
    files = {f.department: f.path for f in dialog.made}
    assert "配布しなかった課" in dialog.result_label.text()
    dialog.close()
    assert set(files) == enabled
    return files


def _report(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """What the clerk types, as she types it: Tab and the input method, no helper writes."""
    clerk.click_node(qtbot, w, P, "p1.j1")  # 男女共同参画推進事業
    form = w.page.measure
    assert form.narrative_label.text() == "令和3年度の実施内容(&N)"  # Alt+N goes to the box (issue 28)
    box = form.settlement
    assert box is not None and box.isVisible() and "8,345 千円" in box.planned.text()
    clerk.type_text(qtbot, form.status.lineEdit(), "実施中")
    clerk.type_text(qtbot, form.narrative, "・フォーラムを2回開催しました。")
    clerk.type_text(qtbot, box.settled, "6,120")
    assert "2割以上違います" in box.difference.text()  # 6,120 of 8,345: the reason is asked for
    clerk.type_text(qtbot, box.note, "講座の一部をオンラインで実施したため")
    assert "2割以上違います" not in box.difference.text()
    clerk.click_node(qtbot, w, P, "p1.j5")  # 国際交流事業, shared with 文化スポーツ課
    clerk.type_text(qtbot, form.status.lineEdit(), "実施中")
    clerk.type_text(qtbot, form.narrative, "・国際交流協会へ補助しました。")
    clerk.type_text(qtbot, box.settled, "14,000")
    clerk.click_node(qtbot, w, P, "p1")  # the 施策: its 成果指標
    w.page.tabs.setCurrentWidget(w.page.kpi)
    clerk.type_in_cell(qtbot, w, clerk.kpi_cell(w, "男女共同参画に関する啓発等の企画数", ValueKind.ACTUAL, R3), "16")
    clerk.save(qtbot, w)


def test_a_program_year_from_hand_out_to_the_printed_pages(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    master = window
    files = _hand_out(qtbot, master, tmp_path / "配布")

    w = kit.open_window(files[SHIMIN], "市民協働・男女参画推進課 佐藤")
    try:
        qtbot.waitExposed(w)
        assert w.year_combo.currentText() == "令和3年度"
        # the file lists the plans in force in its year only
        shown = [w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount())]
        assert shown == ["中期的な施策の取組方針・実行プログラム"]
        _report(qtbot, w)
        # the other 課's project stays theirs; the planned 費用 is the division's
        other = ProgressField(P, "p1.j4", 2021, "settled")  # 女性再就職サポート事業 【産業振興課】
        assert w.editor.locked_reason(other) == "産業振興課の担当です。"
        assert "政策課" in (w.editor.locked_reason(BudgetCell(P, "p1.j1", 2021)) or "")
        from kodaira_desk.ui.window.clerk_mode import submission_items

        left = [it.text for it in submission_items(w, SHIMIN) if it.blank]
        assert any("男女共同参画センター事業" in t and "決算額" in t for t in left)
        assert not any("男女共同参画推進事業" in t for t in left)
    finally:
        kit.close_window(w)
    kit.write(files[BUNKA], SHARED, "14,299")  # 文化スポーツ課's clerk: the amount the program planned

    collect = master.show_collect()
    assert collect is not None
    collect.add_files([files[SHIMIN], files[BUNKA]])
    kit.idle(qtbot, master)
    collect.close()
    dialog = master.show_conflicts()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    assert dialog is not None and dialog.model.rowCount() == 1
    row = " ".join(str(dialog.model.index(0, c).data()) for c in range(dialog.model.columnCount()))
    assert "国際交流事業" in row and "決算額" in row and "14,000" in row and "14,299" in row
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)  # 文化スポーツ課's figure is the settled one
    kit.idle(qtbot, master)
    assert dialog.model.rowCount() == 0
    dialog.close()

    tree = load_plan(master.db, P)
    j1 = tree.progress_in("p1.j1", R3)
    assert j1 is not None and j1.status == "実施中" and str(j1.settled) == "6,120"
    assert j1.settled_note == "講座の一部をオンラインで実施したため"
    j5 = tree.progress_in("p1.j5", R3)
    assert j5 is not None and str(j5.settled) == "14,299"
    actual = tree.indicator("p1.k1").value(ValueKind.ACTUAL, R3)
    assert actual is not None and str(actual.value) == "16"

    clerk.click_node(qtbot, master, P, "p1")
    report = master.show_report_dialog()
    assert report is not None
    kinds = [report.kind.itemData(i) for i in range(report.kind.count())]
    assert "program-year" in kinds
    report.kind.setCurrentIndex(kinds.index("program-year"))
    # one year to choose, not a range: the year the round just filled
    assert report.first_year.isHidden() and report.all_years.isHidden() and report.last_year.isEnabled()
    assert report.last_year.currentText() == "令和3年度" and report.last_year.accessibleName() == "年度"
    op = report.save_to(tmp_path / "program-year.pdf")
    assert op is not None
    op.wait()
    report.close()
    printed = tmp_path / "program-year.pdf"
    row = pdf.texts(pdf.line_with(printed, "男女共同参画に関する啓発等の企画数"))
    assert "17" in row and "16" in row and any("遅れ" in t for t in row)
    j1_row = " ".join(pdf.texts(pdf.line_with(printed, "男女共同参画推進事業")))
    assert "8,345 千円" in j1_row and "6,120 千円" in j1_row and "実施中" in j1_row
    text = pdf.flat(" ".join(pdf.page_texts(printed)))
    assert "フォーラムを2回開催しました。" in text and "講座の一部をオンラインで実施したため" in text
    shared = pdf.texts(pdf.line_with(printed, "国際交流事業"))
    assert shared.count("14,299") == 2 and "実施中" in shared  # planned and settled: the resolved figure


def test_a_year_no_plan_runs_in_is_refused_in_the_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """令和8年度 before the next program is made: the dialog says no plan runs, names the periods, and
    makes nothing."""
    dialog = window.show_handout()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    index = dialog.year.findData(2026)
    if index < 0:  # the year the city is in is offered from today's date; here, a year no plan runs in
        dialog.year.addItem("令和8年度", 2026)
        index = dialog.year.count() - 1
    dialog.year.setCurrentIndex(index)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)
    assert "令和8年度に実施中の計画はありません" in dialog.plan_info.text()
    assert "令和3年度～令和6年度" in dialog.plan_info.text()
    assert not dialog.make_button.isEnabled()
    dialog.folder.setText(str(tmp_path / "配布"))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert not (tmp_path / "配布").exists()
    dialog.close()


def test_the_banner_breaks_its_steps_between_two_steps(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """At 1366×768 (and narrower) the clerk's four steps wrap between steps, never inside one (Qt
    alone broke 「提出用に保／存」), and every step is there whole."""
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.rounds.handout import handout

    db = open_database(db_path, create=False)
    try:
        made = handout(db, R3, tmp_path / "配布", departments=[SHIMIN])
    finally:
        db.dispose()
    path = next(f.path for f in made if f.department == SHIMIN)
    w = kit.open_window(path, "市民協働・男女参画推進課 佐藤")
    try:
        qtbot.waitExposed(w)
        for width in (1366, 1000, 700):
            w.resize(width, 768)
            qtbot.waitUntil(lambda width=width: w.banner.steps.width() < width)
            label = w.banner.steps
            lines = label.text().split("\n")
            assert all(line[0] in "①②③④" for line in lines), lines  # each line starts a step
            fits = [label.fontMetrics().horizontalAdvance(line) <= label.width() for line in lines]
            assert all(fit or line.count("　") == 0 for fit, line in zip(fits, lines, strict=True)), lines
            words = label.text().replace("\n", "　")
            assert "③ ファイル > 提出用に保存" in words and path.name in words
        w.resize(1366, 768)
        qtbot.waitUntil(lambda: len(w.banner.steps.text().split("\n")) == 2)
    finally:
        kit.close_window(w)


def test_a_settled_amount_that_does_not_read_is_named_once(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The red line beside the box and Save's list name the 事業 and what was typed once each (the
    list said 「事業 令和3年度 決算額: 「abc千円」 — 事業 令和3年度 決算額: 「abc千円」は…」)."""
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和3年度"))
    clerk.click_node(qtbot, w, P, "p1.j1")  # 男女共同参画推進事業
    box = w.page.measure.settlement
    assert box is not None
    clerk.type_text(qtbot, box.settled, "abc千円")
    assert "読み取れません" in box.difference.text() and "男女共同参画推進事業" not in box.difference.text()
    assert not w.save_and_wait()
    notice = w.page.invalid_notice
    assert notice is not None
    listed = notice.informativeText()  # type: ignore[attr-defined]
    assert listed.count("男女共同参画推進事業") == 1 and listed.count("abc千円") == 1, listed
    notice.close()


def test_tab_from_the_narrative_goes_down_to_the_settled_amount(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Tab walks the form as it reads: 進捗状況, 実施内容, 決算額, 差の理由, then the notes' buttons (the
    決算額 box, made for the first project that asks for it, came after the buttons: a clerk typing
    the amount after Tab typed it into a button and lost it)."""
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和3年度"))
    clerk.click_node(qtbot, w, P, "p1.j1")  # 男女共同参画推進事業
    form = w.page.measure
    box = form.settlement
    assert box is not None
    w.activateWindow()
    qtbot.mouseClick(form.narrative.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.narrative.hasFocus)
    clerk.type_text(qtbot, form.narrative, "・フォーラムを2回開催しました。")
    qtbot.keyClick(form.narrative, Qt.Key.Key_Tab)
    assert box.settled.hasFocus()
    clerk.type_text(qtbot, box.settled, "６，１２０")
    qtbot.keyClick(box.settled, Qt.Key.Key_Tab)
    assert box.note.hasFocus()
    qtbot.keyClick(box.note, Qt.Key.Key_Tab)
    assert form.notes_strip.rows["status"][1].hasFocus()
    assert w.save_and_wait()
    j1 = load_plan(w.db, P).progress_in("p1.j1", R3)
    assert j1 is not None and str(j1.settled) == "6,120"


def test_the_settled_amounts_hint_is_shown_whole_in_english(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """「Thousand yen (e.g. 8,120); "—" if nothing spent」 was cut to 「…if nothi…」 in a 260 px box."""
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和3年度"))
    clerk.click_node(qtbot, w, P, "p1.j1")  # 男女共同参画推進事業
    box = w.page.measure.settlement
    assert box is not None
    for language, start in (("en", "Thousand"), ("ja", "千円")):
        w.lang_actions[language].trigger()
        qtbot.waitUntil(lambda start=start: box.settled.placeholderText().startswith(start))  # type: ignore[misc]
        qtbot.waitUntil(lambda: box.settled.width() >= box.settled.minimumWidth())
        hint = box.settled.fontMetrics().horizontalAdvance(box.settled.placeholderText())
        assert box.settled.width() >= hint + 8, (language, box.settled.width(), hint)
