"""Which year the window, the hand-out and the board open on after the next program was made with
`kodaira-desk plan copy` (令和7年度～, the city in 令和8年度): the year the person left while the city is
still in the fiscal year they left it in; the year the city is in once it has moved on (or where an
earlier version kept the year without saying when). The hand-out proposes the year the window shows
when the person chose it this fiscal year, else the year the city is in; another year that has
passed is handed out only after a question naming both years."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from next_program import this_year
from PySide6.QtCore import QSettings, Qt

from kodaira_desk.cli import main
from kodaira_desk.ui.round.dialogs import HandoutDialog
from kodaira_desk.ui.window.main_window import Answer, MainWindow

R6 = "令和6年度"
R5 = "令和5年度"


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The city's master with the program's next period made as the tester made it, by the CLI."""
    import shutil

    path = tmp_path / "kodaira.sqlite"
    shutil.copyfile(built_db_template, path)
    reiwa = this_year().year - 2018  # 8 in 令和8年度
    assert main(["--db", str(path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                 "--period", f"R{reiwa - 1}-R{reiwa + 3}"]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    folder = tmp_path / "qsettings"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def windows(qtbot, db_path: Path, settings_path: Path) -> Iterator[list[MainWindow]]:  # type: ignore[no-untyped-def]
    made: list[MainWindow] = []
    yield made
    for w in made:
        w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
        w.tasks.wait_idle()
        w.close()
        w.db.dispose()


def _open(qtbot, windows: list[MainWindow], db_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    from kodaira_desk.services.database import open_database
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings

    translations = Translations(make_application())
    translations.apply("ja")
    settings = Settings()
    settings.user_name = "政策課 試験"
    w = MainWindow(open_database(db_path, create=False), settings, translations)
    windows.append(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def _handout(qtbot, w: MainWindow) -> HandoutDialog:  # type: ignore[no-untyped-def]
    """配布 opened: the plans the window has not read yet (the first screen reads three, the plan in
    force among them) are read on the worker first, then it opens (issue 27)."""
    if (dialog := w.show_handout()) is None:
        qtbot.waitUntil(lambda: any(d.isVisible() for d in w.findChildren(HandoutDialog)), timeout=30000)
        dialog = next(d for d in w.findChildren(HandoutDialog) if d.isVisible())
    return dialog


def _kept(year: int, kept_in: int | None) -> None:
    """The settings as an earlier run left them (kept_in None: an earlier version, no stamp)."""
    raw = QSettings("KodairaCity", "KodairaDesk")
    raw.setValue("ui/entry_year", year)
    if kept_in is not None:
        raw.setValue("ui/entry_year_kept_in", kept_in)
    raw.sync()


@pytest.mark.parametrize("kept_in", [2024, None], ids=["kept-in-r6", "kept-by-an-earlier-version"])
def test_the_city_moved_on_the_window_the_board_and_the_hand_out_open_on_its_year(  # type: ignore[no-untyped-def]
        qtbot, windows, db_path: Path, kept_in: int | None) -> None:
    _kept(2024, kept_in)  # 令和6年度, left in 令和6年度 (or by the version before)
    w = _open(qtbot, windows, db_path)
    now = this_year().era_label()
    assert w.year_combo.currentText() == now
    board = w.show_board()
    assert board is not None and board.year.currentText() == now
    board.close()
    handout = _handout(qtbot, w)
    assert handout.year.currentText() == now
    handout.close()


def test_the_year_left_in_this_fiscal_year_stays_and_a_passed_year_is_asked_about(  # type: ignore[no-untyped-def]
        qtbot, windows, db_path: Path, tmp_path: Path) -> None:
    w = _open(qtbot, windows, db_path)
    now = this_year().era_label()
    assert w.year_combo.currentText() == now
    w.year_combo.setFocus()
    while w.year_combo.currentText() != R6:  # the person goes back to 令和6年度 with the arrow key
        qtbot.keyClick(w.year_combo, Qt.Key.Key_Up)
    w.tasks.wait_idle()
    w.close()
    again = _open(qtbot, windows, db_path)
    assert again.year_combo.currentText() == R6  # the year left, in the same fiscal year

    handout = _handout(qtbot, again)
    assert handout.year.currentText() == R6  # the year chosen this fiscal year (review 4)
    qtbot.waitUntil(lambda: not handout.reading, timeout=30000)  # the year read on the runner (issue 27)
    handout.folder.setText(str(tmp_path / "配布"))
    asked: list[tuple[str, str]] = []
    handout.ask = lambda title, text: (asked.append((title, text)), False)[1]  # type: ignore[method-assign]
    qtbot.mouseClick(handout.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(handout.made) or "配布しませんでした" in handout.result_label.text(), timeout=60000)
    assert asked == [] and {f.path.parent for f in handout.made} == {tmp_path / "配布"}  # the year chosen: not asked
    handout.made = []
    handout.folder.setText(str(tmp_path / "配布5"))
    handout.year.setFocus()
    while handout.year.currentText() != R5:  # another year that has passed: asked, naming both years
        qtbot.keyClick(handout.year, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: not handout.reading, timeout=30000)
    qtbot.mouseClick(handout.make_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and R5 in asked[0][1] and now in asked[0][1], asked
    assert "配布しませんでした" in handout.result_label.text()
    assert not (tmp_path / "配布5").exists()
    handout.ask = lambda title, text: (asked.append((title, text)), True)[1]  # type: ignore[method-assign]
    qtbot.mouseClick(handout.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(handout.made), timeout=60000)
    assert {f.path.parent for f in handout.made} == {tmp_path / "配布5"}
    handout.close()
