"""The modules a menu's window needs, imported while the main window is idle after start-up.

進捗ボード's first opening imported its 20-odd modules (the grading, its CSV and JSON, the chart's
words, the board itself) in the turn that made the dialog: some 30–60 ms of the GUI thread at once
(issue 27). Start-up must not import them (tests/ui/test_startup_imports.py), so they are imported a
few seconds after the window is shown, one module a turn (each is a few ms; the list is in the
order Python finishes them, leaves first, so a module's own imports are done before it), the event
loop turning in between: no turn holds more than one module's import.

The round's windows (回収状況と取り込み, 競合の確認, 監査ログ, 年度の確定, 配布) follow: their first
opening imported the round's ORM — SQLAlchemy and the store's models, some 200 modules and 200–300 ms,
the models' module alone 50–75 ms, more than any one turn may hold — and their own 60 modules on the
GUI thread. The ORM is imported on the window's runner (an entry `RUNNER + module`: its Python gives
the interpreter's lock to the GUI thread within the runner's switch interval, and the next module
waits for it), the rest one a turn here.
"""

from __future__ import annotations

import functools
import gc
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from kodaira_desk.ui.tasks import TaskRunner

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
    "kodaira_desk.ui.round.table_room", "kodaira_desk.ui.round.board_model", "kodaira_desk.ui.round.board_dialog",
)
RUNNER = "runner:"  # an entry imported on the window's runner (ui/tasks.py), the next one after it
# what the round windows' first openings import after the board's modules, leaves first (the order
# Python finishes them: written down by opening each window once; tests/ui/test_round_windows_imported_ahead.py
# checks that the openings import nothing more): the ORM on the runner (the store's models, SQLAlchemy, the
# round's records), the engine's dialect and the year locks read there anyway, the plan editor's
# services (their package imports all of them: 7–9 ms in one turn); then the Qt classes
# whose enums the openings made (their lists' items, the folder's URL, the announcements, the year
# lock's form and completer); then the round's services and windows
ROUND_WINDOWS = (
    RUNNER + "kodaira_desk.store.unit_of_work", RUNNER + "sqlalchemy.dialects.sqlite",
    RUNNER + "kodaira_desk.services.year_locks", RUNNER + "kodaira_desk.services.plan_editing",
    "PySide6.QtWidgets:QListWidgetItem.ItemType", "PySide6.QtGui:QStandardItem.ItemType",
    "PySide6.QtCore:QUrl.ParsingMode", "PySide6.QtGui:QAccessible.Event",
    "PySide6.QtWidgets:QCompleter.CompletionMode", "PySide6.QtWidgets:QFormLayout.FieldGrowthPolicy",
    "kodaira_desk.services.rounds", "kodaira_desk.services.rounds.common", "kodaira_desk.services.rounds.yearly",
    "kodaira_desk.domain.save_order", "kodaira_desk.services.rounds.status", "kodaira_desk.ui.round.choose_files",
    "kodaira_desk.ui.round.reading", "kodaira_desk.ui.round.shown_rows", "kodaira_desk.domain.era_text",
    "kodaira_desk.services.plan_editing.errors", "kodaira_desk.services.plan_editing.locked_years",
    "kodaira_desk.services.plan_editing.common", "kodaira_desk.services.plan_editing.departments",
    "kodaira_desk.domain.targets", "kodaira_desk.services.plan_editing.round_setting",
    "kodaira_desk.services.plan_editing.indicators", "kodaira_desk.domain.numbering",
    "kodaira_desk.services.plan_editing.structure", "kodaira_desk.services.plan_editing.next_period",
    "kodaira_desk.services.plan_editing", "kodaira_desk.store.field_delta", "kodaira_desk.store.department_file",
    "kodaira_desk.services.rounds.interrupted", "kodaira_desk.services.rounds.settings",
    "kodaira_desk.services.rounds.overview", "kodaira_desk.ui.dates", "kodaira_desk.ui.round.year_widgets",
    "kodaira_desk.ui.round.status_model", "kodaira_desk.ui.round.collect_window", "kodaira_desk.ui.round.dialogs",
    "kodaira_desk.ui.round.year_dialogs", "kodaira_desk.services.notes",
    "difflib", "kodaira_desk.services.rounds.conflicts", "kodaira_desk.ui.round.conflict_dialog",
    "kodaira_desk.services.rounds.audit", "kodaira_desk.ui.round.audit_dialog", "kodaira_desk.ui.round.year_lock_dialog",
    "queue", "concurrent.futures.thread", "kodaira_desk.io.dept_workbook.layout", "kodaira_desk.io.dept_workbook",
    "kodaira_desk.services.rounds.carry", "kodaira_desk.io.dept_workbook.guard", "kodaira_desk.io.excel_cell",
    "kodaira_desk.services.rounds.lines", "kodaira_desk.services.rounds.workbook_order",
    "kodaira_desk.services.rounds.workbook_year", "kodaira_desk.services.rounds.workbook",
    "kodaira_desk.services.rounds.notes_round", "kodaira_desk.store.transfer", "kodaira_desk.store.department_image",
    "kodaira_desk.services.rounds.handout", "kodaira_desk.ui.round.handout_plan",
)
START_AFTER_MS = 2500  # after start-up's own work (the first screen's warm-ups, a server's)
GAP_MS = 40  # between two modules: the window paints and takes keys in between

