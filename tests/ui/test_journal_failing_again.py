"""The recovery journal on a disk that fills up, frees up and fills up again: the person was told
once per window that the journal could not be written, so a second failure (after the disk had
room again) was silent and the edits typed then were unprotected unknown to anyone. Now every
change of state is said (failing, written again, failing again), never each failed write; a mark
stays in the status bar while it fails; and the edits typed while it failed are in the journal once
it can be written again (each write then holds everything unsaved), without waiting for an edit."""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from grid_helpers import R1, R2, cell, open_kpi, press, type_keys
from PySide6.QtCore import Qt
from recovery_helpers import own_journal

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.recovery_journal import Journal
from kodaira_desk.ui.window.main_window import MainWindow
from kodaira_desk.ui.window.recovery import JournalMark, WindowJournal

A = ValueKind.ACTUAL
FAILED = "復旧用の記録を書けませんでした"


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """disk[0]: the disk is full (every journal write fails as a full disk's)."""
    full = [False]

    def failing(real: Callable[[Journal, dict[str, str | None]], None]) -> Callable[..., None]:
        def write(self: Journal, edits: dict[str, str | None]) -> None:
            if full[0]:
                raise OSError(errno.ENOSPC, "No space left on device")
            real(self, edits)
        return write

    monkeypatch.setattr(Journal, "write_append", failing(Journal.write_append))
    monkeypatch.setattr(Journal, "write_rewrite", failing(Journal.write_rewrite))
    return full


def _typed(qtbot, w: MainWindow, year: FiscalYear, text: str) -> None:  # type: ignore[no-untyped-def]
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, year))
    type_keys(qtbot, view, text)
    press(qtbot, view, Qt.Key.Key_Return)


def _mark(w: MainWindow) -> JournalMark | None:
    return w.statusBar().findChild(JournalMark, "journalFailing")


def _journalled(w: MainWindow) -> list[str | None]:
    """The values the journal on disk holds (a later line winning)."""
    edits: dict[str, str | None] = {}
    for line in own_journal(w).path.read_text(encoding="utf-8").splitlines()[1:]:
        edits.update(json.loads(line)["edits"])
    return sorted(v for v in edits.values() if v is not None)


def test_a_journal_failing_again_after_it_was_written_again_is_said_again(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, disk: list[bool]) -> None:
    w = window
    bar = w.statusBar()
    _typed(qtbot, w, R2, "7")
    assert own_journal(w).flush()
    disk[0] = True  # the disk fills up
    _typed(qtbot, w, R2, "8")
    qtbot.waitUntil(lambda: FAILED in bar.currentMessage(), timeout=5000)
    said = bar.currentMessage()
    assert f"「{db_path.name}」" in said and "ディスクの空きが足りません" in said, said
    mark = _mark(w)
    assert mark is not None and mark.isVisible() and mark.toolTip() == said and mark.accessibleName() == said
    bar.clearMessage()
    _typed(qtbot, w, R1, "5")  # still full: not said at each failed write
    assert not own_journal(w).flush()
    qtbot.wait(50)
    assert bar.currentMessage() == "" and mark.isVisible()
    disk[0] = False  # room again: the next write holds everything unsaved, the edits typed meanwhile too
    _typed(qtbot, w, R1, "6")
    qtbot.waitUntil(lambda: not mark.isVisible(), timeout=5000)
    assert "また書けるようになりました" in bar.currentMessage() and f"「{db_path.name}」" in bar.currentMessage()
    assert own_journal(w).flush() and _journalled(w) == ["6人", "8人"]
    disk[0] = True  # full again: said again
    _typed(qtbot, w, R2, "9")
    qtbot.waitUntil(lambda: FAILED in bar.currentMessage(), timeout=5000)
    assert mark.isVisible()
    disk[0] = False


def test_the_journal_is_written_again_without_waiting_for_an_edit(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, disk: list[bool]) -> None:
    w = window
    journal = w.editor.journal
    assert isinstance(journal, WindowJournal)
    journal._retry.setInterval(20)  # (15 s in use)
    disk[0] = True
    _typed(qtbot, w, R2, "8")
    qtbot.waitUntil(lambda: journal.failed, timeout=5000)
    mark = _mark(w)
    assert mark is not None and mark.isVisible()
    disk[0] = False  # room again; nothing typed
    qtbot.waitUntil(lambda: not mark.isVisible(), timeout=5000)
    assert own_journal(w).flush() and _journalled(w) == ["8人"]


def test_the_mark_and_the_message_in_english(qtbot, window: MainWindow, db_path: Path, disk: list[bool]) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.translations.apply("en")
    disk[0] = True
    _typed(qtbot, w, R2, "8")
    qtbot.waitUntil(lambda: "could not be written" in w.statusBar().currentMessage(), timeout=5000)
    said = w.statusBar().currentMessage()
    assert said == (f'The recovery journal of "{db_path.name}" could not be written (the disk is full). '
                    "Save often."), said
    mark = _mark(w)
    assert mark is not None and mark.text() == "⚠ No recovery journal" and mark.toolTip() == said
    disk[0] = False
    _typed(qtbot, w, R1, "6")
    qtbot.waitUntil(lambda: not mark.isVisible(), timeout=5000)
    assert w.statusBar().currentMessage() == (f'The recovery journal of "{db_path.name}" is written again; '
                                              "the entries not saved are kept in it.")



def test_windows_deleted_while_their_journals_report_failures(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, disk: list[bool], tmp_path: Path) -> None:
    """The journal's writer thread emitted on a window's own QObject, which the window's deletion
    (a closed window freed by the garbage collector) deletes on the GUI thread meanwhile: the process
    crashed (a segfault in the writer thread; seen in -n 2 batches). It emits only on the process's
    relay now, and nothing reaches a window that has gone. Many journals, each deleted as it reports."""
    import shiboken6

    disk[0] = True
    for _ in range(600):
        journal = WindowJournal(window, tmp_path / "recovery")
        for k in range(30):
            journal.journal.rewrite({f"k{k}": "1"})  # each fails on the writer thread, which reports it
        shiboken6.delete(journal._told)  # (as its window's deletion deletes it) while it reports
        assert not journal.journal.flush()
    qtbot.wait(50)
    assert window.editor.journal is not None and not window.editor.journal.failed  # (not this window's)
    disk[0] = False
