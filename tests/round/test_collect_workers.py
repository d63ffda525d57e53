"""A collection of several files prepares them in worker processes (services.received_files):
the same outcome per file as one by one, a worker's death loses only the file it was on, and a
collection that stops leaves no worker and no private copy behind."""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from round_helpers import FARM, HALL, R2, edit, export, field_value
from test_bad_files import CASES

from kodaira_desk.services import received_files, received_prepare
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.store.department_file import PRIVATE_PREFIX, DepartmentFile, FileRefused
from kodaira_desk.store.reader import content_hash

DEPARTMENTS = ["産業振興課", "子育て支援課", "保育課", "健康推進課", "水と緑と公園課"]


def _no_private_copies(master: Path) -> bool:
    folder = master.parent / f"{master.stem}-受領ファイル"
    return not list(folder.glob(f"{PRIVATE_PREFIX}*"))


def test_bad_files_collected_together_are_refused_each_by_name(
        db_path: Path, tmp_path: Path, workers: list[received_files._Worker]) -> None:
    db = open_database(db_path, create=False)
    files = handout(db, R2, tmp_path / "out", ["産業振興課", "子育て支援課"])
    db.dispose()
    good = next(f.path for f in files if f.department == "産業振興課")
    edit(good, {FARM: "365区画"})
    before = export(db_path)
    bad = []
    for i, (_label, make, _code) in enumerate(CASES):
        folder = tmp_path / f"case{i}"
        folder.mkdir()
        bad.append(make(good, folder))  # each in a folder of its own (a journal beside one of them)
    db = open_database(db_path, create=False)
    report = collect(db, [*bad, good])
    db.dispose()
    assert len(workers) == 2
    for (label, _make, code), path, outcome in zip(CASES, bad, report.outcomes, strict=False):
        assert outcome.code == code, (label, outcome.message)
        assert outcome.message.startswith(f"{path.name}: "), outcome.message
        assert not re.search(r"[A-Z][a-z]+(Error|Exception)", outcome.message), outcome.message
    assert report.outcomes[-1].code == "merged"
    assert field_value(db_path, FARM) == "365区画"
    assert export(db_path) != before and _no_private_copies(db_path)


def _handed_out(db_path: Path, tmp_path: Path) -> list[Path]:
    db = open_database(db_path, create=False)
    files = handout(db, R2, tmp_path / "out", DEPARTMENTS)
    db.dispose()
    for f in files:
        if f.department == "産業振興課":
            edit(f.path, {FARM: "365区画"})
        if f.department == "子育て支援課":
            edit(f.path, {HALL: "12,345人"})
    return [f.path for f in files]


def test_a_worker_that_dies_loses_only_the_file_it_was_on(db_path: Path, tmp_path: Path) -> None:
    paths = _handed_out(db_path, tmp_path) * 2  # ten files, each twice
    folder = tmp_path / "received"
    folder.mkdir()
    preparers = received_files.Preparers(len(paths), workers=2)
    started = list(preparers._pool)
    seen = []
    try:
        for i, (path, prepared) in enumerate(preparers.in_turn(paths, folder)):
            seen.append((path, prepared))
            if i == 1:
                started[0].proc.kill()  # as a crash would end it, a file or two in hand
            if prepared.copy is not None:
                shutil.rmtree(prepared.copy.parent)
    finally:
        preparers.close()
    assert [p for p, _ in seen] == paths  # every file answered, in order, once
    died = [p for p in seen if p[1].error is not None]
    assert len(died) == 1  # its answer cut short (an answer is larger than a pipe holds), or its next file
    for path, prepared in died:
        assert isinstance(prepared.error, FileRefused) and prepared.error.code == "unexpected"
        assert prepared.error.message.startswith(f"{path.name}: ")
    assert all(p.file is not None and p.file.department for _, p in seen if p.error is None)
    assert all(w.proc.poll() is not None for w in started)
    assert not list(folder.glob(f"{PRIVATE_PREFIX}*"))


def test_a_collection_stopped_midway_leaves_the_master_no_worker_and_no_copy(
        db_path: Path, tmp_path: Path, workers: list[received_files._Worker]) -> None:
    paths = _handed_out(db_path, tmp_path)
    before = export(db_path)

    def stop(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt  # キャンセル, Ctrl+C

    db = open_database(db_path, create=False)
    with pytest.raises(KeyboardInterrupt):
        collect(db, paths, progress=stop)
    db.dispose()
    assert len(workers) == 2
    assert export(db_path) == before and field_value(db_path, FARM) is None
    assert _no_private_copies(db_path)
    db = open_database(db_path, create=False)
    report = collect(db, paths)  # and the next collection merges them all
    db.dispose()
    assert [o.code for o in report.outcomes].count("merged") == 2
    assert field_value(db_path, FARM) == "365区画" and field_value(db_path, HALL) == "12,345人"


def test_the_command_line_collects_many_files_with_no_traceback(db_path: Path, tmp_path: Path) -> None:
    paths = _handed_out(db_path, tmp_path)
    broken = tmp_path / "壊れた.kdesk"
    broken.write_bytes(paths[0].read_bytes()[:5000])
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "kodaira_desk", "--db", str(db_path), "collect", *map(str, paths),
                           str(broken)], capture_output=True, text=True, cwd=root, check=False, timeout=300)
    out = done.stdout + done.stderr
    assert "Traceback" not in out and "壊れた.kdesk" in out, out
    assert field_value(db_path, FARM) == "365区画"


