"""The real window for the AT-SPI tests, started as `kodaira-desk` starts it (run_app), plus one
test hook: on request it writes which Qt class stands behind each accessible id, so that the
walker can tell a combo box that says "push button" (a role that does not match its control).

Run with the project's Python: app_under_test.py DIRECTORY [DATABASE]; the walker writes
DIRECTORY/manifest.request and reads DIRECTORY/manifest.json."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def _identifier(iface: object) -> str:
    """The id the bus gives an object: Qt's accessibleId(), the objectNames (else class names) of
    its accessible parents joined by dots."""
    parts = []
    while iface is not None:
        obj = iface.object()  # type: ignore[attr-defined]
        if obj is not None:
            parts.append(obj.objectName() or obj.metaObject().className())
        iface = iface.parent()  # type: ignore[attr-defined]
    return ".".join(reversed(parts))


def _ancestry(obj: object) -> list[str]:
    return [c.__name__ for c in type(obj).__mro__ if c.__module__.startswith("PySide6.")]


def main() -> int:
    folder = Path(sys.argv[1])
    database = sys.argv[2] if len(sys.argv) > 2 else None
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QApplication, QWidget

    from kodaira_desk.ui import app as ui_app

    def write_manifest() -> None:
        request = folder / "manifest.request"
        if not request.exists():
            return
        request.unlink()
        manifest: dict[str, list[list[str]]] = {}
        for top in QApplication.topLevelWidgets():
            for widget in [top, *top.findChildren(QWidget)]:
                iface = QAccessible.queryAccessibleInterface(widget)
                if iface is None:
                    continue
                ident = iface.text(QAccessible.Text.Identifier) or _identifier(iface)
                manifest.setdefault(ident, []).append(_ancestry(widget))
        tmp = folder / "manifest.tmp"
        tmp.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / "manifest.json")

    original = ui_app._new_application  # (what every way of starting makes the application with)

    def new_application(argv: list[str] | None = None) -> QApplication:
        application = original(argv)
        timer = QTimer(application)
        timer.setInterval(100)
        timer.timeout.connect(write_manifest)
        timer.start()
        return application

    ui_app._new_application = new_application  # type: ignore[assignment]
    return ui_app.run_app(Path(database) if database else None)


if __name__ == "__main__":
    sys.exit(main())
