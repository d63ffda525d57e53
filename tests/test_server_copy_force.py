"""`copy --force` onto a master on a server loses nothing, whatever fails after the master is
replaced (the copy is compared with its source only after its commit): the master is kept first as
a SQLite file, said where before it is replaced, and written back when the copy does not compare
equal or cannot be compared; when that fails too, or the process is stopped, the message (or the
line said before) names the file and the command that puts it back. A failed read of whether the
server holds a master writes nothing (it was taken for "no master": replaced without a copy kept,
then dropped with the copy on a difference, both gone)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from kodaira_desk.cli import main
from kodaira_desk.store import server

KEPT = re.compile(r"(/\S+\.before-copy-\S+\.sqlite)")


def _titles(url: str) -> list[tuple[str, str]] | None:
    with psycopg.connect(server.connect_conninfo(url)) as con:
        if con.execute("SELECT to_regclass('plans') IS NULL").fetchone() == (True,):
            return None
        return [(str(i), str(t)) for i, t in con.execute("SELECT id, title FROM plans ORDER BY id").fetchall()]


@pytest.fixture
def before(pg_master: str) -> list[tuple[str, str]]:
    """The master on the server, its titles marked (they differ from the file copied onto it)."""
    with psycopg.connect(server.connect_conninfo(pg_master)) as con:
        con.execute("UPDATE plans SET title = title || '（サーバーの）'")
    titles = _titles(pg_master)
    assert titles
    return titles


def _differs(_a: object, _b: object, name: str) -> None:
    from kodaira_desk.store.errors import StoreError

    raise StoreError(f"{name}: 写した内容が元と一致しませんでした（書き出し JSON の比較）。コピーを中止しました。")


def _copy(db_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = main(["copy", "--from", str(db_path), "--to", url, "--force"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return rc, out, err


def _put_back_by_hand(kept: str, url: str, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The command the message gave, run as the person would."""
    assert f"kodaira-desk copy --from {kept} --to {server.public_url(url)} --force" in said, said
    assert main(["copy", "--from", kept, "--to", url, "--force"]) == 0, capsys.readouterr().err
    capsys.readouterr()


def test_a_master_that_lost_its_meta_table_is_kept_and_put_back(  # type: ignore[no-untyped-def]
        pg_master: str, before: list[tuple[str, str]], db_path: Path, monkeypatch, capsys) -> None:
    from kodaira_desk.services import database

    with psycopg.connect(server.connect_conninfo(pg_master)) as con:
        con.execute("ALTER TABLE meta RENAME TO meta_lost")  # (its probe read failed: "nothing to keep")
    monkeypatch.setattr(database, "_check_equal", _differs)
    rc, _out, err = _copy(db_path, pg_master, capsys)
    assert rc == 2 and "--force で置き換える前の表を書き戻しました" in err, err
    assert _titles(pg_master) == before  # never both gone: the master is back


def test_a_comparison_that_cannot_run_puts_the_master_back(  # type: ignore[no-untyped-def]
        pg_master: str, before: list[tuple[str, str]], db_path: Path, monkeypatch, capsys) -> None:
    from kodaira_desk.services import database

    def lost(*_a: object) -> None:
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(database, "_check_equal", lost)
    rc, _out, err = _copy(db_path, pg_master, capsys)
    assert rc == 2 and "写した内容を元と比べられませんでした" in err and "書き戻しました" in err, err
    found = KEPT.search(err)
    assert found and Path(found.group(1)).exists()
    assert _titles(pg_master) == before


class Killed(BaseException):
    """The process ends here (kill -9, a power cut): nothing after it runs."""


def test_where_the_master_is_kept_is_said_before_it_is_replaced(  # type: ignore[no-untyped-def]
        pg_master: str, before: list[tuple[str, str]], db_path: Path, monkeypatch, capsys) -> None:
    from kodaira_desk.store import transfer

    real: Callable[..., int] = transfer.copy_to_server
    said_first: list[str] = []

    def killed_after(source: Any, target: Any, *, replace: bool = False) -> int:
        said_first.append(capsys.readouterr().out)  # what the person had read when the replace began
        real(source, target, replace=replace)
        raise Killed  # committed: the master replaced; then the process is gone

    monkeypatch.setattr(transfer, "copy_to_server", killed_after)
    with pytest.raises(Killed):
        main(["copy", "--from", str(db_path), "--to", pg_master, "--force"])
    assert _titles(pg_master) != before  # replaced
    monkeypatch.undo()
    found = KEPT.search(said_first[0])
    assert found, said_first
    _put_back_by_hand(found.group(1), pg_master, said_first[0], capsys)
    assert _titles(pg_master) == before


