"""Unsaved edits of one open database, and saving them as one transaction.

The window keeps what a clerk typed here until Save (Ctrl+S); undo and redo only move values in
and out of this session. Saving validates everything again and writes it in one unit of work.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar, Union

from kodaira_desk.domain.annotations import AnnotationKey, is_annotation_key, underlying
from kodaira_desk.domain.entry import TypedValue
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import IndicatorValue, Revision, ValueKind
from kodaira_desk.domain.round_year import YearLockedError, locked_keys
from kodaira_desk.domain.values import Measured, Value, format_value, parse_value, split_marks
from kodaira_desk.domain.yearly import settled_value_error
from kodaira_desk.services.clerk_file import check_handout
from kodaira_desk.services.field_words import describe, trees_by_id
from kodaira_desk.services.note_text import author, checked_text
from kodaira_desk.store.database import Database

if TYPE_CHECKING:  # the ORM's module: imported when something is written, not at start-up
    from kodaira_desk.store.unit_of_work import FieldRepository, UnitOfWork


@dataclass(frozen=True)
class ProgressField:
    """A part of an item's yearly report: its status, narrative, 決算額 or the reason for the 決算額."""

    plan_id: str
    node_key: str
    year: int
    field: str  # "status" | "narrative" | "settled" | "settled_note" (domain.fields.PROGRESS_PARTS)


@dataclass(frozen=True)
class ValueCell:
    """One value of an indicator: kind, year and revision."""

    plan_id: str
    indicator_key: str
    kind: ValueKind
    year: int
    revision: Revision = Revision.CURRENT

    def __hash__(self) -> int:
        # the fields' hash, worked out once per cell object: a 1,000-cell paste looks its cells up
        # some 10,000 times in the session's and the grid's dictionaries, and the dataclass's own
        # hash builds and hashes the five fields each time (0.8 µs, issue 27)
        known: int | None = self.__dict__.get("_hash")
        if known is None:
            known = hash((self.plan_id, self.indicator_key, self.kind, self.year, self.revision))
            object.__setattr__(self, "_hash", known)
        return known

    def __getstate__(self) -> dict[str, object]:
        # a copy or a pickle carries the fields only: a string's hash differs in another process
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}


@dataclass(frozen=True)
class BudgetCell:
    """An item's cost in one year."""

    plan_id: str
    node_key: str
    year: int


@dataclass(frozen=True)
class ScheduleCell:
    """One cell of an item's yearly schedule."""

    plan_id: str
    node_key: str
    row: int
    year: int


@dataclass(frozen=True)
class AnnotationField:
    """A note on a field, or an answer to a question about it (domain.annotations keys): typed in a
    form like any field, saved with the values, undone with them. Its content is a str or None."""

    key: str

    @property
    def field(self) -> Target:
        """The entry field it belongs to."""
        return target_of(underlying(self.key))

    @property
    def plan_id(self) -> str:
        return self.field.plan_id

    @property
    def year(self) -> int:
        return self.field.year


Target = Union[ProgressField, ValueCell, BudgetCell, ScheduleCell, AnnotationField]  # noqa: UP007
# str | None for progress fields and schedule cells, TypedValue | None for values,
# Value | None for budget cells and a 決算額 (ProgressField "settled"). None clears the stored value.
Content = Union[str, TypedValue, Value, None]  # noqa: UP007


@dataclass(frozen=True)
class SaveResult:
    """How many edits a save wrote, and which; `removed`: the edits it could not write, their
    indicator, item or plan removed elsewhere since they were typed (the plan editor in another
    window): never written, never compared, for the window to tell and keep (what was typed)."""

    written: int
    targets: tuple[Target, ...]
    removed: tuple[tuple[Target, Content], ...] = ()


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class PendingEdits(Generic[K, V]):
    """What has been changed and not yet saved, with what was stored before it (the typed fields
    here, the grading settings in services/grading_edits.py)."""

    def __init__(self) -> None:
        self._pending: dict[K, V] = {}
        self._stored: dict[K, V] = {}

    def set(self, target: K, new: V, stored: V) -> None:
        """Record `new` for `target`; `stored` is what the database holds now. Back to what is
        stored, it is no longer an edit."""
        self._stored.setdefault(target, stored)
        if new == self._stored[target]:
            self._pending.pop(target, None)
        else:
            self._pending[target] = new

    def has(self, target: K) -> bool:
        return target in self._pending

    def get(self, target: K, stored: V) -> V:
        return self._pending.get(target, stored)

    def pending(self) -> dict[K, V]:
        return dict(self._pending)

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    def clear(self) -> None:
        self._pending.clear()
        self._stored.clear()

    def drop(self, targets: Iterable[K]) -> None:
        """Forget the edits of `targets` (the person took the value stored elsewhere)."""
        for t in targets:
            self._pending.pop(t, None)
            self._stored.pop(t, None)


