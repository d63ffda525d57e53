"""Qt's own file dialog (every one the window opens) sized for the city's file names.

The dialog opened at Qt's default, some 640 pixels wide at 1366×768: a department file's name
(「提出用_令和2年度_市民協働・男女参画推進課.kdesk」) was cut in the middle and the size and type
columns read 「544…KiB」「SQ…ース」 (tester's C7). It opens at a share of the screen's room (most of
a laptop's width, not the whole of a large screen's), never past it; the name takes the list's room
and the other columns are as wide as their texts. Every file dialog is opened here (or made by
`made`): Open, 名前を付けて保存, Excel出力, the report's PDF, the CSV exports, the plan workbook's
export and import, the attachments, the folders chosen (tests/ui/test_file_dialogs_fit.py holds it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView, QWidget

from kodaira_desk.ui import screen_fit

SHARE = 0.8  # of the room on the screen, each way
LARGEST = (1280, 800)  # on a large screen: a dialog, not a second window


def fit(dialog: QFileDialog) -> QFileDialog:
    """`dialog` (Qt's own, not the platform's) at a share of the screen's room, the names whole."""
    space = screen_fit.room(dialog)
    hint = dialog.sizeHint()
    width = min(space.width(), max(hint.width(), min(round(space.width() * SHARE), LARGEST[0])))
    height = min(space.height(), max(hint.height(), min(round(space.height() * SHARE), LARGEST[1])))
    dialog.resize(width, height)
    details = dialog.findChild(QTreeView, "treeView")  # the detail view (名前, サイズ, タイプ, 更新日)
    if details is not None:
        header = details.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # (set again over a state Qt restored)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return dialog


def made(parent: QWidget, title: str, start: str = "", filters: str = "",
         mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile, *,
         save: bool = False, name: str = "fileDialog") -> QFileDialog:
    """Qt's own file dialog (`start` a folder, or a file name to suggest), fitted; not yet shown."""
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setObjectName(name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # the platform's cannot be sized
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)  # (asks before writing over a file)
    return fit(dialog)


def _chosen(dialog: QFileDialog) -> list[Path]:
    try:
        return [Path(p) for p in dialog.selectedFiles()] if dialog.exec() else []
    finally:
        dialog.deleteLater()


def save_name(parent: QWidget, title: str, start: str, filters: str = "", name: str = "saveDialog") -> Path | None:
    """Where to write (None when cancelled): QFileDialog.getSaveFileName at the city's size."""
    chosen = _chosen(made(parent, title, start, filters, QFileDialog.FileMode.AnyFile, save=True, name=name))
    return chosen[0] if chosen else None


def open_name(parent: QWidget, title: str, start: str, filters: str = "", name: str = "openDialog") -> Path | None:
    """The file to read (None when cancelled): QFileDialog.getOpenFileName at the city's size."""
    chosen = _chosen(made(parent, title, start, filters, name=name))
    return chosen[0] if chosen else None


def open_names(parent: QWidget, title: str, start: str, filters: str = "", name: str = "openDialog") -> list[Path]:
    """The files to read (none when cancelled): QFileDialog.getOpenFileNames at the city's size."""
    return _chosen(made(parent, title, start, filters, QFileDialog.FileMode.ExistingFiles, name=name))


def folder(parent: QWidget, title: str, start: str, name: str = "folderDialog") -> Path | None:
    """The folder chosen (None when cancelled): QFileDialog.getExistingDirectory at the city's size."""
    chosen = _chosen(made(parent, title, start, mode=QFileDialog.FileMode.Directory, name=name))
    return chosen[0] if chosen else None
