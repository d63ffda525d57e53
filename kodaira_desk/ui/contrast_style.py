"""Fields a person sees on the high-contrast palette (issue 28).

Qt's Fusion style draws a field's frame a shade darker than the window: on black, nothing, and a
line edit or a text box is an invisible black hole in a black window. With high contrast the
application's style is this proxy of the style in use, which draws the frames of line edits, text
boxes, tables, combo and spin boxes in the text colour (white; Windows' "disabled" green when
disabled), as Windows' contrast themes do. Only then: on the normal palette nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComboBox,
    QStyleOptionComplex,
    QWidget,
)

FRAMED = (QStyle.PrimitiveElement.PE_FrameLineEdit, QStyle.PrimitiveElement.PE_Frame)
FRAMED_CONTROLS = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)


class HighContrastStyle(QProxyStyle):
    """The style in use, with its fields framed in the text colour."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in FRAMED:
            _outline(option, painter)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex, painter: QPainter,
                           widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        framed = not isinstance(option, QStyleOptionComboBox) or option.frame
        if control in FRAMED_CONTROLS and framed:
            _outline(option, painter)


def _outline(option: QStyleOption, painter: QPainter) -> None:
    enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
    group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
    painter.save()
    painter.setPen(QPen(option.palette.color(group, QPalette.ColorRole.Text), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
    painter.restore()
