"""競合の確認, 変更履歴, 年度の確定 and 配布 read on the runner as they open (issue 27), as 回収状況と
取り込み does: each window is shown at once with 「読み込んでいます…」 (named for a screen reader) and its
actions off, then filled from a read made on the worker thread; a newer choice's read is the one
shown; an answer for a closed window is dropped; a read that fails says so where it was loading."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from roundkit import CHILDREN, R2, hand_out, idle, write

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.services.rounds import audit as audit_log
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui.round import handout_plan, year_lock_dialog
from kodaira_desk.ui.window.main_window import MainWindow

WAIT = 30000


def _noting(fn: Callable[..., Any], threads: list[int]) -> Callable[..., Any]:
    """`fn`, noting the thread each call runs on."""
    def noted(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return fn(*args, **kwargs)
    return noted


def _conflict(qtbot, w: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """One open conflict: 子育て支援課 returned 36,000人 while the master was corrected to 37,000人."""
    files = hand_out(db_path, tmp_path / "配布", ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    write(db_path, CHILDREN, "37,000人")
    w.editor.reload()
    collect = w.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=WAIT)
    collect.add_files([files["子育て支援課"]])
    idle(qtbot, w)
    collect.close()
    w.tasks.wait_idle()


def test_conflicts_open_at_once_and_fill_from_the_worker(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    _conflict(qtbot, w, db_path, tmp_path)
    threads: list[int] = []
    monkeypatch.setattr(Workspace, "open_conflicts", _noting(Workspace.open_conflicts, threads))
    dialog = w.show_conflicts()
    assert dialog is not None and dialog.isVisible()
    assert dialog.reading and dialog.loading.isVisible() and dialog.loading.text() == "読み込んでいます…"
    assert dialog.loading.accessibleName() == "競合を読み込んでいます…"
    assert dialog.model.rowCount() == 0 and not dialog.take.isEnabled()  # nothing to decide on yet
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert dialog.loading.isHidden()
    assert threads and threading.get_ident() not in threads  # read on the worker only
    assert [dialog.model.index(0, c).data() for c in (0, 3, 4)] == ["子育て支援課", "37,000人", "36,000人"]
    assert dialog.take.isEnabled()
    # a resolution reads what is left on the worker with it: the list is empty when it is done
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert dialog.model.rowCount() == 0 and not dialog.reading
    assert dialog.message.text() == "未解決の競合はありません。"
    assert dialog.undo.isEnabled()


def test_the_read_waits_on_the_worker_until_the_window_has_been_built_and_shown(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """(issue 27) Started at once, the read's Python ran beside the window being built and shown,
    and the GUI thread waited for the interpreter's lock at its calls into Qt: the read is queued at
    once (the runner is not idle) but begins only once the GUI thread's event loop has turned."""
    w = window
    _conflict(qtbot, w, db_path, tmp_path)
    threads: list[int] = []
    monkeypatch.setattr(Workspace, "open_conflicts", _noting(Workspace.open_conflicts, threads))
    dialog = w.show_conflicts()
    assert dialog is not None and not w.tasks.idle
    time.sleep(0.3)  # the GUI thread still in the turn that opened the window: the worker has not begun
    assert not threads and dialog.reading
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert threads and threading.get_ident() not in threads
    assert dialog.model.rowCount() == 1


