"""The plan tree's rows painted from images kept per row (issue 27).

After every filter the tree paints its rows again, and Qt's own delegate then asks each row's seven
roles of our Python model through the filter and shapes its Japanese label again (a search, a 課 or
未入力のみ: 5–25 ms of the GUI thread a paint, most of a filter's longest turn). A row's pixels depend
only on its label, its mark and how it is drawn (its width, state, palette; the font and style: every
image is dropped when they change), so a row Qt's
delegate has painted is drawn by it once more, a turn later, into a slot of one image on the view's
background, and from then on that slot is copied while nothing of those changed: the same pixels,
with no text shaped and no role asked. (Drawn into the image at once, a row first shown cost more
than Qt's own paint: the rows a 課 or 未入力のみ shows for the first time are painted as before.)
The selected, focused or hovered row, and a view with alternating colours, are always drawn by
Qt's delegate (their background is the style's). What a screen reader reads is the model's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QTimer
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kodaira_desk.ui import theme
from kodaira_desk.ui.window.tree_rows import Item

if TYPE_CHECKING:
    from kodaira_desk.ui.window.tree_filter import NodeFilter
    from kodaira_desk.ui.window.tree_model import PlanTreeModel

SLICE_S = 0.003  # drawing rows' images: at most this much of a turn
CATCH_UP_MS = 30  # ... from this long after a row was painted by Qt's (not in the turns of a paint)
KEPT = 128  # rows kept (a tall window shows ~45; the image is 128 rows of the tree's width: ~4 MB)
_BY_QT = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver
          | QStyle.StateFlag.State_HasFocus).value  # drawn on the style's own background
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate.value
# the branch's flags (open, has rows, has a next sibling): the view draws the branch, not the delegate,
# so a plan opened or closed keeps its row's image
_RESTYLED = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange)
_BRANCH = (QStyle.StateFlag.State_Open | QStyle.StateFlag.State_Children | QStyle.StateFlag.State_Sibling
           | QStyle.StateFlag.State_Item).value
_ACTIVE = QStyle.StateFlag.State_Active.value  # the window active: drawn in the palette's Active group


class RowImages(QStyledItemDelegate):
    """The tree's delegate: a row painted by Qt's, drawn into a slot of one image after the turn,
    then painted from there."""

    def __init__(self, model: PlanTreeModel, proxy: NodeFilter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._proxy = proxy
        self._slots: dict[tuple[object, ...], int] = {}  # a row's look → its slot in the image
        self._keys: list[tuple[object, ...] | None] = []  # each slot's row (None: free)
        self._next = 0  # the slot drawn next (the oldest once every slot is used)
        self._image: QPixmap | None = None  # KEPT slots one under the other, each a row's size
        self._size = (0, 0, 0.0)
        self._same_groups: dict[int, bool] = {}  # a palette's cache key → its Active and Inactive groups equal
        self._later: dict[tuple[object, ...], QStyleOptionViewItem] = {}  # painted by Qt's: to draw
        self._catching_up = QTimer(self)  # the rows painted by Qt's drawn into the image, a slice a turn
        self._catching_up.setSingleShot(True)
        self._catching_up.setInterval(CATCH_UP_MS)
        self._catching_up.timeout.connect(self._catch_up)
        self.wait_while: Callable[[], bool] = lambda: False  # the window opening a filter's rows
        model.modelReset.connect(self.forget)  # its rows made again (their images keyed by the old ones)
        if parent is not None:
            parent.installEventFilter(self)  # another font or style: every row drawn again

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _RESTYLED:
            self.forget()
        return False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        state = option.state.value
        if state & _BY_QT or option.features.value & _ALTERNATE:
            super().paint(painter, option, index)
            return
        item = self._proxy.mapToSource(index).internalPointer()
        if not isinstance(item, Item):
            super().paint(painter, option, index)
            return
        rect = option.rect
        width, height = rect.width(), rect.height()
        dpr = painter.device().devicePixelRatioF()
        size = self._size
        if width > size[0] or height != size[1] or dpr != size[2]:
            self._start(max(width, self._view_width()), height, dpr)
        mark = self._model.completeness(item.plan_id, item.key) if item.key is not None else None
        palette = option.palette
        looks = state & ~_BRANCH
        if self._groups_equal(palette):  # a dialog over the window draws its rows the same: the same image
            looks &= ~_ACTIVE
        key = (item, width, looks, mark, theme.is_high_contrast(), palette.cacheKey())
        slot = self._slots.get(key)
        if slot is None:  # drawn by Qt's now, as before; its image drawn after this turn
            super().paint(painter, option, index)
            if key not in self._later:  # (no persistent index: the filter would carry each through its changes)
                self._later[key] = QStyleOptionViewItem(option)
                if not self._catching_up.isActive():
                    self._catching_up.start()
            return
        assert self._image is not None
        painter.drawPixmap(rect.x(), rect.y(), self._image, 0, round(slot * height * dpr),
                           round(width * dpr), round(height * dpr))

    def _catch_up(self) -> None:
        """The rows Qt's delegate painted drawn into the image, for at most SLICE_S of this turn:
        a row whose mark or place changed since is left (it is drawn again when next painted)."""
        if self.wait_while():  # not in the turns that open a filter's answer: after them
            self._catching_up.start()
            return
        start = time.thread_time()
        pen: QPainter | None = None  # one painter a slice (beginning one is ~0.15 ms)
        while self._later and time.thread_time() - start < SLICE_S:
            key = next(iter(self._later))
            option = self._later.pop(key)
            item = key[0]
            assert isinstance(item, Item)
            if key in self._slots or self._image is None or option.rect.width() > self._size[0] \
                    or option.rect.height() != self._size[1]:
                continue
            # (never index_of: it would read a plan not read yet, here on the GUI thread from a timer)
            index = self._proxy.mapFromSource(self._model.row_of(item))
            if index.isValid() and (self._model.completeness(item.plan_id, item.key)
                                    if item.key is not None else None) == key[3]:
                pen = pen or QPainter(self._image)
                self._draw(pen, key, option, index)
        if pen is not None:
            pen.end()
        if self._later:
            self._catching_up.start()

    def _groups_equal(self, palette: QPalette) -> bool:
        """The window's rows look the same whether it is active or not (the app's palettes give both
        groups the same colours): a dialog opened over it, which makes Qt paint the whole tree again,
        then copies each row's image (issue 27: every row was shaped anew, ~10 ms of the opening)."""
        cache_key = palette.cacheKey()
        equal = self._same_groups.get(cache_key)
        if equal is None:
            if len(self._same_groups) > 16:
                self._same_groups.clear()
            equal = self._same_groups[cache_key] = palette.isEqual(QPalette.ColorGroup.Active,
                                                                   QPalette.ColorGroup.Inactive)
        return equal

    def _view_width(self) -> int:
        view = self.parent()
        return view.viewport().width() if isinstance(view, QAbstractItemView) else 0

    def _start(self, width: int, height: int, dpr: float) -> None:
        """A new image for rows of this size (the tree resized, another font or screen)."""
        self.forget()
        self._size = (width, height, dpr)
        self._image = QPixmap(max(1, round(width * dpr)), max(1, round(KEPT * height * dpr)))
        self._image.setDevicePixelRatio(dpr)
        self._keys = [None] * KEPT

    def _draw(self, pen: QPainter, key: tuple[object, ...], option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """The row as Qt's delegate draws it, on the view's background (opaque: the text keeps
        the platform's subpixel smoothing), into the next slot."""
        assert self._image is not None
        slot = self._next
        self._next = (slot + 1) % KEPT
        old = self._keys[slot]
        if old is not None:
            del self._slots[old]
        self._keys[slot] = key
        self._slots[key] = slot
        width, height = option.rect.width(), option.rect.height()
        at = QStyleOptionViewItem(option)
        at.rect = QRect(0, slot * height, width, height)  # (a slot is as wide as the widest row)
        pen.fillRect(at.rect, option.palette.base())
        super().paint(pen, at, index)

    @property
    def drawing(self) -> bool:
        """Rows painted by Qt's are still to be drawn into the image."""
        return bool(self._later)

    def kept(self) -> int:
        """How many rows' images are kept."""
        return len(self._slots)

    def forget(self) -> None:
        """Drop every row's image (they are drawn again as rows are painted)."""
        self._image = None
        self._slots.clear()
        self._later.clear()
        self._keys = [None] * KEPT
        self._next = 0
        self._size = (0, 0, 0.0)
