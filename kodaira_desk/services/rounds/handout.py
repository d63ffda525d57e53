"""Handing out: one department file per department for a fiscal year, recorded in the master.

The whole hand-out is one transaction holding the write lock: every file is written beside its
final name and checked, the records are committed, and only then are the files renamed into place
(io.atomic). A kill before the commit leaves the master as it was and only temporary files, which
the next hand-out into the folder removes; nothing is ever issued without its record.
"""

from __future__ import annotations

import datetime
import sqlite3
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kodaira_desk import __version__
from kodaira_desk.domain.era_text import era_date
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round import HandoutStatus
from kodaira_desk.io.atomic import AtomicWriteError, atomic_group, os_error_message, sweep
from kodaira_desk.io.dept_workbook.layout import RoundYear
from kodaira_desk.services.master_only import require_master
from kodaira_desk.services.open_files import hold, open_elsewhere
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.rounds import carry, filled_kept, workbook
from kodaira_desk.services.rounds import notes_round as notes
from kodaira_desk.services.rounds.common import HandoutFile, Progress, RoundError, master_id_in, now
from kodaira_desk.services.rounds.settings import KEEP, put_settings_in
from kodaira_desk.services.rounds.yearly import plan_handout
from kodaira_desk.store import transfer
from kodaira_desk.store.database import Database
from kodaira_desk.store.department_image import DepartmentImage, write_department_file

if TYPE_CHECKING:
    from kodaira_desk.store.unit_of_work import UnitOfWork

# a re-issue into a folder where a window has a department's file open (services/open_files.py)
OPEN_IN_A_WINDOW = ("{files}: 提出用ファイルを開いている画面（または同じフォルダへの別の配布）があるため、配布し直しません"
                    "でした（置き換えると、その画面で"
                    "入力している値が別の配布のファイルに保存されてしまいます）。その画面で保存して閉じてから、もう一度"
                    "配布してください。どの課にも配布していません。")
MAX_FILE_NAME_BYTES = 200  # most filesystems allow 255 bytes; leave room for the temporary suffix


def handout_file_name(year: FiscalYear, department: str) -> str:
    name = f"提出用_{year.era_label()}_{department}.kdesk"
    if len(name.encode("utf-8")) > MAX_FILE_NAME_BYTES:
        raise RoundError(f"課の名前が長すぎてファイル名にできません: {department[:30]}…")
    return name


