"""The policy division hands 令和8年度 of the next program out from a batch file (`kodaira-desk handout
--year R8 --out \\\\共有\\配布`, recorded in the master with each file's path), then opens the window to
re-issue one 課: 年次作業 > 提出用ファイルの配布 offers the home folder, not the folder of the master's
last hand-out (README: 「The hand-out offers again the folder of its last hand-out from that master」),
and 作成する would scatter the new file into the home folder (ファイルを取り込む… was seen opening there too, at Xvfb)."""

from __future__ import annotations

from pathlib import Path

from next_program import master_with_next_program
from roundkit import close_window, open_handout, open_window

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.handout import handout


def test_the_hand_out_dialog_offers_the_folder_the_batch_handed_out_to(  # type: ignore[no-untyped-def]
        qtbot, built_db_template: Path, tmp_path: Path) -> None:
    master = master_with_next_program(built_db_template, tmp_path)
    shared = tmp_path / "共有" / "配布"
    db = open_database(master, create=False)
    try:  # what `kodaira-desk handout --year R8 --out 共有/配布` does
        handout(db, FiscalYear(2026), shared, None)
    finally:
        db.dispose()
    w = open_window(master)
    try:
        qtbot.waitExposed(w)
        dialog = open_handout(qtbot, w, "令和8年度")
        offered = dialog.folder.text()
        dialog.close()
    finally:
        close_window(w)
    assert Path(offered).resolve() == shared.resolve(), offered
