"""The interpreter's switch interval is one for the whole process: two windows' workers writing an
import or its undo at once (ui/plan_editor/workbook.py) both shorten it. Each saved what it found and
put it back as it ended, so the first to end set the runner's interval back under the other's write,
and the last put back the short one it had found, for the rest of the session (97b26f5). Counted,
the original comes back only when the last user leaves, whatever the order."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from kodaira_desk.ui.plan_editor.workbook import QUICK_SWITCH_S, quick_switches

SESSION_S = 0.001


@pytest.fixture(autouse=True)
def session_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(SESSION_S)
    yield
    sys.setswitchinterval(before)


def test_two_overlapping_writes_keep_it_short_until_the_last_ends_then_give_the_session_its_own() -> None:
    first, second = quick_switches(), quick_switches()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first window's write ends while the second's runs
    assert sys.getswitchinterval() == pytest.approx(QUICK_SWITCH_S)
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == pytest.approx(SESSION_S)


def test_workers_on_threads_overlapping_at_random_leave_the_session_its_interval() -> None:
    go = threading.Barrier(4)
    seen: list[float] = []

    def write() -> None:
        go.wait()
        for _ in range(200):
            with quick_switches():
                seen.append(sys.getswitchinterval())

    workers = [threading.Thread(target=write) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert seen == [pytest.approx(QUICK_SWITCH_S)] * len(seen)
    assert sys.getswitchinterval() == pytest.approx(SESSION_S)


def test_a_failing_write_gives_its_turn_back_too() -> None:
    with pytest.raises(RuntimeError), quick_switches():
        raise RuntimeError("a write that failed")
    assert sys.getswitchinterval() == pytest.approx(SESSION_S)


def test_a_runner_made_during_a_write_neither_cuts_it_short_nor_is_undone_by_its_end() -> None:
    from kodaira_desk.ui import switch_interval

    with quick_switches():
        switch_interval.set_session(0.002)  # a second window's TaskRunner, made meanwhile
        assert sys.getswitchinterval() == pytest.approx(QUICK_SWITCH_S)
    assert sys.getswitchinterval() == pytest.approx(0.002)
