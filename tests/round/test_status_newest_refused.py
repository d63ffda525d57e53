"""回収状況 after the newest file received from a department was refused (here an older copy that
came late: 古い版): the master still holds the collected version (取込済, 第2版), and the board and
`round status` say that the newest file received was not taken, and why. Before, both said 取込済
第2版 as if nothing had come since (the file column named the refused file, the note the taken one)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from round_helpers import FARM, R2, edit

from kodaira_desk.cli import main
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.status import round_status


def test_a_refused_newer_file_is_said_beside_the_collected_one(db_path: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(db_path, create=False)
    try:
        f = handout(db, R2, tmp_path / "配布", ["産業振興課"])[0].path
        edit(f, {FARM: "365区画"})
        older = tmp_path / "第1版.kdesk"
        shutil.copyfile(f, older)
        edit(f, {FARM: "370区画"})
        newer = tmp_path / "第2版.kdesk"
        shutil.copyfile(f, newer)
        assert not collect(db, [newer], actor="政策課").needs_a_person
        collect(db, [older], actor="政策課")  # came late: refused as 古い版
        state = next(s for s in round_status(db, R2) if s.department == "産業振興課")
    finally:
        db.dispose()
    assert state.label == "取込済" and state.kdesk_revision == 2  # the master holds 第2版
    assert state.reason is not None
    assert "第1版.kdesk" in state.reason and "取り込んでいません" in state.reason and "取込済みは第 2 版" in state.reason
    assert main(["--db", str(db_path), "round", "status", "--year", "R2"]) in (0, 1)
    out, err = capsys.readouterr()
    line = next(x for x in out.splitlines() if "産業振興課" in x)
    assert "第1版.kdesk" in line and "取り込んでいません" in line
    assert "Traceback" not in out + err