def handout(db: Database, year: FiscalYear, out_dir: Path, departments: Sequence[str] | None = None,
            progress: Progress | None = None, file_format: str = "kdesk", *,
            deadline: datetime.date | object | None = KEEP, head_check_required: bool | None = None,
            actor: str | None = None, again: bool = True) -> list[HandoutFile]:
    """One department file per department for `year`, recorded in the master. `file_format`:
    "kdesk" (the app's file), "xlsx" (an Excel workbook: services/rounds/workbook.py) or "both"
    (one hand-out, two files; the department returns either). Without `departments`, every
    department with something to fill in the plans in force that year (services/rounds/yearly.py);
    a year no plan runs in, or a department file as the master (master_only), refused first. Issue 24: `deadline` and `head_check_required` set the round's (KEEP and None keep what it
    has; a deadline of None removes it), and each file carries them (the clerk's banner, the
    workbook's first sheet); each department's file starts from the year before's 実施等状況 where
    this year has none (services.rounds.carry). A 課 whose file of the year is still out, or was
    collected (handed_out), is handed out again, superseding it, only with `again` (再配布); else
    skipped, under the lock. A year fixed (確定) in every plan in force is refused (plan_handout)."""
    require_master(db)
    try:
        kinds = workbook.formats_of(file_format)
    except ValueError as exc:
        raise RoundError(f"配布の形式が正しくありません: {file_format}（kdesk、xlsx、both のいずれか）") from exc

    new_folder = not out_dir.exists()  # removed again if the hand-out fails (a full disk): no empty folder
    made: list[HandoutFile] = []
    kept: dict[Path, Path] = {}  # replaced file -> the clerk's uncollected save in it, kept beside
    try:
        # the files take their names only once their records are committed (io.atomic.atomic_group), the
        # lock first, then the file every department's copy is made from (a server: one snapshot)
        with ExitStack() as replacing, atomic_group() as files, db.unit_of_work() as uow, \
                transfer.as_file(db) as master, ThreadPoolExecutor(1, thread_name_prefix="kd-handout-image") as beside:
            # one image of the master for every department's file (store/department_image.py), made
            # on a thread (SQLite's VACUUMs and check, outside the interpreter's lock) while the plans
            # are read here, under the same lock as the image and the fields
            image = beside.submit(DepartmentImage.of, master) if "kdesk" in kinds else None
            trees = load_all(db)
            chosen, names, books = _departments_and_folder(trees, year, departments, out_dir, uow.year.locked())
            held = {} if again else handed_out_in(uow, year)  # a file out or collected: never superseded unasked
            chosen = [d for d in chosen if d not in held]
            kept = _hold_replaced([out_dir / names[d] for d in chosen] if "kdesk" in kinds else [], replacing, uow)
            source = image.result() if image is not None else None
            repo = uow.rounds
            mid = master_id_in(uow)
            # the master's fields under the lock: the image's (read as it was made, under the same lock:
            # it differs from the master only in the round's records and meta, none of them a field)
            fields = dict(source.fields) if source is not None else uow.fields.all()
            base = repo.save_snapshot(fields)
            settings = put_settings_in(uow, year, deadline=deadline, head_check_required=head_check_required,
                                       actor=actor)
            due = settings.deadline.isoformat() if settings.deadline else ""
            prefills = carry.prefills_for(trees, chosen, year, fields) if source is not None else {}
            carried = carry.carried_for_each(trees, chosen, year, fields) if "xlsx" in kinds else {}  # issue 24
            repo.supersede_issued(chosen + _reorganised_into(uow, chosen, year), year.year)  # their earlier hand-outs
            for i, dept in enumerate(chosen):
                hid = str(uuid.uuid4())
                path = out_dir / names[dept]
                issued_at = now()
                meta = {"file_kind": "department", "handout_id": hid, "master_id": mid, "department": dept,
                        "fiscal_year": str(year.year), "app_version": __version__, "issued_at": issued_at,
                        "deadline": due, "head_check_required": "1" if settings.head_check_required else "0"}
                if source is not None:
                    with files.path(path) as tmp:
                        write_department_file(source, tmp, meta, notes.prefill(trees, dept, prefills[dept]))
                    made.append(HandoutFile(hid, dept, path, kept.get(path)))
                if "xlsx" in kinds:
                    book = out_dir / books[dept]
                    with files.path(book) as tmp:
                        workbook.write_handout_workbook(uow, tmp, trees, dept, year, fields, mid, hid, base,
                                                        era_date(settings.deadline, weekday=True)
                                                        if settings.deadline else "",
                                                        RoundYear(tuple(carried[dept]), settings.head_check_required))
                    made.append(HandoutFile(hid, dept, book))
                first = made[-len(kinds)].path
                repo.add_handout(hid, dept, year.year, issued_at, first.name, base, deadline=due or None,
                                 issued_path=str(first.resolve()))
                if progress:
                    progress(i + 1, len(chosen))
            files.synced()  # every file on the disk (a full disk fails here) before the records commit
    except (OSError, AtomicWriteError, sqlite3.OperationalError) as exc:
        raise _failed(out_dir, new_folder, exc, kept) from exc
    if not made:  # every 課 had its file (or none has items): the new folder is not left behind, empty
        _unmake(out_dir, new_folder)
    return made


def _reorganised_into(uow: UnitOfWork, chosen: Sequence[str], year: FiscalYear) -> list[str]:
    """The 課 reorganised into `chosen` from `year` or earlier (renamed, merged; split once every new
    課 is handed out): the new 課's file of the year replaces theirs, so they are no longer owed
    (未返却, 催促) for a 課 that no longer exists."""
    picked = set(chosen)
    return [s for ev in uow.plans.history().events if ev.year <= year and set(ev.targets) <= picked
            for s in ev.sources if s not in picked]


def _unmake(out_dir: Path, made: bool) -> None:
    """The folder a hand-out made, removed when nothing is in it (a failed hand-out's temporary files
    are gone by now; a folder something else wrote into stays)."""
    if made:
        with suppress(OSError):
            out_dir.rmdir()


@dataclass(frozen=True)
class HandedOut:
    """A 課's current file of a year: still out (配布済み), or collected (回収済み). Handing it out
    again supersedes it: a file still out is then refused when it comes back; of a collected one,
    what was taken stays in the master (and in the new file, cut from the master), and only what
    the new file changes is merged when it is collected (MERGE.md: against the new hand-out's base)."""

    department: str
    file_name: str  # the file handed out
    issued_at: str
    collected_at: str | None = None  # 回収済み: when its last return was taken in
    open_conflicts: int = 0  # 要確認 left of what was collected (they stay open when it is handed out again)

    @property
    def collected(self) -> bool:
        return self.collected_at is not None

    def when(self) -> str:
        """When it was collected (or handed out), to the minute: 「2026-12-07 10:30」."""
        return (self.collected_at or self.issued_at)[:16].replace("T", " ")


def handed_out_in(uow: UnitOfWork, year: FiscalYear) -> dict[str, HandedOut]:
    """課 -> its current (not superseded) file of `year`: out, or collected."""
    repo = uow.rounds
    held: dict[str, HandedOut] = {}
    for h in sorted(repo.load_handouts(), key=lambda h: h.issued_at):
        if h.fiscal_year != year.year or h.status is HandoutStatus.SUPERSEDED:
            continue
        if h.status is HandoutStatus.ISSUED:  # a file returned unfilled is still owed: out
            held[h.department] = HandedOut(h.department, h.file_name, h.issued_at)
        else:
            held[h.department] = HandedOut(h.department, h.file_name, h.issued_at, h.returned_at or h.issued_at,
                                           repo.open_conflicts_of_handout(h.id))
    return held


