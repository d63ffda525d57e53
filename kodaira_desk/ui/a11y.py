"""Accessibility helpers shared by the window and its dialogs (issue 28).

What a screen reader announces for a control is its accessible name, role, value and description.
Qt takes the name from `accessibleName`, else from a label whose buddy the control is; the
description from `accessibleDescription`, else from the tooltip. These helpers set both the way
every form here does: a visible label is the control's buddy (so Alt+its mnemonic goes there) and
its text, without the mnemonic, is the control's name; the hint line under a control becomes its
description. `announce` speaks a message (a save, a paste) without moving the focus.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLayout,
    QLineEdit,
    QWidget,
)

if TYPE_CHECKING:  # the dialogs' classes: made by the dialogs, not for the first screen (issue 27)
    from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QTableView

_MNEMONIC_SUFFIX = re.compile(r"\s*[(（]&(.)[)）]")


def plain(text: str) -> str:
    """A label's text as read aloud: no mnemonic marks, 「(&S)」 suffixes or padding."""
    text = _MNEMONIC_SUFFIX.sub("", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def mnemonic(text: str) -> str | None:
    """The letter after a single & in `text` (upper case), or None."""
    match = re.search(r"(?<!&)&([^&\s])", text)
    return match.group(1).upper() if match else None


def with_mnemonic(text: str, letter: str) -> str:
    """`text` with a mnemonic: kept when it has one; else, in an English text, on `letter` where
    the text has it, or on its first letter (an English button underlines a letter of its word,
    never 「Keep(S)」); in a Japanese text as a 「(&S)」 suffix, as Japanese menus and buttons write it."""
    if mnemonic(text):
        return text
    if text.isascii():
        at = text.lower().find(letter.lower())
        if at < 0:
            at = next((i for i, c in enumerate(text) if c.isalpha()), -1)
        if at >= 0:
            return text[:at] + "&" + text[at:]
    return f"{text}(&{letter.upper()})"


def name(widget: QWidget, text: str, description: str | None = None) -> QWidget:
    """Give `widget` an accessible name (and a description, the hint a sighted person reads).
    An editable combo box's text field is named the same (assistive technology lists it apart)."""
    widget.setAccessibleName(plain(text))
    if description is not None:
        widget.setAccessibleDescription(plain(description))
    if isinstance(widget, QComboBox):
        # On Linux a combo box is read as its value, its label through the "labelled by" relation
        # of a buddy label beside it; one without such a label says its name in its description.
        if not _has_buddy(widget) and not description:
            widget.setAccessibleDescription(plain(text))
        line = widget.lineEdit()
        if line is not None:
            name(line, text, description)
    return widget


def _has_buddy(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    return parent is not None and any(isinstance(c, QLabel) and c.buddy() is widget
                                       for c in parent.children())


def first_focusable(item: QWidget | QLayout | None) -> QWidget | None:
    """The first control in a layout (or the widget itself) that takes the keyboard focus."""
    if item is None:
        return None
    if isinstance(item, QWidget):
        return item
    for i in range(item.count()):
        child = item.itemAt(i)
        widget = child.widget() if child is not None else None
        if widget is not None and widget.focusPolicy() != widget.focusPolicy().NoFocus \
                and not isinstance(widget, QLabel):
            return widget
        inner = child.layout() if child is not None else None
        found = first_focusable(inner) if inner is not None else None
        if found is not None:
            return found
    return None


def label_for(label: QLabel, widget: QWidget, description: str | None = None) -> QWidget:
    """`label` names `widget`: its buddy (Alt+mnemonic focuses it) and its accessible name."""
    label.setBuddy(widget)
    return name(widget, label.text(), description)


def name_form(form: QFormLayout) -> None:
    """Each row's label names its field (the field's first control when the field is a row of
    several): buddy and accessible name. Names already set are kept."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, form.ItemRole.LabelRole)
        field_item = form.itemAt(row, form.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        if not isinstance(label, QLabel) or field_item is None or not plain(label.text()):
            continue
        field = first_focusable(field_item.widget() or field_item.layout())
        if field is None:
            continue
        label.setBuddy(field)
        if isinstance(field, QAbstractButton) and field.text():
            continue  # a check box in the row is named by its own text (日付を入れる), the row's label leads to it
        if not field.accessibleName():
            name(field, label.text())


def name_clear_button(edit: QLineEdit, text: str) -> None:
    """The ✕ Qt puts in a line edit (setClearButtonEnabled): Qt leaves it without a name on the
    bus and without a tooltip; its action's text names it (the button takes its action's text)."""
    action = edit.findChild(QAction, "_q_qlineeditclearaction")
    if action is not None:
        action.setText(text)
        action.setToolTip(text)


def tab_order(*widgets: QWidget | None) -> None:
    """Tab visits `widgets` in this order (the reading order of the form; None, a control not made, is passed over)."""
    for before, after in itertools.pairwise([w for w in widgets if w is not None]):
        QWidget.setTabOrder(before, after)


def describe(widget: QWidget, text: str) -> None:
    """`text` read after `widget`'s name (an editable combo box's text field says it too)."""
    widget.setAccessibleDescription(plain(text))
    line = widget.lineEdit() if isinstance(widget, QComboBox) else None
    if line is not None:
        line.setAccessibleDescription(plain(text))


def blank_named(text: object) -> str:
    """A cell's accessible name: its text, or 空欄 when it has none (an empty cell is not silent)."""
    shown = "" if text is None else str(text)
    return shown if shown.strip() else QCoreApplication.translate("A11y", "空欄")


