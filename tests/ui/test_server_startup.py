"""The window started on a master on a PostgreSQL server (issue 27): the master is opened, and
the first screen read, on a thread of its own while the window's modules import
(services/opening.py). Its errors reach the person as before; the window shows the plans, and
what is typed and saved at once is on the server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from roundkit import actual
from silent_server import SilentServer, no_longer_than
from test_clerk import save
from test_server_window import _farm_cell, _type
from test_startup_imports import _started_modules

from kodaira_desk import cli
from kodaira_desk.services import opening
from kodaira_desk.services.workspace import Workspace, WorkspaceError
from kodaira_desk.store import server
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.window import server_connect
from kodaira_desk.ui.window.main_window import Answer, MainWindow

PLANS = ("小平市まち・ひと・しごと創生総合戦略", "中期的な施策の取組方針・実行プログラム", "小平市行財政再構築プラン")


@pytest.fixture(params=["process", "thread"])
def started(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
            tmp_path: Path) -> tuple[list[MainWindow], list[str], list[str]]:
    """cli.main as `kodaira-desk --db URL` runs it, with the event loop left to the test: the
    windows shown, the messages shown instead of a window, the URLs whose opening was taken from
    the other process (Linux) or the thread (where no process can be forked)."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    Settings().user_name = "政策課 山田"  # who saves (else the first save asks)
    shown: list[MainWindow] = []
    messages: list[str] = []
    taken: list[str] = []
    route = opening.OpeningElsewhere if request.param == "process" else opening.OpeningOnThread
    monkeypatch.setattr(opening, "FORK", request.param == "process")
    take = route.take

    def taking(self: opening.Opening) -> Workspace:
        taken.append(self.url)
        return take(self)  # type: ignore[arg-type]

    monkeypatch.setattr(route, "take", taking)
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)  # the test drives the event loop itself
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(server_connect, "ask_password", lambda _parent, location: messages.append(f"asked {location}"))
    return shown, messages, taken


def _message_opening_itself(url: str) -> str:
    """The message the window gave when it opened the master on its own thread."""
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(url, create=False)
    return str(caught.value.message)


