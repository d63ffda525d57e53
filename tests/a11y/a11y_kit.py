"""What assistive technology reads of a window, in-process: each focusable control's accessible
name and role (QAccessible, the same interface Qt serves on the AT-SPI bus), and the Tab order as
a person pressing Tab meets it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTableView,
    QTextEdit,
    QToolButton,
    QTreeView,
    QWidget,
)

R = QAccessible.Role
# what each kind of control must say it is (a combo that says "push button" is a defect)
ROLES: list[tuple[type, set[QAccessible.Role]]] = [
    (QComboBox, {R.ComboBox}),
    (QCheckBox, {R.CheckBox}),
    (QPushButton, {R.PushButton, R.Button}),
    (QToolButton, {R.PushButton, R.Button, R.ButtonMenu}),
    (QLineEdit, {R.EditableText}),
    (QAbstractSpinBox, {R.SpinBox}),
    (QPlainTextEdit, {R.EditableText, R.StaticText}),
    (QTextEdit, {R.EditableText, R.StaticText}),
    (QTreeView, {R.Tree, R.TreeItem, R.Table}),
    (QTableView, {R.Table}),
    (QListView, {R.List, R.Table}),
    (QTabBar, {R.PageTabList}),
    (QLabel, {R.StaticText}),
]


def interface(widget: QWidget) -> QAccessible.QAccessibleInterface:  # type: ignore[name-defined]
    return QAccessible.queryAccessibleInterface(widget)


def accessible_name(widget: QWidget) -> str:
    return interface(widget).text(QAccessible.Text.Name).strip()


def accessible_description(widget: QWidget) -> str:
    return interface(widget).text(QAccessible.Text.Description).strip()


def focusable(root: QWidget) -> list[QWidget]:
    """The controls under `root` a person can reach now: shown, and taking the focus (a combo
    box's own text field and a spin box's are parts of it, not controls of their own)."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus or not w.isVisibleTo(root):
            continue
        parent = w.parentWidget()
        if isinstance(w, QLineEdit) and isinstance(parent, (QComboBox, QAbstractSpinBox)):
            continue
        if w.objectName() in ("qt_scrollarea_viewport", "focusRing"):
            continue
        out.append(w)
    return out


def describe(w: QWidget) -> str:
    return f"{type(w).__name__}#{w.objectName() or '?'} in {type(w.window()).__name__}"


def labelled(widget: QWidget) -> bool:
    """A combo box is read on Linux as its value; what it is comes from a buddy label beside it
    (the "labelled by" relation) or, without one, from its description."""
    if not isinstance(widget, QComboBox):
        return True
    parent = widget.parentWidget()
    buddy = parent is not None and any(isinstance(c, QLabel) and c.buddy() is widget and c.text()
                                       for c in parent.children())
    return buddy or bool(accessible_description(widget))


def unnamed(root: QWidget) -> list[str]:
    return [describe(w) for w in focusable(root) if not accessible_name(w) or not labelled(w)]


def wrong_roles(root: QWidget) -> list[str]:
    out = []
    for w in focusable(root):
        role = interface(w).role()
        for kind, allowed in ROLES:
            if isinstance(w, kind):
                if isinstance(w, QAbstractButton) and w.isCheckable():
                    allowed = allowed | {R.CheckBox}  # a toggle: Qt says check box, pressed or not
                if role not in allowed:
                    out.append(f"{describe(w)} says {role.name}")
                break
    return out


def without_mnemonic(root: QWidget) -> list[str]:
    from kodaira_desk.ui.a11y import missing_mnemonics

    return missing_mnemonics(root)


def label_of(widget: QWidget | None) -> str:
    """A focused control as a test names it: the nearest objectName up its parents, else its
    accessible name."""
    if widget is None:
        return "(none)"
    if widget.objectName() or accessible_name(widget):
        return widget.objectName() or accessible_name(widget)
    w = widget
    while w is not None and not w.objectName():
        w = w.parentWidget()
    return w.objectName() if w is not None else "(none)"


def tab_chain(start: QWidget, presses: int, key: Qt.Key = Qt.Key.Key_Tab,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> list[str]:
    """Focus `start`, then press Tab `presses` times as a person does; the controls met."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    met = [label_of(QApplication.focusWidget())]
    for _ in range(presses):
        focus = QApplication.focusWidget()
        assert focus is not None, met
        QTest.keyClick(focus, key, modifier)
        QApplication.processEvents()
        met.append(label_of(QApplication.focusWidget()))
    return met


def buttons_of(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisibleTo(root)]


def item_view_current(view: QAbstractItemView) -> tuple[int, int]:
    idx = view.currentIndex()
    return idx.row(), idx.column()


def open_dialog(window, opener) -> QWidget:  # type: ignore[no-untyped-def]
    """What `opener` (a window's show_… method) opened, once the window's tasks have run: its
    return value, or the new visible top-level window."""
    before = set(QApplication.topLevelWidgets())
    dialog = opener()
    window.tasks.wait_idle()
    QApplication.processEvents()
    if isinstance(dialog, QWidget):
        return dialog
    shown = [t for t in set(QApplication.topLevelWidgets()) - before if t.isVisible()]
    assert shown, opener
    return shown[0]


def window_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter a person can press in `window` as it is shown, with what it reaches: the menu
    bar's titles, visible buttons and check boxes, labels with a buddy, group boxes, visible tabs."""
    from PySide6.QtWidgets import QGroupBox, QMainWindow

    from kodaira_desk.ui.a11y import mnemonic

    found: dict[str, list[str]] = {}

    def add(text: str, kind: str) -> None:
        letter = mnemonic(text)
        if letter is not None:
            found.setdefault(letter, []).append(f"{kind} {text}")

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            add(action.text(), "menu")
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            add(button.text(), "button")
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.buddy() is not None:
            add(label.text(), "label")
    for group in window.findChildren(QGroupBox):
        if group.isVisibleTo(window):
            add(group.title(), "group")
    for bar in window.findChildren(QTabBar):
        if bar.isVisibleTo(window):
            for i in range(bar.count()):
                add(bar.tabText(i), "tab")
    return found


def mnemonic_clashes(window: QWidget) -> dict[str, list[str]]:
    """The letters `window_mnemonics` finds reaching two things (Qt then only moves between them)."""
    return {letter: what for letter, what in window_mnemonics(window).items() if len(what) > 1}