_log = logging.getLogger(__name__)


class IdleImports(QObject):
    """Imports `modules` one a turn, from `after_ms` on, while `wanted()` says so (asked before each).
    Not wanted (a department file: no board), its timer stops (the GUI thread is not woken for
    nothing); `wake` (another file opened) starts it again, `after_ms` later. An entry `RUNNER +
    module` is imported on `runner` (here without one), the next entry a turn after its answer."""

    def __init__(self, modules: Sequence[str], wanted: Callable[[], bool], parent: QObject,
                 after_ms: int | None = None, gap_ms: int = GAP_MS, then: Callable[[], object] | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.left = list(modules)
        self._then = then  # once the last is imported, a turn later (進捗ボード made ahead)
        self._wanted = wanted
        self._runner = runner
        self._on_runner = False  # an import asked of the runner, not answered yet
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
        """A module will be imported later (the timer, or the wait before it, runs; or the runner
        imports one)."""
        return self._timer.isActive() or self._start.isActive() or self._on_runner

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
            if name.removeprefix(RUNNER) in sys.modules:
                continue
            try:
                if name.startswith(RUNNER) and self._runner is not None:
                    self._timer.stop()  # until the runner has answered
                    self._on_runner = True
                    self._runner.run_query(_import_kept, (name.removeprefix(RUNNER),), self._answered,
                                           on_error=self._failed, name="idle import")
                    return
                _import(name.removeprefix(RUNNER))
            except Exception:
                _log.exception("importing %s ahead of its window", name)
                self.left.clear()
            break
        if not self.left:
            self._done()

    def _answered(self, _module: object) -> None:
        self._on_runner = False
        if self.left:
            self._timer.start()
        else:
            self._done()

    def _failed(self, exc: BaseException) -> None:
        _log.error("importing ahead of its window on the runner", exc_info=exc)
        self._on_runner = False
        self.left.clear()
        self._done()

    def _done(self) -> None:
        self._timer.stop()
        self._start.stop()
        if self._then is not None:
            QTimer.singleShot(self._timer.interval(), self, self._then)  # (not after self is gone)


def _import_kept(name: str) -> None:
    """`name` imported (on the runner), then what it made kept out of the cyclic collector's scans, as
    start-up's modules are (ui/app.py): they live as long as the process. Else the next young
    collection on the GUI thread scanned the ORM's objects: 28 ms of its CPU, a 107 ms stall at load 6.
    (In the runner's job: the GUI thread's collector does not collect while it runs.)
    Not collected before the freeze: the import's garbage (the ORM's 116 objects, 42 KiB, once a
    session; the later entries none) is kept for the session, where a collection of the 84,000
    objects then held the interpreter's lock 30-44 ms: a stall of the GUI thread as long (measured
    with a gc.collect() before each freeze, city data to ×100, docs/performance.md)."""
    importlib.import_module(name)
    gc.freeze()


def _import(name: str) -> None:
    """A module imported, or a Qt class's enums made (`module:Class.Enum`: asking one makes them all)."""
    if ":" in name:
        module, path = name.split(":")
        functools.reduce(getattr, path.split("."), importlib.import_module(module))
    else:
        importlib.import_module(name)
