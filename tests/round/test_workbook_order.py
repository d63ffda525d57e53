"""Returns of one hand-out's workbook are ordered by the workbook's own save (issue 26): a later
save wins whatever the order of collection, an older one is refused as 古い版 naming both saves,
and where the order cannot be known nothing is overwritten: what two returns set differently is
a conflict for a person."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from round_helpers import FARM, PROGRESS_STATUS, R2, export, field_value
from workbook_helpers import INDICATORS, MEASURES, edited_and_saved, hand_out, saved

from kodaira_desk.cli import main
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.conflicts import open_conflicts
from kodaira_desk.services.rounds.status import import_results, round_status

FARM_NAME = "市内体験農園の区画数"
ACTUAL = (INDICATORS, FARM_NAME, "令和2年度 実績")
STATUS = (MEASURES, "農にふれあえる場の提供", "令和2年度 進捗状況")
JST = dt.timezone(dt.timedelta(hours=9))


def _at(minutes: float) -> dt.datetime:
    """A save time `minutes` after now (the hand-outs of these tests are made just before; a save
    within two minutes of its hand-out is the hand-out's own stamp, and an hour ahead a wrong clock)."""
    return (dt.datetime.now(JST) + dt.timedelta(minutes=minutes)).replace(microsecond=0)


MORNING, NOON = 10.0, 20.0  # minutes after the hand-out


def _stamp(book: Path) -> dt.datetime:
    import zipfile

    from kodaira_desk.io.dept_workbook.props import read_stamp

    with zipfile.ZipFile(book) as z:
        at = read_stamp(z).saved_at
    assert at is not None
    return at


def _shown(book: Path) -> str:
    """A workbook's save time as messages and the board show it (this PC's time, to the second)."""
    return _stamp(book).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _collect(db_path: Path, *files: Path):  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    try:
        return collect(db, list(files), actor="政策課 山田").outcomes
    finally:
        db.dispose()


def _conflicts(db_path: Path) -> list[tuple[str, str | None, str | None]]:
    db = open_database(db_path, create=False)
    try:
        return [(c.key, c.master, c.department_value) for c in open_conflicts(db)]
    finally:
        db.dispose()


def _two_saves(db_path: Path, tmp_path: Path, *, first_at: object = MORNING, second_at: object = NOON,
               first_by: str | None = "田中 太郎", second_by: str | None = "田中 太郎") -> tuple[Path, Path]:
    """The issue's mail sequence: a clerk mails a workbook (K5 = 100), corrects it and mails it
    again (K5 = 200, 進捗状況 = 実施中). A time in minutes is after the hand-out."""
    book = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    start = _at(0)  # once: two equal offsets are one and the same second
    first_at = start + dt.timedelta(minutes=first_at) if isinstance(first_at, float) else first_at
    second_at = start + dt.timedelta(minutes=second_at) if isinstance(second_at, float) else second_at
    (tmp_path / "mail1").mkdir()
    (tmp_path / "mail2").mkdir()
    first = edited_and_saved(book, {ACTUAL: 100}, tmp_path / "mail1" / book.name, at=first_at, by=first_by)
    second = edited_and_saved(first, {ACTUAL: 200, STATUS: "実施中"}, tmp_path / "mail2" / book.name,
                              at=second_at, by=second_by)
    return first, second


@pytest.mark.parametrize("order", ["in order", "corrected copy first"])
def test_two_saves_collected_in_either_order_give_the_same_master(db_path: Path, tmp_path: Path, order: str) -> None:
    first, second = _two_saves(db_path, tmp_path)
    if order == "in order":
        outcomes = [*_collect(db_path, first), *_collect(db_path, second)]
        assert [o.code for o in outcomes] == ["merged", "merged"]
    else:
        before = None
        outcomes = _collect(db_path, second)
        assert [o.code for o in outcomes] == ["merged"]
        before = export(db_path)
        (late,) = _collect(db_path, first)
        assert late.code == "stale", late.message
        # both save times named, in this PC's time, with who saved
        assert late.message.startswith(first.name) and "古い版" in late.message
        assert _shown(first) in late.message
        assert _shown(second) in late.message and "田中 太郎" in late.message
        assert export(db_path) == before
    assert field_value(db_path, FARM) == "200区画" and field_value(db_path, PROGRESS_STATUS) == "実施中"
    assert _conflicts(db_path) == []


def test_the_cli_refuses_the_older_save_by_name_without_a_traceback(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    first, second = _two_saves(db_path, tmp_path)
    assert main(["--db", str(db_path), "collect", str(second)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "collect", str(first)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    line = next(ln for ln in out.out.splitlines() if ln.startswith("×"))
    assert line.endswith("[stale]") and first.name in line and "古い版" in line
    # the board says which workbook was taken and when it was saved
    assert f"ブック第1版（{_shown(second)} 田中 太郎 保存）" in out.out


@pytest.mark.parametrize(("why", "first_at", "second_at"), [
    ("no save time", None, None),
    ("the same second", MORNING, MORNING),
    ("before the hand-out", -30 * 24 * 60.0, -20 * 24 * 60.0),
    ("the hand-out's own time", 0.0, 0.5),
    ("a clock in the future", 40 * 24 * 60.0, 41 * 24 * 60.0),
])
@pytest.mark.parametrize("order", ["in order", "corrected copy first"])
def test_without_a_trustworthy_order_two_returns_give_conflicts_not_a_revert(db_path: Path, tmp_path: Path,
                                                                             why: str, first_at: object,
                                                                             second_at: object, order: str) -> None:
    first, second = _two_saves(db_path, tmp_path, first_at=first_at, second_at=second_at)
    a, b = (first, second) if order == "in order" else (second, first)
    (one,) = _collect(db_path, a)
    (two,) = _collect(db_path, b)
    assert one.code == "merged" and two.code == "needs_review", two.message
    assert "保存の順序が分からない" in two.message
    key = "value:strategy-2015:g1.a1.k3:actual:2020:"
    # the master keeps what it took first; the other value waits for a person
    kept, other = ("100区画", "200区画") if order == "in order" else ("200区画", "100区画")
    assert field_value(db_path, FARM) == kept
    assert _conflicts(db_path) == [(key, kept, other)]
    # 進捗状況 was set by one return only: it is in, whichever came first (no revert)
    assert field_value(db_path, PROGRESS_STATUS) == "実施中"


def test_two_peoples_saves_are_not_taken_as_one_workbook_corrected(db_path: Path, tmp_path: Path) -> None:
    """Two clerks each fill a copy of the hand-out: the later save does not revert the earlier
    one's cells that it left as handed out; a cell both typed differently is a conflict."""
    book = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    tanaka = edited_and_saved(book, {ACTUAL: 100}, tmp_path / "a" / book.name, at=_at(MORNING), by="田中 太郎")
    suzuki = edited_and_saved(book, {STATUS: "実施中"}, tmp_path / "b" / book.name, at=_at(NOON), by="鈴木 花子")
    assert [o.code for o in _collect(db_path, tanaka, suzuki)] == ["merged", "merged"]
    assert field_value(db_path, FARM) == "100区画" and field_value(db_path, PROGRESS_STATUS) == "実施中"
    # and in the other order the older one is not refused: it may hold what the other never saw
    (tmp_path / "c").mkdir()
    late = edited_and_saved(book, {ACTUAL: 120}, tmp_path / "c" / book.name, at=_at(15), by="田中 太郎")
    (third,) = _collect(db_path, late)
    assert third.code == "needs_review" and "別の人" in third.message
    assert _conflicts(db_path) == [("value:strategy-2015:g1.a1.k3:actual:2020:", "100区画", "120区画")]


def test_a_later_save_that_clears_a_cell_clears_it(db_path: Path, tmp_path: Path) -> None:
    first, _ = _two_saves(db_path, tmp_path)
    (tmp_path / "mail3").mkdir()
    cleared = edited_and_saved(first, {ACTUAL: None}, tmp_path / "mail3" / first.name, at=_at(30))
    assert [o.code for o in _collect(db_path, first, cleared)] == ["merged", "merged"]
    assert field_value(db_path, FARM) is None


def test_libreoffice_save_counts_that_contradict_the_clock_make_the_order_unknown(db_path: Path,
                                                                                  tmp_path: Path) -> None:
    book = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    first = edited_and_saved(book, {ACTUAL: 100}, tmp_path / "1" / book.name, at=_at(NOON), revision=1)
    second = edited_and_saved(first, {ACTUAL: 200}, tmp_path / "2" / book.name, at=_at(MORNING), revision=2)
    outcomes = _collect(db_path, first, second)
    assert [o.code for o in outcomes] == ["merged", "needs_review"]
    assert "保存回数" in outcomes[1].message and field_value(db_path, FARM) == "100区画"


def test_an_untouched_workbook_after_a_return_is_an_old_copy(db_path: Path, tmp_path: Path) -> None:
    book = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    (tmp_path / "m").mkdir()
    filled = edited_and_saved(book, {ACTUAL: 100}, tmp_path / "m" / book.name, at=_at(NOON))
    assert _collect(db_path, filled)[0].code == "merged"
    before = export(db_path)
    (blank,) = _collect(db_path, book)
    assert blank.code == "stale" and "配布したときのまま" in blank.message
    assert export(db_path) == before and field_value(db_path, FARM) == "100区画"


def test_the_board_and_the_import_list_say_which_save_was_taken(db_path: Path, tmp_path: Path) -> None:
    _, second = _two_saves(db_path, tmp_path)
    _collect(db_path, second)
    db = open_database(db_path, create=False)
    try:
        (state,) = [s for s in round_status(db, R2) if s.department == "産業振興課"]
        (imp,) = import_results(db, R2)
    finally:
        db.dispose()
    assert (state.book_revision, state.book_saved_by, state.book_time_doubtful) == (1, "田中 太郎", False)
    assert state.book_saved_at == _shown(second)
    assert state.taken == f"ブック第1版（{state.book_saved_at} 田中 太郎 保存）"
    assert (imp.saved_by, imp.saved_with) == ("田中 太郎", "Microsoft Excel 16.0300")
    assert imp.saved_at is not None and dt.datetime.fromisoformat(imp.saved_at) == _stamp(second)


def test_a_workbook_collected_before_saves_were_kept_orders_the_next_as_unknown(db_path: Path, tmp_path: Path) -> None:
    """A master upgraded from an earlier version knows the returns it took, not their saves: the
    next return of that hand-out is merged without overwriting."""
    first, second = _two_saves(db_path, tmp_path)
    _collect(db_path, second)
    con = sqlite3.connect(db_path)
    con.execute("UPDATE handouts SET workbook_saved = NULL")
    con.commit()
    con.close()
    (late,) = _collect(db_path, first)
    assert late.code == "needs_review" and field_value(db_path, FARM) == "200区画"


def test_a_save_time_with_a_zone_and_fractions_orders_like_any_other(db_path: Path, tmp_path: Path) -> None:
    first, second = _two_saves(db_path, tmp_path)
    saved(first, at=_at(MORNING).isoformat())  # +09:00
    saved(second, at=_at(NOON).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.123456789Z"))
    outcomes = [*_collect(db_path, second), *_collect(db_path, first)]
    assert [o.code for o in outcomes] == ["merged", "stale"]


def test_the_board_says_when_a_taken_workbook_carried_no_save_time(db_path: Path, tmp_path: Path) -> None:
    _, second = _two_saves(db_path, tmp_path, first_at=None, second_at=None)
    _collect(db_path, second)
    db = open_database(db_path, create=False)
    try:
        (state,) = [s for s in round_status(db, R2) if s.department == "産業振興課"]
    finally:
        db.dispose()
    assert state.book_saved_at is None
    assert state.taken == "ブック第1版（保存日時の記録なし）"
