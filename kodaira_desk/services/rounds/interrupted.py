"""A hand-out killed between its files taking their names, finished (services/rounds/handout.py).

The hand-out writes and fsyncs every file beside its final name, commits the records, then renames
the files one after the other. A kill -9 among the renames leaves the master recording every
department's file while the folder has only some of them: the others are whole temporaries
(`.kd-tmp-<name>.…part`) beside their places. As a journal is replayed, each such temporary that is
a whole department file of its recorded hand-out takes its name here; a temporary that is not
(half written, another hand-out's) is named as missing, for the division to hand out again.

`round status`, `collect` and the window's 回収状況と取り込み call it before they show who is missing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.io.atomic import TMP_PREFIX, AtomicWriteError, move_into_place
from kodaira_desk.services.open_files import hold, open_elsewhere
from kodaira_desk.store.database import Database
from kodaira_desk.store.department_file import open_untrusted


@dataclass(frozen=True)
class Finished:
    named: list[Path] = field(default_factory=list)  # files that took their names now
    missing: list[tuple[str, Path]] = field(default_factory=list)  # (課, its file's place): hand out again
    # (課, its file's place): a re-issue's file waiting while a window has the old one open there
    waiting: list[tuple[str, Path]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What the division reads (the command line; the window translates the same words)."""
        out = [f"中断された配布を完了しました: {p}" for p in self.named]
        out += [f"{dept}: 配布ファイル {p.name} が作られていません（配布が中断されました）。"
                f"提出用ファイルの配布で、この課に配布し直してください。" for dept, p in self.missing]
        out += [f"{dept}: {p} を開いている画面があるため、中断された配布し直しを完了していません（開いているのは"
                f"差し替え済みの古いファイルです）。その画面を閉じてから、もう一度回収状況を確かめてください。"
                for dept, p in self.waiting]
        return out


def finish_interrupted(db: Database, year: FiscalYear) -> Finished:
    """Name the whole temporaries a killed hand-out of `year` left beside its recorded files."""
    with db.unit_of_work() as uow:
        issued = uow.rounds.issued_paths(year.year)
    done = Finished()
    for hid, department, path in issued:
        target = Path(path)
        try:
            left = sorted(target.parent.glob(f"{TMP_PREFIX}{target.name}.*.part"))
        except OSError:
            continue
        if not left:
            continue  # there, or moved or removed by someone: not a hand-out's interruption
        # a re-issue killed before this file had its name: the one there is the earlier hand-out's
        there = target.exists()
        if there and _handout_id_of(target, check=False) == hid:
            continue  # its name taken already (what waits beside it is another writer's)
        whole = next((p for p in left if _handout_id_of(p) == hid), None)
        if whole is None:
            if not there:
                done.missing.append((department, target))
            continue
        # its mark held from the check through the move, as a hand-out holds it (a window opening the
        # file meanwhile opens it without the mark, and its save finds the new hand-out there)
        taken = hold(target) if there else None
        if there and taken is None and open_elsewhere(target):  # never replaced under a window: later
            done.waiting.append((department, target))
            continue
        try:
            move_into_place(whole, target)
        except AtomicWriteError:
            done.missing.append((department, target))
            continue
        finally:
            if taken is not None:
                taken.release()
        done.named.append(target)
    return done


def _handout_id_of(path: Path, *, check: bool = True) -> str | None:
    """The hand-out a whole department file was cut for; None for anything else. `check`: the
    file checked whole first (a temporary); else only its meta row read (the file under its name)."""
    try:
        con = open_untrusted(path)
    except sqlite3.Error:
        return None
    try:
        if check and con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return None
        row = con.execute("SELECT value FROM meta WHERE key = 'handout_id'").fetchone()
        return str(row[0]) if row is not None else None
    except sqlite3.Error:
        return None
    finally:
        con.close()
