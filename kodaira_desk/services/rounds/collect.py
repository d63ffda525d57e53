"""Collecting returned department files: check each, order it by its revision, merge it.

One collection is one transaction holding the write lock from the start (BEGIN IMMEDIATE), with
the master's fields read inside it; each file runs in its own SAVEPOINT, so a file that fails for
any reason — a refusal or an error nobody foresaw — is rolled back alone, recorded as refused with
its name and a reason code, and the others go on. Nothing is committed until the end: a kill at
any moment leaves the master exactly as before or exactly as after.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from kodaira_desk.domain.annotations import is_annotation_key, plan_id_of, underlying
from kodaira_desk.domain.departments import DepartmentHistory
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.limits import YEAR_MARGIN, LimitError, check_new_fields, check_year
from kodaira_desk.domain.lineage import hold_unsure
from kodaira_desk.domain.merge import Conflict, ConflictKind, FieldValue, three_way
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round import HandoutStatus, Outcome
from kodaira_desk.domain.round_records import Handout
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.io.atomic import AtomicWriteError, SyncedBehind, atomic_path, os_error_message
from kodaira_desk.services.editing import Content, Target, content_of, target_of, write_edits
from kodaira_desk.services.master_only import require_master
from kodaira_desk.services.received_files import Preparers, no_tick, size_of
from kodaira_desk.services.received_prepare import Prepared, prepare
from kodaira_desk.services.rounds import by_lineage, handed_scope, removed, workbook
from kodaira_desk.services.rounds import notes_round as notes
from kodaira_desk.services.rounds.carry import UNCHANGED_NOTE
from kodaira_desk.services.rounds.collect_failed import collection_failed
from kodaira_desk.services.rounds.common import (
    CollectReport,
    DepartmentState,
    FileOutcome,
    Progress,
    RoundError,
    describe,
    master_id_in,
    now,
    when,
)
from kodaira_desk.services.rounds.lines import ReturnLine
from kodaira_desk.services.rounds.status import round_status, round_years
from kodaira_desk.services.rounds.year_rules import YearRules
from kodaira_desk.services.session import holds_key
from kodaira_desk.store import transfer
from kodaira_desk.store.database import (
    SCHEMA_VERSION,
    Database,
    StoreError,
    create_schema,
    make_engine,
    write_error_message,
)
from kodaira_desk.store.department_file import (
    PRIVATE_PREFIX,
    DepartmentFile,
    FileRefused,
    inspect,
    private_copy,
)
from kodaira_desk.store.unit_of_work import UnitOfWork


def received_folder(db: Database) -> Path:
    """Where a read-only copy of every received file is kept, beside the master."""
    folder = db.path.parent / f"{db.path.stem}-受領ファイル"
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise RoundError(os_error_message(folder, exc)) from exc
    return folder


def backup_master(db: Database) -> Path:
    """A consistent copy of the master (a SQLite file: Database.backup) before it is changed,
    written whole or not at all (synced before it has its name: a backup is what a person takes
    back after a crash, so it is never a name on a half-written file)."""
    folder = db.path.parent / f"{db.path.stem}-バックアップ"
    target = folder / f"{db.path.stem}-{datetime.now():%Y%m%d-%H%M%S-%f}.sqlite"
    with atomic_path(target) as tmp:
        transfer.backup(db, tmp)
    return target


def collect(db: Database, files: Sequence[Path], progress: Progress | None = None,
            actor: str | None = None) -> CollectReport:
    """Check and merge returned department files; report what happened to each and who is missing."""
    require_master(db)  # a department file is not a master (services/master_only.py)
    folder = received_folder(db)
    outcomes: list[FileOutcome] = []
    years: set[int] = set()
    run: _Collection | None = None
    # each file checked and read ahead, in worker processes when there are cores for it
    preparers = Preparers(len(files), size=size_of(files))
    try:
        with db.unit_of_work() as uow, closing(preparers):  # its workers end while the lock is held
            run = _Collection(db, uow, folder, actor)
            run.tidy()
            # while a file is awaited the progress is told again: a cancel takes effect within a file
            tick = (lambda: progress(len(outcomes), len(files))) if progress else no_tick
            with closing(preparers.in_turn([Path(p) for p in files], folder, tick)) as turns:
                for i, (path, prepared) in enumerate(turns):
                    outcome, year = run.one(path, prepared)
                    outcomes.append(replace(outcome, year=year) if year else outcome)
                    if year:
                        years.add(year)
                    if progress:
                        progress(i + 1, len(files))
            run.behind.synced()  # every kept copy on the disk before the commit
    except BaseException as exc:
        if run is not None:
            run.forget_copies()  # the transaction is gone: so are the copies it recorded
        if isinstance(exc, (StoreError, AtomicWriteError)):  # busy, disk full, read-only: nothing was collected
            raise collection_failed(exc, db, files) from exc
        raise
    finally:
        preparers.close()
        if run is not None:
            run.behind.close()
    if not years:
        years = set(round_years(db)[-1:])
    states: list[DepartmentState] = []
    for y in sorted(years):
        states.extend(round_status(db, FiscalYear(y)))
    return CollectReport(tuple(outcomes), tuple(states), dict(run.uow.changed) if run else {}, tuple(sorted(years)))


@dataclass
class _Merged:
    outcome: FileOutcome
    applied: dict[str, FieldValue]


class _Collection:
    """One collection: the unit of work holding the lock, the master's fields read inside it."""

    def __init__(self, db: Database, uow: UnitOfWork, folder: Path, actor: str | None) -> None:
        self.db = db
        self.uow = uow
        self.repo = uow.rounds
        # plan structure (names, departments), read under the lock when a change first needs it
        self.trees: Mapping[str, PlanTree] = PlanTrees(uow)
        self.folder = folder
        self.actor = actor
        self.master_id = master_id_in(uow)
        # Everything a collection asks of the master for each file, read once under the write lock:
        # the master's fields, every hand-out, the hashes of the files merged so far.
        self.fields: dict[str, FieldValue] = uow.fields.all()
        self._handouts = self.repo.load_handouts()
        self.merged_shas = self.repo.merged_shas()
        self.backed_up = False
        self.kept: list[Path] = []
        # the kept copies reach the disk behind the merge, every one before the commit
        self.behind = SyncedBehind()
        self._scopes: dict[tuple[str, str, int], DepartmentScope | None] = {}
        self._history: DepartmentHistory | None = None  # 課 reorganised since a hand-out (read when first asked)
        self._against: tuple[dict[str, FieldValue], dict[str, FieldValue], list[str]] | None = None
        # a snapshot's changes to the fields a worker's differences apply to (the same for each file it sends)
        self._base_changes: dict[tuple[str, int], tuple[dict[str, FieldValue], dict[str, FieldValue]]] = {}
        self.year = YearRules(uow)  # issue 24: locks, the head's check, carried texts

    # ------------------------------------------------------------ tidy
    def tidy(self) -> None:
        """Remove what a killed collection left: private copies, and kept copies no import records
        (we hold the write lock, so no other collection is running)."""
        referenced = {Path(p).name for p in self.repo.stored_copies()}
        for p in self.folder.iterdir():
            try:
                if p.is_dir() and p.name.startswith(PRIVATE_PREFIX):
                    shutil.rmtree(p, ignore_errors=True)
                elif p.is_file() and p.name not in referenced:
                    p.unlink()
            except OSError:
                pass

    def forget_copies(self) -> None:
        self.behind.close()  # no sync still running on a copy about to be removed
        for p in self.kept:
            p.unlink(missing_ok=True)

    # ------------------------------------------------------------ one file
    def one(self, original: Path, prepared: Prepared | None = None) -> tuple[FileOutcome, int | None]:
        name = original.name
        if prepared is None:
            prepared = prepare(original, self.folder)
        copy, sha = prepared.copy, prepared.sha
        handout_id: str | None = None
        try:
            if sha and sha in self.merged_shas:
                earlier = self.repo.merged_with_sha(sha)  # its round's year: the board shown is that one
                return FileOutcome(name, Outcome.ALREADY_COLLECTED.value,
                                   f"{name}: 取込済みのファイルです（変更はありません）。"), \
                    self._year_of(earlier.handout_id if earlier else None)
            with self.uow.savepoint():  # a file that fails for any reason is rolled back alone
                if prepared.error is not None:
                    raise prepared.error
                assert copy is not None
                returned = None
                if prepared.book:  # a returned Excel workbook: services/rounds/workbook.py
                    returned = workbook.read_returned_workbook(self, original, copy, sha)
                    f = returned.file
                else:
                    assert prepared.file is not None
                    f = self._upgraded(original, copy, sha, prepared.file)
                    # its fields as a worker's differences from another file's: its changes follow from them
                    self._against = prepared.against if f is prepared.file else None
                handout_id = f.handout_id
                merged = self._collect(original, f, sha, copy, book=returned)
                if returned:
                    merged.outcome = workbook.with_notes(merged.outcome, returned.notes)
            self.fields.update(merged.applied)  # the master as it now is, for the next file
            if merged.outcome.code in (Outcome.MERGED.value, Outcome.NEEDS_REVIEW.value):
                self.merged_shas.add(sha)
            h = self.repo.handout(f.handout_id)
            return merged.outcome, h.fiscal_year if h else None
        except FileRefused as exc:
            handout_id = handout_id or exc.handout_id  # a workbook refused after its identity was read
            message = exc.naming(describe(self.trees, exc.field)) if exc.field else exc.message
            return self._refuse(original, sha, exc.code, message, handout_id, copy), self._year_of(handout_id)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            code, message = _unforeseen(name, exc, self.db.path)
            return self._refuse(original, sha, code, message, handout_id, copy), self._year_of(handout_id)
        finally:
            self._against = None
            if copy is not None:
                shutil.rmtree(copy.parent, ignore_errors=True)

    def _year_of(self, handout_id: str | None) -> int | None:
        h = self.repo.handout(handout_id) if handout_id else None
        return h.fiscal_year if h else None

    def _upgraded(self, original: Path, copy: Path, sha: str, f: DepartmentFile) -> DepartmentFile:
        """An older department file, brought up to date on its private copy and checked again
        (here, not on the worker: Alembic's context is not for threads)."""
        if f.schema_version < SCHEMA_VERSION:
            try:
                _upgrade_copy(copy)
            except Exception as exc:
                raise FileRefused(Outcome.OLD_SCHEMA.value,
                                  f"{original.name}: 古い版の Kodaira Desk のファイルですが、新しい形式に直せませんでした"
                                  "（ファイルの形式の記録が壊れています）。担当課に新しい提出用ファイルを配布してください。") from exc
            f = inspect(original, copy=copy, digest=sha)
        return f

    def line_of(self, h: Handout, book: bool) -> ReturnLine:
        """The returns of one kind of file of the hand-out `h` (see ReturnLine)."""
        if book:
            base = h.workbook_snapshot
            if base is None:
                base = self.repo.root_snapshot(h.base_snapshot)
            return ReturnLine(True, h.workbook_revision, None, base)
        return ReturnLine(False, h.collected_revision, h.collected_saved_at,
                          h.base_snapshot if h.collected_revision is not None
                          else self.repo.root_snapshot(h.base_snapshot))

    def _collect(self, original: Path, f: DepartmentFile, sha: str, copy: Path, *,
                 book: workbook.ReturnedWorkbook | None = None) -> _Merged:
        name = original.name
        h = self.repo.handout(f.handout_id)
        if f.master_id != self.master_id:
            raise FileRefused(Outcome.OTHER_MASTER.value, f"{name}: 別の親データベースから配布されたファイルです。"
                              "このデータベースでは取り込めません。")
        if h is None:
            raise FileRefused(Outcome.UNKNOWN_HANDOUT.value, f"{name}: この親データベースの配布記録にないファイルです。")
        if h.department != f.department:
            raise FileRefused(Outcome.WRONG_DEPARTMENT.value,
                              f"{name}: {h.department} に配布したファイルですが、中身は {f.department} "
                              "になっています。取り込みません。政策課で配布記録を確認してください。")
        if h.fiscal_year != f.fiscal_year:
            raise FileRefused(Outcome.WRONG_YEAR.value, f"{name}: 配布した年度と一致しません。")
        if h.status == HandoutStatus.SUPERSEDED.value:
            raise FileRefused(Outcome.SUPERSEDED.value,
                              f"{name}: {h.department} には後から新しい提出用ファイルを配布しています（{when(h.issued_at)} の配布は"
                              "差し替え済みです）。新しいファイルに入力して送ってもらってください。")
        line = self.line_of(h, book is not None)
        if book is not None:  # ordered by the workbook's own save; an older save is refused here
            line = workbook.placed(self, h, line, book)
        elif f.saves:  # a file that keeps its chain of saves: ordered by lineage, sibling copies too
            line, done = by_lineage.placed(self.repo, name, f, h)
            if done is not None:
                return _Merged(done, {})
            merged = self._merge(original, f, sha, copy, h, line)
            by_lineage.record(self.repo, f, h.id)
            return merged
        last = line.revision
        if last is not None and f.revision < last:
            raise FileRefused(Outcome.STALE.value,
                              f"{name}: 古い版です（届いたのは第 {f.revision} 版 {when(f.saved_at) or '保存日時なし'}、"
                              f"取込済みは第 {last} 版 {when(line.saved_at)}）。取り込みません。")
        if last is not None and f.revision == last:
            return _Merged(FileOutcome(name, Outcome.ALREADY_COLLECTED.value,
                                       f"{name}: 第 {last} 版は取込済みです（変更はありません）。", h.department), {})
        if f.revision == 0:
            message = (f"{name}: {h.department} のブックは配布したときのまま、何も入力されていません（未記入）。"
                       "担当課で入力して保存してから送ってもらってください。" if book is not None else
                       f"{name}: {h.department} のファイルはまだ一度も保存されていません（未記入）。"
                       "担当課で入力して保存してから送ってもらってください。")
            self.repo.add_import(handout_id=h.id, sha256=sha, file_name=name, received_at=now(), result="unfilled",
                                 reason_code=Outcome.UNFILLED.value, message=message, applied=0, conflicts=0,
                                 department=h.department, revision=0, actor=self.actor)
            return _Merged(FileOutcome(name, Outcome.UNFILLED.value, message, h.department), {})
        if f.chain_unreadable:
            line = replace(line, note=line.note + by_lineage.UNREADABLE_CHAIN)
        merged = self._merge(original, f, sha, copy, h, line)
        if book is None:  # its save recorded: a later return saved with a chain descends from it
            by_lineage.record(self.repo, f, h.id)
        return merged

    def _check_fields(self, name: str, base: dict[str, FieldValue], changed: dict[str, FieldValue]) -> dict[str, FieldValue]:
        """Every changed field is within the domain's limits; returns those naming what the master
        no longer has (an item removed since the hand-out: held for a person, the rest applied)."""
        gone: dict[str, FieldValue] = {}
        try:
            check_new_fields(sum(1 for k in changed if k not in base))
            for key in sorted(changed):  # each named in words only when refused
                if not (notes.exists(self.trees, key, _exists) if is_annotation_key(key) else _exists(self.trees, key)):
                    if not removed.was_removed(self.uow, key):  # not an item the division removed since
                        raise FileRefused(Outcome.UNKNOWN_FIELD.value, f"{name}: 親データベースにない項目に値があります"
                                          f"（{removed.words(self.uow, self.trees, key)}）。取り込みません。")
                    gone[key] = changed[key]
                    continue
                fk = FieldKey.parse(underlying(key))
                tree = self.trees[fk.plan_id]
                first, last = tree.plan.period_from.year, tree.plan.period_to.year
                if not first - YEAR_MARGIN <= fk.year <= last + YEAR_MARGIN:
                    check_year(describe(self.trees, key), fk.year, first, last)
        except LimitError as exc:
            raise FileRefused(Outcome.LIMIT.value, f"{name}: 取り込めない値があります: {exc.message}") from exc
        return gone

    def _merge(self, original: Path, f: DepartmentFile, sha: str, copy: Path, h: Handout,
               line: ReturnLine) -> _Merged:
        name = original.name
        department = h.department
        base = self.repo.load_snapshot(line.base)
        dept = f.fields
        # the fields this revision changed against its base: all the merge has to look at (not the
        # notes and evidence of other departments' items, which its file never carried)
        # (one dict: what the year's carried texts take out of it stays out of the stored diff too)
        changes = diff = notes.drop_not_carried(self._changes(line.base, base, dept), dept,
                                                lambda p: self._scope(p, department, h.fiscal_year))
        # carried texts left as they were (not answers) are no change; the confirmed are 変更なし
        carried = self.year.carried(f, base, changes)
        gone = self._check_fields(name, base, changes)
        changes = {k: v for k, v in changes.items() if k not in gone}
        if line.origin is not None:  # order unknown: what it set against the hand-out, where it differs from base
            base = self.repo.load_snapshot(line.origin)
            changes = {k: v for k, v in changes.items() if base.get(k) != v}

        def owns(key: str) -> bool:
            scope = self._scope(plan_id_of(key), department, h.fiscal_year)
            return scope is not None and notes.owns(scope, key)

        def in_year(key: str) -> bool:
            return notes.in_year(key, h.fiscal_year)

        plan = three_way({k: base.get(k) for k in changes}, self.fields, changes, owns, in_year, self.year.is_locked)
        plan = removed.held(plan, gone, base)
        if line.unsure:  # a sibling copy whose common ancestor with another was never collected
            plan = hold_unsure(plan, base, self.fields, dept, [self.repo.load_snapshot(s) for s in line.unsure])
        review = self.year.review(f, h, book=line.book)
        edits: dict[Target, Content] = {}
        for key, value in plan.apply.items():
            target = target_of(key)
            try:
                edits[target] = content_of(target, value)
            except DomainError as exc:
                raise FileRefused(Outcome.INVALID_VALUES.value,
                                  f"{name}: {describe(self.trees, key)} の値が正しくありません: {exc.message}") from exc
        if not self.backed_up:
            backup_master(self.db)
            self.backed_up = True
        stored, _ = self._keep(original, sha, copy)
        at = now()
        held = plan.held
        unchanged = [k for k in carried.unchanged if k in plan.apply]
        imp = self.repo.add_import(
            handout_id=h.id, sha256=sha, file_name=name, received_at=at, result="merged",
            applied=len(plan.apply), conflicts=len(plan.conflicts), stored_copy=str(stored),
            department=department, revision=f.revision, saved_at=f.saved_at, actor=self.actor, held=len(held),
            saved_with=f.saved_with, **review.columns(len(unchanged), len(carried.untouched)))
        if not line.book:  # evidence files travel in a .kdesk only (a workbook cannot change them)
            notes.store_evidence_of(self.uow, stored, name, plan.apply, plan.conflicts)
        write_edits(self.uow.fields, edits, department)
        if not line.book:
            notes.set_authors(self.uow, stored, plan.apply)
        self.uow.audit.add_many([(key, self.fields.get(key), value, UNCHANGED_NOTE if key in unchanged else None)
                                 for key, value in plan.apply.items()], "import", str(imp.id), self.actor)
        for c in plan.conflicts:
            self.repo.add_conflict(imp.id, c)
        review.audit(self.uow, h, imp.id, self.actor)
        needs_review = bool(plan.conflicts or review.flags)
        # the base of the line's next return: this revision, stored as its changes to the old base
        after = self.repo.save_snapshot(diff, line.base) if line.moves_head else line.base
        self.repo.record_return(h.id, HandoutStatus.NEEDS_REVIEW if needs_review else HandoutStatus.MERGED, at,
                                book=line.book, revision=f.revision, saved_at=f.saved_at, snapshot=after,
                                workbook_saved=line.head)
        code = Outcome.NEEDS_REVIEW if needs_review else Outcome.MERGED
        message = (f"{name}: {department} を取り込みました（第 {f.revision} 版。反映 {len(plan.apply)} 件、"
                   f"要確認 {len(plan.conflicts)} 件）。")
        message += self._held_words(held)
        message += self.year.words(plan.conflicts, review, len(unchanged), len(carried.untouched), self.trees)
        message += line.note
        return _Merged(FileOutcome(name, code.value, message, department, len(plan.apply), len(plan.conflicts),
                                   len(held), unchanged=len(unchanged), carried=len(carried.untouched),
                                   flags=review.flags), dict(plan.apply))

    def _held_words(self, held: Sequence[Conflict]) -> str:
        """The changes held for a person, named (three of each kind at most): not the 課's or not
        the hand-out's year; of items removed from the plan since (named as they were)."""
        out = ""
        for kinds, what in (((ConflictKind.OUT_OF_SCOPE, ConflictKind.OTHER_YEAR), "担当外または配布年度以外の変更"),
                            ((ConflictKind.REMOVED,), removed.WORDS)):
            keys = [c.key for c in held if c.kind in kinds]
            if keys:
                more = f" ほか{len(keys) - 3}件" if len(keys) > 3 else ""
                said = "、".join(removed.words(self.uow, self.trees, k) for k in keys[:3])
                out += f" {what}（{said}{more}）は反映せず、要確認にしました。"
        return out

    def _changes(self, base_id: str, base: dict[str, FieldValue], dept: dict[str, FieldValue]) -> dict[str, FieldValue]:
        """_changes(base, dept); for a worker's answer made of differences from another file's
        fields, from the base's changes to those (worked out once) and the few differences."""
        if self._against is None:
            return _changes(base, dept)
        reference, changed, lacks = self._against
        key = (base_id, id(reference))
        if key not in self._base_changes:  # the reference kept with them: its id is not reused meanwhile
            self._base_changes[key] = (reference, _changes(base, reference))
        return _changes_by_differences(base, self._base_changes[key][1], changed, lacks)

    def _scope(self, plan_id: str, department: str, year: int) -> DepartmentScope | None:
        """What `department` owns in one plan for the hand-out's `year`, as it held it then (a 課
        renamed, merged or split since: rounds.handed_scope), built when a change first asks (the
        trees do not change during a collection, so once per plan, department and year)."""
        key = (plan_id, department, year)
        if key not in self._scopes:
            tree = self.trees.get(plan_id)
            if tree is not None and self._history is None:
                self._history = self.uow.plans.history()
            self._scopes[key] = (DepartmentScope(handed_scope.as_handed_out(self._history, tree, year, department),
                                                 department) if tree is not None and self._history is not None else None)
        return self._scopes[key]

    # ------------------------------------------------------------ records
    def _keep(self, original: Path, sha: str, copy: Path | None) -> tuple[Path, str]:
        """A read-only copy of the received file, named by time and hash (a long name is cut), and
        its hash. The private copy (made now when there is none: opened without blocking, removed
        on a full disk) is renamed into place at once and synced behind (read-only once synced):
        the collection waits for every sync before its commit, and a copy a kill left unrecorded
        is removed by the next collection's `tidy`."""
        stem = original.name
        while len(stem.encode("utf-8")) > 150:
            stem = stem[:-1]
        made: Path | None = None
        target = self.folder / original.name
        try:
            if copy is None or not copy.exists():  # opened without blocking, removed on a full disk
                copy, digest = private_copy(original, self.folder)
                made, sha = copy.parent, sha or digest
            target = self.folder / f"{datetime.now():%Y%m%d-%H%M%S}_{sha[:8]}_{stem}"
            # read-only once synced (before the commit); the private copy was made in this folder
            self.behind.move(copy, target, mode=0o444)
        except AtomicWriteError as exc:
            raise FileRefused(Outcome.DISK.value, f"{original.name}: 受け取ったファイルの控えを残せないため取り込みません"
                              f"（{exc.message}）") from exc
        finally:
            if made is not None:
                shutil.rmtree(made, ignore_errors=True)
        self.kept.append(target)
        return target, sha

    def _refuse(self, original: Path, sha: str, code: str, message: str, handout_id: str | None,
                copy: Path | None) -> FileOutcome:
        """Record a refused file (with a copy when one can be kept) in a savepoint of its own."""
        department = None
        with self.uow.savepoint():
            h = self.repo.handout(handout_id) if handout_id else None
            department = h.department if h else None
            stored: Path | None = None
            if code not in (Outcome.NOT_FOUND.value, Outcome.NOT_REGULAR.value, Outcome.TOO_LARGE.value):
                try:
                    stored, sha = self._keep(original, sha, copy)
                except (OSError, FileRefused):
                    stored = None
            self.repo.add_import(handout_id=h.id if h else None, sha256=sha or "", file_name=original.name,
                                 received_at=now(), result="refused", reason_code=code, message=message,
                                 applied=0, conflicts=0, stored_copy=str(stored) if stored else None,
                                 department=department, actor=self.actor)
        return FileOutcome(original.name, code, message, department)


