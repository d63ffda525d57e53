"""Ctrl+S and Ctrl+Q pressed in one of the window's dialogs (a field's notes, the questions' list).

A window-modal dialog keeps the window's shortcuts from it, so a note typed and saved with Ctrl+S
would stay in the dialog and be lost with it. Here the keys do what they do in the window, after
the dialog has put what was typed into the edit session (`put` returns False when it refused it,
too long for instance, and then nothing else happens).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog

MainWindow = Any  # the main window (its module is not imported: the window's modules import each other)


def window_keys(dialog: QDialog, w: MainWindow, put: Callable[[], bool], *, close_on_save: bool) -> None:
    def save() -> None:
        if put():
            if close_on_save:
                dialog.done(QDialog.DialogCode.Accepted)
            w.act_save.trigger()

    def quit_window() -> None:
        if put():
            dialog.done(QDialog.DialogCode.Accepted)
            w.act_quit.trigger()

    for keys, slot in ((QKeySequence(QKeySequence.StandardKey.Save), save), (QKeySequence("Ctrl+Q"), quit_window)):
        QShortcut(keys, dialog).activated.connect(slot)
