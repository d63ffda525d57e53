"""障がい者支援課's clerk saves, copies the file aside, saves again; the division collects the newer file
and then the older copy. The refusal is right (古い版) but says when in the database's raw form:
「届いたのは第 1 版 2026-12-08T02:13:27+00:00、取込済みは第 2 版 2026-12-08T02:13:29+00:00」 — a T, seconds
and a UTC offset, where the board says 「2026-12-08 02:13」 and the handouts the era."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tdiv_round import clerk_saves, next_program_handed_out, run, value


def test_an_older_copy_s_refusal_says_its_times_as_the_board_does(db_path: Path, tmp_path: Path) -> None:
    files = next_program_handed_out(db_path, tmp_path / "配布")
    newer = files["障がい者支援課"]
    clerk_saves(newer, {value("p2.k1"): "40"})
    older = tmp_path / "前の写し" / newer.name
    older.parent.mkdir()
    shutil.copyfile(newer, older)
    clerk_saves(newer, {value("p2.k1"): "41", value("p2.k2"): "7"})
    assert run("--db", str(db_path), "collect", str(newer), "--by", "政策課 山田", cwd=tmp_path).returncode == 0

    done = run("--db", str(db_path), "collect", str(older), "--by", "政策課 山田", cwd=tmp_path)
    said = done.stdout + done.stderr
    assert "古い版" in said and "Traceback" not in said, said
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", said), said
