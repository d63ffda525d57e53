"""Work cut into turns (ui/turns.py): each step in a turn of its own, in order, after the layout and
paint the step before posted and after the timers already due; dropped with its window."""

from __future__ import annotations

import itertools

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from kodaira_desk.ui.turns import Turns


def test_steps_run_in_order_each_in_a_turn_of_its_own_with_due_timers_between(qtbot) -> None:  # type: ignore[no-untyped-def]
    context = QObject()
    seen: list[str] = []
    ticks = QTimer(context)  # a timer due all along (a heartbeat; input waiting is taken alike)
    ticks.setInterval(0)
    ticks.timeout.connect(lambda: seen.append("tick") if not seen or seen[-1] != "tick" else None)
    turns = Turns(context)
    turns.later(lambda: seen.append("first"))
    turns.later(lambda: (seen.append("second"), turns.later(lambda: seen.append("added"))))
    turns.later(lambda: seen.append("third"))
    assert seen == [] and turns.pending == 3  # none in the turn that asked
    ticks.start()
    qtbot.waitUntil(lambda: "added" in seen)
    ticks.stop()
    steps = [s for s in seen if s != "tick"]
    assert steps == ["first", "second", "third", "added"]
    for a, b in itertools.pairwise(steps):  # the event loop's timers ran between any two steps
        assert "tick" in seen[seen.index(a):seen.index(b)], seen


def test_steps_of_a_window_closed_meanwhile_are_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    context = QObject()
    seen: list[str] = []
    turns = Turns(context)
    turns.later(lambda: seen.append("step"))
    shiboken6.delete(context)  # (a dialog closed with WA_DeleteOnClose: gone at once)
    QApplication.processEvents()
    qtbot.wait(20)
    assert seen == []
