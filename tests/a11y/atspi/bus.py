"""The accessibility bus as a screen reader sees it: an X server, the AT-SPI bus, the real window,
and pyatspi to read it (issue 28).

Run by Debian's own /usr/bin/python3 (python3-pyatspi), inside `dbus-run-session`; started by
tests/a11y/test_atspi.py. Keys are typed with xdotool into the X server, as a person types; what
the window says is read only through the bus (names, roles, states, descriptions, relations).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyatspi  # type: ignore[import-not-found]
from gi.repository import Atspi, GLib  # type: ignore[import-not-found]
from xserver import start_xvfb

WAIT = 180.0  # seconds for anything to appear: a busy machine is slow, never wrong

# The AT-SPI role a kind of Qt control must have (by its first Qt class, see app_under_test.py).
ROLES: list[tuple[str, set[str]]] = [
    ("QComboBox", {"combo box"}),
    ("QCheckBox", {"check box"}),
    ("QRadioButton", {"radio button"}),
    ("QPushButton", {"push button", "toggle button"}),
    ("QToolButton", {"push button", "toggle button", "check box"}),
    ("QAbstractSpinBox", {"spin button"}),
    ("QLineEdit", {"text", "password text", "entry"}),
    ("QTextEdit", {"text", "document text", "document frame", "label"}),  # a read-only browser: label
    ("QPlainTextEdit", {"text"}),
    ("QTreeView", {"tree", "tree table"}),
    ("QTableView", {"table"}),
    ("QListView", {"list", "table"}),
    ("QTabBar", {"page tab list"}),
    ("QLabel", {"label"}),
    ("QScrollArea", {"scroll pane", "filler"}),  # Qt says filler for a scroll area (the PDF preview)
]
ITEM_ROLES = {"table cell", "list item", "tree item", "page tab", "table row header",
              "table column header", "column header", "row header", "menu item", "check menu item"}


# Shown, not focusable, yet read when a screen reader reviews the window (Orca's flat review, its
# table navigation): each says something, or is not there while it has nothing to say.
SPOKEN = {"scroll bar", "label", "row header", "table row header"}


def _id(obj: Any) -> str:
    try:
        return str(obj.get_accessible_id() or "")
    except Exception:
        return ""


class Session:
    """Xvfb, the AT-SPI bus launcher and the window, stopped together."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.folder = Path(config["folder"])
        self.procs: list[subprocess.Popen[bytes]] = []
        self.log = open(self.folder / "session.log", "ab")  # noqa: SIM115 - closed in stop()
        self.display = ""
        self.app_proc: subprocess.Popen[bytes] | None = None
        self.last_focus: Any = None  # what the window last said got the focus (as Orca hears it)
        self.announcements: list[str] = []

    # ------------------------------------------------------------------ processes
    def start(self) -> None:
        self.procs.append(subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                           stdout=self.log, stderr=self.log))
        size = self.config.get("screen", "1366x768")
        server, self.display = start_xvfb(size, self.log)
        self.procs.append(server)
        os.environ["DISPLAY"] = self.display

    def listen(self) -> None:
        """Hear the window's focus changes and announcements, as a screen reader does."""
        def on_focus(event: Any) -> None:
            if event.detail1 == 1:
                self.last_focus = event.source

        def on_announcement(event: Any) -> None:
            self.announcements.append(str(event.any_data))

        pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
        pyatspi.Registry.registerEventListener(on_announcement, "object:announcement")

    def pump(self) -> None:
        context = GLib.MainContext.default()
        while context.pending():
            context.iteration(False)

    def launch(self, *args: str) -> None:
        env = dict(os.environ)
        env.update(self.config.get("env", {}))
        env.update({"DISPLAY": self.display, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_QPA_PLATFORM": "xcb",
                    "QT_ACCESSIBILITY": "1"})
        cmd = [self.config["python"], self.config["app"], str(self.folder), *args]
        self.app_proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=self.log)
        self.procs.append(self.app_proc)

    def screenshot(self, name: str) -> None:
        """The screen as it is (for a failure's report), when ImageMagick is there."""
        if self.display and shutil.which("import"):
            subprocess.run(["import", "-display", self.display, "-window", "root", str(self.folder / f"{name}.png")],
                           capture_output=True, timeout=60)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self.log.close()

    # ------------------------------------------------------------------ waiting
    def wait(self, test: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
        end = time.monotonic() + timeout
        while True:
            self.pump()
            try:
                found = test()
            except Exception:  # an object that went away while being read: read again
                found = None
            if found:
                return found
            if self.app_proc is not None and self.app_proc.poll() is not None:
                raise RuntimeError(f"the window ended (exit {self.app_proc.returncode}) while waiting for {what}")
            if time.monotonic() > end:
                raise TimeoutError(f"waited {timeout:.0f} s for {what}")
            time.sleep(0.2)

    # ------------------------------------------------------------------ the bus
    def application(self) -> Any:
        def find() -> Any:
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                app = desktop.getChildAtIndex(i)
                if app is not None and app.name == "Kodaira Desk":
                    return app
            return None
        return self.wait(find, "「Kodaira Desk」 on the accessibility bus")

    def windows(self) -> list[Any]:
        app = self.application()
        out = []
        for i in range(app.childCount):
            w = app.getChildAtIndex(i)
            if w is not None and w.getState().contains(pyatspi.STATE_SHOWING):
                out.append(w)
        return out

    def window(self, title_part: str, timeout: float = WAIT, *, exact: bool = False) -> Any:
        def match(name: str) -> bool:
            return name == title_part if exact else title_part in name
        return self.wait(lambda: next((w for w in self.windows() if match(w.name or "")), None),
                         f"a window titled …{title_part}…", timeout)

    def gone(self, title_part: str) -> None:
        self.wait(lambda: not any(title_part in (w.name or "") for w in self.windows()),
                  f"the window …{title_part}… to close")

    def focused(self) -> Any:
        """The control that last said it got the keyboard (the focus event a screen reader speaks)."""
        time.sleep(0.3)
        self.pump()
        return self.wait(lambda: self.last_focus, "a focused control")

    def focus_on(self, test: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        """Wait until the focused control matches `test` (on its description); that description."""
        def check() -> dict[str, Any] | None:
            if self.last_focus is None:
                return None
            info = describe(self.last_focus)
            return info if test(info) else None
        return self.wait(check, what)

    # ------------------------------------------------------------------ the keyboard
    def raise_window(self, title_part: str) -> None:
        """Give the X keyboard focus to the window (there is no window manager to do it), until the
        bus says that window is the active one."""
        def active() -> bool:
            out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title_part],
                                 capture_output=True, text=True)
            for wid in reversed(out.stdout.split()):
                subprocess.run(["xdotool", "windowfocus", "--sync", wid], capture_output=True, timeout=30)
                time.sleep(0.2)
                self.pump()
                window = next((w for w in self.windows() if title_part in (w.name or "")), None)
                if window is not None and window.getState().contains(pyatspi.STATE_ACTIVE):
                    return True
            return False
        self.wait(active, f"the window …{title_part}… to have the keyboard")

    def key(self, *keys: str) -> None:
        for k in keys:
            subprocess.run(["xdotool", "key", "--clearmodifiers", k], check=True)
            time.sleep(0.15)

    def press(self, key: str, timeout: float = 60.0) -> Any:
        """Press `key` and wait until the focus has moved (it should), then the focused control."""
        before = self.last_focus
        self.key(key)
        with contextlib.suppress(TimeoutError):  # it stayed: the caller looks at where it is
            self.wait(lambda: self.last_focus is not None and self.last_focus is not before,
                      f"the focus to move on {key}", timeout)
        return self.last_focus

    def menu(self, window_title: str, menu_key: str, item_key: str) -> None:
        """Alt+letter opens a menu of the menu bar; its item's letter is pressed once the menu is
        shown on the bus (a letter typed before that would go to the form)."""
        window = self.window(window_title)
        for _ in range(5):
            self.key(menu_key)
            try:
                self.wait(lambda: open_menu(window), f"the menu of {menu_key}", 20)
            except TimeoutError:  # the key went elsewhere: the window takes the keyboard again
                self.key("Escape")
                self.raise_window(window_title)
                continue
            self.key(item_key)
            return
        raise TimeoutError(f"the menu of {menu_key} never opened")

    def type(self, text: str) -> None:
        subprocess.run(["xdotool", "type", "--delay", "90", text], check=True)
        time.sleep(0.2)

    # ------------------------------------------------------------------ manifest
    def manifest(self) -> dict[str, list[list[str]]]:
        request, answer = self.folder / "manifest.request", self.folder / "manifest.json"
        if answer.exists():
            answer.unlink()
        request.write_text("?")
        self.wait(answer.exists, "the window's manifest of classes")
        return json.loads(answer.read_text(encoding="utf-8"))


