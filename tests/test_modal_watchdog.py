"""The suite's watchdog closes a modal window nobody answers and says which (tests/modal_watchdog.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.modal_watchdog import KEY, ModalWatchdog


def test_a_question_nobody_answers_is_closed_and_named(qtbot, request: pytest.FixtureRequest,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ModalWatchdog, "LIMIT_S", 0.6)
    dog = request.node.stash[KEY]
    box = QMessageBox(QMessageBox.Icon.Question, "保存されていない入力", "復元しますか？")
    box.exec()  # nobody answers: without the watchdog, this waits for ever
    assert dog.closed == ["QMessageBox 「保存されていない入力」 復元しますか？"]
    dog.closed.clear()  # (this test's own modal: not a failure of it)


def test_an_answered_question_is_left_alone(qtbot, request: pytest.FixtureRequest) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    box = QMessageBox(QMessageBox.Icon.Question, "確認", "よろしいですか？")
    QTimer.singleShot(200, box.accept)
    box.exec()
    assert request.node.stash[KEY].closed == []
