"""The questions the window puts to the person: the one place each is asked. The window's `ask`,
`ask_text` and `tell` call these with itself as the parent; tests replace those methods, so every
operation asks through the window (`Window.ask`), never through this module directly.

The texts are looked up in the window's context ("MainWindow"), where they have always been.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kodaira_desk.ui.window.window_api import Answer


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def ask(parent: QWidget, title: str, text: str, save: str | None = None, discard: str | None = None, *,
        careful: bool = False, cancel: str | None = None) -> Answer:
    """保存する / 保存しない / キャンセル (or the given texts for the first two). A question given its
    own first answer and no second (確定する) offers that and キャンセル: a 「しない」 button beside
    キャンセル did what キャンセル does. `cancel`: the words of that safe answer where they are not
    キャンセル (あとで, このまま開く, 外さない; Esc answers it too). `careful`: what `save` does cannot
    be undone (確定, 外す), so Enter answers the safe one."""
    from PySide6.QtWidgets import QMessageBox  # dialogs' classes are loaded when first needed

    from kodaira_desk.ui.a11y import with_mnemonic

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("question")
    # every button with a mnemonic (issue 28): Alt+S saves, Alt+N does not, Alt+C (or Esc) cancels
    b_save = box.addButton(with_mnemonic(save or _tr("保存する"), "S"), QMessageBox.ButtonRole.AcceptRole)
    two_way = save is not None and discard is None
    assert cancel is None or two_way, "a question whose safe answer has its own words has two answers"
    b_discard = None if two_way else box.addButton(with_mnemonic(discard or _tr("保存しない"), "N"),
                                                   QMessageBox.ButtonRole.DestructiveRole)
    b_cancel = box.addButton(with_mnemonic(cancel or _tr("キャンセル"), "C"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(b_cancel if careful else b_save)
    box.setEscapeButton(b_cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()  # (else each question stayed in the window for the session)
    if clicked is b_save:
        return Answer.SAVE
    if b_discard is not None and clicked is b_discard:
        return Answer.DISCARD
    return Answer.CANCEL


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """A line of text from the person (their name); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value.strip() if ok else None


def tell(parent: QWidget, title: str, text: str) -> None:
    """A message the person should read (where a file was saved)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, text)