def test_a_refusal_crosses_processes_whole() -> None:
    refused = FileRefused("limit", "a.kdesk: 取り込めない値があります: value:p:k:actual:2020:", "h1",
                          "value:p:k:actual:2020:")
    back = pickle.loads(pickle.dumps(refused))
    assert (back.code, back.message, back.handout_id, back.field) == (
        refused.code, refused.message, refused.handout_id, refused.field)
    assert back.naming("区画数 令和2年度 実績").endswith("区画数 令和2年度 実績")


def test_workers_only_where_they_pay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(received_files, "cores", lambda: 1)
    assert received_files.workers_for(60) == 0  # one core: one thread beside the merge, as before
    monkeypatch.setattr(received_files, "cores", lambda: 2)
    assert received_files.workers_for(2) == 0  # a file or two: starting processes costs more
    assert received_files.workers_for(60) == 2
    monkeypatch.setattr(received_files, "cores", lambda: 16)
    assert received_files.workers_for(60) == received_files.MAX_WORKERS
    assert received_files.workers_for(60, size=16 * 600_000) == 0  # the city's 16 files: starting costs more
    assert received_files.workers_for(60, size=48 * 2_800_000) == received_files.MAX_WORKERS
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert received_files.workers_for(60) == 0  # a bundled application has no interpreter to start


def test_workers_that_cannot_start_blame_no_file(db_path: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 workers: list[received_files._Worker]) -> None:
    """A worker that ends before its greeting (an import error, a library printing as it starts)
    says nothing of the file it was asked about: every file is prepared in the collecting process
    and merged, none refused as 'possibly broken'."""
    monkeypatch.setattr(received_files, "WORKER_MODULE", "kodaira_desk.no_such_module")
    paths = _handed_out(db_path, tmp_path)
    db = open_database(db_path, create=False)
    report = collect(db, paths)
    db.dispose()
    assert len(workers) == 2
    assert [o.code for o in report.outcomes].count("unexpected") == 0, [o.message for o in report.outcomes]
    assert [o.code for o in report.outcomes].count("merged") == 2
    assert field_value(db_path, FARM) == "365区画" and field_value(db_path, HALL) == "12,345人"
    assert _no_private_copies(db_path)


class _Evil:
    """What a worker taken over by a hostile file could send: a call of its choosing."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("kind", ["a call", "a copy elsewhere"])
def test_an_answer_a_worker_could_not_have_made_is_not_believed(
        tmp_path: Path, kind: str, workers: list[received_files._Worker]) -> None:
    import io
    import queue

    marker = tmp_path / "made-by-the-answer"
    answer: object = _Evil(marker) if kind == "a call" else (received_prepare.Prepared(
        tmp_path / "elsewhere" / "received.sqlite", "", None, None), None)
    stream = io.BytesIO(received_prepare.GREETING + pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    folder = tmp_path / "received"
    folder.mkdir()

    class Fake(received_files._Here):
        """A worker whose stdout held `stream`, read as the reader thread reads it."""

        _out_of_cpu = received_files._Worker._out_of_cpu

        def __init__(self) -> None:
            super().__init__()
            self.proc = type("P", (), {"stdout": stream, "wait": lambda self, timeout=None: 0})()
            self._answers: queue.SimpleQueue[object] = queue.SimpleQueue()
            received_files._Worker._read(self)  # type: ignore[arg-type]

        def answer(self, tick: received_files.Tick = received_files.no_tick) -> received_prepare.Prepared:
            return received_files._Worker.answer(self, tick)  # type: ignore[arg-type]

    pool: list[received_files._Worker | received_files._Here] = [Fake()]
    try:
        prepared = [p for _, p in received_files._in_processes(pool, [tmp_path / "a.kdesk"], folder, [])]
    finally:
        for w in pool:  # the worker started in place of the one not believed (the fixture checks it ended)
            w.end(kill=True)
    assert not marker.exists()  # nothing the answer named was called
    assert len(prepared) == 1 and isinstance(prepared[0].error, FileRefused)
    assert prepared[0].error.code == "unexpected"


@given(st.lists(st.dictionaries(st.sampled_from([f"value:p:k{i}:actual:2020:" for i in range(8)]),
                                st.one_of(st.none(), st.sampled_from(["1", "2", "365区画", ""]))),
                min_size=1, max_size=5))
def test_a_workers_answers_as_differences_give_back_every_field(fields: list[dict[str, str | None]]) -> None:
    """Each answer after a worker's first carries only what differs from the first file's fields
    (keys added, changed, set to nothing or gone): rebuilt, every file has exactly its own."""
    sent: Path | None = None
    worker_ref: dict[str, str | None] | None = None
    parent_ref: dict[str, str | None] | None = None
    for i, these in enumerate(fields):
        f = DepartmentFile(Path(f"/tmp/{i}"), "sha", "h", "m", "課", 2020, 9, dict(these))
        answer, worker_ref = received_prepare.compact(received_prepare.Prepared(sent, "", f, None), worker_ref)
        back, parent_ref = received_files.whole_again(pickle.loads(pickle.dumps(answer)), parent_ref)
        assert back.file is not None and back.file.fields == these
        assert back.file == f
    assert parent_ref == fields[0]


@given(st.dictionaries(st.text(alphabet="value:p123k", min_size=1, max_size=12),
                       st.one_of(st.none(), st.text(alphabet="0123456789,.区画人-※", max_size=8)), max_size=30))
def test_the_content_hash_is_the_one_files_were_stamped_with(fields: dict[str, str | None]) -> None:
    """Every saved department file carries this hash of its fields: its spelling never changes."""
    import hashlib

    text = "\x00".join([f"{k}\x00{fields[k]}" for k in sorted(fields) if fields[k] is not None])
    assert content_hash(fields) == hashlib.sha256(text.encode("utf-8")).hexdigest()
