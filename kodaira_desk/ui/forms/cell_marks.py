"""The grids' cell states drawn as marks and patterns, not in colour alone (issue 28).

- red (unreadable, not saved): a bold ×  at the cell's left and a dashed frame;
- grey (read-only, another 課's or another year's): diagonal hatching behind the text;
- yellow (to check): a triangle in the cell's top-left corner, as a spreadsheet marks a formula;
- the current cell, while the grid has the keyboard: a 2 px frame in the focus colour with a
  1 px light line inside, so that it reaches 3:1 on white, on the grey and on the selection.

The state comes from the model's CELL_STATE_ROLE; the words for it are the cell's accessible
description (grid_model.accessible_description). The colours are the theme's.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QBrush, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from kodaira_desk.ui import theme
from kodaira_desk.ui.forms.grid_model import CELL_STATE_ROLE, EntryGridModel
from kodaira_desk.ui.notes.field_marks import ANNOTATION_ROLE, FieldMarks

Index = QModelIndex | QPersistentModelIndex
HATCH_STEP = 7
MARK = "×"


def state_and_marks(model: EntryGridModel, index: Index) -> tuple[str, FieldMarks | None]:
    """A cell's state ("invalid", "locked", "warning" or "") and its notes' marks, asked of the
    model's cache directly (not through Qt: issue 27)."""
    value = model.data(index, CELL_STATE_ROLE)
    marks = model.data(index, ANNOTATION_ROLE)
    return (value if isinstance(value, str) else ""), (marks if isinstance(marks, FieldMarks) else None)


def hatch(painter: QPainter, rect: QRect) -> None:
    """Diagonal lines every HATCH_STEP pixels across `rect`."""
    painter.save()
    painter.setClipRect(rect)
    painter.setPen(QPen(theme.colours().locked_hatch, 1))
    for x in range(rect.left() - rect.height(), rect.right() + 1, HATCH_STEP):
        painter.drawLine(x, rect.bottom(), x + rect.height(), rect.top())
    painter.restore()


def paint_locked(delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem,
                 index: Index) -> None:
    """A read-only cell not selected: its grey, the hatching, then its text over them."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    painter.fillRect(opt.rect, theme.colours().locked)
    hatch(painter, opt.rect)
    opt.backgroundBrush = QBrush()  # the hatching shows through
    widget = opt.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


def paint_marks(painter: QPainter, option: QStyleOptionViewItem, state: str, focused: bool) -> None:
    """A red cell's × and dashed frame, a yellow one's corner triangle, the current cell's frame
    (`focused`: the grid has the keyboard and this is its current cell)."""
    colours = theme.colours()
    rect = option.rect
    painter.save()
    if state == "invalid":
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(colours.invalid_mark)
        painter.drawText(rect.adjusted(4, 0, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         MARK)
        pen = QPen(colours.invalid_mark, 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1, 1, -2, -2))
    elif state == "warning":
        size = max(7, min(rect.height() // 3, 12))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.warning_mark)
        top_left = QPointF(rect.left(), rect.top())
        painter.drawPolygon(QPolygonF([top_left, QPointF(rect.left() + size, rect.top()),
                                       QPointF(rect.left(), rect.top() + size)]))
    if focused:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colours.focus, 2))
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.setPen(QPen(colours.focus_inner, 1))
        painter.drawRect(rect.adjusted(2, 2, -3, -3))
    painter.restore()


def announce_current(view: QAbstractItemView) -> None:
    """Tell assistive technology that the current cell has the focus (Qt says only "table" when
    the keyboard comes back to a grid whose current cell did not change)."""
    current = view.currentIndex()
    model = view.model()
    if not QAccessible.isActive() or not current.isValid() or model is None:
        return
    event = QAccessibleEvent(view, QAccessible.Event.Focus)
    # the table's children: its corner, the column headers, then per row its header and cells
    event.setChild((current.row() + 1) * (model.columnCount() + 1) + current.column() + 1)
    QAccessible.updateAccessibility(event)
