"""競合の確認 for a sibling copy: a field the copy never touched, held because a collected sibling
set it and their common version was never collected (domain.lineage.hold_unsure), says so instead
of showing an empty 課の値 a person might take (it would put the master back to the hand-out's)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import FARM, hand_out, write
from test_conflicts import _collect, _conflicts

from kodaira_desk.ui.window.main_window import MainWindow

K1 = "value:strategy-2015:g1.a1.k1:actual:2020:"  # 新規就農者数 (人), 産業振興課
K4 = "value:strategy-2015:g1.a1.k4:actual:2020:"


def test_a_field_the_copy_never_touched_is_said_unconfirmed(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    w = window
    f = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    write(f, FARM, "1区画")  # 第1版, copied, never collected
    (tmp_path / "copy").mkdir()
    copy = Path(shutil.copyfile(f, tmp_path / "copy" / f.name))
    write(f, K1, "12人")  # the main line sets 新規就農者数 and is collected
    _collect(qtbot, w, [f])
    write(copy, K4, "345人")  # the copy never touches 新規就農者数
    _collect(qtbot, w, [copy])
    dialog = _conflicts(w)
    rows = {c.key: i for i, c in enumerate(dialog.model.rows)}
    assert K1 in rows and K4 in rows, rows
    mine = dialog.model.index(rows[K1], 4)
    assert mine.data() == "未確認（この写しは触れていない）"
    assert dialog.model.index(rows[K4], 4).data() == "345人"  # a value the copy typed is shown as it is
    dialog.list.scrollTo(mine)
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualRect(mine).center())
    assert dialog.selected() is dialog.model.rows[rows[K1]]
    assert dialog.department_view.toPlainText() == "未確認（この写しは触れていない）"
    assert "この写しはこの項目に触れていません" in dialog.base_label.text()
