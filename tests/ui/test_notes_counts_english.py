"""One attached file in English is 「1 attached file」, not 「1 attached files」 (seen at Xvfb: the notes
dialog said 「Attached (1 files).」 and the cell's tip 「1 attached files: daicho.pdf」); two are plural.
The file added through the dialog's 追加 as a person does, the database read back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import FARM, R2, idle
from test_clerk import kpi_cell
from test_notes_window import FARM_NAME, PDF, _annotations, _notes_dialog, _to_farm

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.notes.field_marks import ANNOTATION_ROLE, summary
from kodaira_desk.ui.window.main_window import MainWindow


def test_one_attached_file_is_said_in_the_singular(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.translations.apply("en")
    _to_farm(qtbot, w)
    dialog = _notes_dialog(qtbot, w)
    files = []
    for name in ("ledger.pdf", "survey.pdf"):
        path = tmp_path / name
        path.write_bytes(PDF + name.encode())
        files.append(path)
    dialog.choose_files = lambda: files[:1]  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert dialog.message.text() == "Attached (1 file)."
    index = kpi_cell(w, FARM_NAME, ValueKind.ACTUAL, R2)
    assert "1 attached file: ledger.pdf" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert summary(index.data(ANNOTATION_ROLE)) == "1 attached file"
    dialog.choose_files = lambda: files[1:]  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    index = kpi_cell(w, FARM_NAME, ValueKind.ACTUAL, R2)
    assert summary(index.data(ANNOTATION_ROLE)) == "2 attached files"
    dialog.reject()
    assert [a.name for a in _annotations(w.db.path).attachments_on(FARM)] == ["ledger.pdf", "survey.pdf"]