def test_the_audit_log_reads_on_the_worker_and_the_newest_choice_is_shown(
        qtbot, window: MainWindow, db_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    write(db_path, CHILDREN, "37,000人")  # a typed change in the log
    threads: list[int] = []
    monkeypatch.setattr(audit_log, "audit_entries", _noting(audit_log.audit_entries, threads))
    audit = w.show_audit()
    assert audit.reading and audit.loading.isVisible()
    assert audit.loading.accessibleName() == "変更履歴を読み込んでいます…"
    assert audit.model.rowCount() == 0
    audit.source.setCurrentIndex(audit.source.findData("resolution"))  # before the first answer came
    qtbot.waitUntil(lambda: not audit.reading, timeout=WAIT)
    w.tasks.wait_idle()  # (both reads answered: the older one, with the typed row, is not shown)
    assert audit.model.rowCount() == 0 and audit.loading.isHidden()
    audit.source.setCurrentIndex(audit.source.findData("typed"))
    assert audit.reading
    qtbot.waitUntil(lambda: not audit.reading, timeout=WAIT)
    assert [audit.model.index(r, 1).data() for r in range(audit.model.rowCount())] == ["児童館の利用者数 令和2年度 実績"]
    assert threads and threading.get_ident() not in threads


def test_an_audit_log_closed_before_its_answer_stays_empty(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(db_path, CHILDREN, "37,000人")
    audit = window.show_audit()
    assert audit.reading
    audit.close()
    window.tasks.wait_idle()  # the answer came for a closed window: dropped
    assert audit.model.rowCount() == 0 and not audit.reading
    again = window.show_audit()
    qtbot.waitUntil(lambda: not again.reading, timeout=WAIT)
    assert again.model.rowCount() == 1


def test_the_year_lock_reads_on_the_worker_and_its_actions_wait_for_it(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    threads: list[int] = []
    monkeypatch.setattr(year_lock_dialog, "read_year", _noting(year_lock_dialog.read_year, threads))
    dialog = w.show_year_lock()
    assert dialog is not None and dialog.reading
    assert dialog.loading.accessibleName() == "確定の状態を読み込んでいます…"
    assert not dialog.lock_button.isEnabled() and dialog.field.count() == 0
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert dialog.state.text().startswith("未確定") and dialog.lock_button.isEnabled()
    assert dialog.field.count() > 0 and not dialog.correct_button.isEnabled()
    assert threads and threading.get_ident() not in threads
    dialog.year.setCurrentIndex(0)  # another year: read again, the actions off meanwhile
    assert dialog.reading and not dialog.lock_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert dialog.lock_button.isEnabled()


def test_a_window_shown_late_is_painted_before_its_read_begins(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """(issue 27) A window's first showing can take more turns than the gate's steps (its platform
    window made, its fonts and style first met): the read began beside its first paint and the
    paint of the window it covers. A window not shown yet: the read begins after its first paint."""
    from PySide6.QtCore import QEvent, QObject

    w = window
    noted: list[str] = []
    read = year_lock_dialog.read_year

    def read_year(*args: Any) -> Any:
        noted.append("read")
        return read(*args)

    class Paints(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in noted:
                noted.append("painted")
            return False

    monkeypatch.setattr(year_lock_dialog, "read_year", read_year)
    monkeypatch.setattr(year_lock_dialog, "SHOW_AFTER_MS", 60)  # shown later than the gate's steps
    dialog = w.show_year_lock()
    assert dialog is not None
    paints = Paints(dialog)
    dialog.installEventFilter(paints)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert noted == ["painted", "read"]
    dialog.close()


def test_the_handout_reads_its_year_on_the_worker_before_it_can_make_files(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    threads: list[int] = []
    monkeypatch.setattr(handout_plan, "read_year", _noting(handout_plan.read_year, threads))
    dialog = w.show_handout()
    assert dialog is not None and dialog.reading
    assert dialog.loading.accessibleName() == "配布の設定を読み込んでいます…"
    assert not dialog.make_button.isEnabled() and not dialog.round_box.isEnabled()
    dialog.folder.setText(str(tmp_path / "out"))
    assert dialog.make() is None  # 作成 waits for the year's read
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert dialog.make_button.isEnabled() and dialog.round_box.isEnabled()
    assert dialog.plan_info.text().startswith("令和2年度に実施中の計画: ")
    assert dialog.round_box.date.date().year() == R2.year + 1  # the usual deadline: the end of May
    assert threads and threading.get_ident() not in threads


@pytest.mark.parametrize("opener", ["conflicts", "audit"])
def test_a_read_that_fails_says_so_where_it_was_loading(
        qtbot, window: MainWindow, monkeypatch, opener: str) -> None:  # type: ignore[no-untyped-def]
    def refused(*_args: object, **_kwargs: object) -> object:
        raise DomainError("親データベース master.sqlite を読めません。")

    if opener == "conflicts":
        monkeypatch.setattr(Workspace, "open_conflicts", refused)
        dialog: Any = window.show_conflicts()
        said = "競合を読めません: 親データベース master.sqlite を読めません。"
    else:
        monkeypatch.setattr(audit_log, "audit_entries", refused)
        dialog = window.show_audit()
        said = "変更履歴を読めません: 親データベース master.sqlite を読めません。"
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert dialog.loading.isVisible() and dialog.loading.text() == said
