"""Slow work leaves the GUI thread; views refresh only what changed; unsaved edits are asked about."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from roundkit import CHILDREN, FARM, R2, actual, hand_out, narrative, write
from test_clerk import choose, kpi_cell, save, type_in_cell, type_text

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.ui.tasks import Cancelled, TaskRunner
from kodaira_desk.ui.window.main_window import Answer, MainWindow

R2_TEXT = "令和2年度"


def _gated(monkeypatch: pytest.MonkeyPatch, obj: object, name: str) -> tuple[threading.Event, dict[str, int]]:
    """Replace obj.name by a version that records its thread and waits until the GUI thread, by
    handling an event, lets it go on: it can only finish if the GUI thread runs meanwhile."""
    gate = threading.Event()
    seen: dict[str, int] = {}
    real = getattr(obj, name)

    def gated(*args: Any, **kwargs: Any) -> Any:
        seen["thread"] = threading.get_ident()
        if not gate.wait(timeout=60):
            raise AssertionError("the GUI thread never ran while the operation was running")
        return real(*args, **kwargs)

    monkeypatch.setattr(obj, name, gated)
    return gate, seen


def _reentering_disabled(w: MainWindow) -> bool:
    # 保存 stays enabled: pressed meanwhile, it starts nothing and saves once the operation has ended
    # (test_open_editor_ctrl_s_while_a_save_still_writes_saves_after_it)
    return not any(a.isEnabled() for a in (w.act_open, w.act_collect, w.act_conflicts,
                                           w.act_pdf, w.act_xlsx, w.act_handout))


def test_collection_runs_off_the_gui_thread(qtbot, window: MainWindow, db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    files = hand_out(db_path, tmp_path / "配布", ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    w = window
    collect = w.show_collect()
    assert collect is not None
    gate, seen = _gated(monkeypatch, w.workspace, "collect")
    heartbeat: list[int] = []
    op = collect.add_files([files["子育て支援課"]])
    assert op is not None and not op.done
    assert _reentering_disabled(w) and not collect.add_button.isEnabled()
    assert w.save() is None  # Ctrl+S cannot start a second database operation meanwhile
    QTimer.singleShot(0, lambda: (heartbeat.append(1), gate.set()))  # handled by the GUI thread
    qtbot.waitUntil(lambda: op.done, timeout=60000)
    assert heartbeat == [1]
    assert seen["thread"] != threading.get_ident() and op.thread_id == seen["thread"]
    assert not _reentering_disabled(w) and collect.add_button.isEnabled()
    assert actual(db_path, "g2.a3.k4") == "36,000人"
    assert "○" in collect.log.toPlainText()
    collect.close()


def test_pdf_runs_off_the_gui_thread(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    w.select_node("strategy-2015", "g1")
    dialog = w.show_report_dialog()
    assert dialog is not None
    gate, seen = _gated(monkeypatch, w.workspace, "make_report")
    out = tmp_path / "kpi.pdf"
    op = dialog.save_to(out)
    assert op is not None and not op.done
    assert _reentering_disabled(w) and not dialog.save_button.isEnabled() and not dialog.preview_button.isEnabled()
    QTimer.singleShot(0, gate.set)
    qtbot.waitUntil(lambda: op.done, timeout=60000)
    assert seen["thread"] != threading.get_ident()
    assert out.read_bytes().startswith(b"%PDF") and "保存しました" in dialog.message.text()
    assert dialog.save_button.isEnabled() and not _reentering_disabled(w)
    dialog.close()


def test_an_operation_is_cancelled_through_its_progress(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    started, steps = threading.Event(), []
    release = threading.Event()

    def work(progress: Any) -> str:
        started.set()
        release.wait(timeout=60)
        for i in range(3):
            progress(i, 3)
            steps.append(i)
        return "finished"

    errors: list[BaseException] = []
    op = runner.run_op(work, (), lambda _r: None, lambda _d, _t: None, on_error=errors.append)
    assert started.wait(timeout=60)
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: op.done, timeout=60000)
    assert op.cancelled and isinstance(errors[0], Cancelled) and steps == []


def test_save_refreshes_only_the_edited_rows(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, R2_TEXT)
    w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    cell = kpi_cell(w, "市内体験農園の区画数", ValueKind.ACTUAL, R2)
    type_in_cell(qtbot, w, cell, "365区画")
    events: list[tuple[str, Any]] = []
    w.model.modelReset.connect(lambda: events.append(("tree reset", None)))
    w.model.dataChanged.connect(lambda a, b, _r=None: events.append(
        ("tree", [w.model.item_at(w.model.index(r, 0, a.parent())) for r in range(a.row(), b.row() + 1)])))
    kpi = w.page.kpi.model
    kpi.modelReset.connect(lambda: events.append(("kpi reset", None)))
    kpi.dataChanged.connect(lambda a, b, _r=None: events.append(("kpi", (a.row(), b.row()))))
    save(qtbot, w)
    assert actual(db_path, "g1.a1.k3") == "365区画"
    assert ("tree reset", None) not in events and ("kpi reset", None) not in events
    tree_rows = [rows for what, rows in events if what == "tree"]
    assert tree_rows == [[("strategy-2015", "g1.a1")]]
    row = next(i for i, ind in enumerate(kpi.indicators) if ind.name == "市内体験農園の区画数")
    # the edited row only: its changed cell announced with the roles a value changes, the row with its looks
    assert {r for what, r in events if what == "kpi"} == {(row, row)}
    assert kpi.data(cell) == "365区画" and not w.isWindowModified()


def test_closing_cancel_keeps_the_edit_and_save_writes_it(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, R2_TEXT)
    assert w.select_node("strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.narrative, "・認定農業者を支援しました。")
    asked: list[str] = []
    w.ask = lambda title, text, *_a: (asked.append(text), Answer.CANCEL)[1]  # type: ignore[method-assign]
    qtbot.keyClick(w.page.measure.narrative, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked and w.isVisible() and w.isWindowModified()
    assert narrative(db_path, "g1.a1.m1") is None
    w.ask = lambda *_a: Answer.SAVE  # type: ignore[method-assign]
    qtbot.keyClick(w.page.measure.narrative, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not w.isVisible()
    assert narrative(db_path, "g1.a1.m1") == "・認定農業者を支援しました。"


def test_collecting_with_unsaved_edits_asks_and_cancel_changes_nothing(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                       db_path: Path) -> None:
    w = window
    choose(w.year_combo, R2_TEXT)
    assert w.select_node("strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.narrative, "・講座を開きました。")
    asked: list[str] = []
    w.ask = lambda title, text, *_a: (asked.append(text), Answer.CANCEL)[1]  # type: ignore[method-assign]
    w.act_collect.trigger()  # no RuntimeError out of the menu slot
    assert asked and w.isWindowModified()
    assert w.page.measure.narrative.toPlainText() == "・講座を開きました。"
    assert narrative(db_path, "g1.a1.m1") is None
    w.ask = lambda *_a: Answer.SAVE  # type: ignore[method-assign]
    window_ = w.show_collect()
    assert window_ is not None and not w.isWindowModified()
    assert narrative(db_path, "g1.a1.m1") == "・講座を開きました。"
    window_.close()


def test_a_report_with_unsaved_edits_asks_to_save_first(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, R2_TEXT)
    w.select_node("strategy-2015", "g2.a3")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    type_in_cell(qtbot, w, kpi_cell(w, "児童館の利用者数", ValueKind.ACTUAL, R2), "260人")
    asked: list[tuple[str, ...]] = []

    def ask(title: str, text: str, *buttons: str) -> Answer:
        asked.append((text, *buttons))
        return answer

    w.ask = ask  # type: ignore[method-assign]
    answer = Answer.CANCEL
    assert w.show_report_dialog() is None and w.isWindowModified()
    assert "帳票" in asked[0][0] and asked[0][1] == "保存してから作成"
    answer = Answer.DISCARD  # 保存せずに作成: the edit stays, unsaved, in the window
    dialog = w.show_report_dialog()
    assert dialog is not None and w.isWindowModified()
    dialog.close()
    assert actual(db_path, "g2.a3.k4") != "260人"
    answer = Answer.SAVE
    dialog = w.show_report_dialog()
    assert dialog is not None and not w.isWindowModified()
    assert actual(db_path, "g2.a3.k4") == "260人"
    dialog.close()


def test_the_name_is_asked_once_and_in_every_audit_row(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.settings.user_name = None  # a first start: nobody has given a name yet
    w.workspace.actor = None
    asked: list[str] = []
    w.ask_text = lambda title, label, text="": (asked.append(label), "産業振興課 佐藤")[1]  # type: ignore[method-assign]
    choose(w.year_combo, R2_TEXT)
    w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    type_in_cell(qtbot, w, kpi_cell(w, "市内体験農園の区画数", ValueKind.ACTUAL, R2), "300区画")
    save(qtbot, w)
    type_in_cell(qtbot, w, kpi_cell(w, "市内体験農園の区画数", ValueKind.ACTUAL, R2), "301区画")
    save(qtbot, w)
    assert len(asked) == 1 and w.settings.user_name == "産業振興課 佐藤"
    db = open_database(db_path, create=False)
    rows = [a for a in audit_entries(db) if a["field"] == FARM]
    db.dispose()
    assert [(r["new"], r["actor"]) for r in rows] == [("300区画", "産業振興課 佐藤"), ("301区画", "産業振興課 佐藤")]
    w.ask_text = lambda *_a: "政策課 山田"  # type: ignore[method-assign]
    w.act_name.trigger()  # ファイル > 担当者名の変更
    assert w.settings.user_name == "政策課 山田" and w.workspace.actor == "政策課 山田"


def test_an_excel_export_with_unsaved_edits_asks_to_save_first(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    from kodaira_desk.ui import file_dialogs

    w = window
    choose(w.year_combo, R2_TEXT)
    w.select_node("strategy-2015", "g2.a3")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    type_in_cell(qtbot, w, kpi_cell(w, "児童館の利用者数", ValueKind.ACTUAL, R2), "36,100人")
    out = tmp_path / "strategy.xlsx"
    chosen: list[str] = []
    monkeypatch.setattr(file_dialogs, "save_name", lambda *_a, **_k: chosen.append("asked") or out)
    w.ask = lambda *_a: Answer.CANCEL  # type: ignore[method-assign]
    w.act_xlsx.trigger()
    assert not chosen and not out.exists() and w.isWindowModified()
    w.ask = lambda *_a: Answer.SAVE  # type: ignore[method-assign]
    w.act_xlsx.trigger()
    qtbot.waitUntil(lambda: not w.tasks.busy and out.exists(), timeout=30000)
    assert actual(db_path, "g2.a3.k4") == "36,100人" and not w.isWindowModified()
    values = [c.value for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
    assert 36100 in values or "36,100人" in values
