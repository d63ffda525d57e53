"""Review (not to land): a window whose hand-out was re-issued under it keeps the typing in a copy
(ui/window/replaced.py). A red cell's typed text (a value that cannot be read yet) is part of the
typing: the window's other paths carry it (名前を付けて保存 carries `editor.drafts`, the recovery
journal keeps it as red text), so after the window moves to the copy it must be red again there, or
still in a journal. replaced.keep_in_copy saves only `editor.to_save()` into the copy, then opens
the copy with `editor.ending` set (nothing asked) and empties the old journal (handed_over): the
red text is gone from the window, the files and every journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from recovery_helpers import journal_files, own_journal
from roundkit import R2, actual, idle
from test_clerk import kpi_cell, save, type_in_cell
from test_reissue_under_open_window import FARM_NAME, _clerk_typing, _reissue

from kodaira_desk.domain.model import ValueKind

RED = "1,2345区画x"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_a_red_cell_typed_before_the_reissue_is_not_dropped_by_the_copy(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with _clerk_typing(qtbot, db_path, tmp_path) as (folder, clerk, w):
        told: list[str] = []
        w.tell = lambda _title, text: told.append(text)  # type: ignore[method-assign]
        other = next(i.name for i in w.page.kpi.model.indicators if i.name != FARM_NAME)
        type_in_cell(qtbot, w, kpi_cell(w, other, ValueKind.ACTUAL, R2), RED)
        assert [c.text for c in w.editor.invalid_cells()] == [RED]
        assert own_journal(w).flush() and RED in own_journal(w).path.read_text(encoding="utf-8")  # kept so far
        w.workspace.held.release()  # as a window on another computer
        assert _reissue(db_path, folder).returncode == 0
        save(qtbot, w)
        idle(qtbot, w)
        qtbot.waitUntil(lambda: bool(told), timeout=20000)
        copy = w.workspace.path
        assert copy != clerk and actual(copy, "g1.a1.k3") == "365区画"  # the valid value went with it
        in_window = [c.text for c in w.editor.invalid_cells()]
        everywhere = [p.read_text(encoding="utf-8", errors="replace") for p in journal_files(w)]
        everywhere += [p.read_bytes().decode("utf-8", "replace") for p in folder.iterdir() if p.is_file()]
        assert in_window == [RED] or any(RED in text for text in everywhere), (in_window, told)


def test_a_value_typed_while_the_copy_is_made_is_not_dropped(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy is made on the worker (a whole file, over a share: seconds); the grid stays open to
    typing meanwhile. What is typed then is not in the edits keep_in_copy took before it ran, and the
    copy's opening (ending set, the old journal emptied) drops it."""
    import threading

    from kodaira_desk.services import replaced_handout

    started, go_on = threading.Event(), threading.Event()
    real = replaced_handout.copy_as

    def slow_copy(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        go_on.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(replaced_handout, "copy_as", slow_copy)
    with _clerk_typing(qtbot, db_path, tmp_path) as (folder, clerk, w):
        told: list[str] = []
        w.tell = lambda _title, text: told.append(text)  # type: ignore[method-assign]
        w.workspace.held.release()  # as a window on another computer
        assert _reissue(db_path, folder).returncode == 0
        from PySide6.QtCore import Qt

        qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(started.is_set, timeout=20000)
        other = next(i for i in w.page.kpi.model.indicators if i.name != FARM_NAME)
        type_in_cell(qtbot, w, kpi_cell(w, other.name, ValueKind.ACTUAL, R2), "77")
        assert len(w.editor.pending()) == 2  # 365 and 77 (365 not saved: the save was refused)
        assert own_journal(w).flush() and other.key in own_journal(w).path.read_text(encoding="utf-8")  # kept so far
        go_on.set()
        qtbot.waitUntil(lambda: bool(told), timeout=20000)
        idle(qtbot, w)
        copy = w.workspace.path
        assert copy != clerk and actual(copy, "g1.a1.k3") == "365区画"
        in_window = len(w.editor.pending()) == 1
        in_copy = (actual(copy, other.key) or "").startswith("77")
        in_journal = any(other.key in p.read_text(encoding="utf-8", errors="replace") for p in journal_files(w))
        assert in_window or in_copy or in_journal, (dict(w.editor.pending()), actual(copy, other.key), told)