def test_ctrl_c_while_comparing_says_where_the_master_is_kept(  # type: ignore[no-untyped-def]
        pg_master: str, before: list[tuple[str, str]], db_path: Path, monkeypatch, capsys) -> None:
    from kodaira_desk.services import database

    def interrupted(*_a: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(database, "_check_equal", interrupted)
    rc, out, err = _copy(db_path, pg_master, capsys)
    assert rc == 130 and "中断しました" in err and "一致は確かめていません" in err, err
    found = KEPT.search(err)
    assert found and found.group(1) in out  # said before, and again
    monkeypatch.undo()
    _put_back_by_hand(found.group(1), pg_master, err, capsys)
    assert _titles(pg_master) == before


def test_a_put_back_that_fails_names_the_kept_file_and_the_command(  # type: ignore[no-untyped-def]
        pg_master: str, before: list[tuple[str, str]], db_path: Path, monkeypatch, capsys) -> None:
    from kodaira_desk.services import database
    from kodaira_desk.store import transfer

    real: Callable[..., int] = transfer.copy_to_server
    calls = [0]

    def second_fails(source: Any, target: Any, *, replace: bool = False) -> int:
        calls[0] += 1
        if calls[0] == 2:  # the put back: the server went away meanwhile
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        return real(source, target, replace=replace)

    monkeypatch.setattr(database, "_check_equal", _differs)
    monkeypatch.setattr(transfer, "copy_to_server", second_fails)
    rc, _out, err = _copy(db_path, pg_master, capsys)
    assert rc == 2 and "書き戻せませんでした" in err, err
    found = KEPT.search(err)
    assert found and Path(found.group(1)).exists()
    monkeypatch.undo()
    _put_back_by_hand(found.group(1), pg_master, err, capsys)
    assert _titles(pg_master) == before


def test_a_failed_read_of_whether_a_master_is_there_writes_nothing(  # type: ignore[no-untyped-def]
        pg_master: str, before: list[tuple[str, str]], db_path: Path, monkeypatch, capsys) -> None:
    from kodaira_desk.services import database
    from kodaira_desk.store import transfer

    def lost(*_a: object) -> bool:
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(transfer, "holds_ours", lost, raising=False)
    monkeypatch.setattr(database, "_check_equal", _differs)
    rc, _out, err = _copy(db_path, pg_master, capsys)
    assert rc == 2 and "何も書き込んでいません" in err, err
    assert _titles(pg_master) == before


def test_a_copy_that_compares_equal_deletes_the_oldest_kept_copies(  # type: ignore[no-untyped-def]
        pg_master: str, db_path: Path, capsys) -> None:
    """They piled up, one per --force: the newest three and any younger than 30 days stay."""
    import time

    from kodaira_desk.services.server import local_place

    place = local_place(pg_master)
    place.parent.mkdir(parents=True, exist_ok=True)

    def kept_days_ago(days: float, name: str | None = None) -> Path:
        when = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() - days * 24 * 3600))
        path = place.with_name(name or f"{place.name}.before-copy-{when}.sqlite")
        path.write_bytes(b"SQLite format 3\x00")
        return path

    old = [kept_days_ago(d) for d in (100, 90, 80, 70)]
    young = kept_days_ago(10)
    others = [kept_days_ago(200, "other.before-copy-20200101-000000.sqlite"),  # another server's, someone's own
              kept_days_ago(200, f"{place.name}.before-copy-メモ.sqlite")]
    rc, out, _err = _copy(db_path, pg_master, capsys)
    assert rc == 0
    new = Path(KEPT.search(out).group(1))  # type: ignore[union-attr]
    left = sorted(p for p in place.parent.iterdir() if ".before-copy-" in p.name)
    # the newest three (this run's, 10 days, 70 days): 70 days is past 30 but among them
    assert left == sorted([new, young, old[3], *others]), left
    assert "古い控え 3 件を削除しました" in out and old[0].name in out, out
