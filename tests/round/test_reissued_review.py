"""A 課 returned with conflicts (要確認) and handed out again (再配布): its conflicts are still open in
競合を確認, so the board counts them — 要確認 (競合 1 件) — and says its new file is still out
(「再配布したファイルは未返却」); the 課 still owes that file where that matters: the 確定 warning's
list (still_owed), the 未返却 of the round's status (tester: it read 未返却 with no conflicts). On each
backend; the command line's round status says the same."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

from round_helpers import FARM, edit, statuses

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.overview import overview_json, overview_lines, round_overview
from kodaira_desk.services.rounds.status import round_status, still_owed

DEPT = "産業振興課"
R2 = FiscalYear(2020)
ROOT = Path(__file__).resolve().parents[2]


def _reissued_with_a_conflict(master: Path | str, tmp_path: Path) -> None:
    db = open_database(master, create=False)
    try:
        first = handout(db, R2, tmp_path / "配布", [DEPT])[0].path
        back = tmp_path / "届いた" / first.name
        back.parent.mkdir()
        shutil.copy(first, back)
        edit(back, {FARM: "365区画"})
        edit(master, {FARM: "370区画"})  # the division changed it too: a conflict
        collect(db, [back], actor="政策課 山田")
        assert [s.open_conflicts for s in round_status(db, R2) if s.department == DEPT] == [1]
        handout(db, R2, tmp_path / "再配布", [DEPT], again=True)
    finally:
        db.dispose()
    assert statuses(master, DEPT) == ["issued", "superseded"]


def test_the_board_counts_the_earlier_files_open_conflicts_and_the_new_file_is_still_owed(
        master: Path | str, tmp_path: Path) -> None:
    _reissued_with_a_conflict(master, tmp_path)
    db = open_database(master, create=False)
    try:
        row = next(s for s in round_status(db, R2) if s.department == DEPT)
        assert (row.label, row.open_conflicts, row.owed) == ("要確認", 1, "issued")
        assert row.reasons == ("競合 1 件", "再配布したファイルは未返却")
        assert (DEPT, "未返却") in still_owed(db, R2)  # the 確定 warning still lists it
        ov = round_overview(db, R2, on=datetime.date(2021, 3, 1))
        assert DEPT in ov.missing and DEPT in ov.review
        line = next(ln for ln in overview_lines(ov) if f"\t{DEPT}\t" in ln)
        assert line.startswith(f"!\t{DEPT}\t要確認\t") and "競合 1 件・再配布したファイルは未返却" in line, line
        assert '"open_conflicts": 1' in overview_json(ov)
    finally:
        db.dispose()


def test_round_status_on_the_command_line_says_both(db_path: Path, tmp_path: Path) -> None:
    _reissued_with_a_conflict(db_path, tmp_path)
    done = subprocess.run([sys.executable, "-m", "kodaira_desk", "--db", str(db_path), "round", "status", "--year", "R2"],
                          cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    line = next(ln for ln in done.stdout.splitlines() if f"\t{DEPT}\t" in ln)
    assert "\t要確認\t" in line and "競合 1 件・再配布したファイルは未返却" in line, done.stdout
    summary = done.stdout.splitlines()[-1]
    assert f"未返却 1（{DEPT}）" in summary and DEPT in summary.split("要確認")[1], summary
