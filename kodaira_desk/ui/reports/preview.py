"""The report dialog's preview: every page of the PDF, zoomed and paged like a viewer.

Pages are rendered by PDFium (pypdfium2, already what the app renders PDFs with; the installed
PySide6 wheel has no QtPdf module) on the window's worker thread into QImages; the GUI thread only
turns them into pixmaps. A zoom asks for a new rendering at the new scale (the old pages stay, scaled,
until it is there), so text stays sharp at 200% and memory stays that of one zoom level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.ui.tasks import Op, Progress, TaskRunner
from kodaira_desk.ui.viewports import viewport_of

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0
PAGE_GAP = 12


@dataclass(frozen=True)
class RenderedPages:
    """The pages of one PDF at one scale (1.0 = 72 dpi); sizes in points."""

    scale: float
    sizes: tuple[tuple[float, float], ...]
    images: tuple[QImage, ...]


def _to_qimage(bitmap: object) -> QImage:
    w, h, stride = bitmap.width, bitmap.height, bitmap.stride  # type: ignore[attr-defined]
    fmt = QImage.Format.Format_BGR888 if bitmap.n_channels == 3 else QImage.Format.Format_ARGB32  # type: ignore[attr-defined]
    return QImage(bytes(bitmap.buffer), w, h, stride, fmt).copy()  # type: ignore[attr-defined]


def page_sizes(pdf: Path) -> tuple[tuple[float, float], ...]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return tuple((float(p.get_width()), float(p.get_height())) for p in doc)
    finally:
        doc.close()


def render_page(doc: object, index: int, scale: float) -> QImage:
    """One page of an open pypdfium2 document as an image (any thread: QImage, not QPixmap)."""
    page = doc[index]  # type: ignore[index]
    try:
        return _to_qimage(page.render(scale=scale))
    finally:
        page.close()


def fit_scale(sizes: tuple[tuple[float, float], ...], room: float) -> float:
    """The zoom at which the widest page fills `room` pixels."""
    widest = max((w for w, _h in sizes), default=595.0)
    return max(ZOOM_MIN, min(ZOOM_MAX, max(room, 200) / widest))


def render_pdf_pages(pdf: Path, zoom: float | None, room: float, ratio: float,
                     progress: Progress | None = None) -> RenderedPages:
    """Every page of `pdf` at `zoom` (None: fit `room` pixels), for a screen of pixel ratio `ratio`.
    Run on the worker; progress raises Cancelled on cancel."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        n = len(doc)
        sizes = []
        for i in range(n):
            page = doc[i]
            sizes.append((float(page.get_width()), float(page.get_height())))
            page.close()
        scale = fit_scale(tuple(sizes), room) if zoom is None else zoom
        images = []
        for i in range(n):
            images.append(render_page(doc, i, scale * ratio))
            if progress is not None:
                progress(i + 1, n)
        return RenderedPages(scale, tuple(sizes), tuple(images))
    finally:
        doc.close()


