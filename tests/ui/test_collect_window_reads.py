"""回収状況と取り込み reads its board on the runner (issue 27): the window opens at once with its frame
and 「読み込んでいます…」 (named for a screen reader), and fills when the answer comes; choosing another
year before the answer shows that year's board, not the older answer; closing before the answer
leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from kodaira_desk.cli import main
from kodaira_desk.ui.window.main_window import MainWindow


def _hand_out(db_path: Path, out: Path) -> None:
    """R1 to two departments, R2 to three: the two years' boards differ."""
    for year, departments in (("R1", ["産業振興課", "子育て支援課"]), ("R2", ["産業振興課", "子育て支援課", "都市計画課"])):
        args = ["--db", str(db_path), "handout", "--year", year, "--out", str(out / year)]
        for d in departments:
            args += ["--department", d]
        assert main(args) == 0


def _shown(collect: object) -> list[str]:
    return [st.department for st in collect.model.rows]  # type: ignore[attr-defined]


def test_the_window_opens_before_its_board_is_read_then_fills(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _hand_out(db_path, tmp_path)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None and collect.isVisible()
    # shown at once: the frame, and what it is doing, for the eye and for a screen reader
    assert collect.loading_board and collect.loading.text() == "読み込んでいます…"
    assert collect.loading.accessibleName() == "回収状況を読み込んでいます…"
    assert _shown(collect) == [] and collect.summary.text() == ""
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    assert collect.loading.isHidden()
    assert sorted(_shown(collect)) == sorted(["産業振興課", "子育て支援課", "都市計画課"])
    assert "配布 3 課" in collect.summary.text() and "未返却" in collect.summary.text()


def test_the_board_is_read_once_the_window_has_been_built_and_shown(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    """(issue 27) Started at once, the board's read ran its Python beside the window being built and
    shown, and the GUI thread waited for the interpreter's lock: the read is queued at once (the
    runner is not idle) but begins only once the GUI thread's event loop has turned."""
    import threading
    import time

    from kodaira_desk.services.workspace import Workspace

    _hand_out(db_path, tmp_path)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    threads: list[int] = []
    read = Workspace.round_overview

    def round_overview(self: Workspace, *args: object) -> object:
        threads.append(threading.get_ident())
        return read(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Workspace, "round_overview", round_overview)
    collect = window.show_collect()
    assert collect is not None and not window.tasks.idle
    time.sleep(0.3)  # the GUI thread still in the turn that opened the window: the worker has not begun
    assert not threads and collect.loading_board
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    assert threads and threading.get_ident() not in threads
    assert sorted(_shown(collect)) == sorted(["産業振興課", "子育て支援課", "都市計画課"])


def test_another_year_chosen_before_the_answer_shows_that_year(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _hand_out(db_path, tmp_path)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None and collect.loading_board
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # (the round's years listed with it)
    collect.year.setCurrentIndex(collect.year.findText("令和元年度"))
    assert collect.loading_board
    collect.year.setCurrentIndex(collect.year.findText("令和2年度"))  # before R1's answer came
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # R1's answer is not the end
    assert sorted(_shown(collect)) == sorted(["産業振興課", "子育て支援課", "都市計画課"])
    window.tasks.wait_idle()  # (both reads answered: the older one does not come over the newer)
    assert sorted(_shown(collect)) == sorted(["産業振興課", "子育て支援課", "都市計画課"])
    assert "配布 3 課" in collect.summary.text()
    collect.year.setCurrentIndex(collect.year.findText("令和元年度"))  # and R1: read again
    assert collect.loading_board
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    assert "配布 2 課" in collect.summary.text()


def test_the_round_years_are_read_on_the_runner_with_the_first_board(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Opening reads nothing on the GUI thread (the round's years were read there, a new SQLite
    connection each opening, issue 27): the box lists the round's years when the board comes, and a
    window opened on a year without a round shows the last round's board."""
    import threading

    from kodaira_desk.services.rounds import status

    _hand_out(db_path, tmp_path)
    on_gui: list[bool] = []
    real = status.round_years

    def years(db: object) -> list[int]:
        on_gui.append(threading.current_thread() is threading.main_thread())
        return real(db)  # type: ignore[arg-type]

    monkeypatch.setattr(status, "round_years", years)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和4年度"))  # no round in that year
    assert window.year_combo.currentText() == "令和4年度"
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    assert on_gui and not any(on_gui), on_gui
    assert [collect.year.itemText(i) for i in range(collect.year.count())] == ["令和元年度", "令和2年度"]
    assert collect.year.currentText() == "令和2年度"
    assert sorted(_shown(collect)) == sorted(["産業振興課", "子育て支援課", "都市計画課"])
    collect.year.setCurrentIndex(collect.year.findText("令和元年度"))  # the years listed lead to their boards
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    assert "配布 2 課" in collect.summary.text() and not any(on_gui)


def test_closing_before_the_answer_is_safe_and_the_next_opening_reads_again(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _hand_out(db_path, tmp_path)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    first = window.show_collect()
    assert first is not None and first.loading_board
    first.close()
    window.tasks.wait_idle()  # the answer came for a closed window: dropped
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first)  # freed once closed: nothing left for the answer to reach
    again = window.show_collect()
    assert again is not None
    qtbot.waitUntil(lambda: not again.loading_board, timeout=30000)
    assert "配布 3 課" in again.summary.text()


def test_a_board_that_cannot_be_read_says_so_where_it_was_loading(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.domain.errors import DomainError

    _hand_out(db_path, tmp_path)

    def unreadable(_year: object) -> object:
        raise DomainError("親データベース master.sqlite を読めません。")

    monkeypatch.setattr(window.workspace, "round_overview", unreadable)
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    assert collect.loading.isVisible()
    assert collect.loading.text() == "回収状況を読めません: 親データベース master.sqlite を読めません。"
    monkeypatch.undo()
    collect.refresh()  # read again (another year chosen, a save): the board comes
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    assert collect.loading.isHidden() and "配布 3 課" in collect.summary.text()


def _collect_r2_then_choose_r1(qtbot, window: MainWindow, db_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """R2's board shown; an R2 file taken in, and 令和元年度 chosen before the collection ends."""
    _hand_out(db_path, tmp_path)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    op = collect.add_files(sorted((tmp_path / "R2").glob("*.kdesk"))[:1])
    assert op is not None
    collect.year.setCurrentIndex(collect.year.findText("令和元年度"))  # R1's read: queued behind it
    window.tasks.wait_idle()
    qtbot.wait(100)
    return collect


def test_a_year_chosen_while_a_collection_runs_does_not_put_its_board_under_the_files_year(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The collection shows its files' year (R2) when it ends; R1's read, asked meanwhile, comes
    after it and is older than it: dropped, not shown under 令和2年度 (reviewer's case)."""
    collect = _collect_r2_then_choose_r1(qtbot, window, db_path, tmp_path)
    assert collect.year.currentText() == "令和2年度"
    assert sorted(_shown(collect)) == sorted(["産業振興課", "子育て支援課", "都市計画課"])
    assert "配布 3 課" in collect.summary.text()
    assert not collect.loading_board and collect.loading.isHidden()
    assert collect.round_year.overview is not None and collect.round_year.overview.year.year == 2020
    assert "令和2年度の回収状況を表示しています。" in collect.log.toPlainText()


def test_acknowledging_records_against_the_year_shown_and_waits_for_a_year_being_read(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    collect = _collect_r2_then_choose_r1(qtbot, window, db_path, tmp_path)
    recorded: list[tuple[int, str]] = []
    monkeypatch.setattr(window.workspace, "acknowledge", lambda year, d: recorded.append((year.year, d)))
    rows = _shown(collect)
    collect.table.selectRow(rows.index("都市計画課"))
    assert collect.round_year.accept_selected() is not None  # the rows' year is the year shown
    window.tasks.wait_idle()
    qtbot.wait(50)
    assert recorded == [(2020, "都市計画課")]
    # another year chosen: until its board comes, the rows are R2's, and 了承 waits
    collect.table.selectRow(_shown(collect).index("子育て支援課"))
    collect.year.setCurrentIndex(collect.year.findText("令和元年度"))
    assert collect.loading_board
    assert collect.round_year.accept_selected() is None and not collect.round_year.accept_button.isEnabled()
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    assert sorted(_shown(collect)) == sorted(["産業振興課", "子育て支援課"])
    collect.table.selectRow(_shown(collect).index("子育て支援課"))
    assert collect.round_year.accept_selected() is not None
    window.tasks.wait_idle()
    qtbot.wait(50)
    assert recorded == [(2020, "都市計画課"), (2019, "子育て支援課")]


def test_files_of_two_years_leave_the_year_chosen_meanwhile_and_read_its_board(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """No one year of the files to show: the year chosen while they were taken in stays, and its
    board is read after the collection (not the board of the year shown when it began)."""
    _hand_out(db_path, tmp_path)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    files = sorted((tmp_path / "R1").glob("*.kdesk"))[:1] + sorted((tmp_path / "R2").glob("*.kdesk"))[:1]
    assert collect.add_files(files) is not None
    collect.year.setCurrentIndex(collect.year.findText("令和元年度"))
    window.tasks.wait_idle()
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    window.tasks.wait_idle()
    qtbot.wait(50)
    assert collect.year.currentText() == "令和元年度"
    assert sorted(_shown(collect)) == sorted(["産業振興課", "子育て支援課"]) and "配布 2 課" in collect.summary.text()
    assert collect.round_year.overview is not None and collect.round_year.overview.year.year == 2019
