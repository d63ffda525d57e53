"""Fixtures of the round's tests."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kodaira_desk.services import received_files


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 900 KB tmpfs: room for the master (about 460 KB) and a workbook's copy, not for a backup
    of the master beside it."""
    where = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    where.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=900k", "tmpfs", str(where)],
                              capture_output=True, check=False)
    except OSError:
        done = None
    if done is None or done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root): the simulated tests cover ENOSPC")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[received_files._Worker]]:
    """Every worker process a collection starts (two for any number of files, so that the
    workers are used on any machine)."""
    started: list[received_files._Worker] = []
    real = received_files._Worker.__init__

    def spy(self: received_files._Worker) -> None:
        real(self)
        started.append(self)

    monkeypatch.setattr(received_files._Worker, "__init__", spy)
    monkeypatch.setattr(received_files, "workers_for", lambda n, size=None: 2)
    yield started
    assert all(w.proc.poll() is not None for w in started), "a worker outlived its collection"
