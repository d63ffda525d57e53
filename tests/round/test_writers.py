"""Writers are serialised: two collections at once, a save racing a collection, a busy master,
a hot journal left by a crash."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from round_helpers import FARM, HALL, R2, edit, export, field_value

from kodaira_desk.cli import main
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import StaleEditError, content_of, key_of, save_edits
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.status import import_results
from kodaira_desk.store import errors as store_errors

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def files(master: Path | str, tmp_path: Path) -> dict[str, Path]:
    db = open_database(master, create=False)
    made = handout(db, R2, tmp_path / "配布", ["産業振興課", "子育て支援課"])
    db.dispose()
    out = {f.department: f.path for f in made}
    edit(out["産業振興課"], {FARM: "365区画"})
    edit(out["子育て支援課"], {HALL: "36,000人"})
    return out


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "KODAIRA_DESK_DATA_DIR": str(tmp_path / "userdata")}


def test_two_processes_collecting_the_same_files_give_one_import_each(master: Path | str, files: dict[str, Path],
                                                                     tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "kodaira_desk.cli", "--db", str(master), "collect", *map(str, files.values())]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path))
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for out, err in outs:
        assert b"Traceback" not in out + err
    db = open_database(master, create=False)
    merged = [r.file_name for r in import_results(db) if r.result == "merged"]
    db.dispose()
    assert sorted(merged) == sorted(p.name for p in files.values())
    assert field_value(master, FARM) == "365区画" and field_value(master, HALL) == "36,000人"


class _Writer:
    """Another writer holding the master's write lock: BEGIN IMMEDIATE on a file, the advisory
    lock on a server (what a collection or a save in another process holds)."""

    def __init__(self, master: Path | str) -> None:
        if isinstance(master, Path):
            self.con: Any = sqlite3.connect(master, isolation_level=None)
            self.con.execute("BEGIN IMMEDIATE")
            self.mark = "?"
        else:
            import psycopg

            from kodaira_desk.store.server import LOCK_KEY

            self.con = psycopg.connect(master)
            self.con.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            self.mark = "%s"

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self.con.execute(sql.replace("?", self.mark), params)

    def commit(self) -> None:
        self.con.execute("COMMIT") if self.mark == "?" else self.con.commit()
        self.con.close()

    def rollback(self) -> None:
        self.con.execute("ROLLBACK") if self.mark == "?" else self.con.rollback()
        self.con.close()


def _hold_lock(master: Path | str) -> _Writer:
    return _Writer(master)


def test_a_save_waits_for_the_writer_and_then_asks_instead_of_overwriting(master: Path | str) -> None:
    """The division loaded FARM empty and typed 370; meanwhile a collection (holding the lock) wrote
    365. The save waits for the lock, sees the change and raises StaleEditError: nothing is lost."""
    holder = _hold_lock(master)
    db = open_database(master, create=False)
    errors: list[BaseException] = []
    started = threading.Event()

    def save() -> None:
        started.set()
        try:
            save_edits(db, {FARM: content_of(FARM, "370区画")}, stored={FARM: None})
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=save)
    t.start()
    started.wait()
    ind = holder.execute("SELECT id FROM indicators WHERE plan_id='strategy-2015' AND key='g1.a1.k3'").fetchone()[0]
    holder.execute("INSERT INTO indicator_values (indicator_id, kind, fiscal_year, revision, text, number, marks) "
                   "VALUES (?, 'actual', 2020, '', '365区画', '365', '')", (ind,))
    holder.commit()
    t.join(timeout=60)
    db.dispose()
    assert len(errors) == 1 and isinstance(errors[0], StaleEditError)
    assert [key_of(t) for t, _was, _now in errors[0].fields] == ["value:strategy-2015:g1.a1.k3:actual:2020:"]
    assert field_value(master, FARM) == "365区画"  # the collection's value is kept
    edit(master, {HALL: "1人"})  # a save of another field goes through
    assert field_value(master, HALL) == "1人"


def test_a_busy_master_gives_a_clear_message_not_a_traceback(master: Path | str, files: dict[str, Path],
                                                            monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(store_errors, "BUSY_TIMEOUT_S", 0.2)
    holder = _hold_lock(master)
    try:
        rc = main(["--db", str(master), "collect", str(files["産業振興課"])])
    finally:
        holder.rollback()
    err = capsys.readouterr().err
    name = master.name if isinstance(master, Path) else master.split("?")[0].rsplit("/", 1)[1]
    assert rc == 2
    assert "使用中" in err and name in err and "Traceback" not in err
    assert field_value(master, FARM) is None


HOT_JOURNAL_CHILD = """
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA cache_size=1")  # spill to the file before the commit: the journal is hot
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE indicator_values SET text = text || 'x'")
con.execute("UPDATE node_texts SET body = body || 'x'")
os._exit(0)  # a crash mid-commit
"""


def test_read_only_commands_survive_a_hot_journal(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    before = export(db_path)
    subprocess.run([sys.executable, "-c", HOT_JOURNAL_CHILD, str(db_path)], check=True)
    journal = db_path.with_name(db_path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    assert main(["--db", str(db_path), "plans"]) == 0
    assert "strategy-2015" in capsys.readouterr().out
    assert main(["--db", str(db_path), "export", "json", "--out", str(tmp_path / "x.json")]) == 0
    assert export(db_path) == before  # rolled back: the half-written transaction is gone


def test_an_edit_session_keeps_its_edits_when_the_field_changed_and_overwrites_when_told(master: Path | str) -> None:
    from kodaira_desk.services.editing import EditSession

    db = open_database(master, create=False)
    session = EditSession()
    session.set(FARM, content_of(FARM, "370区画"), None)  # loaded empty
    edit(master, {FARM: "365区画"})  # meanwhile written elsewhere
    with pytest.raises(StaleEditError):
        session.save(db, actor="政策課 山田")
    assert session.dirty  # nothing typed is dropped
    session.save(db, actor="政策課 山田", overwrite=True)
    db.dispose()
    assert field_value(master, FARM) == "370区画"


def test_a_save_racing_a_real_collection_loses_nothing(master: Path | str, files: dict[str, Path]) -> None:
    """A collection stops after its first file (inside its transaction, holding the lock) while
    the policy division saves: one save of a field the collection does not touch, one of a field
    it writes (loaded empty). Both wait for the collection; the first then goes through, the second
    asks (StaleEditError) instead of overwriting the department's value."""
    from round_helpers import PROGRESS_STATUS

    from kodaira_desk.services.rounds.collect import collect

    mid, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def on_progress(done: int, total: int) -> None:
        if done == 1:
            mid.set()
            release.wait(timeout=60)

    def run_collect() -> None:
        db = open_database(master, create=False)
        try:
            results["collect"] = collect(db, [files["産業振興課"], files["子育て支援課"]], progress=on_progress)
        except BaseException as exc:
            results["collect"] = exc
        finally:
            db.dispose()

    def save(name: str, edits: dict, stored: dict) -> None:  # type: ignore[type-arg]
        db = open_database(master, create=False)
        try:
            results[name] = save_edits(db, edits, stored=stored, actor="政策課")
        except BaseException as exc:
            results[name] = exc
        finally:
            db.dispose()

    collecting = threading.Thread(target=run_collect)
    collecting.start()
    assert mid.wait(timeout=60)
    savers = [
        threading.Thread(target=save, args=("other", {PROGRESS_STATUS: content_of(PROGRESS_STATUS, "完了")},
                                            {PROGRESS_STATUS: None})),
        threading.Thread(target=save, args=("same", {HALL: content_of(HALL, "1人")}, {HALL: None})),
    ]
    for t in savers:
        t.start()
    time.sleep(0.5)  # let the savers reach the lock (the outcome must be the same if they come later)
    release.set()
    collecting.join(timeout=120)
    for t in savers:
        t.join(timeout=120)
    report = results["collect"]
    assert not isinstance(report, BaseException), report
    assert [o.code for o in report.outcomes] == ["merged", "merged"]  # type: ignore[attr-defined]
    assert not isinstance(results["other"], BaseException), results["other"]
    assert isinstance(results["same"], StaleEditError)
    assert field_value(master, FARM) == "365区画" and field_value(master, HALL) == "36,000人"
    assert field_value(master, PROGRESS_STATUS) == "完了"
