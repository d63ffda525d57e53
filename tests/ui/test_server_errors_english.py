"""A server master that cannot be opened is said in the window's language (store/server.py's
messages are templates looked up in DomainMessages): in an English window, File > Connect to a
server database… naming a server nobody answers on said it in Japanese only. The command line
still says it in Japanese."""

from __future__ import annotations

import re
import socket

import pytest
from PySide6.QtWidgets import QMessageBox

from kodaira_desk.cli import main
from kodaira_desk.ui.window.main_window import MainWindow

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _closed_port() -> int:
    """A local port nobody listens on (connections to it are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_server_that_cannot_be_reached_is_said_in_english(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    w.translations.apply("en")
    url = f"postgresql://clerk@127.0.0.1:{_closed_port()}/kodaira"
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *_a: said.append((title, text)))
    w.ask_server = lambda: url  # type: ignore[method-assign]  (the dialog, answered)
    title_before = w.windowTitle()
    w.act_connect.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    title, text = said[0]
    assert "could not connect to the database server" in text and "127.0.0.1" in text, text
    assert not JAPANESE.search(text) and not JAPANESE.search(title), (title, text)
    assert w.windowTitle() == title_before  # the window keeps what it had open


def test_the_command_line_says_it_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://clerk@127.0.0.1:{_closed_port()}/kodaira"
    assert main(["--db", url, "plans"]) == 2
    err = capsys.readouterr().err
    assert "データベースサーバーに接続できませんでした" in err and "Traceback" not in err, err
