"""What a test leaves on the screen is closed after it (tests/windows_left.py, the `_windows_closed`
fixture): a message box nobody answered, a dialog never closed, another window; a window shown
before the test is left alone, and one that will not close is named (its test fails)."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from tests.windows_left import KEY, WindowsLeft


class _Stubborn(QWidget):
    """A window that refuses to close until told (as one that asks a question first does)."""

    may_close = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.may_close:
            event.accept()
        else:
            event.ignore()


def _shown_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_what_a_test_left_shown_is_closed_and_its_message_boxes_deleted(qtbot) -> None:  # type: ignore[no-untyped-def]
    earlier = QWidget()
    earlier.setWindowTitle("前のテストより前から")
    earlier.show()
    left = WindowsLeft()  # (what the fixture makes as the test begins)
    box = QMessageBox(QMessageBox.Icon.Warning, "できませんでした", "保存できませんでした。")
    box.show()  # shown without waiting for an answer: nobody answers it
    dialog = QDialog()
    dialog.setWindowTitle("回収状況と取り込み")
    answers: list[int] = []
    dialog.finished.connect(answers.append)
    dialog.show()
    other = QWidget()
    other.setWindowTitle("ほかのウィンドウ")
    other.show()
    hidden = QMessageBox(QMessageBox.Icon.Information, "作成しました", "保存しました。")  # made, never shown
    assert box in _shown_boxes()

    assert left.close_left() == []
    assert sorted(left.closed) == sorted(["QMessageBox 「できませんでした」 保存できませんでした。",
                                          "QDialog 「回収状況と取り込み」", "QWidget 「ほかのウィンドウ」"])
    assert _shown_boxes() == []
    assert not shiboken6.isValid(box) and not shiboken6.isValid(hidden)  # deleted
    assert answers == [QDialog.DialogCode.Rejected.value]  # as Esc closes it
    assert not other.isVisible()
    assert earlier.isVisible()  # (not this test's)
    earlier.close()


def test_a_window_that_will_not_close_is_named(qtbot, request: pytest.FixtureRequest) -> None:  # type: ignore[no-untyped-def]
    left = WindowsLeft()
    stubborn = _Stubborn()
    stubborn.setWindowTitle("未保存の変更")
    stubborn.show()
    assert left.close_left() == ["_Stubborn 「未保存の変更」"]  # (the fixture fails its test with it)
    assert stubborn.isVisible()  # never merely hidden
    stubborn.may_close = True
    stubborn.close()
    assert request.node.stash[KEY].close_left() == []  # the fixture's own, after this test: nothing left
