"""Kill -9 at random moments of `collect`, `handout`, `build-db` and a department file's save,
then check what is left: the master whole-before or whole-after, `integrity_check` ok, the
read-only commands working, and no stray files once the next run has tidied.

    .venv/bin/python tools/kill_loop.py --kills 200          # the long form (a few minutes)
    .venv/bin/python tools/kill_loop.py --kills 20 --seed 3  # the short form the test suite runs

Each kill is reported; the exit code is 1 when any check failed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kodaira_desk.domain.fiscal_year import FiscalYear  # noqa: E402
from kodaira_desk.domain.model import Revision, ValueKind  # noqa: E402
from kodaira_desk.io.atomic import TMP_PREFIX  # noqa: E402
from kodaira_desk.services.database import build_database, open_database  # noqa: E402
from kodaira_desk.services.editing import ValueCell, content_of, save_edits  # noqa: E402
from kodaira_desk.services.rounds.collect import collect  # noqa: E402
from kodaira_desk.services.rounds.handout import handout  # noqa: E402
from kodaira_desk.store.reader import content_hash, get_meta, read_fields, recover_hot_journal  # noqa: E402

MODES = ("collect", "handout", "build-db", "save")
DEPARTMENTS = ["産業振興課", "子育て支援課", "保育課", "健康推進課", "水と緑と公園課", "学務課"]
R2 = FiscalYear(2020)


@dataclass
class Result:
    kills: int = 0
    failures: list[str] = field(default_factory=list)
    outcomes: dict[str, dict[str, int]] = field(default_factory=dict)
    killed: dict[str, int] = field(default_factory=dict)  # kills per mode
    # collections killed while working: the master's journal or a private copy was left behind
    killed_mid_collection: int = 0
    # hand-outs killed while writing the department files: some written, or one being written
    killed_mid_handout: int = 0

    def note(self, mode: str, what: str) -> None:
        self.outcomes.setdefault(mode, {}).setdefault(what, 0)
        self.outcomes[mode][what] += 1


def _state(master: Path) -> tuple[object, ...]:
    """What the master holds: its entry fields and how many round records it has."""
    recover_hot_journal(master)  # what any command does first
    con = sqlite3.connect(f"file:{master}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        counts = tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in ("handouts", "imports", "conflicts", "audit_log", "snapshots"))
        return ok, counts, tuple(sorted(read_fields(con).items()))
    finally:
        con.close()


def _strays(folder: Path) -> list[str]:
    out = []
    for p in folder.rglob("*"):
        n = p.name
        if n.startswith((TMP_PREFIX, "kd-received-")) or n.endswith((".part", ".building", "-journal")):
            out.append(str(p.relative_to(folder)))
    return out


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "kodaira_desk.cli", *args]


STARTUP = [0.0]  # seconds a child takes to start (imports); kills aim after it


def _moment(rnd: random.Random, duration: float) -> float:
    """A random moment of the child's work (mostly after its start-up, sometimes during it). The
    start-up is taken as at most 0.8 of the command's duration: both are measured on a machine whose
    load changes, and a start-up measured in a busy second must not push every kill past the end."""
    start = min(STARTUP[0], 0.8 * duration) if rnd.random() < 0.9 else 0.0
    return rnd.uniform(start, max(duration, start + 0.05))


FINISHED: list[float] = []  # how long the last command that was not killed took (seconds)


UNKILLED_ERRORS: list[str] = []  # a command that ran to its end with a traceback or an error


def _finished(cmd: list[str], rc: int, stderr: bytes) -> None:
    """A command that was not killed must have done its work (exit 0, or 1: collect's "a person
    should look") and printed no traceback."""
    text = stderr.decode("utf-8", "replace")
    if "Traceback" in text or rc not in (0, 1):
        UNKILLED_ERRORS.append(f"{' '.join(cmd[2:4])}: exit {rc}, {text.strip()[-300:]}")


def _kill_during(cmd: list[str], seconds: float, env: dict[str, str]) -> bool:
    """Start `cmd`, SIGKILL it after `seconds`; True when it was killed (not already finished)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True)
        try:
            proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        FINISHED[:] = [time.perf_counter() - t0]
        err.seek(0)
        _finished(cmd, proc.returncode, err.read())
        return False


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - t0
    _finished(cmd, done.returncode, done.stderr)
    return elapsed


class Setup:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.template = build_database(work / "template.sqlite")
        self.master0 = work / "master0.sqlite"
        shutil.copyfile(self.template, self.master0)
        db = open_database(self.master0, create=False)
        made = handout(db, R2, work / "配布", DEPARTMENTS, file_format="both")  # a .kdesk and a workbook each
        db.dispose()
        kdesks = [f for f in made if f.path.suffix == ".kdesk"]
        for f in kdesks:
            _clerk_edit(f.path, f.department)
        # each workbook filled in and saved twice as Excel saves it; the first save, mailed earlier,
        # comes in last: refused as 古い版 by the workbook's own save time (issue 26)
        con = sqlite3.connect(self.master0)
        issued = datetime.fromisoformat(con.execute("SELECT min(issued_at) FROM handouts").fetchone()[0])
        con.close()
        books = [f.path for f in made if f.path.suffix == ".xlsx"]
        older = [_book_saves(p, issued) for p in books]
        self.files = [f.path for f in kdesks] + books + older
        self.master = work / "master.sqlite"
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "KODAIRA_DESK_DATA_DIR": str(work / "userdata")}
        # the whole-after state of one collection, made on a copy without interruption
        after = work / "after" / "master.sqlite"
        after.parent.mkdir()
        shutil.copyfile(self.master0, after)
        db = open_database(after, create=False)
        collect(db, self.files)
        db.dispose()
        self.collect_after = _state(after)
        self.collect_before = _state(self.master0)

    def fresh_master(self) -> None:
        for p in self.work.glob("master.sqlite*"):
            p.unlink()
        for p in self.work.glob("master-*"):
            shutil.rmtree(p, ignore_errors=True)
        shutil.copyfile(self.master0, self.master)


def _clerk_edit(path: Path, department: str, value: str = "12") -> None:
    from kodaira_desk.domain.scope import DepartmentScope
    from kodaira_desk.services.plans import load_all

    db = open_database(path, create=False)
    try:
        edits = {}
        for tree in load_all(db):
            owns = DepartmentScope(tree, department).owns_field
            for ind in tree.indicators:
                key = f"value:{tree.plan.id}:{ind.key}:actual:2020:"
                if owns(key) and len(edits) < 3:
                    cell = ValueCell(tree.plan.id, ind.key, ValueKind.ACTUAL, 2020, Revision.CURRENT)
                    edits[cell] = content_of(cell, f"{value}{ind.unit}")
        save_edits(db, edits)
    finally:
        db.dispose()


def _stamped(path: Path, at: datetime) -> None:
    """The workbook's save record as Excel writes it: when (UTC) and who (docProps/core.xml)."""
    import re
    import zipfile

    tmp = path.with_name(path.name + ".stamping")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "docProps/core.xml":
                when = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                text = re.sub(r"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                              f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>', data.decode())
                data = text.replace("</cp:coreProperties>", "<cp:lastModifiedBy>田中 太郎</cp:lastModifiedBy>"
                                    "</cp:coreProperties>").encode()
            zout.writestr(info, data)
    tmp.replace(path)


def _book_saves(path: Path, issued: datetime) -> Path:
    """Type into the workbook's first entry cells and save it twice (10 and 20 minutes after the
    hand-out); the first save is kept aside as an earlier mail. Returns that first save."""
    import openpyxl

    first = path.parent / "先に届いたメール" / path.name
    first.parent.mkdir(exist_ok=True)
    for n, (value, target) in enumerate(((11, first), (12, path)), start=1):
        wb = openpyxl.load_workbook(path)
        ws = wb["成果指標"]
        for c in [c for row in ws.iter_rows() for c in row if c.protection.locked is False][:2]:
            c.value = value
        wm = wb["実施状況"]  # and a 実施等状況 (a department with no indicator of its own has only these)
        for c in [c for row in wm.iter_rows(min_row=4) for c in row if c.protection.locked is False
                  and str(wm.cell(row=3, column=c.column).value or "").endswith("実施等状況")][:1]:
            c.value = f"{value}件の相談に対応した。"
        wb.save(target)
        _stamped(target, issued + timedelta(minutes=10 * n))
    return first


def _check_collect(s: Setup, r: Result, rnd: random.Random, duration: float) -> None:
    s.fresh_master()
    killed = _kill_during(_cli("--db", str(s.master), "collect", *map(str, s.files)),
                          _moment(rnd, duration), s.env)
    received = s.work / "master-受領ファイル"
    if killed and (s.master.with_name(s.master.name + "-journal").exists()
                   or (received.exists() and any(p.name.startswith("kd-received-") for p in received.iterdir()))):
        r.killed_mid_collection += 1
    state = _state(s.master)
    if state[0] != "ok":
        r.failures.append(f"collect: integrity_check {state[0]}")
    if state == s.collect_before:
        r.note("collect", "before")
    elif state == s.collect_after:
        r.note("collect", "after")
    else:
        diff = len(set(state[2]) ^ set(s.collect_after[2]))
        r.failures.append(f"collect: the master is neither whole-before nor whole-after (records {state[1]}, "
                          f"after {s.collect_after[1]}, {diff} fields differ from after)")
    _read_only_works(s.master, r, "collect")
    db = open_database(s.master, create=False)
    collect(db, [])  # the next collection tidies what a killed one left
    db.dispose()
    strays = _strays(s.work / "master-受領ファイル") if (s.work / "master-受領ファイル").exists() else []
    if strays:
        r.failures.append(f"collect: stray files {strays[:3]}")
    r.kills += killed


def _check_handout(s: Setup, r: Result, rnd: random.Random, duration: float) -> None:
    s.fresh_master()
    out = s.work / "handout-out"
    shutil.rmtree(out, ignore_errors=True)
    before = _state(s.master)
    killed = _kill_during(_cli("--db", str(s.master), "handout", "--year", "R2", "--out", str(out)),
                          _moment(rnd, duration), s.env)
    state = _state(s.master)
    if state[0] != "ok":
        r.failures.append(f"handout: integrity_check {state[0]}")
    con = sqlite3.connect(f"file:{s.master}?mode=ro", uri=True)
    recorded = {n for (n,) in con.execute("SELECT file_name FROM handouts")}
    con.close()
    made = {p.name for p in out.glob("*.kdesk")} if out.exists() else set()
    writing = bool(out.exists() and _strays(out))
    if killed and (writing or 0 < len(made) < HANDOUT_FILES[0]):
        r.killed_mid_handout += 1
    for name in sorted(made):  # a file under its final name is whole: never a half-written one
        problem = _department_file_problem(out / name)
        if problem:
            r.failures.append(f"handout: {name} under its final name is not whole: {problem}")
    unrecorded = made - recorded
    if unrecorded:
        r.failures.append(f"handout: files without a record {sorted(unrecorded)[:2]}")
    r.note("handout", "before" if state == before else "after")
    _read_only_works(s.master, r, "handout")
    if out.exists():
        from kodaira_desk.io.atomic import sweep

        sweep(out)  # what the next hand-out into the folder does first
        strays = _strays(out)
        if strays:
            r.failures.append(f"handout: stray files {strays[:3]}")
    r.kills += killed


HANDOUT_FILES = [0]  # how many department files a whole hand-out writes


def _department_file_problem(path: Path) -> str | None:
    """Why a department file is not whole (its database damaged, its department not set), or None."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            department = get_meta(con, "department")
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)
    if ok != "ok":
        return f"integrity_check {ok}"
    return None if department else "no department recorded"


def _check_build(s: Setup, r: Result, rnd: random.Random, duration: float) -> None:
    target = s.work / "built" / "fresh.sqlite"
    target.parent.mkdir(exist_ok=True)
    existed = target.exists()
    killed = _kill_during(_cli("build-db", "--out", str(target), "--force"), _moment(rnd, duration), s.env)
    if target.exists():
        con = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        plans = con.execute("SELECT count(*) FROM plans").fetchone()[0]
        con.close()
        if ok != "ok" or plans != 3:
            r.failures.append(f"build-db: a half-built database ({ok}, {plans} plans)")
        r.note("build-db", "whole" if existed or not killed else "whole-new")
    else:
        r.note("build-db", "absent")
    from kodaira_desk.io.atomic import sweep

    sweep(target.parent, target.name)
    strays = _strays(target.parent)
    if strays:
        r.failures.append(f"build-db: stray files {strays[:3]}")
    r.kills += killed


def _check_save(s: Setup, r: Result, rnd: random.Random, duration: float) -> None:
    f = s.work / "saving" / s.files[0].name  # its own copy: the collected files stay as they are
    if not f.exists():
        f.parent.mkdir(exist_ok=True)
        shutil.copyfile(s.files[0], f)
    killed = _kill_during([sys.executable, str(Path(__file__)), "--child-save", str(f)],
                          _moment(rnd, duration), s.env)
    recover_hot_journal(f)
    con = sqlite3.connect(f"file:{f}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        stamped = get_meta(con, "content_hash")
        fields = read_fields(con)
    finally:
        con.close()
    if ok != "ok":
        r.failures.append(f"save: integrity_check {ok}")
    if stamped != content_hash(fields):
        r.failures.append("save: the file's content does not match the hash of its last save")
    r.note("save", "whole")
    r.kills += killed


def _read_only_works(master: Path, r: Result, mode: str) -> None:
    from kodaira_desk.services.plans import list_plans

    try:
        db = open_database(master, create=False)
        if len(list_plans(db)) != 3:
            r.failures.append(f"{mode}: plans lists {len(list_plans(db))} plans")
        db.dispose()
    except Exception as exc:
        r.failures.append(f"{mode}: a read-only command failed: {exc}")


def child_save(path: Path) -> None:
    """Save the department file again and again (what the kill interrupts)."""
    n = 0
    while True:
        n += 1
        _clerk_edit(path, get_department(path), value=str(10 + n % 50))


def get_department(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return get_meta(con, "department") or ""
    finally:
        con.close()


def run(kills: int, seed: int = 0, work: Path | None = None, log: Callable[[str], None] | None = None,
        only: str | None = None) -> Result:
    rnd = random.Random(seed)
    own = work is None
    work = work or Path(tempfile.mkdtemp(prefix="kd-kill-"))
    try:
        s = Setup(work)
        s.fresh_master()
        STARTUP[0] = _timed([sys.executable, "-c", "import kodaira_desk.cli, kodaira_desk.services.rounds, "
                             "kodaira_desk.store.database, sqlalchemy.orm"], s.env)
        durations = {
            "collect": _timed(_cli("--db", str(s.master), "collect", *map(str, s.files)), s.env),
            "handout": _timed(_cli("--db", str(s.master), "handout", "--year", "R2", "--out",
                                   str(work / "timing-out")), s.env),
            "build-db": _timed(_cli("build-db", "--out", str(work / "timing.sqlite"), "--force"), s.env),
            "save": 2.0,
        }
        HANDOUT_FILES[0] = len(list((work / "timing-out").glob("*.kdesk")))
        checks = {"collect": _check_collect, "handout": _check_handout, "build-db": _check_build,
                  "save": _check_save}
        r = Result()
        attempts = 0
        while r.kills < kills and attempts < kills * 3:
            mode = only or MODES[attempts % len(MODES)]
            attempts += 1
            before, kills_before = len(r.failures), r.kills
            FINISHED.clear()
            checks[mode](s, r, rnd, durations[mode])
            r.killed[mode] = r.killed.get(mode, 0) + r.kills - kills_before
            if FINISHED and r.kills == kills_before:  # it ended before the kill: aim within what it takes now
                durations[mode] = min(durations[mode], FINISHED[0])
            if log:
                log(f"{attempts:4d} {mode:8s} kills={r.kills} " + ("ok" if len(r.failures) == before
                                                                   else r.failures[-1]))
        r.failures.extend(UNKILLED_ERRORS)
        UNKILLED_ERRORS.clear()
        return r
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kills", type=int, default=200)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--mode", choices=MODES, help="only this command")
    p.add_argument("--child-save", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child_save:
        child_save(args.child_save)
        return 0
    r = run(args.kills, args.seed, log=print, only=args.mode)
    print(f"kills: {r.kills} {r.killed}, {r.killed_mid_collection} in the middle of a collection, "
          f"{r.killed_mid_handout} in the middle of a hand-out's writing; "
          f"outcomes: {r.outcomes}")
    for f in r.failures:
        print(f"FAILED: {f}")
    return 1 if r.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
