"""Two collectors at once, with workbooks (issue 26): two processes collect two saves of one
department's workbook at the same moment, on each backend. Whichever takes the lock first, the
master ends with the later save's values and nothing for a person to decide: the later save
merged, the earlier one merged before it or refused as 古い版 after it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from round_helpers import FARM, PROGRESS_STATUS, R2, field_value
from workbook_helpers import INDICATORS, MEASURES, edited_and_saved

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.conflicts import open_conflicts
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.status import import_results

ROOT = Path(__file__).resolve().parents[2]
ACTUAL = (INDICATORS, "市内体験農園の区画数", "令和2年度 実績")
STATUS = (MEASURES, "農にふれあえる場の提供", "令和2年度 進捗状況")


def test_two_collectors_of_two_saves_of_one_workbook_leave_the_later(master: Path | str, tmp_path: Path) -> None:
    db = open_database(master, create=False)
    (made,) = handout(db, R2, tmp_path / "配布", ["産業振興課"], file_format="xlsx")
    db.dispose()
    book = made.path
    start = dt.datetime.now().astimezone().replace(microsecond=0)
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    first = edited_and_saved(book, {ACTUAL: 100}, tmp_path / "1" / book.name, at=start + dt.timedelta(minutes=10))
    second = edited_and_saved(first, {ACTUAL: 200, STATUS: "実施中"}, tmp_path / "2" / book.name,
                              at=start + dt.timedelta(minutes=20))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KODAIRA_DESK_DATA_DIR": str(tmp_path / "userdata")}
    procs = [subprocess.Popen([sys.executable, "-m", "kodaira_desk.cli", "--db", str(master), "collect", str(p)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for p in (second, first)]
    outs = [p.communicate(timeout=240) for p in procs]
    for out, err in outs:
        assert b"Traceback" not in out + err, (out + err).decode()
    db = open_database(master, create=False)
    try:
        results = sorted((r.file_name, r.result, r.reason_code) for r in import_results(db))
        conflicts = open_conflicts(db)
    finally:
        db.dispose()
    assert results in ([(book.name, "merged", None), (book.name, "merged", None)],
                       [(book.name, "merged", None), (book.name, "refused", "stale")]), results
    assert conflicts == []
    assert field_value(master, FARM) == "200区画" and field_value(master, PROGRESS_STATUS) == "実施中"
