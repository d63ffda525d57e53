"""A round window's read on the runner (issue 27): 競合の確認, 変更履歴, 年度の確定 and 配布 read the
database as they open, and each read was 8–19 ms of the GUI thread. As 回収状況と取り込み does
(ui/round/dialogs.py `CollectWindow.refresh`), the window is shown at once with 「読み込んでいます…」
(named for a screen reader) where its contents go, and filled when the answer comes; only the newest
read's answer is shown (a newer choice supersedes an older one), an answer for a closed window is
dropped, and a read that fails says so in that place.

The read starts on the worker once the window has had its turns (`after_this_turn`): started at
once, the worker's Python ran beside the window being built and shown, and the GUI thread waited for
the interpreter's lock at its calls into Qt: the longest stall of an opening at ×10, median of 9
interleaved, load 6–8, went 36 → 29 ms (競合の確認), 50 → 37 ms (年度の確定), 45 → 33 ms (配布)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.tasks import TaskRunner

T = TypeVar("T")
SHOW_AFTER_MS = 1  # a window shown a turn after it is built: a timer's turn, after what waits (a key, a timer)
# the window's turns let run before the worker reads: this one (being built), a window's show a turn
# later (SHOW_AFTER_MS: its timer comes first), and the next (what the show posted: layout, paint)
GATE_STEPS_MS = (0, SHOW_AFTER_MS, 0)
AFTER_PAINT_STEPS_MS = (0, 0)  # a window not shown yet: the turns let run after its first paint
PAINT_MOST_MS = 200  # waited for that paint at most (a window closed before it was shown is never painted)
GATE_MOST_S = 2.0  # the worker waits no longer than this (a GUI thread whose event loop does not turn)


def after_this_turn(fn: Callable[..., T], window: QWidget | None = None) -> Callable[..., T]:
    """`fn` for the worker, made to wait there until the GUI thread has ended this turn and the next
    ones (GATE_STEPS_MS: the window shown, what that posted): the query is queued at once (the runner
    is not idle, `wait_idle` waits for it), and its Python does not share the interpreter's lock with
    the window being built and shown. `window`, not shown yet: until it has been painted too, and
    the turns after that paint (AFTER_PAINT_STEPS_MS: the window it covers painted again as it
    stops being the active one) — a window's first showing took more turns than the steps, and the
    read ran beside its paints (issue 27)."""
    gate = threading.Event()
    painted = _Painted(window) if window is not None and not window.isVisible() else None
    steps = GATE_STEPS_MS if painted is None else (*GATE_STEPS_MS, *AFTER_PAINT_STEPS_MS)

    def turned(step: int) -> None:
        if painted is not None and step == len(GATE_STEPS_MS) and not painted.done:
            painted.wait(lambda: turned(step + 1))  # (once painted, or PAINT_MOST_MS on)
        elif step >= len(steps):
            gate.set()
        else:
            QTimer.singleShot(steps[step], lambda: turned(step + 1))

    turned(0)

    def gated(*args: Any, **kwargs: Any) -> T:
        gate.wait(GATE_MOST_S)
        return fn(*args, **kwargs)

    return gated


class _Painted(QObject):
    """Whether `window` has been painted since this was made; `wait(then)`: `then` once it is (a
    turn later: the paint itself ends first), or PAINT_MOST_MS on (a window closed unshown)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.done = False
        self._then: Callable[[], None] | None = None
        window.installEventFilter(self)

    def wait(self, then: Callable[[], None]) -> None:
        self._then = then
        QTimer.singleShot(PAINT_MOST_MS, self._go)

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._go)
        return False


class ReadNote(QLabel):
    """「読み込んでいます…」 while the window's read is on the runner; hidden once it is shown."""

    def __init__(self, tasks: TaskRunner | None, name: str, accessible: str, failed: str,
                 parent: QWidget | None = None) -> None:
        """`accessible`: what a screen reader says while it reads (…を読み込んでいます…); `failed`:
        what the note says when the read fails, with `{error}` (…を読めません: {error})."""
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.tasks = tasks
        self._failed = failed
        self._asked = 0  # reads asked: only the newest one's answer is shown
        self._reading = False
        self.setText(self.tr("読み込んでいます…"))
        a11y.name(self, accessible)
        theme.tint(self, "muted")
        self.hide()

    @property
    def reading(self) -> bool:
        """A read is on the runner; what it fills is not shown yet."""
        return self._reading

    def read(self, fn: Callable[..., T], args: tuple[Any, ...], show: Callable[[T], None], name: str) -> None:
        """`fn(*args)` on the runner (a query: the window's other actions stay on), `show(answer)`
        here when it is the newest read's; without a runner (a test's dialog), read and shown now."""
        self._asked += 1
        asked = self._asked
        if self.tasks is None:
            self._reading = False
            self.hide()
            show(fn(*args))
            return

        def done(answer: T) -> None:
            if asked == self._asked:  # (a newer read, or the window closed: dropped)
                self._reading = False
                self.hide()
                show(answer)

        def failed(exc: BaseException) -> None:
            if asked == self._asked:  # said where 「読み込んでいます…」 was; what is shown stays
                self._reading = False
                self.setText(self._failed.format(error=message_of(exc)))

        self.setText(self.tr("読み込んでいます…"))
        self.show()
        self._reading = True
        self.tasks.run_query(after_this_turn(fn, self.window()), args, done, on_error=failed, name=name)

    def shown(self) -> None:
        """What an operation read on the worker after its change is shown: a read asked before it
        is older, and is dropped when it comes."""
        self._asked += 1
        self._reading = False
        self.hide()

    def drop(self) -> None:
        """The window closed: an answer still to come is dropped, and nothing is being read."""
        self._asked += 1
        self._reading = False