def _deepest_focused(obj: Any) -> Any:
    """The focused control: the last focused object met going down the tree. A tab bar's current
    tab says "focused" too (Qt does), so it counts only when nothing else is."""
    found = tab = None
    stack = [obj]
    seen = 0
    while stack and seen < 5000:
        o = stack.pop()
        seen += 1
        try:
            state = o.getState()
            role = o.getRoleName()
        except Exception:
            continue
        if not state.contains(pyatspi.STATE_SHOWING):
            continue
        if state.contains(pyatspi.STATE_FOCUSED) and role not in ("frame", "dialog", "window", "alert"):
            if role == "page tab":
                tab = o
            else:
                found = o
        if role in ("table", "tree table", "tree", "list") and not state.contains(pyatspi.STATE_FOCUSED):
            continue  # not into a view that does not have the focus
        if role in ITEM_ROLES:
            continue
        for i in range(o.childCount - 1, -1, -1):
            c = o.getChildAtIndex(i)
            if c is not None:
                stack.append(c)
    return found if found is not None else tab


def find(root: Any, test: Callable[[Any], bool], limit: int = 4000) -> Any:
    """The first showing object under `root` that `test` accepts (not into item views)."""
    stack = [root]
    while stack and limit:
        limit -= 1
        o = stack.pop()
        try:
            if not o.getState().contains(pyatspi.STATE_SHOWING):
                continue
            if test(o):
                return o
            if o.getRoleName() in ITEM_ROLES or o.getRoleName() in ("table", "tree table", "tree", "list"):
                continue
            stack.extend(o.getChildAtIndex(i) for i in range(o.childCount - 1, -1, -1))
        except Exception:
            continue
    return None


