"""A refused return (an older copy sent after a newer one was collected) leaves the department's row
of 回収状況 as the accepted return made it: the file taken and when it came back (the tester's
m13: c3v3.kdesk 第3版 collected, then c2.kdesk 第1版 refused, and the row named c2.kdesk)."""

from __future__ import annotations

import shutil
from pathlib import Path

from round_helpers import FARM, PROGRESS_STATUS, R2, edit

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.status import import_results, round_status


def _collect(master: Path, path: Path) -> str:
    db = open_database(master, create=False)
    try:
        return collect(db, [path]).outcomes[0].code
    finally:
        db.dispose()


def _row(master: Path) -> tuple[str, str | None, int | None]:
    db = open_database(master, create=False)
    try:
        s = next(s for s in round_status(db, R2) if s.department == "産業振興課")
        return s.file_name, s.returned_at, s.kdesk_revision
    finally:
        db.dispose()


def test_an_older_copy_refused_leaves_the_row_as_the_accepted_return_made_it(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path, create=False)
    f = handout(db, R2, tmp_path / "配布", ["産業振興課"])[0].path
    db.dispose()
    edit(f, {FARM: "100区画"})
    old = tmp_path / "old" / "c2.kdesk"
    old.parent.mkdir()
    shutil.copyfile(f, old)  # 第1版, mailed first
    edit(f, {FARM: "200区画", PROGRESS_STATUS: "実施中"})
    new = tmp_path / "new" / "c3v3.kdesk"
    new.parent.mkdir()
    shutil.copyfile(f, new)
    assert _collect(db_path, new) == "merged"
    accepted = _row(db_path)
    assert accepted[0] == "c3v3.kdesk" and accepted[1]
    assert _collect(db_path, old) == "stale"
    assert _row(db_path) == accepted  # the file, when it came back, the revision taken: unchanged
    db = open_database(db_path, create=False)
    try:  # the refused attempt is still listed among the files received
        assert [(r.file_name, r.result) for r in import_results(db, R2)] == [
            ("c3v3.kdesk", "merged"), ("c2.kdesk", "refused")]
    finally:
        db.dispose()
