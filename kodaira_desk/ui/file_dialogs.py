"""Qt's own file dialog (File > Open, ファイルを取り込む…) sized for the city's file names.

The dialog opened at Qt's default, some 640 pixels wide at 1366×768: a department file's name
(「提出用_令和2年度_市民協働・男女参画推進課.kdesk」) was cut in the middle and the size and type
columns read 「544…KiB」「SQ…ース」 (tester's C7). It opens at a share of the screen's room (most of
a laptop's width, not the whole of a large screen's), never past it; the name takes the list's room
and the other columns are as wide as their texts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView

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