def open_menu(window: Any) -> Any:
    """The menu bar's menu that is open now, if one is."""
    bar = next((window.getChildAtIndex(i) for i in range(window.childCount)
                if window.getChildAtIndex(i) is not None and window.getChildAtIndex(i).getRoleName() == "menu bar"), None)
    if bar is None:
        return None
    for i in range(bar.childCount):
        item = bar.getChildAtIndex(i)
        for j in range(item.childCount if item is not None else 0):
            popup = item.getChildAtIndex(j)
            if popup is not None and popup.getState().contains(pyatspi.STATE_SHOWING):
                return popup
    return None


def focused_cell(table: Any) -> Any:
    """The table's current cell (the one that says it is focused)."""
    for i in range(min(table.childCount, 2000)):
        c = table.getChildAtIndex(i)
        try:
            if c is not None and c.getRoleName() == "table cell" and c.getState().contains(pyatspi.STATE_FOCUSED):
                return c
        except Exception:
            continue
    return None


def headers(cell: Any) -> dict[str, list[str]]:
    """A table cell's row and column headers, as a screen reader announces them with it."""
    try:
        rows = [h.get_name() for h in Atspi.TableCell.get_row_header_cells(cell)]
        columns = [h.get_name() for h in Atspi.TableCell.get_column_header_cells(cell)]
    except Exception:  # no TableCell interface
        return {"row": [], "column": []}
    return {"row": rows, "column": columns}


def item_title(window: Any) -> str:
    """The title of the item the form shows (the first label of the node header)."""
    label = find(window, lambda o: o.getRoleName() == "label" and "nodeHeader" in (o.get_accessible_id() or ""))
    return (label.name or "") if label is not None else ""


def describe(obj: Any) -> dict[str, Any]:
    """What a screen reader can read of one object."""
    out: dict[str, Any] = {"role": obj.getRoleName(), "name": obj.name or "", "description": obj.description or ""}
    try:
        out["id"] = obj.get_accessible_id() or ""
    except Exception:
        out["id"] = ""
    try:
        value = obj.queryValue()
        out["value"] = value.currentValue
    except NotImplementedError:
        pass
    except Exception:
        pass
    try:
        text = obj.queryText()
        out["text"] = text.getText(0, text.characterCount)
    except Exception:
        pass
    labels = []
    try:
        for rel in obj.getRelationSet():
            if rel.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                for i in range(rel.getNTargets()):
                    labels.append(rel.getTarget(i).name or "")
    except Exception:
        pass
    out["labelled_by"] = labels
    return out


def walk(window: Any, manifest: dict[str, list[list[str]]], cells_per_view: int = 400) -> dict[str, Any]:
    """Every focusable control showing in `window`: what it says, and what is wrong with it."""
    controls: list[dict[str, Any]] = []
    problems: list[str] = []
    stack = [(window, 0)]
    while stack:
        obj, cells = stack.pop()
        try:
            state = obj.getState()
            role = obj.getRoleName()
        except Exception:
            continue
        if not state.contains(pyatspi.STATE_SHOWING):
            continue
        item = role in ITEM_ROLES
        if state.contains(pyatspi.STATE_FOCUSABLE) and role not in ("frame", "dialog", "window", "menu item"):
            info = describe(obj)
            controls.append(info)
            where = f"{role} {info['id']!r}"
            named = bool(info["name"].strip())
            if role == "combo box":  # read as its value; what it is comes from its label or description
                named = named and bool(info["labelled_by"] or info["description"])
            if not named:
                problems.append(f"no name: {where}")
            if not item:
                classes = manifest.get(info["id"], [])
                for qt_class, allowed in ROLES:
                    if classes and all(qt_class in ancestry for ancestry in classes):
                        if role not in allowed:
                            problems.append(f"role {role!r} for a {qt_class}: {where}")
                        break
        if role in SPOKEN and not state.contains(pyatspi.STATE_FOCUSABLE) and not (obj.name or "").strip():
            problems.append(f"no name: {role} {_id(obj)!r} (read by a screen reader's review keys)")
        if item:
            continue  # a cell's children are its own parts
        children = range(obj.childCount)
        if role in ("table", "tree table", "tree", "list"):
            children = range(min(obj.childCount, cells_per_view))
        for i in reversed(children):
            child = obj.getChildAtIndex(i)
            if child is not None:
                stack.append((child, cells + 1))
    return {"title": window.name, "role": window.getRoleName(), "controls": controls, "problems": problems}
