"""The main window's size, place, toolbars and splitter, and the year worked in: kept in the settings
when it closes, put back when it opens (never larger than the screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kodaira_desk.ui.window.window_api import Window


def restore(w: Window) -> None:
    """The geometry kept when the window last closed (1280×720 the first time), fitted to the screen."""
    settings, splitter = w.settings, w.splitter
    g = settings.geometry("main")
    if g is not None:
        w.restoreGeometry(g)
    else:
        w.resize(1280, 720)
    s = settings.geometry("mainState")
    if s is not None:
        w.restoreState(s)
    sp = settings.geometry("mainSplitter")
    if sp is not None:
        splitter.restoreState(sp)
    from kodaira_desk.ui import screen_fit

    screen_fit.clamp(w)  # at 150 % a 1366×768 screen is 910×512: never larger than it


def keep(w: Window) -> None:
    """The window closes: its geometry and (the master's) year worked in kept for the next start."""
    settings, splitter = w.settings, w.splitter
    if w.clerk is None:  # the year worked in stays, even where it was the first one shown
        settings.entry_year = w.year.year
    settings.set_geometry("main", w.saveGeometry())
    settings.set_geometry("mainState", w.saveState())
    settings.set_geometry("mainSplitter", splitter.saveState())
    settings.sync()
