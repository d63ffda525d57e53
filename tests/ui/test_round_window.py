"""The yearly round through the window: hand out, a clerk fills in a file, collect, resolve."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.ui.i18n import Translations
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.window.main_window import Answer, MainWindow

R2 = FiscalYear(2020)


def _type_into_kpi(qtbot, w: MainWindow, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    from test_clerk import kpi_cell, type_in_cell

    cell = kpi_cell(w, name, ValueKind.ACTUAL, R2)
    type_in_cell(qtbot, w, cell, text)


def _open(path: Path) -> MainWindow:
    app = QApplication.instance()
    tr = Translations(app)  # type: ignore[arg-type]
    tr.apply("ja")
    settings = Settings()
    settings.user_name = "政策課 試験"
    w = MainWindow(open_database(path, create=False), settings, tr)
    w.resize(1366, 768)
    w.show()
    return w


def _wait(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=20000)


def _close(w: MainWindow) -> None:
    w.tasks.wait_idle()
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    w.close()
    w.db.dispose()


def _field(path: Path, indicator: str) -> str | None:
    from kodaira_desk.services.plans import load_plan

    db = open_database(path, create=False)
    v = load_plan(db, "strategy-2015").indicator(indicator).value(ValueKind.ACTUAL, R2)
    db.dispose()
    return None if v is None else str(v.value)


def test_round_in_the_window(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    master = window
    master.year_combo.setCurrentIndex(master.year_combo.findText("令和2年度"))

    # 1. hand out to three departments
    dialog = master.show_handout()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    dialog.folder.setText(str(tmp_path / "配布"))
    for i in range(dialog.departments.count()):
        item = dialog.departments.item(i)
        keep = item.text() in ("産業振興課", "子育て支援課", "都市計画課")
        item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    dialog.ask = lambda *_a: True  # a year that has passed (the city is in 令和8年度): handed out all the same
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, master)
    assert "3 課" in dialog.result_label.text()
    files = {f.department: f.path for f in dialog.made}
    dialog.close()

    # 2. 産業振興課's clerk opens the file: clerk mode, own items only
    clerk = _open(files["産業振興課"])
    assert "産業振興課 令和2年度 提出用ファイル" in clerk.windowTitle()
    assert not clerk.dept_combo.isEnabled() and clerk.year_combo.currentText() == "令和2年度"
    assert not clerk.menu_round.menuAction().isVisible()
    clerk.select_node("strategy-2015", "g1.a1")
    clerk.page.tabs.setCurrentWidget(clerk.page.kpi)
    _type_into_kpi(qtbot, clerk, "市内体験農園の区画数", "365区画")
    # not 産業振興課's: the cell looks read-only and says whose it is, F2 says so where the clerk looks
    from test_clerk import kpi_cell

    other = kpi_cell(clerk, "「小平産の農産物を購入するようにしている」人の割合", ValueKind.ACTUAL, R2)
    assert not clerk.page.kpi.model.flags(other) & Qt.ItemFlag.ItemIsEditable
    assert "政策課が入力します" in clerk.page.kpi.model.data(other, Qt.ItemDataRole.ToolTipRole)
    clerk.page.kpi.view.setCurrentIndex(other)
    qtbot.keyClick(clerk.page.kpi.view, Qt.Key.Key_F2)
    assert "政策課が入力します" in clerk.page.kpi.message.text()
    clerk.act_save.trigger()
    _wait(qtbot, clerk)
    _close(clerk)
    # 子育て支援課 returns a value too
    clerk2 = _open(files["子育て支援課"])
    clerk2.select_node("strategy-2015", "g2.a3")
    clerk2.page.tabs.setCurrentWidget(clerk2.page.kpi)
    _type_into_kpi(qtbot, clerk2, "児童館の利用者数", "36,000人")
    clerk2.act_save.trigger()
    _wait(qtbot, clerk2)
    _close(clerk2)

    # meanwhile the policy division corrects the same figure in the master
    master.select_node("strategy-2015", "g1.a1")
    master.page.tabs.setCurrentWidget(master.page.kpi)
    _type_into_kpi(qtbot, master, "市内体験農園の区画数", "370区画")
    master.act_save.trigger()
    _wait(qtbot, master)

    # 3. collect: two files come back, 都市計画課 is missing
    collect = master.show_collect()
    assert collect is not None
    collect.add_files([files["産業振興課"], files["子育て支援課"]])
    _wait(qtbot, master)
    summary = collect.summary.text()
    assert "未返却: 都市計画課" in summary and "要確認: 産業振興課" in summary
    assert _field(db_path, "g2.a3.k4") == "36,000人"
    assert _field(db_path, "g1.a1.k3") == "370区画"  # kept until a person decides

    # 4. the conflict, side by side, resolved in the dialog
    conflicts = collect.findChild(QAbstractItemView, "roundTable")  # the collect window stays usable
    assert conflicts is not None
    dialog = master.show_conflicts()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    assert dialog is not None and dialog.model.rowCount() == 1
    row = [dialog.model.index(0, c).data() for c in range(5)]
    assert row == ["産業振興課", "市内体験農園の区画数 令和2年度 実績", "（なし）", "370区画", "365区画"]
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)
    _wait(qtbot, master)
    assert dialog.model.rowCount() == 0
    assert _field(db_path, "g1.a1.k3") == "365区画"
    collect.refresh()
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # its board read on the runner
    assert "要確認" not in collect.summary.text()
    db = open_database(db_path, create=False)
    trail = [(a["source"], a["old"], a["new"]) for a in audit_entries(db)
             if a["field"] == "value:strategy-2015:g1.a1.k3:actual:2020:"]
    db.dispose()
    assert trail == [("typed", None, "370区画"), ("resolution", "370区画", "365区画")]
    actors = {a["actor"] for a in audit_entries(open_database(db_path, create=False))
              if a["field"] == "value:strategy-2015:g1.a1.k3:actual:2020:"}
    assert actors == {"政策課 試験"}  # the person's name is in every audit row

    # 5. the audit log is viewable, filterable and exportable
    audit = master.show_audit()
    qtbot.waitUntil(lambda: not audit.reading, timeout=30000)  # read on the runner (issue 27)
    audit.filter.setText("児童館")
    assert audit.model.rowCount() == 1
    out = tmp_path / "audit.csv"
    audit.export_csv(out)
    assert "児童館の利用者数 令和2年度 実績" in out.read_text(encoding="utf-8-sig")
    # the window shows the merged values after the round
    master.select_node("strategy-2015", "g2.a3")
    master.page.tabs.setCurrentWidget(master.page.kpi)
    from test_clerk import kpi_cell

    assert master.page.kpi.model.data(kpi_cell(master, "児童館の利用者数", ValueKind.ACTUAL, R2)) == "36,000人"
