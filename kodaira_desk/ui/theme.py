"""Colours, the high-contrast palette and the font size: the window readable at any size (issue 28).

Every colour the forms draw themselves (a red cell, a grey one, a hint line) comes from `colours()`,
which has two sets: the light one the forms were designed in, and a high-contrast one (white and
yellow on black, like Windows' "High Contrast Black"). Text colours reach 4.5:1 against their
background in both sets, the focus colour 3:1 (tests/a11y check it with `contrast`).

The font follows the system's size (never below 10 pt, the size the forms were laid out at),
times the person's choice under 表示 > 文字の大きさ. Widgets whose style sheet holds a colour are
registered with `tint` and restyled when the palette is switched while the window is open.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

BASE_POINT_SIZE = 10.0
FONT_SCALES = (1.0, 1.25, 1.5, 2.0)


@dataclass(frozen=True)
class Colours:
    """The colours of one theme (light or high contrast)."""

    high_contrast: bool
    text: QColor
    muted: QColor  # hints and legends: still 4.5:1 on the window colour
    error: QColor
    ok: QColor
    focus: QColor  # the focus ring and the current cell's frame: 3:1 on everything around
    focus_inner: QColor
    invalid: QColor  # a red (unreadable) cell
    invalid_text: QColor
    invalid_mark: QColor
    locked: QColor  # a grey (read-only) cell
    locked_text: QColor
    locked_hatch: QColor
    warning: QColor  # a yellow (to check) cell
    warning_text: QColor
    warning_mark: QColor
    entry_year: QColor  # the entry year's columns
    entry_text: QColor
    edited: QColor  # an unsaved value
    panel: QColor  # the details line under the grid
    missing: QColor  # a count of what is still missing (the board's 未入力)
    banner: QColor
    banner_border: QColor


LIGHT = Colours(
    high_contrast=False, text=QColor("#000000"), muted=QColor("#595959"), error=QColor("#b00020"),
    ok=QColor("#1b5e20"), focus=QColor("#0b4f9c"), focus_inner=QColor("#ffffff"),
    invalid=QColor("#f8c9c9"), invalid_text=QColor("#000000"), invalid_mark=QColor("#b00020"),
    locked=QColor("#ececec"), locked_text=QColor("#595959"), locked_hatch=QColor("#b8b8b8"),
    warning=QColor("#fbe8b0"), warning_text=QColor("#000000"), warning_mark=QColor("#8a5a00"),
    entry_year=QColor("#e6f1fb"), entry_text=QColor("#000000"), edited=QColor("#1a5fb4"),
    panel=QColor("#f6f6f6"), banner=QColor("#e8f1fb"), banner_border=QColor("#6f93c0"),
    missing=QColor("#fde2e2"))

HIGH = Colours(
    high_contrast=True, text=QColor("#ffffff"), muted=QColor("#e0e0e0"), error=QColor("#ff8080"),
    ok=QColor("#7cff7c"), focus=QColor("#ffff00"), focus_inner=QColor("#000000"),
    invalid=QColor("#5a0000"), invalid_text=QColor("#ffffff"), invalid_mark=QColor("#ff8080"),
    locked=QColor("#000000"), locked_text=QColor("#c8c8c8"), locked_hatch=QColor("#6e6e6e"),
    warning=QColor("#3d3000"), warning_text=QColor("#ffff80"), warning_mark=QColor("#ffff00"),
    entry_year=QColor("#00264d"), entry_text=QColor("#ffffff"), edited=QColor("#00ffff"),
    panel=QColor("#000000"), banner=QColor("#000000"), banner_border=QColor("#ffffff"),
    missing=QColor("#5a0000"))

# The status marks' colours (domain.achievement) as text: darker where the printed colour is under
# 4.5:1 on white; the high-contrast set uses light ones on black.
STATUS_TEXT = {"#0072B2": ("#0072B2", "#7fc4ff"), "#009E73": ("#00704f", "#5cf0c0"),
               "#D55E00": ("#a84a00", "#ffab66"), "#7F7F7F": ("#595959", "#d0d0d0")}


# A department's state in the collection window (light, high contrast): the text on them is the
# palette's (black, or white in high contrast), 4.5:1 or more on each.
STATE_BACKGROUND = {"issued": ("#fde2e2", "#5a0000"), "unfilled": ("#f4d6f0", "#4a0040"),
                    "returned": ("#fff3cd", "#3d3000"), "merged": ("#d9f2e3", "#003d1a"),
                    "needs_review": ("#ffe1b3", "#4d2600"), "superseded": ("#e6e6e6", "#2b2b2b")}
# The tree's dots (fill, its check mark): an item filled in, one still to fill.
DOTS = {True: (("#2e8b57", "#ffffff"), ("#7cff7c", "#000000")),
        False: (("#c77800", "#ffffff"), ("#ffff00", "#000000"))}  # 3:1 or more on the tree


def state_background(state: str) -> QColor:
    light, high = STATE_BACKGROUND.get(state, ("#ffffff", "#000000"))
    return QColor(high if _theme.current.high_contrast else light)


def dot_colours(done: bool) -> tuple[QColor, QColor]:
    """(fill, check mark) of the tree's dot for an item filled in (True) or not yet (False)."""
    fill, mark = DOTS[done][1 if _theme.current.high_contrast else 0]
    return QColor(fill), QColor(mark)


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class _Theme(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.current = LIGHT
        self.font_scale = 1.0
        self.system_point_size: float | None = None
        self._tinted: weakref.WeakKeyDictionary[QWidget, str] = weakref.WeakKeyDictionary()
        self.light_palette: QPalette | None = None  # the palette before high contrast was switched on
        self.style_name = ""  # the application's style before high contrast framed its fields


_theme = _Theme()


def colours() -> Colours:
    return _theme.current


def changed() -> SignalInstance:
    """Emitted after the palette or the font size changed (forms repaint their own colours)."""
    return _theme.changed


def status_text(colour: str) -> QColor:
    light, high = STATUS_TEXT.get(colour, (colour, "#ffffff"))
    return QColor(high if _theme.current.high_contrast else light)


def high_contrast_palette() -> QPalette:
    """White and yellow on black, every role: what Windows' High Contrast Black looks like."""
    p = QPalette()
    black, white, yellow, cyan = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00"), QColor("#00ffff")
    grey = QColor("#a0a0a0")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in ((QPalette.ColorRole.Window, black), (QPalette.ColorRole.WindowText, white),
                             (QPalette.ColorRole.Base, black), (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
                             (QPalette.ColorRole.Text, white), (QPalette.ColorRole.Button, black),
                             (QPalette.ColorRole.ButtonText, white), (QPalette.ColorRole.BrightText, yellow),
                             (QPalette.ColorRole.Highlight, QColor("#1aebff")),
                             (QPalette.ColorRole.HighlightedText, black), (QPalette.ColorRole.Link, yellow),
                             (QPalette.ColorRole.LinkVisited, yellow), (QPalette.ColorRole.ToolTipBase, black),
                             (QPalette.ColorRole.ToolTipText, white), (QPalette.ColorRole.PlaceholderText, grey),
                             (QPalette.ColorRole.Light, white), (QPalette.ColorRole.Midlight, grey),
                             (QPalette.ColorRole.Mid, grey), (QPalette.ColorRole.Dark, white),
                             (QPalette.ColorRole.Shadow, white), (QPalette.ColorRole.Accent, cyan)):
            p.setColor(group, role, colour)
    disabled = QColor("#3ff23f")  # Windows' high-contrast "disabled" green: still 4.5:1 on black
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        p.setColor(QPalette.ColorGroup.Disabled, role, black)
    return p


def system_wants_high_contrast() -> bool:
    """The desktop asks for more contrast (Windows' contrast themes; Qt 6.10's hint)."""
    hints = QGuiApplication.styleHints()
    try:
        return bool(hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)
    except AttributeError:  # an older Qt: no such hint
        return False


def set_high_contrast(on: bool) -> None:
    """Switch the palette and the forms' own colours, now (open windows repaint)."""
    app = QApplication.instance()
    _theme.current = HIGH if on else LIGHT
    if isinstance(app, QApplication):
        if on and _theme.light_palette is None:
            _theme.light_palette = app.palette()
        _frame_fields(app, on)  # (a new style resets the palette: first)
        if on:
            app.setPalette(high_contrast_palette())
        elif _theme.light_palette is not None:
            app.setPalette(_theme.light_palette)
    for widget, role in list(_theme._tinted.items()):
        if shiboken6.isValid(widget):
            _apply_tint(widget, role)
        else:  # Qt deleted it (its window closed) while Python still held it: nothing to colour
            _theme._tinted.pop(widget, None)
    _theme.changed.emit()


def _frame_fields(app: QApplication, on: bool) -> None:
    """High contrast: the application's style draws its fields' frames in the text colour."""
    from kodaira_desk.ui.contrast_style import HighContrastStyle

    framed = isinstance(app.style(), HighContrastStyle)
    if on and not framed:
        _theme.style_name = app.style().name()
        app.setStyle(HighContrastStyle(_theme.style_name))
    elif not on and framed:
        app.setStyle(_theme.style_name)


def is_high_contrast() -> bool:
    return _theme.current.high_contrast


# ------------------------------------------------------------------------------------- fonts
def point_size() -> float:
    base = max(_theme.system_point_size or BASE_POINT_SIZE, BASE_POINT_SIZE)
    return round(base * _theme.font_scale, 1)


def apply_font(app: QApplication, family: str, scale: float | None = None) -> QFont:
    """The application font: `family`, at the system's size (at least 10 pt) times `scale`."""
    if _theme.system_point_size is None:
        size = app.font().pointSizeF()  # the platform's default, before we set ours
        _theme.system_point_size = size if size > 0 else BASE_POINT_SIZE
    if scale is not None:
        _theme.font_scale = scale
    font = QFont(app.font())
    font.setFamily(family)
    font.setPointSizeF(point_size())
    app.setFont(font)
    if scale is not None:
        _refont_tinted()
        _theme.changed.emit()
    return font


def _refont_tinted() -> None:
    """A widget under a style sheet keeps the font it was polished with when the application's
    changes (Qt): the tinted ones and what they hold polished again, at 表示 > 文字の大きさ's size."""
    for widget in [w for w in list(_theme._tinted) if shiboken6.isValid(w)]:
        for each in [widget, *widget.findChildren(QWidget)]:
            each.style().unpolish(each)
            each.style().polish(each)


def font_scale() -> float:
    return _theme.font_scale


# ------------------------------------------------------------------------------------- tints
_TINTS: dict[str, Callable[[Colours], str]] = {
    "muted": lambda c: f"color:{c.muted.name()}",
    "error": lambda c: f"color:{c.error.name()};font-weight:bold",
    "error_plain": lambda c: f"color:{c.error.name()}",
    "ok": lambda c: f"color:{c.ok.name()}",
    "check": lambda c: f"color:{c.warning_mark.name()};font-weight:bold",
    "invalid_field": lambda c: (f"QLineEdit{{background:{c.invalid.name()};color:{c.invalid_text.name()};"
                                f"border:2px solid {c.invalid_mark.name()}}}"),
    "note": lambda c: f"color:{c.text.name()};background:{c.banner.name()};padding:3px",
    "ok_note": lambda c: f"color:{c.ok.name()};padding:3px",
    "muted_note": lambda c: f"color:{c.muted.name()};padding:3px",
    "panel": lambda c: f"background:{c.panel.name()};color:{c.text.name()};padding:4px",
    "banner": lambda c: (f"#clerkBanner{{background:{c.banner.name()};border:1px solid "
                         f"{c.banner_border.name()};border-radius:4px}}"),
    "locked_field": lambda c: (f"QPlainTextEdit,QComboBox,QLineEdit{{background:{c.locked.name()};"
                               f"color:{c.locked_text.name()}}}"),
    "": lambda _c: "",
}


def _apply_tint(widget: QWidget, role: str) -> None:
    sheet = _TINTS[role](_theme.current)
    if widget.styleSheet() != sheet:  # the same again: Qt would polish the widget anew (5–8 ms, issue 27)
        widget.setStyleSheet(sheet)


def tint(widget: QWidget, role: str) -> None:
    """Colour `widget` as `role` ("muted", "error", "ok", "panel", "banner", "" for none) in the
    current set, and again whenever the palette is switched."""
    _theme._tinted[widget] = role
    _apply_tint(widget, role)


def tint_of(widget: QWidget) -> str:
    return _theme._tinted.get(widget, "")
