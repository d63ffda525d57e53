"""The window shown (start_costs' finish, on the GUI thread) while a module imported on the runner
has a dataclass recorded: `dataclasses` is left as it was, not with start-up's `exec` for the whole
session (a review of c9c6ac1 found the recording's finally putting it back after finish)."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

import pytest

from kodaira_desk.ui import start_classes
from kodaira_desk.ui.start_costs import KeptCode

pytestmark = pytest.mark.skipif(not start_classes.available(), reason="the recorded classes' Pythons only")


def test_finish_during_a_recording_leaves_dataclasses_as_it_was(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    had_exec = "exec" in vars(dataclasses)
    process_class = dataclasses._process_class  # type: ignore[attr-defined]
    kept = KeptCode(tmp_path / "kept.bin")
    kept.install()
    inside, go_on = threading.Event(), threading.Event()
    real = start_classes._PROCESS

    def slow_process(cls: type, *params: Any) -> Any:  # the runner is inside dataclasses' own
        inside.set()
        go_on.wait(10)
        return real(cls, *params)

    monkeypatch.setattr(start_classes, "_PROCESS", slow_process)

    def runner() -> None:
        @dataclasses.dataclass
        class OnTheRunner:
            """A class of a module the runner imports."""

            a_field_of_its_own_shape_for_this_test: int = 1

    worker = threading.Thread(target=runner)
    worker.start()
    try:
        assert inside.wait(10)
        shown = threading.Thread(target=kept.finish, kwargs={"keep": False})  # the window is shown
        shown.start()
        shown.join(0.2)  # it waits for the class being made (or, before the fix, is done already)
        go_on.set()
        worker.join(10)
        shown.join(10)
        assert ("exec" in vars(dataclasses)) == had_exec, "start-up's exec left in dataclasses"
        assert dataclasses._create_fn.__module__ == "dataclasses"  # type: ignore[attr-defined]
    finally:
        go_on.set()
        if not had_exec and "exec" in vars(dataclasses):
            del dataclasses.exec  # type: ignore[attr-defined]
        dataclasses._process_class = process_class  # type: ignore[attr-defined]
