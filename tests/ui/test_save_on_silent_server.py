"""Ctrl+S on a master whose server went silent (tests/silent_server.FreezingLink): the window says,
in Japanese and naming the server, that the server did not answer; the typed value stays in the
cell, unsaved (the title's mark), and nothing of it was written."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from silent_server import FreezingLink, no_longer_than
from test_clerk import save, type_in_cell
from test_server_window import FARM_KEY, _farm_cell, _open_window

from kodaira_desk.store import server
from kodaira_desk.ui.window.main_window import Answer

LIMIT = 2.0  # the time-out lowered for the test
BOUND = 40.0  # still waiting after this: the save waited without end


def _written(pg_master: str) -> int:
    import psycopg

    with psycopg.connect(server.libpq_url(pg_master)) as con:
        row = con.execute("SELECT COUNT(*) FROM audit_log WHERE field_key = %s", (FARM_KEY,)).fetchone()
    return int(row[0]) if row else 0


def test_the_typed_value_stays_unsaved_and_the_window_names_the_server(  # type: ignore[no-untyped-def]
        qtbot, pg_server, pg_master: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setattr(server, "ANSWER_TIMEOUT_S", LIMIT)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *_a: told.append(text)))
    (path,) = glob.glob(f"{pg_server.socket_dir}/.s.PGSQL.*[0-9]")
    link = FreezingLink(path)
    url = (f"postgresql://{pg_server.user}:s3cret@127.0.0.1:{link.port}/{pg_server.dbname(pg_master)}"
           "?sslmode=disable")
    w = _open_window(url, "政策課 山田")
    try:
        qtbot.waitExposed(w)
        qtbot.waitUntil(lambda: w.tasks.idle, timeout=60_000)
        cell = _farm_cell(qtbot, w)
        type_in_cell(qtbot, w, cell, "300")
        save(qtbot, w)  # while the server answers: saved
        qtbot.waitUntil(lambda: not w.isWindowModified(), timeout=30_000)
        type_in_cell(qtbot, w, cell, "365")
        assert w.isWindowModified()
        link.freeze()  # the server stops answering
        qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(told), timeout=30_000)  # (a wait without end fails here)
        assert server.public_url(url) in told[0] and "s3cret" not in told[0]
        assert "応答しなかった" in told[0] and "もう一度保存" in told[0]
        assert w.isWindowModified() and w.page.kpi.model.data(cell) == "365区画"  # nothing typed lost
    finally:
        link.close()  # (a save still waiting meets the closed link and ends)
        w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
        with no_longer_than(BOUND):
            w.tasks.wait_idle()
            w.close()
            w.db.dispose()
    assert _written(pg_master) == 1  # the first save only
