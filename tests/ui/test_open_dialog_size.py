"""File > Open at 1366×768 (tester's C7): Qt's own dialog opened some 640 pixels wide, a department
file's name with a long 課 name cut in the middle and its size and type columns cut too. It opens at
most of the screen's room, and every column of the list shows its texts whole; so does 回収状況と取り込み's
ファイルを取り込む… chooser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QFileDialog, QTreeView, QWidget

from kodaira_desk.ui import screen_fit
from kodaira_desk.ui.window.main_window import MainWindow

LONG = "提出用_令和2年度_市民協働・男女参画推進課.kdesk"
ROOM = QSize(1366 - screen_fit.FRAME.width(), 768 - screen_fit.FRAME.height())  # a 1366×768 screen's


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The room a window has on a 1366×768 screen (the offscreen platform's screen is 800×800)."""
    monkeypatch.setattr(screen_fit, "room", lambda _w: ROOM)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "配布"
    folder.mkdir()
    for name in (LONG, "提出用_令和2年度_地域包括ケア推進担当.kdesk", "提出用_令和2年度_道路課.kdesk"):
        (folder / name).write_bytes(b"SQLite format 3\x00" + bytes(4096))
    return folder


def _looked_at(qtbot, parent: QWidget, name: str, folder: Path, opens: Callable[[], object]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the file dialog `name` shows of `folder` once listed (then cancelled)."""
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = parent.findChild(QFileDialog, name)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, look)
            return
        try:
            dialog.setDirectory(str(folder))
            details = dialog.findChild(QTreeView, "treeView")
            model = details.model()
            qtbot.waitUntil(lambda: model.rowCount(details.rootIndex()) == 3, timeout=10000)  # listed (read aside)
            rows = [model.index(r, 0, details.rootIndex()) for r in range(3)]
            long_row = next(i for i in rows if i.data() == LONG)
            header = details.header()
            seen.update(width=dialog.width(), height=dialog.height(),
                        # each column as wide as what it shows: the long name (its icon beside it), size, type, date
                        name=(header.sectionSize(0), details.sizeHintForIndex(long_row).width()),
                        others=[(header.sectionSize(c), details.sizeHintForColumn(c)) for c in range(1, header.count())],
                        in_view=header.length() <= details.viewport().width())
        finally:
            dialog.reject()

    QTimer.singleShot(0, look)
    opens()
    assert seen, "the dialog was not seen"
    return seen


def _whole(seen: dict[str, object]) -> None:
    width, height = int(seen["width"]), int(seen["height"])  # type: ignore[call-overload]
    assert 1000 <= width <= ROOM.width() and height <= ROOM.height(), seen
    shown, needed = seen["name"]  # type: ignore[misc]
    assert shown >= needed, seen
    assert all(size >= hint for size, hint in seen["others"]), seen  # type: ignore[attr-defined]
    assert seen["in_view"], seen


def test_the_open_dialog_shows_long_department_file_names_whole(  # type: ignore[no-untyped-def]
        qtbot, laptop: None, window: MainWindow, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    window.settings.last_folder = folder
    _whole(_looked_at(qtbot, window, "openDialog", folder, window.act_open.trigger))


def test_the_collections_chooser_shows_them_whole(  # type: ignore[no-untyped-def]
        qtbot, laptop: None, window: MainWindow, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    try:
        _whole(_looked_at(qtbot, collect, "collectChooser", folder, collect.add_button.click))
    finally:
        collect.close()
