"""Ctrl+S into a department file damaged while it was open (a bad sector, a tool writing into it):
the window said 「1 件の変更を保存しました」 and nothing told the clerk until submission or
collection refused the file, with the year's work in it. The save is checked after it is written
(on the worker): a file whose pages cannot be read back is said to be damaged, naming it, the typed
values stay in the window, in the recovery journal and written down in words in the recovery folder,
and the clerk is told to ask 政策課 for a re-issued file. A sound file still saves and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_helpers import clerk_window, close_window
from PySide6.QtCore import Qt
from test_open_damaged_file import damage_pages
from test_quit_after_save_as import _settings  # noqa: F401 (the test's own settings and recovery folder)
from test_save_as_damaged_file import _read_then_enter
from test_tester_file_gone import _type_in_a_kpi_cell

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize(("how", "damaged", "language"), [
    ("save", True, "ja"), ("save", True, "en"), ("save", False, "ja"), ("submit", True, "ja"), ("submit", False, "ja")])
def test_ctrl_s_into_a_file_damaged_while_open_does_not_say_saved(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, how: str, damaged: bool, language: str) -> None:
    """Ctrl+S, or ファイル > 提出用に保存 (its dialog's 保存: the file read back in full)."""
    w = clerk_window(db_path, tmp_path, "産業振興課")
    original = w.workspace.path
    try:
        _type_in_a_kpi_cell(qtbot, w, "330")  # (g1.a1.k3's 令和2年度, Enter)
        view = w.page.kpi.view
        if damaged:
            damage_pages(original)
        if language == "en":
            w.translations.apply("en")
        seen: list[str] = []
        if damaged:
            _read_then_enter(seen)
        told: list[str] = []
        w.tell = lambda _title, text: told.append(text)  # type: ignore[method-assign]
        if how == "save":
            qtbot.keyClick(view, Qt.Key.Key_S, CTRL)
        else:
            from kodaira_desk.ui.round.submit_dialog import SubmitDialog

            w.act_submit.trigger()
            dialog = w.findChild(SubmitDialog)
            assert dialog is not None
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: (bool(seen) if damaged else not w.editor.unsaved()) and not w.tasks.busy,
                        timeout=30000)
        w.tasks.wait_idle()
        said = w.statusBar().currentMessage()
        if not damaged:
            assert ("1 件の変更を保存しました" if how == "save" else "提出用に保存しました") in said
            assert how == "save" or "返送" in told[0]
            return
        assert not told  # (提出用に保存: never 「このファイルをそのまま政策課へ返送してください」)
        assert "保存しました" not in said and "saved" not in said.replace("not saved", ""), said
        box = seen[0]
        assert original.name in box, box
        assert ("壊れ" if language == "ja" else "damaged") in box, box
        assert ("政策課" if language == "ja" else "policy division") in box, box
        assert "330" in box
        assert w.editor.unsaved()  # the typed value still in the window, to be typed again
        folder = w.settings.recovery_folder()
        written = list(folder.glob("*.txt"))
        assert len(written) == 1 and written[0].name in box, (written, box)
        assert "330" in written[0].read_text(encoding="utf-8")
        assert any("330" in p.read_text(encoding="utf-8") for p in folder.glob("*.journal"))
    finally:
        if language == "en":
            w.translations.apply("ja")
        close_window(w)