class EditSession(PendingEdits[Target, Content]):
    """What has been typed and not yet saved, with what was stored before it."""

    def save(self, db: Database, actor: str | None = None, *, overwrite: bool = False) -> SaveResult:
        """Write every pending edit in one transaction; on any error nothing is written and the
        edits stay pending. A field changed elsewhere since it was loaded raises StaleEditError
        (ask the person, then save again with `overwrite=True` or reload). `actor` names the
        person in the audit log."""
        if not self._pending:
            return SaveResult(0, ())
        result = save_edits(db, self._pending, self._stored, actor, overwrite=overwrite)
        self.clear()
        return result


def content_to_field(content: Content) -> str | None:
    """The field value (as in domain.fields) of what an edit holds."""
    if content is None:
        return None
    if isinstance(content, TypedValue):
        return format_value(content.value, content.marks)
    if isinstance(content, str):
        return content or None
    return str(content)


def target_of(key: str) -> Target:
    if is_annotation_key(key):
        return AnnotationField(str(AnnotationKey.parse(key)))
    fk = FieldKey.parse(key)
    if fk.kind == "progress":
        return ProgressField(fk.plan_id, fk.item, fk.year, fk.part)
    if fk.kind == "value":
        return ValueCell(fk.plan_id, fk.item, ValueKind(fk.part), fk.year, Revision(fk.revision))
    if fk.kind == "cost":
        return BudgetCell(fk.plan_id, fk.item, fk.year)
    return ScheduleCell(fk.plan_id, fk.item, int(fk.part), fk.year)


def key_of(target: Target) -> str:
    if isinstance(target, AnnotationField):
        return target.key
    if isinstance(target, ProgressField):
        return str(FieldKey("progress", target.plan_id, target.node_key, target.year, target.field))
    if isinstance(target, ValueCell):
        return str(FieldKey("value", target.plan_id, target.indicator_key, target.year,
                            target.kind.value, target.revision.value))
    if isinstance(target, BudgetCell):
        return str(FieldKey("cost", target.plan_id, target.node_key, target.year))
    return str(FieldKey("schedule", target.plan_id, target.node_key, target.year, str(target.row)))


def content_of(target: Target, value: str | None) -> Content:
    """Read a field value back into what an edit holds; raises ValueParseError on bad values."""
    if value is None:
        return None
    if isinstance(target, ValueCell):
        body, marks = split_marks(value)
        return TypedValue(parse_value(body), marks)
    if isinstance(target, BudgetCell) or (isinstance(target, ProgressField) and target.field == "settled"):
        return settled_content(value) if isinstance(target, ProgressField) else parse_value(value)
    return value


def settled_content(text: str) -> Value:
    """A typed 決算額 (8,120 or 8,120千円 or —) as stored: without the unit, like the planned 費用.
    Raises ValueParseError."""

    value = parse_value(text)
    error = settled_value_error(value)
    if error is not None:
        raise error
    return value.with_unit("") if isinstance(value, Measured) else value