class PlanTrees(Mapping[str, PlanTree]):
    """Every plan of the master by id, each tree read on first use inside the session's
    transaction: a collection reads only the plans its files changed."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._plans = uow.plans
        self._ids = uow.plans.plan_ids()
        self._known = frozenset(self._ids)
        self._trees: dict[str, PlanTree] = {}

    def __getitem__(self, plan_id: str) -> PlanTree:
        if plan_id not in self._known:
            raise KeyError(plan_id)
        if plan_id not in self._trees:
            self._trees[plan_id] = self._plans.load_tree(plan_id)
        return self._trees[plan_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def _changes(base: dict[str, FieldValue], dept: dict[str, FieldValue]) -> dict[str, FieldValue]:
    """Every field whose value in `dept` differs from `base` (a field absent from one side counts as
    None there), with the department's value. A file differs from its base in a few fields out of
    thousands: one lookup per field, no sets of items built."""
    get = base.get
    changes = {k: v for k, v in dept.items() if get(k) != v}
    for k, v in base.items():
        if v is not None and k not in dept:
            changes[k] = None
    return changes


def _changes_by_differences(base: dict[str, FieldValue], base_changes: dict[str, FieldValue],
                            changed: dict[str, FieldValue], lacks: list[str]) -> dict[str, FieldValue]:
    """_changes(base, dept) for dept = reference with `changed` set and `lacks` removed, from
    `base_changes` = _changes(base, reference): the fields neither touches differ as they did."""
    gone = set(lacks)
    out = {k: v for k, v in base_changes.items() if k not in changed and k not in gone}
    get = base.get
    for k, v in changed.items():
        if k not in gone and get(k) != v:
            out[k] = v
    for k in lacks:
        if get(k) is not None:
            out[k] = None
    return out


def _exists(trees: Mapping[str, PlanTree], key: str) -> bool:
    """Whether the master has the item (and schedule row) a field key names (services.session.holds_key)."""
    try:
        fk = FieldKey.parse(key)
    except ValueError:
        return False
    tree = trees.get(fk.plan_id)
    return tree is not None and holds_key(tree, fk)


def _unforeseen(name: str, exc: Exception, master: Path) -> tuple[str, str]:
    """A reason code and a message for an error no check foresaw."""
    if isinstance(exc, AtomicWriteError):
        return Outcome.DISK.value, f"{name}: 取り込みませんでした: {exc.message}"
    if isinstance(exc, StoreError):
        return Outcome.UNEXPECTED.value, f"{name}: 取り込みませんでした: {exc.message}"
    if isinstance(exc, OSError):
        return Outcome.DISK.value, f"{name}: 取り込みませんでした: {os_error_message(master.parent, exc)}"
    written = write_error_message(master, exc)
    if written:
        return Outcome.DISK.value, f"{name}: 取り込みませんでした: {written}"
    if isinstance(exc, DomainError):
        return Outcome.INVALID_VALUES.value, f"{name}: 取り込みませんでした: {exc.message}"
    return Outcome.UNEXPECTED.value, (f"{name}: 取り込み中に予期しない問題（{type(exc).__name__}）が起きたため、"
                                      "このファイルは取り込みませんでした。ほかのファイルは続けて取り込みます。")


def _upgrade_copy(copy: Path) -> None:
    """An older department file is brought up to date on the private copy, never in place."""
    engine = make_engine(copy)
    try:
        create_schema(engine)
    finally:
        engine.dispose()
