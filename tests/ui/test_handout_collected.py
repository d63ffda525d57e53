"""A 課 whose file of the year was already collected (回収済み) was handed out again by 作成する
without a word (last session's fixC). The 配布 dialog now shows it 回収済み (when, which file; 要確認
left), unticked; ticked by hand it asks 再配布, saying that what was collected stays (in the master
and in the new file) and what the new file will do; answered no, nothing changes. The values
collected are then in the new file, and an open 要確認 is still there to decide."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from roundkit import (
    FARM,
    NAME,
    actual,
    close_window,
    hand_out,
    handout_line,
    open_handout,
    open_window,
    press_make,
    tick_only,
    write,
)

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.conflicts import open_conflicts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "round"))
from round_helpers import statuses

DEPT = "産業振興課"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def _collected(db_path: Path, tmp_path: Path, master_changes: bool) -> Path:
    """産業振興課's 令和2年度 file handed out, 365 typed in it and collected (with the division's
    own 300 typed in the master meanwhile: a conflict, 要確認)."""
    first = hand_out(db_path, tmp_path / "前回", [DEPT])[DEPT]
    sent = tmp_path / "届いた" / first.name
    sent.parent.mkdir()
    shutil.copyfile(first, sent)
    write(sent, FARM, "365区画")
    if master_changes:
        write(db_path, FARM, "300区画")
    db = open_database(db_path, create=False)
    try:
        outcome = collect(db, [sent], actor=NAME).outcomes[0]
    finally:
        db.dispose()
    assert outcome.code == ("needs_review" if master_changes else "merged"), outcome.message
    return sent


@pytest.mark.parametrize("master_changes", [False, True], ids=["merged", "needs_review"])
def test_a_collected_department_is_shown_unticked_and_asked_about_before_it_is_handed_out_again(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, master_changes: bool) -> None:
    sent = _collected(db_path, tmp_path, master_changes)
    w = open_window(db_path)
    questions: list[str] = []
    reissue = False

    def ask(_title: str, text: str) -> bool:
        questions.append(text)
        return "過ぎています" in text or reissue  # 令和2年度 is past: yes; 再配布: as the test says

    try:
        qtbot.waitExposed(w)
        dialog = open_handout(qtbot, w)
        line = handout_line(dialog, DEPT)
        assert line.checkState() == Qt.CheckState.Unchecked and DEPT not in dialog.chosen()
        assert "回収済み" in line.text() and ("要確認 1 件" in line.text()) == master_changes, line.text()
        said = str(line.data(Qt.ItemDataRole.AccessibleDescriptionRole))  # the tooltip's words too
        assert line.toolTip() == said and "回収済み" in said and sent.name in said, said

        tick_only(qtbot, dialog, DEPT)
        press_make(qtbot, dialog, tmp_path / "配布", ask)
        assert not dialog.made and "配布しませんでした" in dialog.result_label.text()
        assert statuses(db_path, DEPT) == ["needs_review" if master_changes else "merged"]  # nothing superseded
        asked = next(q for q in questions if "再配布" in q)
        assert "回収済み" in asked and DEPT in asked and "失われません" in asked, asked
        assert ("競合を確認" in asked) == master_changes, asked

        reissue = True
        tick_only(qtbot, dialog, DEPT)
        press_make(qtbot, dialog, None, ask)
        assert [f.department for f in dialog.made] == [DEPT], dialog.result_label.text()
        new = dialog.made[0].path
        assert "配布済み" in handout_line(dialog, DEPT).text()  # read again: now out
        dialog.close()
    finally:
        close_window(w)
    assert statuses(db_path, DEPT) == ["issued", "superseded"]
    assert actual(new, "g1.a1.k3") == actual(db_path, "g1.a1.k3") == ("300区画" if master_changes else "365区画")
    if master_changes:  # the clerk's 365 is still there to decide
        db = open_database(db_path, create=False)
        try:
            assert [c.key for c in open_conflicts(db)] == [FARM], "the 要確認 left was dropped"
        finally:
            db.dispose()


def test_a_year_fixed_in_every_plan_in_force_is_refused_in_the_dialog_before_anything_is_written(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.year_locks import lock_year

    db = open_database(db_path, create=False)
    try:
        for plan in ("strategy-2015", "restructuring"):  # the plans in force in 令和2年度
            lock_year(db, plan, FiscalYear(2020), NAME, "委員会報告済み")
    finally:
        db.dispose()
    w = open_window(db_path)
    try:
        qtbot.waitExposed(w)
        dialog = open_handout(qtbot, w)
        assert "令和2年度は確定済みです" in dialog.plan_info.text(), dialog.plan_info.text()
        assert not dialog.make_button.isEnabled() and not dialog.chosen()
        assert "確定済み" in handout_line(dialog, DEPT).toolTip()
        dialog.close()
    finally:
        close_window(w)
    assert statuses(db_path, DEPT) == []
