"""確認済みにする pressed while the runner is busy (a save, a collection) is not lost: it runs after
that operation and the yellow goes (it did nothing and said nothing; found by review)."""

from __future__ import annotations

import threading
from pathlib import Path

from test_confirmed_figure_who import _is_yellow, _recorded, _yellow

from kodaira_desk.ui.window.main_window import MainWindow


def test_confirm_pressed_while_the_runner_is_busy_is_done_after_it(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, monkeypatch) -> None:
    w = window
    w.activateWindow()
    at = _yellow(w, qtbot)
    monkeypatch.setattr(w, "ask_name", lambda: "政策課 鈴木", raising=False)
    elsewhere = threading.Event()
    w.tasks.run_op(elsewhere.wait, (30,), name="a save elsewhere")  # the runner busy until set
    try:
        assert w.tasks.busy
        assert w.page.kpi.confirm_action.isEnabled()
        w.page.kpi.confirm_action.trigger()
    finally:
        elsewhere.set()
    qtbot.waitUntil(lambda: not _is_yellow(w, at), timeout=10000)
    assert "確認済みにしました" in w.page.kpi.message.text()
    w.tasks.wait_idle()
    assert _recorded(db_path)[0]  # in the file
