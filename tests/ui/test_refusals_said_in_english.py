"""In an English window, a refusal the services made from a template (a file that cannot be
written where a folder has its name) reads in English where the window shows it: the Excel export's
message box, the PDF dialog's message line. These windows took services.workspace.message_of, the
services' Japanese, instead of ui.domain_words.message_of. File and folder names are data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from kodaira_desk.ui.window.main_window import MainWindow

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _words(text: str, *names: Path) -> str:
    for p in names:
        for part in (str(p), str(p.parent), p.name, p.parent.name):
            text = text.replace(part, "")
    return text


def test_the_excel_export_refused_in_english(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: told.append((title, text)))
    window.select_node("program-2021", "p2")
    out = tmp_path / "program.xlsx"
    out.mkdir()  # a folder of that name: the workbook cannot be written there
    window.translations.apply("en")
    try:
        window.export_excel_to(out).wait_done()
        qtbot.waitUntil(lambda: bool(told), timeout=30000)
    finally:
        window.translations.apply("ja")
    (title, text), = told
    assert not JAPANESE.search(title + _words(text, out)), (title, text)
    assert out.is_dir() and not any(out.iterdir())


def test_the_pdf_dialog_refused_in_english(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_node("strategy-2015", "g1")
    dialog = window.show_report_dialog()
    assert dialog is not None
    out = tmp_path / "kpi.pdf"
    out.mkdir()
    window.translations.apply("en")
    try:
        op = dialog.save_to(out)
        assert op is not None
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60000)
        said = dialog.message.text()
    finally:
        window.translations.apply("ja")
        dialog.close()
    assert said and not JAPANESE.search(_words(said, out)), said
    assert out.is_dir() and not any(out.iterdir())
