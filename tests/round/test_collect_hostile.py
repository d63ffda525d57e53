"""A returned file that keeps its checks busy does not hold the collection (services.received_files,
store.department_file): a worker's file has a budget of the worker's CPU, past which the worker
is ended and only that file refused by name; SQLite's checks stop at a budget of the thread's CPU,
never of the wall clock (a valid file on a loaded machine is slow, not broken); キャンセル takes
effect while a file is being prepared; the files asked ahead are capped in bytes."""

from __future__ import annotations

import itertools
import struct
import time
from pathlib import Path

import pytest
from round_helpers import FARM, export, field_value
from test_collect_workers import _handed_out, _no_private_copies

from kodaira_desk.services import received_files
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.store import department_file
from kodaira_desk.store.department_file import PRIVATE_PREFIX, FileRefused, inspect


def _zip_of_many_entries(path: Path, n: int = 800_000) -> Path:
    """A zip whose central directory lists `n` entries (zipfile reads each of them in Python: some
    9 s of CPU for 300,000 on a loaded machine, 2.4 s on a quiet one): what a hostile sender could
    name .kdesk."""
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"a"
    entry = struct.Struct("<4s6H3L5H2L")
    central = b"".join(entry.pack(b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0)
                       + b"%07d" % i for i in range(n))
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, len(central), len(local), 0)
    path.write_bytes(local + central + end)
    return path


def test_a_file_past_its_cpu_budget_ends_its_worker_and_only_it_is_refused(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        workers: list[received_files._Worker]) -> None:
    monkeypatch.setattr(received_files, "CPU_BUDGET_S", 1)  # a budget a test can afford
    paths = _handed_out(db_path, tmp_path)
    hostile = _zip_of_many_entries(tmp_path / "回答_産業振興課.kdesk")
    db = open_database(db_path, create=False)
    report = collect(db, [hostile, *paths])
    db.dispose()
    first = report.outcomes[0]
    assert first.code == "too_slow", first.message
    assert first.message.startswith("回答_産業振興課.kdesk: ") and "CPU 時間で 1 秒" in first.message
    assert [o.code for o in report.outcomes[1:]].count("merged") == 2  # the others go on
    assert field_value(db_path, FARM) == "365区画"
    assert _no_private_copies(db_path)
    assert len(workers) == 3  # the worker ended for its CPU was replaced


def test_cancel_takes_effect_while_a_file_is_prepared(
        db_path: Path, tmp_path: Path, workers: list[received_files._Worker]) -> None:
    paths = _handed_out(db_path, tmp_path)
    hostile = _zip_of_many_entries(tmp_path / "重い.kdesk")  # seconds of a worker's CPU
    before = export(db_path)
    asked: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        asked.append((done, total))
        raise KeyboardInterrupt  # キャンセル, before the first file is done

    db = open_database(db_path, create=False)
    with pytest.raises(KeyboardInterrupt):
        collect(db, [hostile, *paths], progress=progress)
    db.dispose()
    assert asked == [(0, len(paths) + 1)]  # told while the first file was being prepared
    assert export(db_path) == before and field_value(db_path, FARM) is None
    assert _no_private_copies(db_path)
    # and the fixture checks every worker was ended, the busy one too


def test_a_valid_file_on_a_loaded_machine_is_not_refused(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wall clock runs 100 s between two looks at it (a machine that loaded): SQLite's checks
    count the thread's CPU, so the file is read whole."""
    paths = _handed_out(db_path, tmp_path)
    clock = itertools.count(step=100.0)
    with monkeypatch.context() as m:
        m.setattr(time, "monotonic", lambda: next(clock))
        checked = inspect(paths[0])
    assert checked.fields and checked.department


def test_checks_past_their_cpu_budget_are_refused_as_too_slow_not_broken(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _handed_out(db_path, tmp_path)
    monkeypatch.setattr(department_file, "READ_CPU_S", 0.0)  # every check past its budget
    with pytest.raises(FileRefused) as refused:
        inspect(paths[0])
    assert refused.value.code == "too_slow"
    assert refused.value.message.startswith(f"{paths[0].name}: ") and "壊れています" not in refused.value.message


def test_the_files_asked_ahead_are_capped_in_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a cap of one byte one file is asked at a time (without it, two for each worker): the
    private copies beside the master are so many at most."""
    folder = tmp_path / "received"
    folder.mkdir()
    files = []
    for i in range(6):
        files.append(tmp_path / f"{i}.kdesk")
        files[-1].write_bytes(b"not a department file")
    in_flight: list[int] = []

    class Counting(received_files._Here):
        def ask(self, path: Path, folder: Path) -> None:
            super().ask(path, folder)
            in_flight.append(sum(len(w.asked) for w in pool))

    pool: list[received_files._Worker | received_files._Here] = [Counting(), Counting()]
    monkeypatch.setattr(received_files, "MAX_AHEAD_BYTES", 1)
    for _path, prepared in received_files._in_processes(pool, files, folder, []):
        assert prepared.error is not None
        assert len(list(folder.glob(f"{PRIVATE_PREFIX}*"))) <= 1
        if prepared.copy is not None:
            prepared.copy.unlink()
            prepared.copy.parent.rmdir()
    assert max(in_flight) == 1 and len(in_flight) == len(files)
