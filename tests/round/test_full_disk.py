"""A full disk gives a clear message naming the place and leaves nothing half-written: on a small
tmpfs when the test may mount one (root), and by a simulated ENOSPC everywhere."""

from __future__ import annotations

import errno
import importlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from round_helpers import FARM, R2, edit, export, field_value

from kodaira_desk.cli import main
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*")
            if p.name.startswith((".kd-tmp-", "kd-received-")) or p.name.endswith((".part", ".building"))]


def test_collect_on_a_full_disk_refuses_by_name_and_keeps_the_master(db_path: Path, tmp_path: Path,
                                                                     small_disk: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    (f,) = handout(db, R2, tmp_path / "配布", ["産業振興課"])
    db.dispose()
    edit(f.path, {FARM: "365区画"})
    master = small_disk / "master.sqlite"
    shutil.copyfile(db_path, master)
    before = export(master)
    rc = main(["--db", str(master), "collect", str(f.path)])
    out = capsys.readouterr()
    text = out.out + out.err
    assert rc in (1, 2) and "Traceback" not in text  # refused by name, or the whole collection not done
    assert f.path.name in text and "ディスクの空き" in text
    assert export(master) == before
    assert _leftovers(small_disk) == []


def test_handout_export_and_build_db_on_a_full_disk(db_path: Path, small_disk: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rc = main(["--db", str(db_path), "handout", "--year", "R2", "--out", str(small_disk / "配布")])
    err = capsys.readouterr().err
    assert rc == 2 and "ディスクの空き" in err and "Traceback" not in err
    con_before = export(db_path)
    assert export(db_path) == con_before
    assert list((small_disk / "配布").glob("*.kdesk")) == [] and _leftovers(small_disk) == []
    (small_disk / "filler").write_bytes(b"\0" * 880_000)
    rc = main(["--db", str(db_path), "export", "json", "--out", str(small_disk / "city.json")])
    err = capsys.readouterr().err
    assert rc == 2 and "ディスクの空き" in err and "city.json" in err and "Traceback" not in err
    rc = main(["build-db", "--out", str(small_disk / "fresh.sqlite")])
    err = capsys.readouterr().err
    assert rc == 2 and "ディスクの空き" in err and "Traceback" not in err
    assert not (small_disk / "city.json").exists() and not (small_disk / "fresh.sqlite").exists()
    assert _leftovers(small_disk) == []


def _enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_simulated_full_disk_during_collect(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    collect_module = importlib.import_module("kodaira_desk.services.rounds.collect")

    db = open_database(db_path, create=False)
    (f,) = handout(db, R2, tmp_path / "配布", ["産業振興課"])
    db.dispose()
    edit(f.path, {FARM: "365区画"})
    before = export(db_path)
    monkeypatch.setattr(collect_module, "backup_master", _enospc)
    db = open_database(db_path, create=False)
    outcome = collect(db, [f.path]).outcomes[0]
    db.dispose()
    assert outcome.code == "disk" and outcome.message.startswith(f.path.name) and "ディスクの空き" in outcome.message
    assert export(db_path) == before and field_value(db_path, FARM) is None


def test_simulated_full_disk_during_handout(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kodaira_desk.services.rounds.common import RoundError
    handout_module = importlib.import_module("kodaira_desk.services.rounds.handout")

    calls = []

    def half(master: Path, out: Path, meta: dict[str, str], prefill: object = None) -> None:
        calls.append(out)
        if len(calls) == 2:
            _enospc()
        real(master, out, meta, prefill)

    real = handout_module.write_department_file
    monkeypatch.setattr(handout_module, "write_department_file", half)
    before = export(db_path)
    db = open_database(db_path, create=False)
    with pytest.raises(RoundError) as err:
        handout(db, R2, tmp_path / "配布", ["産業振興課", "子育て支援課"])
    db.dispose()
    assert "ディスクの空き" in err.value.message and "配布" in err.value.message
    assert export(db_path) == before
    assert not (tmp_path / "配布").exists()  # neither files nor temporaries, nor the folder this hand-out made


def test_a_sync_failing_behind_the_handout_fails_it_before_its_records_commit(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files are fsynced on threads while the next is written (io.atomic.FileGroup): a full disk
    found by the second file's sync still fails the hand-out before anything is recorded or named."""
    from kodaira_desk.io import atomic
    from kodaira_desk.services.rounds.common import RoundError

    real = atomic.fsync_file
    synced: list[str] = []

    def full_on_the_second(path: Path) -> None:
        synced.append(path.name)
        if "子育て支援課" in path.name:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path)

    def records() -> list[list[tuple[object, ...]]]:
        con = sqlite3.connect(db_path)
        try:
            return [con.execute(f"SELECT * FROM {table}").fetchall() for table in ("handouts", "snapshots")]
        finally:
            con.close()

    monkeypatch.setattr(atomic, "fsync_file", full_on_the_second)
    before, records_before = export(db_path), records()
    db = open_database(db_path, create=False)
    with pytest.raises(RoundError) as err:
        handout(db, R2, tmp_path / "配布", ["産業振興課", "子育て支援課"])
    db.dispose()
    assert any("子育て支援課" in name for name in synced)
    assert "ディスクの空き" in err.value.message and "子育て支援課" in err.value.message
    assert export(db_path) == before and records() == records_before  # no hand-out recorded
    assert not (tmp_path / "配布").exists()  # neither files nor temporaries, nor the folder


def test_a_kept_copy_whose_sync_fails_behind_the_merge_fails_the_collection_before_its_commit(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kept copy takes its name at once and is synced on a thread while the next file merges
    (io.atomic.SyncedBehind): a full disk found by the second copy's sync still fails the whole
    collection before anything is committed, names the file, and leaves no copy behind."""
    from kodaira_desk.io import atomic
    from kodaira_desk.services.rounds.common import RoundError

    db = open_database(db_path, create=False)
    first, second = handout(db, R2, tmp_path / "配布", ["産業振興課", "子育て支援課"])
    db.dispose()
    edit(first.path, {FARM: "365区画"})
    edit(second.path, {FARM: "365区画"})  # another 課's field: held for review, the file still kept
    real = atomic.fsync_file
    synced: list[str] = []

    def full_on_the_second(path: Path) -> None:
        synced.append(path.name)
        if second.path.name in path.name:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path)

    monkeypatch.setattr(atomic, "fsync_file", full_on_the_second)
    before = export(db_path)
    db = open_database(db_path, create=False)
    with pytest.raises(RoundError) as err:
        collect(db, [first.path, second.path])
    db.dispose()
    assert any(second.path.name in name for name in synced)
    assert "ディスクの空き" in err.value.message and second.path.name in err.value.message
    assert export(db_path) == before and field_value(db_path, FARM) is None
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    finally:
        con.close()
    kept = db_path.parent / f"{db_path.stem}-受領ファイル"
    assert [p.name for p in kept.iterdir()] == [] and _leftovers(db_path.parent) == []