def write_edits(fields: FieldRepository, edits: Mapping[Target, Content], who: str | None = None) -> None:
    """Write edits through the unit of work's field repository (which records each key changed).
    `who` is kept beside a note or an answer (the audit log has the person for every field)."""
    progress: dict[tuple[str, str, int], dict[str, str | Value | None]] = {}
    values: list[tuple[str, str, ValueKind, FiscalYear, Revision, IndicatorValue | None]] = []
    for target, content in edits.items():
        if isinstance(target, AnnotationField):
            fields.put_annotation(target.key, checked_text(target.key, content), who)
        elif isinstance(target, ProgressField):
            slot = progress.setdefault((target.plan_id, target.node_key, target.year), {})
            if target.field == "settled":  # a 決算額 is a value; the other parts are text
                slot[target.field] = None if isinstance(content, (str, TypedValue)) else content
            else:
                slot[target.field] = content if isinstance(content, str) or content is None else None
        elif isinstance(target, ValueCell):
            iv = None
            if isinstance(content, TypedValue):
                iv = IndicatorValue(target.kind, FiscalYear(target.year), content.value,
                                    target.revision, content.marks)
            values.append((target.plan_id, target.indicator_key, target.kind, FiscalYear(target.year),
                           target.revision, iv))
        elif isinstance(target, BudgetCell):
            value = content if content is None or not isinstance(content, (str, TypedValue)) else None
            fields.put_cost(target.plan_id, target.node_key, FiscalYear(target.year), value)
        else:
            fields.put_schedule_cell(target.plan_id, target.node_key, target.row, FiscalYear(target.year),
                                     content if isinstance(content, str) else "")
    fields.put_values(values)  # (in a few statements, not three a value: issue 27)
    for (plan_id, key, year), parts in progress.items():
        fields.put_progress(plan_id, key, FiscalYear(year), parts)


@dataclass(frozen=True)
class StaleSetting:
    """A grading setting (services/grading_edits.py) someone else saved since this person changed it:
    in words, with this person's value, the one stored now and the one it held before."""

    setting: Hashable
    name: str
    mine: str
    now: str
    was: str


class StaleEditError(DomainError):
    """Fields whose stored value changed (another window, a collection) since they were loaded.
    Nothing was written; `fields` holds (target, value when loaded, value now) for the ui to ask;
    `settings`, the grading settings saved elsewhere since they were changed here (named in the
    message with the three values)."""

    def __init__(self, fields: list[tuple[Target, str | None, str | None]],
                 settings: Sequence[StaleSetting] = ()) -> None:
        # counted, not named: the window lists each field and setting in words with its three values
        # (a store key such as value:strategy-2015:g1.a1.k3:actual:2020: means nothing to a clerk).
        # The template is the first sentence alone, which an English window says in English
        # (ui/domain_words.message_of); the window words the settings' lines itself (both_values)
        template = "読み込んだ後に別の場所で変更された項目が {count} 件あります。上書きするか、今の値を読み直すか選んでください。"
        count = len(fields) + len(settings)
        lines = "".join(f"\n{s.name}: 入力した値「{s.mine}」／ほかの人の値「{s.now}」（変更したときは「{s.was}」）"
                        for s in settings)
        super().__init__(template.format(count=count) + lines, template=template, params={"count": count})
        self.fields = fields
        self.settings = tuple(settings)


