"""The mark a window keeps beside a department file it has open (services/open_files.py): held by
a living process, it says the file is open; left by a process killed (kill -9), it says nothing and
is removed by the next look; taken by a hand-out, a window opening meanwhile goes without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kodaira_desk.services import open_files

HOLDER = """
import sys, time
from pathlib import Path
from kodaira_desk.services.open_files import hold
held = hold(Path(sys.argv[1]))
print("held" if held is not None else "not held", flush=True)
time.sleep(60)
"""


def test_a_living_holder_says_open_a_killed_one_says_nothing(tmp_path: Path) -> None:
    file = tmp_path / "提出用_令和2年度_産業振興課.kdesk"
    file.write_bytes(b"")
    assert not open_files.open_elsewhere(file)
    other = subprocess.Popen([sys.executable, "-c", HOLDER, str(file)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        assert open_files.open_elsewhere(file)
        assert open_files.hold(file) is None  # a hand-out (or a second window) cannot take it
    finally:
        other.kill()  # kill -9: its lock goes with it, its mark stays
        other.wait()
    mark = open_files.mark_of(file)
    assert mark.exists()
    assert not open_files.open_elsewhere(file) and not mark.exists()  # stale: removed by the look
    mine = open_files.hold(file)
    assert mine is not None and mark.exists()
    mine.release()
    mine.release()  # (twice: harmless)
    assert not mark.exists()
