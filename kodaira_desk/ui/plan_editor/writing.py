"""The plan editor's small edits (rename, move, an indicator, a 課…) written on the window's one
worker (`ui/tasks.py`), as the workbook import is, never on the GUI thread (issue 23).

The editor waits for each one before it goes on (its event loop keeps running: the window repaints,
a server's slow answer does not freeze it), refusing input meanwhile (`workbook.set_busy`), so
nothing is typed or pressed into a half-written edit and the dialog is not closed under it
(`PlanEditorDialog.done`).
Undo and redo are written there too: the worker makes the step's change (`PlanCommand.prepare`,
for each command of a step made of several, in the order the stack will take them) and the stack's
undo()/redo() on the GUI thread only takes it. Without a runner (a dialog made alone, in a script)
the edit is made in place, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QUndoCommand

from kodaira_desk.services.plan_editing import PlanChange
from kodaira_desk.ui.plan_editor.commands import PlanCommand
from kodaira_desk.ui.plan_editor.workbook import set_busy

if TYPE_CHECKING:
    from kodaira_desk.ui.plan_editor.workbook import PlanEditorDialog

T = TypeVar("T")


def write(editor: PlanEditorDialog, fn: Callable[[], T], name: str = "plan-edit") -> T:
    """`fn()` (a write) on the worker; its result, or its error raised here, once it has ended."""
    tasks = editor.tasks
    if tasks is None:
        return fn()
    results: list[T] = []  # fn's result, kept with its type (Op.wait returns an object)
    set_busy(editor, True)
    editor.writing += 1
    try:
        op = tasks.run_op(lambda: results.append(fn()), (), on_error=lambda _exc: None,
                          name=name)  # the error is raised below
        op.wait()
    finally:
        editor.writing -= 1
        set_busy(editor, False)
    return results[0]


def run(editor: PlanEditorDialog, command: PlanCommand) -> PlanChange:
    """A command's first run: written on the worker, taken on the GUI thread (PlanEditError raised)."""
    return command.ran(write(editor, command.do))


def _commands(step: QUndoCommand) -> list[PlanCommand]:
    """The plan commands a step of the stack is made of (one, or a macro's, in their order)."""
    if isinstance(step, PlanCommand):
        return [step]
    return [c for i in range(step.childCount()) if isinstance(c := step.child(i), PlanCommand)]


def step(editor: PlanEditorDialog, undo: bool) -> None:
    """元に戻す / やり直す of a quick step: its writes on the worker, then the stack's step taking
    them. A refused write raises PlanEditError (the editor then ends the history)."""
    stack = editor.undo_stack
    i = stack.index() - 1 if undo else stack.index()
    if not 0 <= i < stack.count():
        return
    commands = _commands(stack.command(i))
    order = list(reversed(commands)) if undo else commands  # a macro undoes its last command first

    def work() -> list[PlanChange]:
        return [command.prepare(undo) for command in order]

    if editor.tasks is not None:
        for command, change in zip(order, write(editor, work, "plan-undo" if undo else "plan-redo"), strict=True):
            command.prepared = change
    (stack.undo if undo else stack.redo)()
