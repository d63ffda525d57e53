"""Starting the window: application object, fonts, language, database, main window."""

from __future__ import annotations

import _thread
import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from kodaira_desk.paths import resources_dir
from kodaira_desk.ui import screen_fit, start_costs
from kodaira_desk.ui.start_libraries import a_core_free

FONT_FAMILY = "IPAexGothic"
T = TypeVar("T")
if TYPE_CHECKING:
    from kodaira_desk.services.opening import Opening

start_costs.quicker_feature_scan()  # every module the window imports next (issue 27)


def load_fonts() -> str:
    """Register the shipped IPAex fonts so the window looks the same on every machine."""
    family = FONT_FAMILY
    # Only the Gothic face: the window uses no other, and the PDFs' Mincho is registered by
    # reportlab itself (reports/), so reading its 8 MB here only cost start-up time.
    fid = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "ipaexg.ttf"))
    if fid >= 0:
        families = QFontDatabase.applicationFontFamilies(fid)
        if families:
            family = families[0]
    return family


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = _new_application(argv)
    _dress(app, load_fonts())
    return app


def _new_application(argv: list[str] | None) -> QApplication:
    # Qt's raster engine hands each fill of 96 lines or more (a scroll bar's groove, the tab frame)
    # to a pool of threads and waits for them: the hand-off cost the GUI thread more than the fill
    # (issue 27). Read by Qt at its first such fill; a value set by the person is kept.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Kodaira Desk")
    app.setOrganizationName("KodairaCity")
    app.setDesktopFileName("kodaira-desk")  # matches the .desktop entry (icon on Wayland)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "kodaira-desk.svg")))
    return app


def _dress(app: QApplication, family: str) -> None:
    """The system's font size (at least 10 pt), in the shipped Japanese face (issue 28)."""
    from kodaira_desk.ui import focus_ring, theme

    theme.apply_font(app, family)
    focus_ring.install(app)  # a focus mark at 3:1 contrast in every window


def beside(work: Callable[[], T]) -> Callable[[], T | None]:
    """`work` started on a thread of its own while the GUI thread goes on (issue 27). The function
    returned gives what it returned, waiting for it if it is under way; None when it raised, or
    when the thread had not begun it yet (a busy machine): the caller then does the work itself,
    and meets its error where it met it before. (`_thread`: `threading`'s start waits until the
    new thread runs, which a busy machine can make the GUI thread wait for.)"""
    done: list[T] = []
    state = ["waiting"]  # → "begun" by the thread, or "left" to the caller
    turn = _thread.allocate_lock()
    finished = _thread.allocate_lock()
    finished.acquire()

    def run() -> None:
        try:
            with turn:
                if state[0] != "waiting":
                    return
                state[0] = "begun"
            with contextlib.suppress(Exception):  # met again by the caller
                done.append(work())
        finally:
            finished.release()

    _thread.start_new_thread(run, ())

    def wait() -> T | None:
        with turn:
            if state[0] == "waiting":
                state[0] = "left"
                return None
        with finished:
            return done[0] if done else None

    return wait


def _application() -> tuple[QApplication, Callable[[], None]]:
    """The application, and a function that dresses it (font and focus mark) before its first
    window or message: the shipped font is registered meanwhile on a thread of its own (fontconfig's
    database and the font file read: 5–10 ms; QFontDatabase is thread-safe) while the GUI thread
    imports the window's modules."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing, lambda: None
    app = _new_application(None)
    family = beside(load_fonts)
    dressed: list[bool] = []

    def dress() -> None:
        if not dressed:
            dressed.append(True)
            _dress(app, family() or load_fonts())

    return app, dress


def _say_shown(app: QApplication) -> None:
    """benchmarks/bench_window.py: the GUI thread's own CPU until the window was shown (what a
    loaded machine inflates least) and the process's peak memory then (the kernel's high-water
    mark since its exec: the rusage a parent gets counts the parent's own pages copied at the
    fork), then "shown", and quits. The bare window it is compared with says the same."""
    peak = ""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "")
    except OSError:  # not Linux
        pass
    print(f"gui-thread-cpu {time.thread_time():.6f}", f"peak-rss-kib {peak}", "shown", sep="\n", flush=True)
    app.quit()


def _refused(exc: BaseException, dress: Callable[[], None]) -> int:
    """No window: the reason (naming the file) on the command line, in Japanese as the command line
    speaks, and in a message box in the window's language; status 2."""
    from kodaira_desk.services.workspace import message_of as japanese
    from kodaira_desk.ui.domain_words import message_of

    start_costs.finish(keep=False)  # no window: nothing to keep for the next one
    print(japanese(exc), file=sys.stderr, flush=True)
    dress()
    QMessageBox.critical(None, "Kodaira Desk", message_of(exc))
    return 2


def run_app(db_path: Path | str | None, department: str | None = None, *, create: bool = True,
            opening: Opening | None = None) -> int:
    """The window on `db_path` (a database, or a department file: clerk mode; or a master on a
    server, a postgresql:// URL), or the user's data. `opening`: the master on a server, being
    opened elsewhere since before the window's modules were imported (services/opening.py)."""
    app, dress = _application()  # its font registered on a thread meanwhile
    from kodaira_desk.services.workspace import PasswordNeeded, Workspace, WorkspaceError
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings

    settings = Settings()
    translations = Translations(app)
    translations.apply(settings.language)
    try:
        try:
            if opening is not None:
                workspace = opening.take()  # its error, if any, raised here as Workspace.open's
                workspace.actor = settings.user_name
            else:
                workspace = Workspace.open(db_path, create=create or db_path is None, actor=settings.user_name)
        except PasswordNeeded:
            from kodaira_desk.ui.window.server_connect import ask_password

            dress()
            password = ask_password(None, str(db_path))  # before the window exists
            if password is None:
                raise
            workspace = Workspace.open(db_path, create=False, actor=settings.user_name, password=password)
    except WorkspaceError as exc:
        return _refused(exc, dress)
    # the first screen read from the file on a thread of its own (SQLite lets go of the
    # interpreter's lock as it reads) while the GUI thread imports the window's modules, where a
    # core is free for it (issue 27); a read that failed is made again by the window, which meets
    # its error as before
    read = beside(workspace.read_first_screen) if not workspace.on_server and a_core_free() else None
    from kodaira_desk.ui.window.main_window import MainWindow

    dress()
    if read is not None:
        read()
    try:  # read again only when the read beside failed: a damaged file's error met here, no window
        workspace.read_first_screen()
    except WorkspaceError as exc:
        workspace.close()
        return _refused(exc, dress)
    window = MainWindow(workspace, settings, translations, department=department)
    from kodaira_desk.ui.window.recovery import install_signals

    install_signals(app)  # SIGTERM, SIGHUP, logout: the unsaved edits kept, then quit
    screen_fit.show_main(window)
    start_costs.finish()  # the dataclasses' code kept for the next start-up
    import gc

    # modules, classes and the window live as long as the process: never scan them again. Not
    # collected first: the garbage of this moment (334 objects, 56 KiB, whatever the data: mostly the
    # pure-Python classes the datetime module makes and then replaces with _datetime's, and signal's
    # enums) stays for the session, where a collection of the 49,000-53,000 objects would cost the
    # GUI thread 14-21 ms of start-up (docs/performance.md)
    gc.freeze()
    if os.environ.get("KODAIRA_DESK_BENCH_EXIT"):  # benchmarks/bench_window.py: stop once shown
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: _say_shown(app))
    return app.exec()
