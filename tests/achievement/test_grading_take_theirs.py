"""ほかの人の値にする on a grading setting saved elsewhere leaves nothing to undo: an undo would bring
back the value just given up, as an unsaved change over the other person's."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from test_grading_edits import _board, _stored, _type_on_track

from kodaira_desk.domain.achievement import Thresholds
from kodaira_desk.services.grading_edits import ThresholdsSetting
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui.window.main_window import Answer, MainWindow


def _saved_elsewhere(db_path: Path, on_track: int) -> None:
    other = Workspace.open(db_path, create=False, actor="政策課 鈴木")
    try:
        other.session.grading.set(ThresholdsSetting(), Thresholds(Decimal(100), Decimal(on_track)), Thresholds())
        other.save_session()
    finally:
        other.close()


def test_taking_theirs_leaves_undo_disabled(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    dialog = _board(qtbot, w)
    _type_on_track(qtbot, dialog, "50")
    assert w.act_undo.isEnabled()
    _saved_elsewhere(db_path, 60)
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]  # ほかの人の値にする
    qtbot.keyClick(dialog.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    w.tasks.wait_idle()
    qtbot.waitUntil(lambda: not w.isWindowModified(), timeout=5000)
    assert dialog.on_track.value() == 60.0
    assert not w.act_undo.isEnabled() and not w.editor.undo_stack.canUndo()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing comes back
    w.tasks.wait_idle()
    assert dialog.on_track.value() == 60.0 and not w.isWindowModified()
    assert _stored(db_path).thresholds.on_track == 60

