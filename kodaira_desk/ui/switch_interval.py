"""The interpreter's switch interval, shortened while a worker writes (ui/plan_editor/workbook.py).

It is one setting for the whole process, and two windows' workers may write at once: the users are
counted, the first to come shortens it and the last to leave puts back what the first found. A
saved-and-restored value per user would set it back under another's write, or leave the short one
for the rest of the session. The runner's own interval (ui/tasks.py) goes through `set_session`,
so a runner made during a write is not undone by the write's end, nor cuts it short.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Shortened:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0
        self.session = 0.0  # the interval to put back when the last user leaves
        self.shortest = 0.0  # what the users asked for (sys.getswitchinterval rounds it to a µs)


_state = _Shortened()


@contextmanager
def shortened(interval: float) -> Iterator[None]:
    """The switch interval at `interval` (or shorter, if another user asked for less) while the
    block runs, and the session's again once no block runs."""
    with _state.lock:
        if _state.users == 0 or interval < _state.shortest:
            if _state.users == 0:
                _state.session = sys.getswitchinterval()
            _state.shortest = interval
            sys.setswitchinterval(interval)
        _state.users += 1
    try:
        yield
    finally:
        with _state.lock:
            _state.users -= 1
            if _state.users == 0:
                sys.setswitchinterval(_state.session)


def set_session(interval: float) -> None:
    """The interval outside any shortened block: set now, or when the last block ends."""
    with _state.lock:
        if _state.users == 0:
            sys.setswitchinterval(interval)
        else:
            _state.session = interval
