"""In English, the collection board's 理由・版 says a received file's refusal (or 未記入) in English
when it is one of the app's own reasons: the reason stored in the master is data, in Japanese with
its details, and is shown as stored in Japanese (and for a reason the app does not know)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.common import DepartmentState
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.status import round_status
from kodaira_desk.ui.round.status_model import RoundStatusModel

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
R2 = FiscalYear(2020)
DEPARTMENT = "産業振興課"


def _collected_untouched(db_path: Path, tmp_path: Path) -> DepartmentState:
    """A hand-out file sent back without anything entered: 未記入, with the stored reason."""
    db = open_database(db_path, create=False)
    try:
        made = handout(db, R2, tmp_path / "配布", [DEPARTMENT])
        collect(db, [made[0].path])
        return next(st for st in round_status(db, R2) if st.department == DEPARTMENT)
    finally:
        db.dispose()


def _note(state: DepartmentState) -> tuple[str, str]:
    model = RoundStatusModel()
    model.load([state])
    index = model.index(0, model.NOTE_COLUMN)
    return str(model.data(index, Qt.ItemDataRole.DisplayRole)), str(model.data(index, Qt.ItemDataRole.ToolTipRole))


def test_an_unfilled_return_is_said_in_english(english: None, db_path: Path, tmp_path: Path) -> None:
    state = _collected_untouched(db_path, tmp_path)
    assert state.reason and "未記入" in state.reason  # stored as the collection wrote it
    shown, tip = _note(state)
    assert shown == f"{state.reason_file}: never saved by the department (nothing entered)"
    assert not JAPANESE.search(shown.replace(state.reason_file, "")) and tip == shown


def test_in_japanese_the_stored_reason_is_shown_whole(qapp, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    state = _collected_untouched(db_path, tmp_path)
    shown, tip = _note(state)
    assert state.reason is not None and shown == state.reason.splitlines()[0] and tip == state.reason


def test_a_reason_of_a_kind_the_app_does_not_know_is_shown_as_stored(english: None) -> None:
    state = DepartmentState(DEPARTMENT, "needs_review", "要確認", None, "h1", "f.kdesk", 0,
                            reason="f.kdesk: 古い版の Kodaira Desk が書いた理由", reason_code="from_an_older_version",
                            reason_file="f.kdesk")
    assert _note(state)[0] == "f.kdesk: 古い版の Kodaira Desk が書いた理由"


def test_the_progress_boards_items_without_a_lead_department_are_said_in_english(english: None) -> None:
    from kodaira_desk.services import board as board_service
    from kodaira_desk.ui.round.board_dialog import BoardModel

    model = BoardModel()
    model.set_rows([board_service.BoardRow("p", "計画", None, 3), board_service.BoardRow("p", "計画", "道路課", 1),
                    board_service.BoardRow("p", "計画", board_service.NO_DEPARTMENT, 2)])
    shown = [model.data(model.index(r, 1)) for r in range(3)]
    assert shown == ["Total", "道路課", "(no lead department)"]  # a 課's name is data: as it is
    assert ("(no lead department)", False) in model.texts(1)  # (the column fits the words shown)
