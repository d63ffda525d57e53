"""The modules a menu's window needs, imported while the main window is idle after start-up.

進捗ボード's first opening imported its 20-odd modules (the grading, its CSV and JSON, the chart's
words, the board itself) in the turn that made the dialog: some 30–60 ms of the GUI thread at once
(issue 27). Start-up must not import them (tests/ui/test_startup_imports.py), so they are imported a
few seconds after the window is shown, one module a turn (each is a few ms; the list is in the
order Python finishes them, leaves first, so a module's own imports are done before it), the event
loop turning in between: no turn holds more than one module's import.
"""

from __future__ import annotations

import functools
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

# what importing kodaira_desk.ui.round.board_dialog adds to a window just shown, leaves first; before
# it, "module:Class.Enum": the Qt classes whose enums Qt for Python makes when first asked for one, in
# the board's first opening (its spin boxes' validator, the row images, the combo box's animation and
# stack): some 10 ms of that turn at ×10 (issue 27)
BOARD = (
    "PySide6.QtGui:QValidator.State", "PySide6.QtGui:QImage.Format", "PySide6.QtCore:QAbstractAnimation.State",
    "PySide6.QtWidgets:QStackedLayout.StackingMode",
    "kodaira_desk.ui.round", "kodaira_desk.domain.achievement", "csv", "json",
    "kodaira_desk.domain.as_printed", "kodaira_desk.services.program_data", "kodaira_desk.services.achievement",
    "kodaira_desk.services.figure_checks", "kodaira_desk.services.board", "kodaira_desk.ui.chart",
    "kodaira_desk.ui.chart.grading_words", "kodaira_desk.ui.chart.achievement_list", "kodaira_desk.ui.flow_layout",
    "kodaira_desk.ui.domain_words", "kodaira_desk.ui.forms.grid_model", "kodaira_desk.ui.forms.column_widths",
    "kodaira_desk.ui.round.table_room", "kodaira_desk.ui.round.board_dialog",
)
START_AFTER_MS = 2500  # after start-up's own work (the first screen's warm-ups, a server's)
GAP_MS = 40  # between two modules: the window paints and takes keys in between

_log = logging.getLogger(__name__)


class IdleImports(QObject):
    """Imports `modules` one a turn, from `after_ms` on, while `wanted()` says so (asked before each).
    Not wanted (a department file: no board), its timer stops (the GUI thread is not woken for
    nothing); `wake` (another file opened) starts it again, `after_ms` later."""

    def __init__(self, modules: Sequence[str], wanted: Callable[[], bool], parent: QObject,
                 after_ms: int | None = None, gap_ms: int = GAP_MS, then: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.left = list(modules)
        self._then = then  # once the last is imported, a turn later (進捗ボード made ahead)
        self._wanted = wanted
        self._timer = QTimer(self)
        self._timer.setInterval(gap_ms)
        self._timer.timeout.connect(self._step)
        self._start = QTimer(self)  # the wait before the first module
        self._start.setSingleShot(True)
        self._start.setInterval(START_AFTER_MS if after_ms is None else after_ms)
        self._start.timeout.connect(self._timer.start)
        self._start.start()

    @property
    def active(self) -> bool:
        """A module will be imported later (the timer, or the wait before it, runs)."""
        return self._timer.isActive() or self._start.isActive()

    def wake(self) -> None:
        """Another file was opened: if modules are left, the imports start again after the wait
        (stopped if still not wanted)."""
        if self.left and not self.active:
            self._start.start()

    def _step(self) -> None:
        if not self._wanted():
            self._timer.stop()  # (a department file is open: `wake` when another file is)
            return
        while self.left:
            name = self.left.pop(0)
            if name in sys.modules:
                continue
            try:
                if ":" in name:  # a Qt class's enums made (asking one makes them all)
                    module, path = name.split(":")
                    functools.reduce(getattr, path.split("."), importlib.import_module(module))
                else:
                    importlib.import_module(name)
            except Exception:
                _log.exception("importing %s ahead of its window", name)
                self.left.clear()
            break
        if not self.left:
            self._timer.stop()
            self._start.stop()
            if self._then is not None:
                QTimer.singleShot(self._timer.interval(), self, self._then)  # (not after self is gone)
