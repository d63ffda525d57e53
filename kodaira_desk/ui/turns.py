"""Work for the GUI thread cut into turns of the event loop, each with its own layout and paint.

A window that fills many widgets in one turn holds the GUI thread for the filling, then for the
layout and the paint it caused, before a key or a timer is taken (issue 27: no stall a person can
feel). `Turns.later(step)` runs each step in a turn of its own, in order: once the layout and the
paint the step before posted are done (a zero timer: a posted event, queued behind them), a 1 ms
timer, so that the event loop's timers already due and the input waiting go first (a zero timer
alone ran the next step right after that paint, in the same stretch of the GUI thread).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

Step = Callable[[], object]
Later = Callable[[Step], None]  # runs a step: at once (`now`) or in a later turn (`Turns.later`)

TURN_MS = 1  # a timer's turn: after the paint the step before posted, and after what waits


def now(step: Step) -> None:
    """A step run at once, in this turn."""
    step()


def together(*steps: Step) -> Step:
    """The steps one after the other, in one turn."""
    def run() -> None:
        for step in steps:
            step()
    return run


class Turns(QObject):
    """Steps run one a turn, in the order given, while `context` lives (deleted: dropped). Made a
    child of `context`, it lives until its last step has run."""

    def __init__(self, context: QObject) -> None:
        super().__init__(context)
        self._steps: deque[Step] = deque()

    def later(self, step: Step) -> None:
        self._steps.append(step)
        if len(self._steps) == 1:
            QTimer.singleShot(0, self, self._arm)

    def _arm(self) -> None:
        QTimer.singleShot(TURN_MS, self, self._next)

    @property
    def pending(self) -> int:
        """Steps not run yet."""
        return len(self._steps)

    def _next(self) -> None:
        try:
            self._steps[0]()
        finally:
            self._steps.popleft()
            if self._steps:  # after the layout and paint this step posted, then a timer's turn
                QTimer.singleShot(0, self, self._arm)
            else:
                self.deleteLater()
