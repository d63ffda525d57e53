"""Fixtures for window tests: settings in tmp_path, compiled translations, an open window."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kodaira_desk.paths import resources_dir


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """`make test` builds the .qm files; running pytest alone builds them here if missing."""
    for ts in sorted((resources_dir() / "translations").glob("*.ts")):  # ours, and Qt's missing Japanese
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            lrelease = Path(sys.executable).with_name("pyside6-lrelease")
            # written aside and moved in: another worker (xdist) may be reading it meanwhile
            aside = qm.with_name(f"{qm.name}.{os.getpid()}.tmp")
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(aside)], check=True)
            os.replace(aside, qm)


@pytest.fixture
def english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The application's texts in English for the test (no window), Japanese again after it."""
    from kodaira_desk.ui.i18n import Translations

    translations = Translations(qapp)
    translations.apply("en")
    try:
        yield
    finally:
        translations.apply("ja")


@pytest.fixture
def app_font(qapp) -> None:  # type: ignore[no-untyped-def]
    """The application's font as the window's start-up sets it (the shipped IPAex Gothic at the
    system's size, at least 10 pt): a test's application is pytest-qt's, in the platform's 9 pt
    Sans. Ask for it before `window` (tests/conftest.py puts the font back after the test)."""
    from kodaira_desk.ui import theme
    from kodaira_desk.ui.app import load_fonts

    theme.apply_font(qapp, load_fonts())


@pytest.fixture
def window(qtbot, db_path: Path, tmp_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale, QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))

    from kodaira_desk.services.database import open_database
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import Answer, MainWindow

    app = make_application()
    # one Translations for every window of the run, switched back to Japanese only when a test
    # changed it: each switch sends a language change to every widget there is, and a closed window
    # is not freed (its signals' lambdas hold it): a fresh set of translators per test retranslated
    # every window of the tests before, twice a test (a worker's later tests took twice the CPU)
    translations = getattr(app, "_test_translations", None)
    if translations is None:
        translations = app._test_translations = Translations(app)  # type: ignore[attr-defined]
        translations.apply("ja")
    elif translations.language != "ja":
        translations.apply("ja")
    QLocale.setDefault(QLocale(QLocale.Language.Japanese))  # (a test's own Translations may have left English)
    db = open_database(db_path, create=False)
    settings = Settings()
    settings.user_name = "政策課 試験"  # asked once in real use; the audit rows carry it
    w = MainWindow(db, settings, translations)
    w.resize(1366, 768)
    # not qtbot.addWidget: its teardown would close the window before the question is answered
    w.show()
    qtbot.waitExposed(w)
    yield w
    # never leave a question box open at teardown
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    w.tasks.wait_idle()
    w.close()
    if translations.language != "ja":
        translations.apply("ja")
    w.db.dispose()
