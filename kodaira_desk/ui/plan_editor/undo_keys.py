"""The plan editor's 元に戻す(U) / やり直す(R) buttons, and their keys: Ctrl+Z undoes the last step,
Ctrl+Y and Ctrl+Shift+Z redo it, as in the window (the keys did nothing in the editor: tester).

In a text box that has typing of its own to undo (redo), the keys undo that typing first, as in any
editor and in the window (ui/window/undo_keys.py, the same filter); once the box has nothing left of
its own, they reach the plan's step, which asks first about typing not saved (unsaved.may_refill).
While an edit is written on the worker the keys are refused with the rest of the input
(workbook.set_busy).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from kodaira_desk.ui.window.undo_keys import UndoKeys

UNDO_KEYS = [QKeySequence("Ctrl+Z")]
REDO_KEYS = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]


def undo_and_redo(editor: QWidget, stack: QUndoStack, undo: Callable[[], None],
                  redo: Callable[[], None]) -> tuple[QPushButton, QPushButton]:
    """The two buttons (off while there is no step), and the editor's actions for their keys."""
    made = []
    for text, name, step, keys, can in (
            ("元に戻す(&U)", "planUndo", undo, UNDO_KEYS, stack.canUndoChanged),
            ("やり直す(&R)", "planRedo", redo, REDO_KEYS, stack.canRedoChanged)):
        button = QPushButton(QCoreApplication.translate("PlanEditorDialog", text))
        button.setObjectName(name)
        button.clicked.connect(step)
        button.setToolTip(", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys))
        action = QAction(editor)
        action.setObjectName(name + "Keys")
        action.setShortcuts(keys)
        action.triggered.connect(step)
        editor.addAction(action)
        for part in (button, action):
            part.setEnabled(False)
            can.connect(part.setEnabled)
        made.append((button, action))
    (undo_button, undo_action), (redo_button, redo_action) = made
    UndoKeys(editor, undo_action, redo_action)  # (a child of the editor: kept as long as it)
    return undo_button, redo_button
