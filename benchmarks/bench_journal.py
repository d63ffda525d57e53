"""The recovery journal's cost to the GUI thread per accepted edit, beside a bare write and fsync.

For each folder (a tmpfs, and the real disk the settings live on: /work here, KD_BENCH_DIRS to
choose), quiet and with the disk kept busy by another process writing and syncing 4 MB blocks (as
a save, a collection or a virus scanner does):
- bare: os.write + os.fsync of the same bytes on a file already open (the least a durable append costs);
- synced: what the window did before for each edit, on the GUI thread (the line made, the file
  opened, written, fsynced, closed: `Journal.write_append`);
- queued: what the GUI thread does now (`Journal.append`: the edit handed to the writer thread),
  and how long after an edit it is durable (the writer thread's sync, waited for with `flush`).
Edits come 10 ms apart (typing); then a paste of 1,000 cells as one edit. Times in ms: median, p95,
max. The machine is shared (2 cores, other work): the load average is printed with each run.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kodaira_desk.services.recovery_journal import Journal

EDITS = int(os.environ.get("KD_BENCH_EDITS", "150"))
GAP_S = 0.010
DIRS = [Path(p) for p in os.environ.get("KD_BENCH_DIRS", "/dev/shm:/work").split(":") if Path(p).is_dir()]
KEY = "value:strategy-2015:g1.a1.k{n}:actual:2020:"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _figures(times: list[float]) -> str:
    ms = sorted(t * 1e3 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):7.3f}  p95 {p95:7.3f}  max {ms[-1]:7.3f}"


def _busy_disk(folder: str, stop: multiprocessing.synchronize.Event) -> None:
    """Another program writing to the same disk and syncing (4 MB blocks)."""
    block = os.urandom(4 << 20)
    path = os.path.join(folder, f"busy-{os.getpid()}.bin")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        while not stop.is_set():
            os.write(fd, block)
            os.fsync(fd)
            if os.lseek(fd, 0, os.SEEK_CUR) > 256 << 20:
                os.lseek(fd, 0, os.SEEK_SET)
    finally:
        os.close(fd)
        os.unlink(path)


def _run(folder: Path) -> None:
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        base = Path(tmp)
        line = ('{"edits": {"' + KEY.format(n=1) + '": "7人"}}\n').encode()
        fd = os.open(base / "bare", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        bare = []
        for _ in range(EDITS):
            t = time.perf_counter()
            os.write(fd, line)
            os.fsync(fd)
            bare.append(time.perf_counter() - t)
            time.sleep(GAP_S)
        os.close(fd)

        synced_journal = Journal(base / "synced", "/bench/kodaira.sqlite", "master")
        synced = []
        for n in range(EDITS):
            t = time.perf_counter()
            synced_journal.write_append({KEY.format(n=n % 40): "7人"})  # before: on the GUI thread
            synced.append(time.perf_counter() - t)
            time.sleep(GAP_S)

        queued_journal = Journal(base / "queued", "/bench/kodaira.sqlite", "master")
        queued = []
        for n in range(EDITS):
            t = time.perf_counter()
            queued_journal.append({KEY.format(n=n % 40): "7人"})
            queued.append(time.perf_counter() - t)
            time.sleep(GAP_S)
        assert queued_journal.flush() and queued_journal.error is None
        behind = []  # an edit made, then waited for: how long after it is it durable
        for n in range(20):
            t = time.perf_counter()
            queued_journal.append({KEY.format(n=n): "8人"})
            assert queued_journal.flush()
            behind.append(time.perf_counter() - t)
            time.sleep(GAP_S)

        paste: dict[str, str | None] = {KEY.format(n=n): f"{n}人" for n in range(1000)}
        t = time.perf_counter()
        queued_journal.append(paste)
        gui_paste = time.perf_counter() - t
        assert queued_journal.flush()
        paste_written = time.perf_counter() - t
        t = time.perf_counter()
        synced_journal.write_append(paste)
        synced_paste = time.perf_counter() - t
        queued_journal.close()
        assert queued_journal.flush()

        print(f"    bare write+fsync   {_figures(bare)}")
        print(f"    synced (before)    {_figures(synced)}   (GUI thread)")
        print(f"    queued (now)       {_figures(queued)}   (GUI thread)")
        print(f"    queued: durable    {_figures(behind)}   (after the edit, by the writer thread)")
        print(f"    paste of 1,000 cells: synced {synced_paste * 1e3:.2f} ms on the GUI thread; queued "
              f"{gui_paste * 1e3:.3f} ms on the GUI thread, durable after {paste_written * 1e3:.2f} ms")


def main() -> None:
    print(f"recovery journal, {EDITS} edits {GAP_S * 1e3:.0f} ms apart, per edit in ms")
    for folder in DIRS:
        for busy in (False, True):
            stop = multiprocessing.Event()
            loader = None
            if busy:
                loader = multiprocessing.Process(target=_busy_disk, args=(str(folder), stop))
                loader.start()
                time.sleep(0.5)
            try:
                print(f"  {folder} ({'disk busy' if busy else 'quiet'}; load average {_load()})")
                _run(folder)
            finally:
                if loader is not None:
                    stop.set()
                    loader.join()
        print(f"  (load average after {_load()})")


if __name__ == "__main__":
    main()
