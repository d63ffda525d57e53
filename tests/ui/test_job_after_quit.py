"""An operation still running on the worker when the application quits (its runner gone, as when
the window is closed during the first look for others' writes on a server) ends quietly: no
"Signal source has been deleted" traceback on the way out."""

from __future__ import annotations

from typing import Any

import shiboken6

from kodaira_desk.ui.tasks import Op, _Job, _Signals


def test_a_job_whose_runner_is_gone_ends_without_an_error(qtbot: Any) -> None:
    got: list[object] = []
    signals = _Signals(None, lambda result, error: got.append((result, error)))
    job = _Job(Op("look"), lambda: "mark", (), signals, False)
    job.setAutoDelete(False)
    shiboken6.delete(signals)  # the runner's signals went with the application
    job.run()  # on the worker it would print the traceback; here it would raise it
    assert got == []


def test_a_job_delivers_its_result_while_its_runner_is_there(qtbot: Any) -> None:
    got: list[object] = []
    signals = _Signals(None, lambda result, error: got.append((result, error)))
    job = _Job(Op("look"), lambda: "mark", (), signals, False)
    job.setAutoDelete(False)
    job.run()
    qtbot.waitUntil(lambda: got == [("mark", None)])
