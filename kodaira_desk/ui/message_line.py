"""Message lines a screen reader hears and the keyboard reaches (issue 28).

`MessageLine` is a grid form's line under the grid (a refused value, what a paste did); `MessageBar`
is the window's status bar, whose temporary messages Qt paints where no assistive technology reads
them. Both show their text in a label that F6 reaches (and whose text can be selected and copied),
and have a screen reader announce each new message without moving the focus. The window's message
stays until the next one: a message that vanished after eight seconds was lost to whoever was
still reading the form.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from kodaira_desk.ui.a11y import announce


def _tr(text: str) -> str:
    return QCoreApplication.translate("MessageLine", text)


class _Reachable(QLabel):
    """A label F6 can focus (not a Tab stop), whose text can be selected by keyboard and copied."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._name_empty()

    def _name_empty(self) -> None:
        self.setAccessibleName(_tr("メッセージ行（お知らせはありません）"))
        self.setAccessibleDescription(_tr("メッセージ行"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self.text():
            self._name_empty()
        super().changeEvent(event)

    def _said(self, text: str) -> None:
        if text:
            self.setAccessibleName("")  # a label's name is then its text
            self.setAccessibleDescription(_tr("メッセージ行"))
            announce(self, text)
        else:
            self._name_empty()


class MessageLine(_Reachable):
    """The grid's message line, shown only with something to say: an empty line took a line of
    the chart's room at 1366×768."""

    def setText(self, text: str) -> None:
        changed = text != self.text()
        super().setText(text)
        self.setVisible(bool(text))
        if changed:
            self._said(text)

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)
        self._said("")


def dialog_message(name: str) -> MessageLine:
    """A dialog's message line (`name`: its objectName): wrapped, hidden (its room kept) until it has
    something to say (an empty label is read as a nameless line by a screen reader), announced when
    it does."""
    line = MessageLine()
    line.setObjectName(name)
    line.setWordWrap(True)
    policy = line.sizePolicy()
    policy.setRetainSizeWhenHidden(True)  # its room kept: the dialog's layout does not jump
    line.setSizePolicy(policy)
    line.clear()
    return line


class QuietLabel(QLabel):
    """A wrapped label that is not there while it is empty (a screen reader's review reads an empty
    label as a nameless line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


class HeightKeptLabel(QLabel):
    """A wrapped label whose height for a width is worked out once per width, text and font: a
    layout asks it several times a pass, and QLabel lays its whole text out for each (the KPI grid's
    legend: three calls an item, 0.17 ms each; every wrapped line of an item with indicators 1.5 ms,
    issue 27)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._heights: dict[tuple[int, str, str, int, int, int], int] = {}

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        key = (width, self.text(), self.font().key(), margins.left() + margins.right() + 2 * self.margin(),
               self.indent(), self.minimumHeight())  # (QLabel's answer is at least the minimum height)
        found = self._heights.get(key)
        if found is None:
            if len(self._heights) > 16:
                self._heights.clear()
            found = self._heights[key] = super().heightForWidth(width)
        return found


class WrappedLine(HeightKeptLabel):
    """A wrapped label that asks its layout for the height of all its lines at its width (a
    splitter pane squeezed it to fewer lines at a large font, cutting the rest off).

    The lines are measured on a label like it that is never shown and has no minimum height: its
    own height for a width is never less than its minimum height (QLabel's), so a height once set
    for more lines (the item before's text, a narrower width) was never given back — the KPI pane's
    status line stayed three lines tall for one, the indicator's details three for one, and at
    1366×768 seven of the city's twenty KPI items' pages scrolled by 4–26 px for the empty room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ruler: QLabel | None = None
        self._lines: dict[tuple[int, str, str, str, int, int, int], int] = {}

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse and self.text():
            # the selectable text's document laid out at the new width now: left to the paint, its
            # layout asked for a repaint from within it, and the line was painted again a turn later
            QLabel.heightForWidth(self, self.width())
        self._fit()

    def setText(self, text: str) -> None:
        if text == self.text():
            return  # (the same again, as a grid's legend on every item: its lines measured anew, issue 27)
        super().setText(text)
        self._fit()

    def lines_height(self, width: int) -> int:
        """The height of all its lines at `width` (its margins and padding included), whatever its
        minimum height: kept per width, text, font, style and margins, as the label's own."""
        margins = self.contentsMargins()
        key = (width, self.text(), self.font().key(), self.styleSheet(),
               margins.left() + margins.right() + 2 * self.margin(), margins.top() + margins.bottom(), self.indent())
        found = self._lines.get(key)
        if found is None:
            ruler = self._ruler
            if ruler is None:
                ruler = self._ruler = QLabel()
                ruler.setWordWrap(True)
            if ruler.styleSheet() != self.styleSheet():  # (a tint: its padding, its weight)
                ruler.setStyleSheet(self.styleSheet())
            ruler.setFont(self.font())
            ruler.setContentsMargins(margins)
            ruler.setMargin(self.margin())
            ruler.setIndent(self.indent())
            ruler.setAlignment(self.alignment())
            ruler.setTextFormat(self.textFormat())
            ruler.setTextInteractionFlags(self.textInteractionFlags())
            ruler.setText(self.text())
            ruler.ensurePolished()
            if len(self._lines) > 16:
                self._lines.clear()
            found = self._lines[key] = ruler.heightForWidth(width)
        return found

    def _fit(self) -> None:
        needed = max(self.lines_height(self.width()), 0) if self.text() else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class ElidedLabel(QLabel):
    """One line, cut with 「…」 to the width it is given; the whole text in its tooltip and its
    accessible name. (A 再設定's reason beside a target box: wrapped, it was clipped by the row's
    height. The file's path in the status bar: whole, it kept the window wider than the screen at
    150 %.)"""

    def __init__(self, parent: QWidget | None = None, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # the whole text where there is room
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 8, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, self._mode, max(self.width(), 40)))


class _BarLine(_Reachable):
    """The status bar's line: a message longer than its room cut with 「…」 at the end (clipped, it
    ran under the permanent 担当課 label cut mid-word: the tester's C8); the whole message in its
    tooltip and its accessible name, and what `currentMessage` answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full = ""

    def show_full(self, text: str) -> None:
        self.full = text
        self.setToolTip(text)
        self._elide()
        self._said(text)
        if text:
            self.setAccessibleName(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        shown = self.full if room <= 0 else self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            self.setText(shown)


class MessageBar(QStatusBar):
    """The window's status bar: `showMessage` writes into a reachable, announced line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = _BarLine()
        self.line.setObjectName("windowMessage")
        # a long message is cut with 「…」 at the window's edge (its tooltip and its accessible
        # name hold all of it), never widening the window past the screen
        self.line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.line.setMinimumWidth(0)
        self.addWidget(self.line, 1)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # type: ignore[override]
        self.line.show_full(text)

    def currentMessage(self) -> str:
        return self.line.full

    def clearMessage(self) -> None:
        self.line.show_full("")
