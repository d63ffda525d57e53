"""kill -9 of a re-issue (配布 again into the same folder) between its files taking their names:
the records say the new hand-outs, while a department whose new file had not its name yet still has
the old one (superseded) there, the new one waiting beside it as a whole temporary. The next look at
the round (`round status`) used to skip it — "the file is there" — so the department filled in a
superseded file, refused when it came back, and the next hand-out swept the waiting one away. Now it
takes its name (the old one is replaced, as the re-issue meant), unless a window has the old one open:
then it is said, and named at a later look."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_handout_killed import CHILD, _handout_id, _handout_ids

from kodaira_desk.cli import main
from kodaira_desk.io.atomic import TMP_PREFIX
from kodaira_desk.services import open_files
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.handout import handout

DEPARTMENTS = ["産業振興課", "子育て支援課"]


def killed_while_naming(db_path: Path, out: Path, tmp_path: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """R2 handed out into `out`, then handed out again and killed after the first file took its name:
    the first hand-out's files and their hand-out ids (one file is still the earlier one)."""
    from kodaira_desk.domain.fiscal_year import FiscalYear

    db = open_database(db_path, create=False)
    try:
        first = {f.department: f.path for f in handout(db, FiscalYear(2020), out, DEPARTMENTS)}
    finally:
        db.dispose()
    old_ids = {d: _handout_id(p) for d, p in first.items()}
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(db_path), str(out), "naming", ",".join(DEPARTMENTS)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == -9, run.stdout + run.stderr[-2000:]  # killed after the first file's name
    return first, old_ids


@pytest.mark.parametrize("open_in_a_window", [False, True])
def test_a_reissue_killed_while_naming_is_finished_by_the_next_look(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], open_in_a_window: bool) -> None:
    out = tmp_path / "配布"
    first, old_ids = killed_while_naming(db_path, out, tmp_path)
    issued = _handout_ids(db_path)
    left = [d for d, p in first.items() if _handout_id(p) == old_ids[d]]
    assert len(left) == 1 and old_ids[left[0]] not in issued  # one still the old, superseded file
    waiting = first[left[0]]
    held = open_files.hold(waiting) if open_in_a_window else None
    try:
        code = main(["--db", str(db_path), "round", "status", "--year", "R2"])
        said = capsys.readouterr()
        assert "Traceback" not in said.out + said.err
        if open_in_a_window:  # not replaced under the window: said, and left waiting
            assert _handout_id(waiting) == old_ids[left[0]]
            assert any(waiting.name in line and "開いている画面" in line for line in said.out.splitlines()), said.out
            assert any(p.name.startswith(TMP_PREFIX) for p in out.iterdir())
            assert code == 1  # (a person is needed)
    finally:
        if held is not None:
            held.release()
    if open_in_a_window:
        main(["--db", str(db_path), "round", "status", "--year", "R2"])  # closed: a later look
        said = capsys.readouterr()
        assert "Traceback" not in said.out + said.err
    assert f"中断された配布を完了しました: {waiting}" in said.out, said.out
    assert {_handout_id(p) for p in first.values()} <= issued  # every file the one its record says
    assert not [p for p in out.iterdir() if p.name.startswith(TMP_PREFIX)]
