"""A scroll area's viewport without Qt for Python's search for its type (issue 27: start-up).

The first `QAbstractScrollArea.viewport()` of a process makes Qt for Python look for the most
derived class of the `QWidget*` it returns among every QWidget subclass it knows, building the
Python classes of all of them (and their enums) on the way: some 30–50 ms, once, before the window
was shown. `findChild` answers by the object's meta-object (a plain QWidget here) and finds no
reason to search. Qt names every scroll area's own viewport `qt_scrollarea_viewport`; a viewport
set by `setViewport` is not named, and is asked for the usual way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

VIEWPORT_NAME = "qt_scrollarea_viewport"


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    found = area.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, QWidget) else area.viewport()
