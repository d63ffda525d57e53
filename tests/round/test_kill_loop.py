"""The short form of tools/kill_loop.py: kill -9 at random moments of collect, handout, build-db
and a save; the master is always whole-before or whole-after (the long form: --kills 200)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_kill_minus_nine_leaves_everything_whole(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import kill_loop
    finally:
        sys.path.remove(str(ROOT / "tools"))
    result = kill_loop.run(20, seed=11, work=tmp_path)
    assert result.failures == []
    assert result.kills >= 20
    # every command was killed, not only started and left to finish
    assert all(result.killed.get(mode, 0) >= 1 for mode in kill_loop.MODES), result.killed
    # and some collections were killed in the middle of their work (a journal or a private copy
    # was left), not only before they started or after they finished. The moments are random:
    # when none of the first run's landed there, a few more are aimed at collect alone.
    mid = result.killed_mid_collection
    if mid == 0:
        (tmp_path / "more").mkdir()
        more = kill_loop.run(8, seed=12, work=tmp_path / "more", only="collect")
        assert more.failures == []
        mid = more.killed_mid_collection
    assert mid >= 1, result.outcomes