def prepare_announcements() -> None:
    """Build QAccessible's classes now, once: the task runner asks as an operation starts, while
    the worker works, so the turn that takes the operation's result in and says it (the first
    save, collection or plan import of a session) does not build them too (issue 27)."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent  # noqa: F401


def announce(source: QObject, text: str) -> None:
    """Have a screen reader say `text` now (a message line changed), without moving the focus."""
    # imported here: Qt for Python builds QAccessible's classes and enums (some 4 ms) as they are
    # first imported, and nothing is announced before the window is shown (issue 27)
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(source, plain(text)))


def buttons_with_mnemonics(buttons: QDialogButtonBox, texts: Iterable[tuple[QDialogButtonBox.StandardButton, str]]) -> None:
    """Standard buttons with our own texts, each with a mnemonic (Qt's Japanese texts have none)."""
    for which, text in texts:
        button = buttons.button(which)
        if button is not None:
            button.setText(text)


def missing_mnemonics(root: QWidget) -> list[str]:
    """The texts of visible push buttons and check boxes under `root` without a mnemonic, and
    mnemonics used twice (for tests and for the keyboard help)."""
    seen: dict[str, str] = {}
    out: list[str] = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root) or not button.text().strip() or button.text() in ("−", "＋", "▲", "▼"):
            continue
        letter = mnemonic(button.text())
        if letter is None:
            out.append(button.text())
        elif letter in seen and seen[letter] != button.text():
            out.append(f"{button.text()} ({letter} = {seen[letter]})")
        else:
            seen[letter] = button.text()
    return out


def name_table_heads(view: QTableView, what: str) -> None:
    """Name a table's row and column headers and its corner button (select all) after the table
    (`what`, translated by the caller): Qt leaves them nameless."""
    view.horizontalHeader().setAccessibleName(QCoreApplication.translate("A11y", "{what}の列見出し").format(what=what))
    view.verticalHeader().setAccessibleName(QCoreApplication.translate("A11y", "{what}の行見出し").format(what=what))
    for button in view.findChildren(QAbstractButton):
        if button.metaObject().className() == "QTableCornerButton":
            button.setAccessibleName(QCoreApplication.translate("A11y", "{what}をすべて選択").format(what=what))


def name_scroll_bars(area: QAbstractScrollArea, what: str) -> None:
    """Name a scroll area's scroll bars after what they scroll (`what`, translated by the caller): Qt
    leaves them nameless, and a screen reader's review of the window reads them."""
    # QCoreApplication.translate by name: lupdate reads a `tr(...)` alias's context as the text
    vertical = QCoreApplication.translate("A11y", "{what}の縦スクロールバー")
    horizontal = QCoreApplication.translate("A11y", "{what}の横スクロールバー")
    area.verticalScrollBar().setAccessibleName(vertical.format(what=what))
    area.horizontalScrollBar().setAccessibleName(horizontal.format(what=what))
