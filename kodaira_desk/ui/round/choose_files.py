"""The chooser of ファイルを取り込む…: every file the person chose is collected.

Qt's own file dialog returns the rows selected in its list when there are any, and drops the names
typed into ファイル名 that the list does not show (a file the type filter hides, one typed while
another row was selected): two quoted names typed gave one file (tester). The chooser here takes the
rows selected and every typed name that is a file, each once (the same file however it was written),
in the order chosen; a typed name that is no file there (mistyped, in another folder, a folder) is
said, by name, rather than dropped (review 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from kodaira_desk.ui import file_dialogs


def typed_names(text: str) -> list[str]:
    """The names typed into ファイル名: each quoted one, or the whole text when none is quoted."""
    quoted = re.findall(r'"([^"]+)"', text)
    return quoted if quoted else ([text.strip()] if text.strip() else [])


def choose_files(parent: QWidget, title: str, filters: str, start: str = "",
                 said: Callable[[str], None] | None = None) -> list[Path]:
    """The files chosen (none when cancelled); each chosen name that is no file is `said` (a × line)."""
    dialog = file_dialogs.made(parent, title, start, filters, QFileDialog.FileMode.ExistingFiles,
                               name="collectChooser")  # Qt's own: its typed names are read below
    if not dialog.exec():
        return []
    folder = Path(dialog.directory().absolutePath())
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    chosen = [(Path(p).name, Path(p)) for p in dialog.selectedFiles()]
    chosen += [(name, folder / name) for name in typed_names(edit.text() if edit is not None else "")]
    out: list[Path] = []
    seen: set[Path] = set()
    for name, path in chosen:
        whole = path.resolve()  # "../受付/a.kdesk" and a selected "a.kdesk" are one file
        if whole in seen:
            continue
        seen.add(whole)
        if path.is_file():
            out.append(path)
        elif said is not None:
            said("× " + QCoreApplication.translate("ChooseFiles", "{name}: ファイルが見つかりません（{folder}）").format(
                name=name, folder=path.parent))
    return out