def handed_out(db: Database, year: FiscalYear) -> dict[str, HandedOut]:
    """課 -> `year`'s file handed out to it and not superseded: still out (配布済み) or collected
    (回収済み). Handing out again skips these unless asked (再配布)."""
    with db.reading() as uow:
        return handed_out_in(uow, year)


def live_handouts(db: Database, year: FiscalYear) -> dict[str, tuple[str, str]]:
    """課 -> (when, which file) of `year`'s files handed out and not collected yet: handing one
    out again supersedes it, and the department's filled-in copy is then refused."""
    return {d: (h.issued_at, h.file_name) for d, h in handed_out(db, year).items() if not h.collected}


def last_handout_folder(db: Database) -> Path | None:
    """The folder of the master's latest hand-out (the window's or a batch's `handout --out`), while
    it is there: the 配布 dialog offers it again (None: no hand-out recorded, or its folder gone)."""
    with db.reading() as uow:
        issued = [h for h in uow.rounds.load_handouts() if h.issued_path]
    if not issued:
        return None
    folder = Path(str(max(issued, key=lambda h: h.issued_at).issued_path)).parent
    return folder if folder.is_dir() else None


def fixed_years(db: Database) -> frozenset[tuple[str, int]]:
    """(plan id, fiscal year) of every year the policy division has fixed (確定)."""
    with db.reading() as uow:
        return uow.year.locked()


def _hold_replaced(paths: Sequence[Path], holding: ExitStack, uow: UnitOfWork) -> dict[Path, Path]:
    """Each file a hand-out would replace, held as open (services/open_files.py) until the hand-out
    ends (its files have their new names): refused (RoundError, nothing written) when a window has one open.
    Then each that holds a clerk's uncollected save kept beside (rounds.filled_kept; removed again
    if the hand-out fails, except where its file was replaced already): replaced path -> kept copy."""
    busy: list[str] = []
    for path in paths:
        if not path.exists():
            continue
        taken = hold(path)
        if taken is not None:
            holding.callback(taken.release)
        elif open_elsewhere(path):  # (a folder that takes no mark: refused as it is written)
            busy.append(path.name)
    if busy:
        raise RoundError.of(OPEN_IN_A_WINDOW, files="、".join(busy))
    existing = [p for p in paths if p.is_file()]  # (a first hand-out into a folder asks nothing more)
    kept = filled_kept.keep_filled(existing, uow.rounds.merged_shas()) if existing else {}
    holding.push(lambda failed, *_: filled_kept.forget(kept) if failed else None)
    return kept


def _failed(out_dir: Path, new_folder: bool, exc: BaseException, kept: dict[Path, Path]) -> RoundError:
    """A hand-out that failed: the folder it made removed when empty, and the refusal, naming where the
    clerks' saves of the files it had replaced already are kept (the copies filled_kept.forget left)."""
    _unmake(out_dir, new_folder)
    left = [copy for copy in kept.values() if copy.exists()]
    note = ("置き換え済みのファイルにあった課の保存した（まだ回収していない）入力は、次のファイルに残しています: "
            + "、".join(str(p) for p in left)) if left else ""
    return RoundError(_refused(out_dir, exc) + note)


def _departments_and_folder(trees: Sequence[PlanTree], year: FiscalYear, departments: Sequence[str] | None,
                            out_dir: Path, locked: frozenset[tuple[str, int]]
                            ) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The departments handed out (each one's evidence files checked to fit in its file), their
    files' names and workbooks' names; the folder made, and what a killed hand-out left there removed."""
    chosen = list(plan_handout(trees, year, departments, locked).departments)
    notes.check_carried_evidence(trees, chosen)
    names = {d: handout_file_name(year, d) for d in chosen}
    books = {d: workbook.workbook_file_name(year, d) for d in chosen}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RoundError(os_error_message(out_dir, exc)) from exc
    sweep(out_dir)
    return chosen, names, books


def _refused(place: Path, exc: BaseException) -> str:
    if isinstance(exc, AtomicWriteError):
        return exc.message
    if isinstance(exc, sqlite3.OperationalError):
        return _sqlite_message(place, exc)
    return os_error_message(place, exc) if isinstance(exc, OSError) else str(exc)


def _sqlite_message(place: Path, exc: sqlite3.OperationalError) -> str:
    text = str(exc).lower()
    if "full" in text:
        return f"{place}: ディスクの空きが足りないため配布ファイルを作れませんでした。空きを作ってからもう一度実行してください。"
    if "readonly" in text or "unable to open" in text:
        return f"{place}: 書き込みの権限がないため配布ファイルを作れませんでした。"
    return f"{place}: 配布ファイルを作れませんでした（{str(exc).splitlines()[0][:80]}）。"
