"""計画の編集 > Excelへ書き出し refused in an English window says why in English (it showed the
services' Japanese: 書き込めませんでした（同じ名前のフォルダがあります）). File names are data."""

from __future__ import annotations

import re
from pathlib import Path

from plan_editing.editor_kit import open_editor

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_the_plan_export_refused_in_english(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window)
    editor.plan_combo.setCurrentIndex(editor.plan_combo.findData("program-2021"))
    out = tmp_path / "program.xlsx"
    out.mkdir()  # a folder of that name: the workbook cannot be written there
    window.translations.apply("en")
    try:
        editor.export_workbook_to(out)
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30000)
        said = editor.message.text()
    finally:
        window.translations.apply("ja")
        editor.reject()
    assert said and not JAPANESE.search(said.replace(str(out), "")), said
    assert out.is_dir() and not any(out.iterdir())
