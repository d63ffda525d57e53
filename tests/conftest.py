"""Shared fixtures: offscreen Qt, settings in tmp_path, a fresh database file per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Hypothesis on a loaded CI machine (two cores, pytest-xdist's workers side by side): a test's
# examples are judged by what they find, never by how long one takes, so no per-example deadline
# and no "too slow" health check (which failed test_collect_cache under load). Each test keeps its
# own max_examples.
from hypothesis import HealthCheck, settings

settings.register_profile("kodaira_desk", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("kodaira_desk")

# --------------------------------------------------------------------------- parallel runs (xdist)
# `make unit` runs the tests in worker processes (pytest-xdist, `-n auto --dist loadfile`: a file's
# tests on one worker, so a module-scoped fixture, a PDF or a bundle, is made once). Each worker has
# its own session fixtures (the built database, a PostgreSQL cluster of its own on a Unix socket in
# its own folder) and its own tmp_path; nothing a test writes is shared.
MAX_WORKERS = 8  # each worker holds a Qt application and, when needed, a cluster: ~1 GB at most


@pytest.hookimpl(optionalhook=True)  # a hook of xdist's: no error where xdist is not installed
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: one worker per core this process may run on, at most MAX_WORKERS
    (PYTEST_XDIST_AUTO_NUM_WORKERS says otherwise)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    return max(1, min(len(os.sched_getaffinity(0)), MAX_WORKERS))


@pytest.fixture(scope="session")
def built_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in database, built once from db/city for the whole run."""
    from kodaira_desk.services.database import build_database

    path = tmp_path_factory.mktemp("template") / "city.sqlite"
    build_database(path)
    return path


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the built-in database for one test."""
    path = tmp_path / "kodaira.sqlite"
    shutil.copyfile(built_db_template, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    from kodaira_desk.services.database import open_database

    database = open_database(db_path, create=False)
    yield database
    database.dispose()


# --------------------------------------------------------------------------- PostgreSQL (issue 16)
@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A throwaway PostgreSQL cluster for the whole run (tests/pg_cluster.py). A server that does
    not start fails the tests that need it: they are never skipped."""
    from pg_cluster import Cluster, ClusterError

    cluster = Cluster()
    try:
        cluster.start()
    except ClusterError as exc:
        cluster.stop()
        pytest.fail(f"the test PostgreSQL server did not start: {exc}", pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: object, built_db_template: Path) -> str:
    """The built-in database moved onto the server once (kodaira-desk copy), cloned per test."""
    from kodaira_desk.services.database import copy_database

    url: str = pg_server.create_database("template")  # type: ignore[attr-defined]
    copy_database(built_db_template, url)
    return url


@pytest.fixture
def pg_master(pg_server: object, pg_template: str) -> str:
    """A private copy of the built-in database on the server for one test (its URL)."""
    url: str = pg_server.create_database("kd", template=pg_template)  # type: ignore[attr-defined]
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def master(request: pytest.FixtureRequest, db_path: Path) -> Path | str:
    """The master for one test, on each backend in turn: a SQLite file, or a server database."""
    if request.param == "sqlite":
        return db_path
    url: str = request.getfixturevalue("pg_master")
    return url


@pytest.fixture
def master_db(master: Path | str) -> Iterator[object]:
    """The `master` opened, on each backend in turn."""
    from kodaira_desk.services.database import open_database

    database = open_database(master, create=False)
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QSettings and the per-user data folder point into tmp_path, never at the real user's."""
    monkeypatch.setenv("KODAIRA_DESK_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture(autouse=True)
def _font_kept(request: pytest.FixtureRequest) -> Iterator[None]:
    """The application's font and the theme's size as they were before the test: a test that
    changes the text size (表示 > 文字の大きさ, theme.apply_font) never lays out the next at it."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("qapp")
    from PySide6.QtWidgets import QApplication

    from kodaira_desk.ui import theme

    app = QApplication.instance()
    font = QApplication.font() if app is not None else None
    kept = (theme._theme.font_scale, theme._theme.system_point_size)
    yield
    theme._theme.font_scale, theme._theme.system_point_size = kept
    if font is not None and QApplication.instance() is app and QApplication.font() != font:
        QApplication.setFont(font)  # (only if changed: it goes to every widget there is)



@pytest.fixture(autouse=True)
def _modal_watchdog(request: pytest.FixtureRequest) -> Iterator[None]:
    """A modal window nobody answers is closed after a while and fails its test (tests/modal_watchdog.py).
    Every window a test left shown (a message box nobody answered, a dialog it never closed) is
    closed after it, and every message box it made deleted (tests/windows_left.py): the next test on
    this worker never finds them (one read another test's box as its own). This runs after the test's
    own fixtures have closed their windows; a window that will not close fails the test."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("qapp")
    from tests.modal_watchdog import KEY, ModalWatchdog
    from tests.windows_left import KEY as LEFT
    from tests.windows_left import WindowsLeft

    dog = request.node.stash[KEY] = ModalWatchdog()
    left = request.node.stash[LEFT] = WindowsLeft()
    yield
    still = left.close_left()  # (watched: a window that asks as it closes is answered, and named)
    closed = dog.stop()
    if closed:
        pytest.fail("a modal window waited with nobody to answer it, closed: " + " / ".join(closed))
    if still:
        pytest.fail("a window the test left would not close: " + " / ".join(still), pytrace=False)
