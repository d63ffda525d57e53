"""Review: f3b0ebe keeps a clerk's saved file beside as …配布し直す前の入力.kdesk before a
re-issue replaces it, and removes that copy again 'if the hand-out fails' (filled_kept.forget, on the
hand-out's outermost ExitStack). The files take their names one by one after the records commit
(io.atomic.FileGroup._commit): when a later rename fails (Windows: the next file held open by another
program, a share that drops), the earlier files were replaced already, and forget() then deletes the
only copy of what the clerk saved in them. Nothing the clerk saved may be on no disk."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from tdiv_round import next_program_handed_out

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.io import atomic
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import save_edits
from kodaira_desk.services.rounds.common import RoundError
from kodaira_desk.services.rounds.handout import handout


def _meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as c:
        return dict(c.execute("SELECT key, value FROM meta").fetchall())


def test_a_reissue_whose_second_rename_fails_keeps_the_first_clerks_save(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "配布"
    files = next_program_handed_out(db_path, out)
    two = sorted(files)[:2]
    renamed: list[Path] = []
    real = os.replace

    def replace(src, dst):  # type: ignore[no-untyped-def]
        target = Path(dst)
        if target.suffix == ".kdesk" and target.parent == out and "配布し直す前の入力" not in target.name:
            if len(renamed) == 1:
                raise PermissionError(13, "The process cannot access the file", str(dst))
            renamed.append(Path(dst))
        return real(src, dst)

    # the order the files take their names in (a first re-issue, nothing saved yet)
    db = open_database(db_path, create=False)
    try:
        order = [f.path for f in handout(db, FiscalYear(2026), out, two, again=True)]
    finally:
        db.dispose()
    first = order[0]
    clerk = open_database(first, create=False)  # the clerk saves in the first file (one more revision)
    try:
        save_edits(clerk, {}, actor="clerk")
    finally:
        clerk.dispose()
    saved = _meta(first)
    assert int(saved["revision"]) >= 1

    monkeypatch.setattr(atomic.os, "replace", replace)
    db = open_database(db_path, create=False)
    try:
        with pytest.raises(RoundError) as refused:
            handout(db, FiscalYear(2026), out, two, again=True)
    finally:
        db.dispose()
    assert renamed == [first]  # the first file was replaced, the second rename failed
    holding = [p for p in out.iterdir() if p.suffix == ".kdesk"
               and _meta(p).get("handout_id") == saved["handout_id"] and _meta(p).get("revision") == saved["revision"]]
    assert holding, sorted(p.name for p in out.iterdir())
    assert str(holding[0]) in str(refused.value)  # and the person is told where it is
