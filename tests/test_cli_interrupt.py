"""Ctrl+C ends any command with one Japanese line saying what was and was not written, and status
130, never a traceback (one was printed when `copy --to postgresql://… --force` was stopped before
its commit). The copy is stopped by a real SIGINT in a process of its own, held inside the copy's
transaction; the other commands are stopped in their work (KeyboardInterrupt raised there)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

import kodaira_desk
from kodaira_desk.cli import main
from kodaira_desk.store import server

ROOT = Path(kodaira_desk.__file__).resolve().parents[1]

# the copy held inside its transaction (the master's tables dropped, made again empty: not committed)
# until Ctrl+C arrives
HELD_COPY = """
import os, signal, sys, time
from kodaira_desk.store import transfer

real = transfer.create_schema_in

def held(conn):
    real(conn)
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C, as the terminal sends it
    time.sleep(60)

transfer.create_schema_in = held
from kodaira_desk.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def _titles(url: str) -> list[tuple[str, str]]:
    with psycopg.connect(server.connect_conninfo(url)) as con:
        return [(str(i), str(t)) for i, t in con.execute("SELECT id, title FROM plans ORDER BY id").fetchall()]


def test_ctrl_c_before_the_copys_commit_says_nothing_was_written(pg_master: str, db_path: Path,
                                                                  tmp_path: Path) -> None:
    with psycopg.connect(server.connect_conninfo(pg_master)) as con:
        con.execute("UPDATE plans SET title = title || '（サーバーの）'")
    before = _titles(pg_master)
    env = dict(os.environ, PYTHONPATH=str(ROOT), KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", HELD_COPY, "copy", "--from", str(db_path), "--to", pg_master,
                           "--force"], capture_output=True, text=True, timeout=300, check=False, env=env,
                          stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == 130, (done.returncode, done.stderr)
    said = done.stderr.strip().splitlines()
    assert len(said) == 1 and said[0].startswith("中断しました（Ctrl+C）。"), said
    assert "サーバーには何も書き込んでいません" in said[0] and ".before-copy-" in said[0], said
    assert _titles(pg_master) == before  # rolled back: the master as it was


def test_ctrl_c_in_a_collection_says_the_master_is_written_whole_or_not_at_all(  # type: ignore[no-untyped-def]
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    collect = importlib.import_module("kodaira_desk.services.rounds.collect")

    def stopped(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(collect, "_Collection", stopped)  # inside the collection's transaction
    received = tmp_path / "提出用_令和2年度_道路課.kdesk"
    received.write_bytes(b"SQLite format 3\x00" + bytes(4096))
    rc = main(["--db", str(db_path), "collect", str(received)])
    out, err = capsys.readouterr()
    assert rc == 130 and "Traceback" not in out + err, err
    assert err.strip() == ("中断しました（Ctrl+C）。親データベースへの書き込みはひとつのまとまりで、"
                           "全部書いたか何も書いていないかのどちらかです（途中までの変更は残りません）。"), err


def test_ctrl_c_in_an_export_leaves_no_half_written_file(  # type: ignore[no-untyped-def]
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from kodaira_desk.io import atomic
    from kodaira_desk.services import export

    def stopped(target: Path, text: str, **_k: object) -> None:
        with atomic.atomic_path(target) as tmp:
            tmp.write_text(text[:1000], encoding="utf-8")  # half written, beside its name
            raise KeyboardInterrupt

    monkeypatch.setattr(export, "write_text", stopped)
    folder = tmp_path / "書き出し"
    rc = main(["--db", str(db_path), "export", "json", "--out", str(folder / "全体.json")])
    out, err = capsys.readouterr()
    assert rc == 130 and "Traceback" not in out + err, err
    assert err.strip() == "中断しました（Ctrl+C）。書きかけのファイルは残していません（書き終えたファイルだけが置かれます）。", err
    assert list(folder.iterdir()) == []


def test_ctrl_c_in_a_command_that_only_reads_says_nothing_was_written(  # type: ignore[no-untyped-def]
        db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from kodaira_desk.services import plans

    def stopped(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(plans, "plan_list", stopped)
    rc = main(["--db", str(db_path), "plans"])
    _out, err = capsys.readouterr()
    assert rc == 130 and err.strip() == "中断しました（Ctrl+C）。何も書き込んでいません。", err
