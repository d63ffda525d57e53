"""Closing the window (Ctrl+Q, the title bar's ×) when its save failed where the file is: the quit
the person asked for waits for the 名前を付けて保存 it led to, and goes on once the copy holds every
edit; it is given up, with the window saying why, when anything is left unsaved.

A closing's save that fails in a folder one cannot write to (a CD, a share without write permission)
or because the file is gone offers 名前を付けて保存 (ui/window/saving.py: check_place, tell_gone);
the window stays open meanwhile. `Quit` is that closing's wish, carried by the offer and by the copy
it makes: never a flag left on the window for a later save to act on. A closing's save that finds a
field changed elsewhere (another window saved the same file) asks about it first; the save its answer
starts (上書き, or the rest after ほかの人の値) is waited for as the closing's own (saving.save_and_wait).
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kodaira_desk.ui.window.window_api import Window


class Quit:
    """Whether the person asked to close the window and said 保存する (`wanted`): that save's failure
    and the 名前を付けて保存 it offers carry this, so that the close goes on once the copy holds every
    edit."""

    def __init__(self, w: Window, wanted: bool = False) -> None:
        self.w, self.wanted = w, wanted

    def given_up(self, said: str = "") -> None:
        """Where the offer ends without the edits saved (declined, the copy or its save failed):
        `said` on the status line, and, when the person was closing the window, that it stays open
        and why."""
        w = self.w
        if self.wanted:
            said += w.tr("入力が保存されていないため、閉じませんでした。")
        if said:
            w.statusBar().showMessage(said.strip(), 15000)

    def failed(self, exc: BaseException) -> None:
        """The copy could not be made: said as any operation's failure is (the runner's `failed`),
        and the window stays."""
        self.w.tasks.failed.emit("save_as", exc)
        self.given_up()

    def save_then_close(self, save: Callable[[], bool]) -> None:
        """The copy is open with the edits: `save` them there (True when nothing is left unsaved),
        then the window closes (quitting the application when it is the last one) — or stays, saying
        why, when anything is left unsaved."""
        w = self.w
        w.tasks.wait_idle()  # (the copy's opening's own work first: a save is not queued behind it)
        if not save() or w.editor.unsaved():
            self.given_up()
            return
        w.tasks.wait_idle()
        w.close()


def why_not(w: Window, exc: OSError) -> str:
    """Why a folder cannot be written to, as the person knows it."""
    if exc.errno == errno.EROFS:
        return w.tr("読み取り専用の場所です")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return w.tr("書き込みの権限がありません")
    if exc.errno == errno.ENOSPC:
        return w.tr("ディスクの空きがありません")
    from kodaira_desk.ui.domain_words import os_reason_said  # (the language in use)

    return os_reason_said(exc)
