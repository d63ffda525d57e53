"""The chooser of ファイルを取り込む…: every file the person chose is collected.

Qt's own file dialog returns the rows selected in its list when there are any, and drops the names
typed into ファイル名 that the list does not show (a file the type filter hides, one typed while
another row was selected): two quoted names typed gave one file (tester). The chooser here takes the
rows selected and every typed name that is a file, each once, in the order chosen.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget


def typed_names(text: str) -> list[str]:
    """The names typed into ファイル名: each quoted one, or the whole text when none is quoted."""
    quoted = re.findall(r'"([^"]+)"', text)
    return quoted if quoted else ([text.strip()] if text.strip() else [])


def choose_files(parent: QWidget, title: str, filters: str, start: str = "") -> list[Path]:
    """The files chosen (none when cancelled)."""
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setObjectName("collectChooser")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # its typed names are read below
    if not dialog.exec():
        return []
    folder = Path(dialog.directory().absolutePath())
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    typed = [folder / name for name in typed_names(edit.text() if edit is not None else "")]
    out: list[Path] = []
    for path in [Path(p) for p in dialog.selectedFiles()] + [p for p in typed if p.is_file()]:
        if path not in out:
            out.append(path)
    return out
