"""回収状況と取り込み: a 課 whose file came back with a conflict (要確認) and was handed out again reads
要確認 with its conflict counted and why — 「競合 1 件・再配布したファイルは未返却」, in English too —
(tester: it read 未返却 with no conflicts, though the conflict was open in 競合を確認)."""

from __future__ import annotations

import shutil
from pathlib import Path

from roundkit import FARM, close_window, hand_out, open_window, write

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout

DEPT = "産業振興課"


def test_the_collection_windows_row_says_review_and_the_new_file_out(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = hand_out(db_path, tmp_path / "配布", [DEPT])[DEPT]
    back = tmp_path / "届いた" / first.name
    back.parent.mkdir()
    shutil.copy(first, back)
    write(back, FARM, "365区画")
    write(db_path, FARM, "370区画")  # the division changed it too: a conflict
    db = open_database(db_path, create=False)
    try:
        collect(db, [back], actor="政策課 山田")
        handout(db, FiscalYear(2020), tmp_path / "再配布", [DEPT], again=True)
    finally:
        db.dispose()
    w = open_window(db_path)
    try:
        qtbot.waitExposed(w)
        window = w.show_collect()
        assert window is not None
        qtbot.waitUntil(lambda: not window.loading_board, timeout=30000)
        model = window.model
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == DEPT)
        texts = [model.index(row, c).data() for c in range(model.columnCount())]
        assert texts[1] == "要確認" and texts[5] == "1", texts
        assert texts[model.NOTE_COLUMN] == "競合 1 件・再配布したファイルは未返却", texts
        w.translations.apply("en")
        try:
            note = model.index(row, model.NOTE_COLUMN).data()
            assert "reissued file not returned" in note and "再配布" not in note, note
        finally:
            w.translations.apply("ja")
        window.close()
    finally:
        close_window(w)