def save_edits(db: Database, edits: dict[Target, Content], stored: dict[Target, Content] | None = None,
               actor: str | None = None, *, overwrite: bool = False,
               on_saved: Callable[[UnitOfWork, int | None], None] | None = None,
               stale_settings: Callable[[UnitOfWork], Sequence[StaleSetting]] | None = None,
               handout: str | None = None) -> SaveResult:
    """Typed edits in one transaction, each with its audit entry.

    The transaction holds the write lock before anything is compared. With `stored` (what each
    field held when it was loaded), a field whose value has changed since raises StaleEditError and
    nothing is written, unless `overwrite`. Only the edited fields are read. In a department file the
    save also counts itself: the file's revision, the time of the save and the hash of its content
    (see record_save); `on_saved(uow, revision)` then adds to the same transaction (the head's check
    of a submission: services.rounds.submission). A field of a year the policy division fixed (確定)
    is refused, naming it (issue 24). `stale_settings(uow)`: the grading settings saved with it that
    another person saved since (services.grading_edits), asked about in the same question. An edit
    whose indicator, item or plan was removed meanwhile is not written: the others are, and the
    result names it (`SaveResult.removed`). `handout`: the hand-out a department file was opened as;
    another file renamed over it since (a re-issue) raises HandoutReplaced, nothing written."""
    keys = {t: key_of(t) for t in edits}
    with db.unit_of_work() as uow:
        if handout is not None:
            check_handout(uow, db.name, handout)
        gone = uow.fields.gone(keys.values())
        removed = tuple((t, c) for t, c in edits.items() if keys[t] in gone)
        if removed:
            edits = {t: c for t, c in edits.items() if keys[t] not in gone}
            keys = {t: keys[t] for t in edits}
        refuse_locked(db, uow, list(keys.values()))
        # what each edited field holds now, under the lock: compared with `stored`, and the "old" of
        # the audit row (an overwrite after the question records the value it replaced)
        now = uow.fields.current(keys.values()) if stored else {}
        if not overwrite:
            stale = [(t, content_to_field(stored.get(t)), now.get(keys[t])) for t in edits if t in stored] \
                if stored else []
            stale = [x for x in stale if x[1] != x[2]]
            settings = stale_settings(uow) if stale_settings is not None else ()
            if stale or settings:
                raise StaleEditError(stale, settings)
        write_edits(uow.fields, edits, author(uow, actor) if any(isinstance(t, AnnotationField) for t in edits)
                    else actor)
        uow.audit.add_many([(keys[t], now.get(keys[t]) if stored else content_to_field(None), content_to_field(c), None)
                            for t, c in edits.items()], "typed", None, actor)  # (one statement, in order)
        revision = record_save(uow, actor)
        if on_saved is not None:
            on_saved(uow, revision)
    return SaveResult(len(edits), tuple(edits), removed)


def refuse_locked(db: Database, uow: UnitOfWork, keys: list[str]) -> None:
    """Raise YearLockedError, naming the fields, when any of `keys` is in a year the policy division
    fixed (確定). Inside the caller's transaction, under its lock."""
    locked = uow.year.locked()
    if not locked:
        return
    bad = locked_keys(keys, locked)
    if bad:
        raise YearLockedError(locked_message(db, bad, uow.meta.is_department_file), tuple(bad))


def locked_message(db: Database, keys: Sequence[str], department_file: bool) -> str:
    """Why a save may not write `keys` (fields of fixed years), naming them."""
    trees = trees_by_id(db)
    names = "、".join(describe(trees, k) for k in keys[:3]) + (f" ほか{len(keys) - 3}件" if len(keys) > 3 else "")
    years = sorted({FiscalYear(FieldKey.parse(k).year).era_label() for k in keys})
    if department_file:
        return (f"{'・'.join(years)}は政策課が確定したため、このファイルでは変更できません（{names}）。"
                "変更が必要なときは政策課に連絡してください。")
    return (f"{'・'.join(years)}は確定済みのため保存できません（{names}）。変更するには 年次作業 > "
            "年度の確定と修正 で、理由を付けて修正として記録してください。")


def record_save(uow: UnitOfWork, actor: str | None = None) -> int | None:
    """In a department file: one more revision, saved now (by `actor`), with the hash of what it now
    holds (inside the caller's transaction: the one place a save reads every field, the file's own
    stamp). Returns the new revision, or None in the master."""
    if not uow.meta.is_department_file:
        return None
    from kodaira_desk.domain import lineage  # only when a department file is saved

    previous = int(uow.meta.get("revision") or "0")
    revision = previous + 1
    stamped = uow.meta.get("content_hash")
    digest = uow.fields.content_hash()
    uow.meta.set("revision", str(revision))
    uow.meta.set("saved_at", datetime.now().astimezone().isoformat(timespec="seconds"))
    uow.meta.set("saved_by", actor or "")
    uow.meta.set("content_hash", digest)
    # the chain of its saves: how the collection tells a copy's returns from its siblings' (domain.lineage)
    chain = lineage.parse_chain(uow.meta.get(lineage.META_KEY)) or ()
    uow.meta.set(lineage.META_KEY, lineage.dumps(lineage.with_save(
        chain, (previous, stamped) if stamped else None, (revision, digest))))
    return revision
