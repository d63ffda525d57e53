"""Where ファイルを取り込む… opens (the tester at Xvfb, 2026-12-07): the chooser opened in the folder
the program was started from. It opens where files were last chosen for this master, else in the
folder the last hand-out went to (where returned files are often put back), else the home folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QLineEdit
from roundkit import CHILDREN, close_window, hand_out, open_window, write


def _choose(qtbot, collect, pick: Path | None) -> str:  # type: ignore[no-untyped-def]
    """ファイルを取り込む… clicked: the folder the chooser opened in; `pick` typed and chosen (None: Esc)."""
    opened: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, answer)
            return
        opened.append(dialog.directory().absolutePath())
        if pick is None:
            dialog.reject()
            return
        dialog.setDirectory(str(pick.parent))
        view = dialog.findChild(QAbstractItemView, "listView")
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 1)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText(pick.name)
        qtbot.keyClick(name, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)
    qtbot.mouseClick(collect.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    return opened[0]


def test_the_chooser_opens_at_the_hand_out_folder_then_where_files_were_chosen(
        qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from test_round_window import _wait

    monkeypatch.chdir(tmp_path)  # the folder the program was started from: not where to look
    returned = hand_out(db_path, tmp_path / "handout", ["子育て支援課"])["子育て支援課"]
    write(returned, CHILDREN, "36,000人")
    inbox = tmp_path / "受付"
    inbox.mkdir()
    moved = inbox / returned.name
    returned.rename(moved)
    w = open_window(db_path)
    try:
        w.settings.set_handout_folder(w.workspace.location, (tmp_path / "handout").absolute())  # the 配布 dialog's
        collect = w.show_collect()
        assert collect is not None
        qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
        assert Path(_choose(qtbot, collect, moved)) == (tmp_path / "handout").resolve()
        _wait(qtbot, w)
        assert f"○ {moved.name}" in collect.log.toPlainText()
        assert Path(_choose(qtbot, collect, None)) == inbox.resolve()  # where the last files came from
        collect.close()
    finally:
        close_window(w)