class PageBox(QSpinBox):
    """The page number: Enter goes to the page and stops there (a dialog would press its default
    button with it and make the PDF again)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class PreviewPane(QWidget):
    """Pages in a scroll area with zoom in / out / fit width and previous / next / page number."""

    page_changed = Signal(int)  # 1-based

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.pdf: Path | None = None
        self.rendered: RenderedPages | None = None
        self.zoom = 1.0  # 1.0 = 100% (72 dpi on the screen's logical pixels)
        self.fit_width = True
        self._render_op: Op | None = None
        self._wanted: float | None = None
        self.on_message: Callable[[str], None] = lambda _text: None

        self.zoom_out_button = self._tool("−", self.tr("縮小"), self.zoom_out)
        self.zoom_out_button.setObjectName("previewZoomOut")
        self.zoom_in_button = self._tool("＋", self.tr("拡大"), self.zoom_in)
        self.zoom_in_button.setObjectName("previewZoomIn")
        self.fit_button = self._tool(self.tr("幅に合わせる(&W)"), self.tr("ページの幅を表示幅に合わせる"), self.fit)
        self.fit_button.setObjectName("previewFit")
        self.zoom_label = QLabel("—")
        self.zoom_label.setObjectName("previewZoom")
        self.zoom_label.setMinimumWidth(48)
        self.prev_button = self._tool("▲", self.tr("前のページ"), self.previous_page)
        self.prev_button.setObjectName("previewPrevious")
        self.next_button = self._tool("▼", self.tr("次のページ"), self.next_page)
        self.next_button.setObjectName("previewNext")
        self.page_box = PageBox()
        self.page_box.setObjectName("previewPage")
        self.page_box.setRange(0, 0)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(self._on_page_box_value_changed)
        self.page_box.setAccessibleName(self.tr("ページ番号"))
        self.page_total = QLabel("/ 0")
        self.page_total.setObjectName("previewPageTotal")

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        widgets: tuple[QWidget, ...] = (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button)
        for w in widgets:
            bar.addWidget(w)
        bar.addStretch(1)
        widgets = (self.prev_button, self.page_box, self.page_total, self.next_button)
        for w in widgets:
            bar.addWidget(w)

        self.pages = QWidget()
        self.pages.setObjectName("previewPages")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setWidget(self.pages)
        self.area.setMinimumWidth(520)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.area.setObjectName("previewArea")
        self.area.setAccessibleName(self.tr("プレビュー"))
        self.area.setAccessibleDescription(self.tr("PgDown / PgUp でページを移ります。Ctrl++ / Ctrl+- で拡大・縮小します。"))
        self.area.verticalScrollBar().valueChanged.connect(self._on_scroll_value_changed)
        self.labels: list[QLabel] = []
        self._jumping = False  # go_to_page moves the scroll bar: the page is the one asked for
        self._refit = QTimer(self)  # a resized view fits the width again, once the resizing stops
        self._refit.setSingleShot(True)
        self._refit.setInterval(250)
        self._refit.timeout.connect(self._on_refit_timeout)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.area, 1)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out)):
            QShortcut(QKeySequence(keys), self, slot)
        for key, slot in ((Qt.Key.Key_PageDown, self.next_page), (Qt.Key.Key_PageUp, self.previous_page)):
            sc = QShortcut(QKeySequence(key), self.area, slot)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._enable()

    def _tool(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)  # "縮小", not the "−" drawn on it
        b.clicked.connect(slot)
        return b

    # -- document ---------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.labels)

    @property
    def current_page(self) -> int:
        return self.page_box.value()

    def show_pdf(self, pdf: Path) -> Op | None:
        """Show `pdf` (fit to width); its pages are rendered on the worker."""
        self.clear()
        self.pdf = pdf
        self.fit_width = True
        return self._render(None)

    def clear(self) -> None:
        self.pdf, self.rendered = None, None
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        self.page_box.blockSignals(True)
        self.page_box.setRange(0, 0)
        self.page_box.blockSignals(False)
        self.page_total.setText("/ 0")
        self.zoom_label.setText("—")
        self._enable()

    def _room(self) -> float:
        """The width a page may take, the vertical scroll bar counted whether shown or not (else
        fitting shows the bar, which narrows the view, and the page no longer fits)."""
        bar = self.area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = self.pages_layout.contentsMargins()
        return float(self.area.width() - 2 * self.area.frameWidth() - bar - margins.left() - margins.right() - 4)

    def _render(self, zoom: float | None) -> Op | None:
        """Render at `zoom` (None: fit the width); one rendering at a time, the last wish wins."""
        if self.pdf is None:
            return None
        if self._render_op is not None:
            self._wanted = zoom if zoom is not None else -1.0
            return self._render_op
        if zoom is None and self.rendered is not None:
            zoom = fit_scale(self.rendered.sizes, self._room())
        if zoom is not None:
            self.zoom = zoom
            self.zoom_label.setText(f"{round(zoom * 100)}%")
            self._scale_existing(zoom)
        pdf, ratio = self.pdf, self.devicePixelRatioF()

        def again() -> None:
            """What was asked for while this rendering ran (another zoom, another file)."""
            wanted, self._wanted = self._wanted, None
            if wanted is not None and self.pdf is not None:
                self._render(None if wanted < 0 else wanted)

        def done(result: RenderedPages) -> None:
            self._render_op = None
            if self.pdf == pdf:
                self._show(result, ratio)
            again()

        def failed(exc: BaseException) -> None:
            self._render_op = None
            if self.pdf == pdf:
                from kodaira_desk.ui.domain_words import message_of  # (in the language in use)

                self.on_message(message_of(exc))
            again()

        self._render_op = self.tasks.run_op(render_pdf_pages, (pdf, zoom, self._room(), ratio), done, on_error=failed,
                                            name="preview", with_progress=True, context=self)
        return self._render_op

    def _show(self, result: RenderedPages, ratio: float) -> None:
        keep = self.current_page
        self.rendered = result
        self.zoom = result.scale
        self.zoom_label.setText(f"{round(result.scale * 100)}%")
        while len(self.labels) > len(result.images):
            self.labels.pop().deleteLater()
        while len(self.labels) < len(result.images):
            label = QLabel()
            label.setObjectName("previewPageImage")
            label.setStyleSheet("border:1px solid #bbb; background:white")
            self.pages_layout.addWidget(label)
            self.labels.append(label)
        for label, image in zip(self.labels, result.images, strict=True):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.setFixedSize(QSize(round(image.width() / ratio), round(image.height() / ratio)))
        n = len(result.images)
        self.page_box.blockSignals(True)
        self.page_box.setRange(1 if n else 0, n)
        self.page_box.setValue(min(max(keep, 1), n))
        self.page_box.blockSignals(False)
        self.page_total.setText(f"/ {n}")
        self._enable()
        self.pages.adjustSize()
        if keep > 1:
            self.go_to_page(keep)

    def _scale_existing(self, zoom: float) -> None:
        """Until the new rendering is there, the pages at their new size (blurred, not jumping)."""
        if self.rendered is None:
            return
        for label, (w, h) in zip(self.labels, self.rendered.sizes, strict=False):
            label.setFixedSize(QSize(round(w * zoom), round(h * zoom)))
            label.setScaledContents(True)

    def _enable(self) -> None:
        has = self.pdf is not None
        n = self.page_count
        for b in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            b.setEnabled(has)
        self.zoom_in_button.setEnabled(has and self.zoom < ZOOM_MAX)
        self.zoom_out_button.setEnabled(has and self.zoom > ZOOM_MIN)
        self.page_box.setEnabled(n > 0)
        self.prev_button.setEnabled(n > 0 and self.current_page > 1)
        self.next_button.setEnabled(n > 0 and self.current_page < n)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_width and self.rendered is not None:
            self._refit.start()

    def _on_refit_timeout(self) -> None:
        if self.fit_width and self.rendered is not None and \
                abs(fit_scale(self.rendered.sizes, self._room()) - self.zoom) > 0.005:
            self._render(None)

    def stop(self) -> Op | None:
        """Cancel a rendering in progress (its file is about to go); that rendering, still reading
        the file until it stops at its next page, or None."""
        op, self._wanted = self._render_op, None
        if op is None or op.done:
            return None
        op.cancel()
        return op

    # -- zoom --------------------------------------------------------------------------------------

    def zoom_in(self) -> Op | None:
        self.fit_width = False
        return self._render(min(ZOOM_MAX, self.zoom * ZOOM_STEP))

    def zoom_out(self) -> Op | None:
        self.fit_width = False
        return self._render(max(ZOOM_MIN, self.zoom / ZOOM_STEP))

    def fit(self) -> Op | None:
        self.fit_width = True
        return self._render(None)

    # -- pages -------------------------------------------------------------------------------------

    def go_to_page(self, number: int) -> None:
        """Scroll so that page `number` (1-based) starts at the top of the view."""
        if not self.labels:
            return
        number = min(max(number, 1), self.page_count)
        self.pages.adjustSize()
        self._jumping = True
        try:
            top = 0 if number == 1 else self.labels[number - 1].y() - PAGE_GAP // 2
            self.area.verticalScrollBar().setValue(max(0, top))
        finally:
            self._jumping = False
        self._set_page(number)

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def _set_page(self, number: int) -> None:
        if number != self.page_box.value():
            self.page_box.blockSignals(True)
            self.page_box.setValue(number)
            self.page_box.blockSignals(False)
            self.page_changed.emit(number)
        self._enable()

    def _on_page_box_value_changed(self, number: int) -> None:
        self.go_to_page(number)

    def _on_scroll_value_changed(self, value: int) -> None:
        """The page shown is the last one whose top is above the middle of the view."""
        if not self.labels or self._jumping:
            return
        middle = value + viewport_of(self.area).height() // 2
        number = 1
        for i, label in enumerate(self.labels, start=1):
            if label.y() <= middle:
                number = i
        if value >= self.area.verticalScrollBar().maximum() > 0:
            number = self.page_count
        self._set_page(number)