def test_a_server_that_is_down_at_start_up_says_so_naming_it(  # type: ignore[no-untyped-def]
        qtbot, started, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown, messages, taken = started
    url = f"postgresql://postgres@/kd?host={tmp_path / 'no-server-here'}"
    assert cli.main(["--db", url]) == 2
    assert taken == [url] and not shown
    assert messages == [f"{server.public_url(url)}: データベースサーバーに接続できませんでした。"
                        "サーバー名・ポート・ネットワークを確認してください。"]
    assert messages == [_message_opening_itself(url)]
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("mode", ["silent", "after_login"])
def test_a_server_that_lets_the_start_up_in_and_never_answers_is_named_after_the_time_out(  # type: ignore[no-untyped-def]
        qtbot, started, mode: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A server that accepts and then says nothing (tests/silent_server.py): the start gives up
    after the time-out (lowered here to 2 s) with a message naming the server, never its password,
    and no window; it does not wait without end (a bound far above the time-out)."""
    shown, messages, taken = started
    monkeypatch.setattr(server, "CONNECT_TIMEOUT_S", 2)
    monkeypatch.setattr(server, "ANSWER_TIMEOUT_S", 2.0)
    pids: list[int] = []
    start = opening.opening

    def noted(url: str) -> opening.Opening:
        begun = start(url)
        if isinstance(begun, opening.OpeningElsewhere):
            pids.append(begun._pid)  # ended by the bound if the start still waits
        return begun

    monkeypatch.setattr(opening, "opening", noted)
    fake = SilentServer(mode)
    try:
        with no_longer_than(30.0, pids):
            assert cli.main(["--db", fake.url()]) == 2
    finally:
        fake.close()
    assert taken == [fake.url()] and not shown
    public = server.public_url(fake.url())
    assert public == f"postgresql://clerk@127.0.0.1:{fake.port}/kd_master"
    if mode == "silent":  # not even connected: libpq's connect_timeout
        assert messages == [f"{public}: データベースサーバーに接続できませんでした。"
                            "サーバー名・ポート・ネットワークを確認してください。"]
    else:
        assert fake.logins >= 1
        assert messages == [f"{public}: データベースサーバーに接続しましたが、2 秒待っても応答がありませんでした。"
                            "サーバーが動いているか、ネットワークを確認してから、もう一度開いてください。"]
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("wrong", ["user", "database"])
def test_wrong_credentials_or_database_at_start_up_give_the_same_message(  # type: ignore[no-untyped-def]
        qtbot, started, pg_server, wrong: str, capsys: pytest.CaptureFixture[str]) -> None:
    shown, messages, taken = started
    url = pg_server.url("kd_nowhere")
    if wrong == "user":
        url = url.replace(f"//{pg_server.user}@", "//nobody_at_the_city@")
    assert cli.main(["--db", url]) == 2
    assert taken == [url] and not shown
    assert len(messages) == 1 and messages[0].startswith(server.public_url(url) + ": ")
    assert messages == [_message_opening_itself(url)]
    assert "Traceback" not in capsys.readouterr().err


def test_a_password_asked_at_start_up_is_asked_before_any_window(  # type: ignore[no-untyped-def]
        qtbot, started, pg_server, monkeypatch: pytest.MonkeyPatch) -> None:
    shown, messages, taken = started
    url = pg_server.url("kd_nowhere").replace(f"//{pg_server.user}@", "//nobody_at_the_city@")
    monkeypatch.setattr(server, "password_needed", lambda _exc: True)  # as a server asking for one
    asked: list[str] = []
    monkeypatch.setattr(server_connect, "ask_password", lambda _parent, location: asked.append(location))
    assert cli.main(["--db", url]) == 2
    assert taken == [url] and asked == [url] and not shown
    assert messages == [f"{server.public_url(url)}: パスワードが違うか、入力されていません。"]


def test_the_first_screen_shows_the_plans_and_what_is_typed_at_once_is_saved_on_the_server(  # type: ignore[no-untyped-def]
        qtbot, started, pg_master: str, monkeypatch: pytest.MonkeyPatch) -> None:
    shown, messages, taken = started
    assert cli.main(["--db", pg_master]) == 0
    assert taken == [pg_master] and not messages and len(shown) == 1
    w = shown[0]
    monkeypatch.undo()
    w.show()
    try:
        qtbot.waitExposed(w)
        assert w.workspace.on_server and w.workspace.location == server.public_url(pg_master)
        titles = [w.model.index(row, 0).data() for row in range(w.model.rowCount())]
        assert set(PLANS) <= {str(t) for t in titles}, titles
        cell = _farm_cell(qtbot, w)  # typed and saved as soon as the window is there
        _type(qtbot, w, cell, "365区画")
        save(qtbot, w)
        assert actual(pg_master, "g1.a1.k3") == "365区画"
        assert not w.isWindowModified()
    finally:
        w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
        w.tasks.wait_idle()
        w.close()
        w.db.dispose()


THREAD_PROBE = """
import os, runpy, sys, threading
loaded = []
sys.addaudithook(lambda event, args: loaded.append((threading.current_thread().name, args[0]))
                 if event == "import" else None)
from kodaira_desk.services import opening
opening.FORK = False  # the route where no process can be forked
sys.argv = ["kodaira_desk", "--db", sys.argv[1]]
try:
    runpy.run_module("kodaira_desk", run_name="__main__")
finally:
    print("THREAD", " ".join(sorted({m for t, m in loaded if t == "kodaira-desk-open"})), flush=True)
"""


def test_the_opening_thread_imports_nothing_the_window_imports_as_it_starts(  # type: ignore[no-untyped-def]
        pg_master: str, db_path: Path, tmp_path: Path) -> None:
    """Two threads importing at once wait on each other only for a module both import: the thread
    imports psycopg and what it needs, the window none of it (no lock shared, no deadlock)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KODAIRA_DESK_BENCH_EXIT="1",
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", THREAD_PROBE, pg_master], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert "shown" in lines, done.stderr
    (line,) = [one for one in lines if one.startswith("THREAD")]
    on_thread = set(line.split()[1:])
    assert "psycopg" in on_thread  # the probe saw the thread's imports
    window = _started_modules(db_path, tmp_path)  # everything the window imports as it starts
    assert sorted(on_thread & window) == []


PROCESS_PROBE = """
import os, runpy, sys, threading
loaded = []
sys.addaudithook(lambda event, args: loaded.append((threading.current_thread().name, args[0]))
                 if event == "import" and os.getpid() == here else None)
here = os.getpid()
from kodaira_desk.ui import app
say = app._say_shown
def said(qapp):
    print("SHOWN", " ".join(m for _t, m in loaded), flush=True)
    (window,) = [w for w in qapp.topLevelWidgets() if hasattr(w, "tasks")]
    from PySide6.QtCore import QEventLoop, QTimer
    from kodaira_desk.ui.window.server_connect import WARM_UP_MS
    loop = QEventLoop()
    QTimer.singleShot(WARM_UP_MS + 200, loop.quit)
    loop.exec()
    window.tasks.wait_idle()  # the warm-up, queued once the window was shown
    print("GUI", " ".join(m for t, m in loaded if t == "MainThread"), flush=True)
    print("OTHER", " ".join(m for t, m in loaded if t != "MainThread"), flush=True)
    say(qapp)
app._say_shown = said
sys.argv = ["kodaira_desk", "--db", sys.argv[1]]
runpy.run_module("kodaira_desk", run_name="__main__")
"""


def test_the_window_on_a_server_master_imports_the_driver_on_its_runner_once_shown(  # type: ignore[no-untyped-def]
        pg_master: str, tmp_path: Path) -> None:
    """On Linux the other process imports psycopg and reads the first screen: the window's own
    process imports the driver on its runner once its modules are imported and the window is
    built (Workspace.warm_up), never on the GUI thread."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KODAIRA_DESK_BENCH_EXIT="1",
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", PROCESS_PROBE, pg_master], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert "shown" in lines, done.stderr
    seen = {line.split()[0]: line.split()[1:] for line in lines if line.split()[:1] in (["SHOWN"], ["GUI"], ["OTHER"])}
    assert "kodaira_desk.ui.window.main_window" in seen["GUI"]  # the probe saw the window's imports
    driver = ("psycopg", "psycopg_binary", "asyncio", "ssl")
    assert [m for m in seen["GUI"] if m.split(".")[0] in driver] == []
    assert "psycopg" in seen["OTHER"]  # the warm-up, on the runner
    when = seen["SHOWN"]
    assert "psycopg" not in when or when.index("psycopg") > when.index("kodaira_desk.ui.window.main_window")


def test_the_activation_as_the_window_is_first_shown_makes_no_look_a_later_one_does(  # type: ignore[no-untyped-def]
        qtbot, pg_master: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The mark read with the first screen is a moment old: a look then would only import the
    driver as the window shows (server_connect.WARM_UP_MS); an activation after it looks."""
    from PySide6.QtCore import QEvent

    from kodaira_desk.services.database import open_database
    from kodaira_desk.ui.i18n import Translations

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    w = MainWindow(open_database(pg_master, create=False), Settings(), Translations(QApplication.instance()))
    qtbot.addWidget(w)
    looks: list[str] = []
    monkeypatch.setattr(w.others, "check", lambda: looks.append("look"))
    monkeypatch.setattr(w, "isActiveWindow", lambda: True)
    try:
        w.others.window_event(QEvent(QEvent.Type.ActivationChange))
        assert looks == []
        w.others.started -= server_connect.WARM_UP_MS / 1000  # as WARM_UP_MS later
        w.others.window_event(QEvent(QEvent.Type.ActivationChange))
        assert looks == ["look"]
    finally:
        w.stop_watching()
        w.close()
        w.db.dispose()
