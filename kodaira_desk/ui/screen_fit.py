"""Windows that fit the screen at any scale: nothing cut off at 1366×768 with 150 % (issue 28).

At 150 % a 1366×768 screen is 910×512 logical pixels: the dialogs were laid out for a 1280×720
window. `fit` clamps a window to the screen it opens on, and when its layout's minimum is still
larger than the screen, puts its contents in a scroll area (the focused control is scrolled into
view as Tab moves), so every control stays reachable and no text is squeezed under its size.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLayout,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

FRAME = QSize(16, 48)  # a window manager's frame and title bar, roughly


def room(widget: QWidget) -> QSize:
    """The logical size a top-level window may take on the screen it is (or will be) on."""
    parent = widget.parentWidget()
    screen: QScreen | None = (parent.screen() if parent is not None else widget.screen()) \
        or QGuiApplication.primaryScreen()
    available = screen.availableGeometry().size() if screen is not None else QSize(1366, 768)
    return QSize(max(available.width() - FRAME.width(), 320), max(available.height() - FRAME.height(), 240))


def scroll_contents(window: QWidget) -> QScrollArea | None:
    """Move the window's layout (and its widgets) into a frameless scroll area filling the window."""
    layout = window.layout()
    if layout is None or isinstance(window.findChild(QScrollArea, "screenFitArea"), QScrollArea):
        return None
    inner = QWidget()
    inner.setObjectName("screenFitContents")
    inner.setLayout(layout)  # Qt moves the layout and its widgets over
    area = QScrollArea()
    area.setObjectName("screenFitArea")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(inner)
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return area


def clamp(window: QWidget) -> QWidget:
    """No larger than its screen (a size remembered from a larger screen, a dialog's default)."""
    space = room(window)
    size = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) else window.sizeHint()
    if size.width() > space.width() or size.height() > space.height():
        window.resize(min(size.width(), space.width()), min(size.height(), space.height()))
    return window


def show_main(window: QWidget) -> None:
    """Show the main window, maximized where its size (remembered, or the first 1280×720) met the
    screen's edge: at 150 % on 1366×768 the window clamped to the screen less a frame left a strip
    of the screen's height unused. The geometry is set first for a desktop without a window manager."""
    space = room(window)
    if window.isMaximized() or (window.width() < space.width() and window.height() < space.height()):
        window.show()
        return
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.availableGeometry())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    window.show()


def fit(window: QWidget) -> QWidget:
    """Clamp `window` to its screen; scroll its contents when even its minimum does not fit."""
    space = room(window)
    needed = window.minimumSizeHint()
    if needed.width() > space.width() or needed.height() > space.height():
        scroll_contents(window)
    return clamp(window)



class FitContainer(QWidget):
    """A scroll area's contents that take the area's size (or their minimum): their height does
    not follow their width, else the area sizes them to their preferred height and always scrolls."""

    def hasHeightForWidth(self) -> bool:
        return False

    def heightForWidth(self, _width: int) -> int:
        return -1  # (QScrollArea asks the layout, then this)


def scroll_when_short(layout: QLayout, name: str) -> QScrollArea:
    """`layout` in a frameless scroll area that scrolls only when it has less than its minimum."""
    inner = FitContainer()
    inner.setLayout(layout)
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(inner)
    return area



def whole_texts(combo: QComboBox) -> None:
    """`combo` at least as wide as shows its longest item whole, again whenever it is called (Qt's
    default measures once, when first shown; its AdjustToContents leaves a CJK text 2 px short in
    Fusion, its last character elided). Never wider than the screen leaves room for."""
    widest = max((combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    around = combo.width() - field.width()  # the frame, the margins and the arrow
    combo.setMinimumWidth(min(widest + around + 2, room(combo).width() - 100))
