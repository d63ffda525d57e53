"""What Save and closing say about red cells: which ones, where, and a jump to the first.

The main window calls `after_save` from its save handler and `unsaved_question` when it asks
before closing or opening another file; the window itself is reached only through `Window`.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.invalid_drafts import InvalidCell
from kodaira_desk.ui.forms.pages import NodePage
from kodaira_desk.ui.i18n import sentences

SHOWN = 10  # cells listed by name; the rest are counted


class Window(Protocol):
    editor: Editor
    page: NodePage

    def select_node(self, plan_id: str, key: str | None) -> bool: ...

    def statusBar(self) -> QStatusBar: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("InvalidNotice", text)


def _tr_n(text: str, n: int) -> str:
    return QCoreApplication.translate("InvalidNotice", text, "", n)


def describe(cells: list[InvalidCell]) -> str:
    lines = [_tr("・{what}: {message}").format(what=c.what, message=c.message) if f"「{c.text}」" in c.message
             else _tr("・{what}: 「{text}」 — {message}").format(what=c.what, text=c.text, message=c.message)
             for c in cells[:SHOWN]]  # a parse message quotes what was typed already
    if len(cells) > SHOWN:
        lines.append(_tr("ほか {n} 個").format(n=len(cells) - SHOWN))
    return "\n".join(lines)


def jump_to(window: Window, cell: InvalidCell) -> bool:
    """Select the cell's item in the tree and put the cursor on the cell."""
    if not window.select_node(cell.plan_id, cell.node_key):
        return False
    return window.page.focus_field(cell.target)


def after_save(window: Window, written: int) -> bool:
    """Say what Save did; with red cells left, list them, jump to the first and return False."""
    cells = window.editor.invalid_cells()
    msg = _tr_n("%n 件の変更を保存しました。", written)  # (one change, two changes: in English too)
    if not cells:
        window.statusBar().showMessage(msg, 8000)
        return True
    msg = sentences(msg, _tr_n("赤いセル %n 個は読めない入力のため保存していません。", len(cells)))
    window.statusBar().showMessage(msg, 20000)
    jump_to(window, cells[0])
    parent = window if isinstance(window, QWidget) else None
    page = window.page
    if page.invalid_notice is not None:  # the last save's, still open: this one replaces it
        page.invalid_notice.close()
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("保存していない入力があります"),
                      msg + "\n" + _tr("直すか消してから、もう一度保存してください。"), parent=parent)
    box.setObjectName("invalidCellsNotice")
    box.setInformativeText(describe(cells))
    # freed once closed (each save's notice stayed hidden in the window for the session)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _r: _forget(page, box))
    box.open()  # not modal for the event loop: the clerk can correct the cell beside it
    page.invalid_notice = box
    return False


def _forget(page: NodePage, box: QMessageBox) -> None:
    if page.invalid_notice is box:
        page.invalid_notice = None


def unsaved_question(editor: Editor, name: str | None = None) -> str:
    """The question asked before closing or opening another file; with `name`, naming the file as a
    desktop application does (「“kodaira.sqlite”への変更を保存しますか？」)."""
    text = _tr("保存していない変更があります。")
    cells = editor.invalid_cells()
    if cells:
        text = sentences(text, _tr_n("次の %n 個の赤いセルは読めない入力のため、保存しても保存されません:",
                                     len(cells))) + "\n" + describe(cells) + "\n"
    if name:
        return _tr("“{name}”への変更を保存しますか？").format(name=name) + "\n\n" + sentences(
            text, _tr("保存しないと、変更は失われます。"))
    return sentences(text, _tr("保存しますか？"))
