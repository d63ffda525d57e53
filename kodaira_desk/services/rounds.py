"""The yearly round: hand each department its file, collect the files back, merge, resolve.

No edit is ever lost: a value both sides changed differently becomes a conflict record and the
master keeps its value until a person decides; a refused file is kept (a read-only copy) and its
import is recorded with the reason. The master is backed up before every collection, and each
collection is one transaction.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kodaira_desk import __version__
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import departments_in_scope, field_map, owner
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.merge import Conflict, FieldValue, three_way
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services.editing import Content, content_of, target_of, write_edits
from kodaira_desk.services.plans import load_all
from kodaira_desk.store.database import Database

Progress = Callable[[int, int], None]

STATE_LABELS = {"issued": "未返却", "returned": "返却済", "merged": "取込済", "needs_review": "要確認",
                "superseded": "差し替え済"}


class RoundError(DomainError):
    """A hand-out or collection that cannot be done as asked."""


@dataclass(frozen=True)
class HandoutFile:
    handout_id: str
    department: str
    path: Path


@dataclass(frozen=True)
class FileOutcome:
    file: str
    code: str  # merged | needs_review | already_collected | a refusal code
    message: str
    department: str | None = None
    applied: int = 0
    conflicts: int = 0

    @property
    def refused(self) -> bool:
        return self.code not in ("merged", "needs_review", "already_collected")


@dataclass(frozen=True)
class DepartmentState:
    department: str
    state: str  # issued | returned | merged | needs_review
    label: str
    returned_at: str | None
    handout_id: str
    file_name: str
    open_conflicts: int


@dataclass(frozen=True)
class CollectReport:
    outcomes: tuple[FileOutcome, ...]
    states: tuple[DepartmentState, ...]

    @property
    def missing(self) -> list[str]:
        return [s.department for s in self.states if s.state == "issued"]

    @property
    def needs_a_person(self) -> bool:
        return any(o.refused or o.conflicts for o in self.outcomes) or any(
            s.state == "needs_review" for s in self.states)


@dataclass(frozen=True)
class OpenConflict:
    id: int
    department: str
    file_name: str
    key: str
    kind: str
    base: FieldValue
    master: FieldValue
    department_value: FieldValue
    label: str  # what the field is, in words


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _tree_for(trees: dict[str, PlanTree], key: str) -> PlanTree | None:
    plan_id = key.split(":", 2)[1] if key.count(":") >= 2 else ""
    return trees.get(plan_id)


def describe(trees: dict[str, PlanTree], key: str) -> str:
    """A field in words: 市内体験農園の区画数 令和2年度 実績."""
    from kodaira_desk.domain.fields import FieldKey
    from kodaira_desk.domain.model import ValueKind

    try:
        fk = FieldKey.parse(key)
    except ValueError:
        return key
    tree = trees.get(fk.plan_id)
    year = FiscalYear(fk.year).era_label()
    if tree is None:
        return key
    if fk.kind == "value":
        try:
            name = tree.indicator(fk.item).name
        except KeyError:
            return key
        return f"{name} {year} {ValueKind(fk.part).label}"
    if not tree.has_node(fk.item):
        return key
    node = tree.node(fk.item)
    if fk.kind == "progress":
        what = "進捗状況" if fk.part == "status" else "実施等状況"
    else:
        what = "費用" if fk.kind == "cost" else "年次計画"
    return f"{node.number} {node.title} {year} {what}"


# ------------------------------------------------------------------ master identity
def master_id(db: Database) -> str:
    with db.unit_of_work() as s:
        from kodaira_desk.store import repository

        mid = repository.get_meta(s, "master_id")
        if not mid:
            mid = str(uuid.uuid4())
            repository.set_meta(s, "master_id", mid)
        return mid


# ------------------------------------------------------------------ hand out
def handout(db: Database, year: FiscalYear, out_dir: Path, departments: Sequence[str] | None = None,
            progress: Progress | None = None) -> list[HandoutFile]:
    """One department file per department for `year`, recorded in the master."""
    from kodaira_desk.store import models as m
    from kodaira_desk.store.department_file import write_department_file

    trees = load_all(db)
    known: set[str] = set()
    for t in trees:
        known |= departments_in_scope(t)
    chosen = sorted(known) if not departments else list(dict.fromkeys(departments))
    unknown = [d for d in chosen if d not in known]
    if unknown:
        raise RoundError(f"担当する項目のない課です: {'、'.join(unknown)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    mid = master_id(db)
    with db.unit_of_work() as s:
        base = _snapshot(s, {k: v for t in trees for k, v in field_map(t).items()})
    made: list[HandoutFile] = []
    for i, dept in enumerate(chosen):
        hid = str(uuid.uuid4())
        path = out_dir / f"提出用_{year.era_label()}_{dept}.kdesk"
        meta = {"file_kind": "department", "handout_id": hid, "master_id": mid, "department": dept,
                "fiscal_year": str(year.year), "app_version": __version__, "issued_at": _now()}
        write_department_file(db.path, path, meta)
        try:
            with db.unit_of_work() as s:
                for old in s.query(m.HandoutRow).filter_by(department=dept, fiscal_year=year.year,
                                                          status="issued"):
                    old.status = "superseded"
                s.add(m.HandoutRow(id=hid, department=dept, fiscal_year=year.year, issued_at=meta["issued_at"],
                                   file_name=path.name, base_snapshot=base, status="issued"))
        except Exception:
            path.unlink(missing_ok=True)
            raise
        made.append(HandoutFile(hid, dept, path))
        if progress:
            progress(i + 1, len(chosen))
    return made


# ------------------------------------------------------------------ status
def round_years(db: Database) -> list[int]:
    from sqlalchemy import select

    from kodaira_desk.store import models as m

    with db.reading() as s:
        return sorted(set(s.scalars(select(m.HandoutRow.fiscal_year))))


def round_status(db: Database, year: FiscalYear) -> list[DepartmentState]:
    from sqlalchemy import func, select

    from kodaira_desk.store import models as m

    with db.reading() as s:
        rows = s.scalars(select(m.HandoutRow).where(m.HandoutRow.fiscal_year == year.year,
                                                    m.HandoutRow.status != "superseded")
                         .order_by(m.HandoutRow.department, m.HandoutRow.issued_at)).all()
        out: dict[str, DepartmentState] = {}
        for h in rows:
            n_open = s.scalar(select(func.count()).select_from(m.ConflictRow)
                              .join(m.ImportRow, m.ImportRow.id == m.ConflictRow.import_id)
                              .where(m.ImportRow.handout_id == h.id, m.ConflictRow.status == "open")) or 0
            refused_last = s.scalars(select(m.ImportRow).where(m.ImportRow.handout_id == h.id)
                                     .order_by(m.ImportRow.id.desc())).first()
            state = h.status
            if n_open or (refused_last is not None and refused_last.result == "refused"
                          and h.status != "merged"):
                state = "needs_review"
            out[h.department] = DepartmentState(h.department, state, STATE_LABELS[state], h.returned_at,
                                                h.id, h.file_name, n_open)
        return [out[d] for d in sorted(out)]


# ------------------------------------------------------------------ collect
def _received_folder(db: Database) -> Path:
    folder = db.path.parent / f"{db.path.stem}-受領ファイル"
    folder.mkdir(exist_ok=True)
    return folder


def _keep_copy(db: Database, original: Path, sha: str, checked_copy: Path | None = None) -> Path | None:
    """A read-only copy of every received file, merged or refused, named by time and hash."""
    target = _received_folder(db) / f"{datetime.now():%Y%m%d-%H%M%S}_{sha[:8]}_{original.name}"
    try:
        if checked_copy is not None and checked_copy.exists():
            checked_copy.replace(target)  # the private copy was made in this folder: a rename
        else:
            shutil.copyfile(original, target)
        target.chmod(0o444)
    except OSError:
        return None
    return target


def backup_master(db: Database) -> Path:
    """A consistent copy of the master (SQLite's backup API) before it is changed."""
    folder = db.path.parent / f"{db.path.stem}-バックアップ"
    folder.mkdir(exist_ok=True)
    target = folder / f"{db.path.stem}-{datetime.now():%Y%m%d-%H%M%S-%f}.sqlite"
    src = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def _record_refusal(db: Database, original: Path, sha: str, code: str, message: str,
                    handout_id: str | None, s: Any, checked_copy: Path | None = None) -> None:
    from kodaira_desk.store import models as m

    stored = _keep_copy(db, original, sha, checked_copy) if original.is_file() else None
    if checked_copy is not None:
        shutil.rmtree(checked_copy.parent, ignore_errors=True)
    with s.begin_nested():
        known = handout_id is not None and s.get(m.HandoutRow, handout_id) is not None
        s.add(m.ImportRow(handout_id=handout_id if known else None, sha256=sha, file_name=original.name,
                          received_at=_now(), result="refused", reason_code=code, message=message,
                          stored_copy=str(stored) if stored else None))


def collect(db: Database, files: Sequence[Path], progress: Progress | None = None,
            actor: str | None = None) -> CollectReport:
    """Check and merge returned department files; report what happened to each and who is missing."""
    from kodaira_desk.store.department_file import FileRefused

    outcomes: list[FileOutcome] = []
    years: set[int] = set()
    state = _MasterState(db)
    _ = state.master_id  # read (or first written) before the collection's transaction opens
    # One transaction for the whole collection, one savepoint per file: a file that fails is
    # rolled back alone, and the master is made durable once (not 60 times).
    with db.unit_of_work() as session:
        state.session = session
        for i, path in enumerate(files):
            try:
                outcome, year = _collect_one(db, Path(path), actor, state)
                if year:
                    years.add(year)
            except FileRefused as exc:
                outcome = FileOutcome(Path(path).name, exc.code, exc.message)
            outcomes.append(outcome)
            if progress:
                progress(i + 1, len(files))
    if not years:
        years = set(round_years(db)[-1:])
    states: list[DepartmentState] = []
    for y in sorted(years):
        states.extend(round_status(db, FiscalYear(y)))
    return CollectReport(tuple(outcomes), tuple(states))


class _MasterState:
    """The master as a collection sees it, read once per collection and kept up to date as files
    are merged (reading every plan again for each of 60 files took most of the time)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._trees: dict[str, PlanTree] | None = None
        self._fields: dict[str, FieldValue] | None = None
        self._master_id: str | None = None
        self.backed_up = False
        self.session: Any = None  # the collection's transaction

    @property
    def trees(self) -> dict[str, PlanTree]:
        if self._trees is None:
            self._trees = {t.plan.id: t for t in load_all(self.db)}
        return self._trees

    @property
    def fields(self) -> dict[str, FieldValue]:
        if self._fields is None:
            from kodaira_desk.store.reader import read_fields

            with self.db.read() as con:
                self._fields = read_fields(con)
        return self._fields

    @property
    def master_id(self) -> str:
        if self._master_id is None:
            self._master_id = master_id(self.db)
        return self._master_id

    def backup_once(self) -> None:
        if not self.backed_up:
            backup_master(self.db)
            self.backed_up = True


def _collect_one(db: Database, original: Path, actor: str | None,
                 state: _MasterState) -> tuple[FileOutcome, int | None]:
    from sqlalchemy import select

    from kodaira_desk.store import models as m
    from kodaira_desk.store.department_file import FileRefused, check_bytes, inspect, private_copy, sha256_of

    name = original.name
    sha = ""
    handout_id: str | None = None
    copy: Path | None = None
    try:
        check_bytes(original)
        copy, sha = private_copy(original, _received_folder(db))
        s = state.session
        done = s.scalars(select(m.ImportRow).where(m.ImportRow.sha256 == sha,
                                                   m.ImportRow.result == "merged")).first()
        if done is not None:
            shutil.rmtree(copy.parent, ignore_errors=True)
            return FileOutcome(name, "already_collected", f"{name}: 取込済みのファイルです（変更はありません）。"), None
        dept_file = inspect(original, copy=copy)
        handout_id = dept_file.handout_id
        if dept_file.schema_version < _schema_version():
            _upgrade_copy(copy)
            dept_file = inspect(original, copy=copy)
        mid = state.master_id
        h = s.get(m.HandoutRow, dept_file.handout_id)
        if dept_file.master_id != mid:
            raise FileRefused("other_master", f"{name}: 別の親データベースから配布されたファイルです。"
                              "このデータベースでは取り込めません。")
        if h is None:
            raise FileRefused("unknown_handout", f"{name}: この親データベースの配布記録にないファイルです。")
        if h.department != dept_file.department:
            raise FileRefused("wrong_department",
                              f"{name}: {h.department} に配布したファイルですが、中身は {dept_file.department} "
                              "になっています。取り込みません。政策課で配布記録を確認してください。")
        if h.fiscal_year != dept_file.fiscal_year:
            raise FileRefused("wrong_year", f"{name}: 配布した年度と一致しません。")
        base = _load_snapshot(s, h.base_snapshot)
        base_id = h.base_snapshot
        department = h.department
        year = h.fiscal_year
        return _merge(db, original, sha, dept_file.handout_id, department, base, dept_file.fields, actor,
                      state, copy, base_id), year
    except FileRefused as exc:
        if not sha and original.is_file():
            sha = sha256_of(original)
        _record_refusal(db, original, sha, exc.code, exc.message, handout_id, state.session, copy)
        raise


def _schema_version() -> int:
    from kodaira_desk.store.database import SCHEMA_VERSION

    return SCHEMA_VERSION


def _upgrade_copy(copy: Path) -> None:
    """An older department file is brought up to date on the private copy, never in place."""
    from kodaira_desk.store.database import create_schema, make_engine

    engine = make_engine(copy)
    try:
        create_schema(engine)
    finally:
        engine.dispose()


def _merge(db: Database, original: Path, sha: str, handout_id: str, department: str,
           base: dict[str, FieldValue], dept_fields: dict[str, FieldValue], actor: str | None,
           state: _MasterState, checked_copy: Path | None = None, base_id: str | None = None) -> FileOutcome:
    from kodaira_desk.store import models as m
    from kodaira_desk.store import repository
    from kodaira_desk.store.department_file import FileRefused

    name = original.name
    master_trees = state.trees
    master = state.fields
    dept = dept_fields  # a field of a plan the master does not have is nobody's: refused below
    owners = {pid: owner(t, department) for pid, t in master_trees.items()}

    def owns(key: str) -> bool:
        tree = _tree_for(master_trees, key)
        return tree is not None and owners[tree.plan.id](key)

    plan = three_way(base, master, dept, owns)
    if plan.out_of_scope:
        fields = "、".join(describe(master_trees, c.key) for c in plan.out_of_scope[:3])
        more = f" ほか{len(plan.out_of_scope) - 3}件" if len(plan.out_of_scope) > 3 else ""
        raise FileRefused("out_of_scope", f"{name}: {department} の担当でない項目が変更されています"
                          f"（{fields}{more}）。取り込みません。担当課に確認してください。")
    edits: dict[object, Content] = {}
    for key, value in plan.apply.items():
        target = target_of(key)
        try:
            edits[target] = content_of(target, value)
        except DomainError as exc:
            raise FileRefused("invalid_values", f"{name}: {describe(master_trees, key)} の値が正しくありません: "
                              f"{exc.message}") from exc
    state.backup_once()
    stored = _keep_copy(db, original, sha, checked_copy)
    if checked_copy is not None:
        shutil.rmtree(checked_copy.parent, ignore_errors=True)
    now = _now()
    s = state.session
    with s.begin_nested():
        imp = m.ImportRow(handout_id=handout_id, sha256=sha, file_name=name, received_at=now,
                          result="merged", applied=len(plan.apply), conflicts=len(plan.conflicts),
                          stored_copy=str(stored) if stored else None)
        s.add(imp)
        s.flush()
        write_edits(s, edits)  # type: ignore[arg-type]
        for key, value in plan.apply.items():
            repository.audit(s, key, master.get(key), value, "import", str(imp.id), actor)
        for c in plan.conflicts:
            s.add(_conflict_row(imp.id, c))
        h = s.get_one(m.HandoutRow, handout_id)
        h.status = "needs_review" if plan.conflicts else "merged"
        h.returned_at = now
        # A later return from the same department is compared with this one.
        # the base for a later return: this return, stored as its changes to the old base
        changes = {k: dept.get(k) for k in set(base) | set(dept) if dept.get(k) != base.get(k)}
        h.base_snapshot = _snapshot(s, changes, base_id) if base_id else _snapshot(s, dept)
    master.update(plan.apply)  # the master as it now is, for the next file of this collection
    code = "needs_review" if plan.conflicts else "merged"
    message = (f"{name}: {department} を取り込みました（反映 {len(plan.apply)} 件、"
               f"要確認 {len(plan.conflicts)} 件）。")
    return FileOutcome(name, code, message, department, len(plan.apply), len(plan.conflicts))


def _snapshot(s: Any, fields: dict[str, FieldValue], parent: str | None = None) -> str:
    """Store field values once (keyed by their hash) and return the key. With a parent, `fields`
    are the changes to it (None: the field has no value any more)."""
    import hashlib

    from kodaira_desk.store import models as m

    if parent is None:
        fields = {k: v for k, v in fields.items() if v is not None}
    text = json.dumps(dict(sorted(fields.items())), ensure_ascii=False)
    sid = hashlib.sha256(f"{parent or ''}\n{text}".encode()).hexdigest()
    if s.get(m.SnapshotRow, sid) is None:
        s.add(m.SnapshotRow(id=sid, parent_id=parent, fields_json=text))
        s.flush()
    return sid


def _load_snapshot(s: Any, sid: str) -> dict[str, FieldValue]:
    from kodaira_desk.store import models as m

    chain: list[dict[str, FieldValue]] = []
    current: str | None = sid
    while current is not None:
        row = s.get_one(m.SnapshotRow, current)
        chain.append(json.loads(row.fields_json))
        current = row.parent_id
    fields: dict[str, FieldValue] = {}
    for part in reversed(chain):
        fields.update(part)
    return {k: v for k, v in fields.items() if v is not None}


def _conflict_row(import_id: int, c: Conflict) -> object:
    from kodaira_desk.store import models as m

    def j(v: FieldValue) -> str | None:
        return None if v is None else json.dumps(v, ensure_ascii=False)

    return m.ConflictRow(import_id=import_id, field_key=c.key, kind=c.kind.value, base=j(c.base),
                         master=j(c.master), department=j(c.department), status="open")


# ------------------------------------------------------------------ conflicts
def open_conflicts(db: Database) -> list[OpenConflict]:
    from sqlalchemy import select

    from kodaira_desk.store import models as m

    trees = {t.plan.id: t for t in load_all(db)}
    out: list[OpenConflict] = []
    with db.reading() as s:
        rows = s.execute(
            select(m.ConflictRow, m.ImportRow, m.HandoutRow)
            .join(m.ImportRow, m.ImportRow.id == m.ConflictRow.import_id)
            .join(m.HandoutRow, m.HandoutRow.id == m.ImportRow.handout_id)
            .where(m.ConflictRow.status == "open").order_by(m.ConflictRow.id)).all()
        for c, imp, h in rows:
            def v(text: str | None) -> FieldValue:
                return None if text is None else json.loads(text)
            out.append(OpenConflict(c.id, h.department, imp.file_name, c.field_key, c.kind, v(c.base),
                                    v(c.master), v(c.department), describe(trees, c.field_key)))
    return out


def resolve(db: Database, conflict_id: int, choice: str, typed: str | None = None,
            actor: str | None = None) -> None:
    """keep: the master's value stays; take: the department's value; typed: another value."""
    from sqlalchemy import func, select

    from kodaira_desk.store import models as m
    from kodaira_desk.store import repository

    if choice not in ("keep", "take", "typed"):
        raise RoundError(f"選択が正しくありません: {choice}")
    with db.unit_of_work() as s:
        c = s.get(m.ConflictRow, conflict_id)
        if c is None or c.status != "open":
            raise RoundError("この競合はすでに解決されています。")
        master_value = None if c.master is None else json.loads(c.master)
        dept_value = None if c.department is None else json.loads(c.department)
        new = {"keep": master_value, "take": dept_value, "typed": (typed or "").strip() or None}[choice]
        if choice != "keep" and new != master_value:
            target = target_of(c.field_key)
            try:
                content = content_of(target, new)
            except DomainError as exc:
                raise RoundError(exc.message) from exc
            write_edits(s, {target: content})
        repository.audit(s, c.field_key, master_value, new, "resolution", str(c.id), actor)
        c.status = "resolved"
        c.resolution = choice
        c.resolved_value = None if new is None else json.dumps(new, ensure_ascii=False)
        c.resolved_by = actor
        c.resolved_at = _now()
        imp = s.get_one(m.ImportRow, c.import_id)
        s.flush()
        remaining = s.scalar(select(func.count()).select_from(m.ConflictRow)
                             .where(m.ConflictRow.import_id == imp.id, m.ConflictRow.status == "open"))
        if not remaining and imp.handout_id:
            s.get_one(m.HandoutRow, imp.handout_id).status = "merged"


def audit_entries(db: Database, key_prefix: str = "", source: str | None = None) -> list[dict[str, str | None]]:
    from sqlalchemy import select

    from kodaira_desk.store import models as m

    trees = {t.plan.id: t for t in load_all(db)}
    with db.reading() as s:
        q = select(m.AuditRow).order_by(m.AuditRow.id)
        if key_prefix:
            q = q.where(m.AuditRow.field_key.startswith(key_prefix))
        if source:
            q = q.where(m.AuditRow.source == source)
        return [{"at": a.at, "field": a.field_key, "item": describe(trees, a.field_key),
                 "old": None if a.old is None else json.loads(a.old),
                 "new": None if a.new is None else json.loads(a.new),
                 "source": a.source, "source_id": a.source_id, "actor": a.actor}
                for a in s.scalars(q)]


@dataclass(frozen=True)
class DepartmentFileInfo:
    department: str
    fiscal_year: FiscalYear
    handout_id: str


def file_info(db: Database) -> DepartmentFileInfo | None:
    """Who and which year an open file is for, when it is a department file (clerk mode)."""
    from kodaira_desk.store.reader import get_meta

    with db.read() as con:
        if get_meta(con, "file_kind") != "department":
            return None
        dept, year, hid = get_meta(con, "department"), get_meta(con, "fiscal_year"), get_meta(con, "handout_id")
    if not dept or not year or not hid:
        return None
    return DepartmentFileInfo(dept, FiscalYear(int(year)), hid)
