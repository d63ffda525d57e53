"""The open database as the window holds it (Anki's Collection): one object per open file.

The window never reaches `store/`: it opens files, learns whether a file is a department's
(clerk mode), and runs every slow or mutating action through the methods here. Each action is a
plain function of its arguments (safe to run on the window's worker thread: it opens its own
connections) and returns what it changed as a `Changes` value together with the changed plans,
brought up to date from what the operation wrote (services.tree_edits: nothing is read again to
learn what changed), so the views refresh only the rows concerned.

How to add a write: docs/architecture.md.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from kodaira_desk.domain.annotations import underlying
from kodaira_desk.domain.entry import read_entry
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey, field_map
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.plan_list import Listing, list_changed
from kodaira_desk.domain.values import format_value
from kodaira_desk.domain.yearly import in_force_first
from kodaira_desk.services import plans as plan_service
from kodaira_desk.services.clerk_file import file_info, handout_of, hold_if_department, info_of
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import (
    Content,
    SaveResult,
    Target,
    ValueCell,
    key_of,
    save_edits,
    target_of,
)
from kodaira_desk.services.grading_edits import Setting, SettingValue, stale_settings, write_grading
from kodaira_desk.services.session import Session
from kodaira_desk.services.tree_edits import fields_as_edits, saved_trees, with_edits
from kodaira_desk.store.database import Database, StoreError
from kodaira_desk.store.errors import CONTENTS, UNTRUSTED, PasswordNeeded
from kodaira_desk.store.round_year_reader import read_carried, read_locks

if TYPE_CHECKING:
    from kodaira_desk.domain.annotations import Attachment, Question
    from kodaira_desk.domain.merge import FieldValue
    from kodaira_desk.domain.round_year import CarriedText
    from kodaira_desk.services.achievement import GradingSettings
    from kodaira_desk.services.rounds.overview import RoundOverview
    from kodaira_desk.services.rounds.reminders import Reminder
    from kodaira_desk.services.rounds.submission import FileRound
    from kodaira_desk.store.first_screen import FirstScreen

__all__ = ["Changes", "PasswordNeeded", "Session", "StoreError", "Workspace", "WorkspaceError"]

Progress = Callable[[int, int], None]
P = ParamSpec("P")
R = TypeVar("R")

# The window's one name for "this file cannot be used" (the store's error, message in Japanese).
WorkspaceError = StoreError


@dataclass(frozen=True)
class Changes:
    """The entry fields an action touched (keys as in domain.fields), or everything."""

    keys: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def of_targets(cls, targets: Iterable[Target]) -> Changes:
        return cls(frozenset(key_of(t) for t in targets))

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.keys | other.keys, self.everything or other.everything)

    def __bool__(self) -> bool:
        return self.everything or bool(self.keys)

    def plans(self) -> set[str]:
        return {FieldKey.parse(underlying(k)).plan_id for k in self.keys}

    def nodes(self, trees: Mapping[str, PlanTree]) -> set[tuple[str, str]]:
        """(plan id, node key) of every tree row whose fields changed (an indicator's: its node)."""
        out: set[tuple[str, str]] = set()
        for k in self.keys:
            fk = FieldKey.parse(underlying(k))  # a note's, a question's: its field's
            tree = trees.get(fk.plan_id)
            if tree is None:
                continue
            if fk.kind == "value":
                node_key = next((i.node_key for i in tree.indicators if i.key == fk.item), None)
                if node_key is not None:
                    out.add((fk.plan_id, node_key))
            else:
                out.add((fk.plan_id, fk.item))
        return out


def changes_between(before: Mapping[str, PlanTree], after: Mapping[str, PlanTree]) -> Changes:
    """The fields whose value differs between two readings of the plans."""
    old: dict[str, FieldValue] = {k: v for t in before.values() for k, v in field_map(t).items()}
    new: dict[str, FieldValue] = {k: v for t in after.values() for k, v in field_map(t).items()}
    return Changes(frozenset(k for k in old.keys() | new.keys() if old.get(k) != new.get(k)))


@dataclass(frozen=True)
class Applied:
    """What a mutating action did: its changes and the changed plans as they now are."""

    changes: Changes
    trees: dict[str, PlanTree] = field(default_factory=dict)
    saved: SaveResult | None = None
    report: object = None  # the service's own report (a CollectReport for a collection)
    # the grading settings of the plans the window had read them for, read again with the
    # operation on the runner (None: forgotten, read again where next asked)
    grading: dict[str, GradingSettings] | None = None
    # plans added or removed elsewhere: the window's reading again, read with the look on the runner
    first: FirstScreen | None = None
    confirmed: dict[str, dict[str, str]] = field(default_factory=dict)  # plans' confirmed figures read again


class Workspace:
    """One open database: its path, whether it is a department's file, the person at work, and the
    edit session (the loaded plans and the unsaved edits, `session`)."""

    def __init__(self, db: Database, actor: str | None = None, *, facts: Mapping[str, str] | None = None) -> None:
        """`facts`: the meta rows clerk_file.FACTS, when they were read with the first screen (a
        master on a server read by a process of its own as the window starts: services/opening.py)."""
        self.db = db
        self.actor = actor
        # DepartmentFileInfo when a department file: clerk mode
        self.clerk = info_of(facts) if facts is not None else file_info(db)
        clerk = self.clerk
        self.session = Session(clerk.department if clerk else None, clerk.fiscal_year.year if clerk else None)
        self._confirmed: dict[str, dict[str, str]] = {}  # plan → figures someone confirmed
        self._first: dict[str, Any] = {}  # read_first_screen's answers, each taken once
        # read-only, held while open: 名前を付けて保存 reads the file through it once the file has gone
        # (its folder moved, the USB stick pulled: services/file_place.copy_as)
        self.kept = None if db.on_server or os.name == "nt" else _keep_open(db.path)
        self.held = hold_if_department(db, clerk)  # said open beside it: a re-issue does not replace it

    @classmethod
    def open(cls, path: Path | str | None, *, create: bool = True, actor: str | None = None,
             password: str | None = None) -> Workspace:
        """Open a database or department file, or a master on a server (a postgresql:// URL);
        raises WorkspaceError with a Japanese message (PasswordNeeded when the server asks)."""
        db = open_database(path, create=create, password=password)
        try:
            return cls(db, actor)
        except UNTRUSTED as exc:  # its rows not as Kodaira Desk writes them (altered, another app's)
            db.dispose()
            raise StoreError.of(CONTENTS, file=db.name) from exc

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def name(self) -> str:
        """The file's name, or dbname@host for a master on a server."""
        return self.db.name

    @property
    def location(self) -> str:
        """The file's path, or the server URL without a password (shown and remembered)."""
        return self.db.location

    @property
    def on_server(self) -> bool:
        return self.db.on_server

    def close(self) -> None:
        self.held.release()
        if self.kept is not None:
            self.kept.close()
            self.kept = None
        self.db.dispose()

    # ------------------------------------------------------------------ reading
    def load_all(self) -> list[PlanTree]:
        return plan_service.load_all(self.db)

    def read_first_screen(self, first: FirstScreen | None = None) -> None:
        """What the window reads as it opens, read at once (on a server in one round trip): the
        window's first load_plans(), departments() and change_mark() take it instead of reading.
        Nothing is read again while the window has not taken what was read (a master on a server
        is read as it opens, elsewhere: services/opening.py, which gives `first`, read as here)."""
        if "trees" in self._first:
            return
        if first is None:
            try:
                first = self._read_first(mark=self.on_server, check=True)
            except UNTRUSTED as exc:
                raise StoreError.of(CONTENTS, file=self.db.name) from exc
        self._first = {"trees": (first.trees, first.plans), "round_year": (first.locked_years, first.carried),
                       "departments": first.departments}
        if first.mark is not None:
            self._first["mark"] = first.mark

    def load_plans(self) -> Session:
        """Read every plan into the session (open, and after the plan editor); edits are kept.
        Also the years the division fixed and a department file's carried texts (issue 24)."""
        if "trees" not in self._first:  # a reload: the same read as the opening one, less the 課
            first = self._read_first(mark=False)
            self._first["trees"] = (first.trees, first.plans)
            self._first["round_year"] = (first.locked_years, first.carried)
        trees, plans = self._first.pop("trees")
        # the first plans whole, the others read when first asked for (issue 27)
        self.session.load(trees, in_force_first(plans, self.window_year()), lambda ids: plan_service.load_some(self.db, ids))
        self._confirmed.clear()
        self.session.locked_years, self.session.carried = self._first.pop("round_year")
        return self.session

    def window_year(self) -> FiscalYear:
        """The year whose plans in force are listed, and read whole (issue 27), first: a department file's, else today's."""
        return self.clerk.fiscal_year if self.clerk is not None else FiscalYear.of(date.today())

    def _read_first(self, mark: bool, check: bool = False) -> FirstScreen:
        return plan_service.first_screen(self.db, carried=self.clerk is not None, mark=mark, check=check, year=self.window_year())

    def load_round_year(self) -> None:
        """The fixed years and carried texts, read into the session (with the plans)."""
        self.session.locked_years, self.session.carried = self.round_year()

    def round_year(self) -> tuple[frozenset[tuple[str, int]], dict[str, CarriedText]]:
        """The fixed years and a department file's carried texts (worker-safe: the caller puts
        them into the session on the GUI thread)."""
        with self.db.read() as con:
            return read_locks(con), (read_carried(con) if self.clerk is not None else {})

    # ------------------------------------------------------------------ confirmed figures
    def confirmed(self, plan_id: str) -> Mapping[str, str]:
        """The plan's figures someone confirmed (field key → text): their yellow checks are off.
        Read once, then kept until a figure is confirmed here or the plans are read again."""
        known = self._confirmed.get(plan_id)
        if known is None:
            from kodaira_desk.services.figure_checks import confirmed_figures  # (its JSON: issue 27)

            known = self._confirmed[plan_id] = confirmed_figures(self.db, plan_id)
        return known

    def confirm(self, key: str, text: str, actor: str | None = None) -> dict[str, str]:
        """The person (`actor`, else the workspace's) says the figure `text` of the field `key` is
        right: a small write of its own, on the runner; the plan's confirmed figures as they now are,
        for `take_confirmed` on the GUI thread."""
        from kodaira_desk.services.figure_checks import confirm_figure

        return confirm_figure(self.db, key, text, actor or self.actor)

    def take_confirmed(self, confirmed: Mapping[str, Mapping[str, str]]) -> None:
        """Plans' confirmed figures as read or written on the runner (GUI thread)."""
        self._confirmed.update({p: dict(c) for p, c in confirmed.items()})

    def confirmed_known(self) -> dict[str, Mapping[str, str]]:
        """The confirmed figures read so far, by plan (a copy for a look on the runner)."""
        return dict(self._confirmed)

    def departments(self) -> list[str]:
        first: list[str] | None = self._first.pop("departments", None)
        return first if first is not None else plan_service.list_departments(self.db)

    def info(self) -> dict[str, str]:
        return plan_service.database_info(self.db)

    def warm_up(self) -> None:
        """On a server: the driver imported and a connection made, for the reads after start-up
        (a master read by another process as the window started has neither: services/opening.py)."""
        self.db.warm_up()

    def change_mark(self) -> str:
        """Cheap: whether anyone (another window, another person on the server) wrote since."""
        first: str | None = self._first.pop("mark", None)  # the window's first look: as it opened
        return first if first is not None else plan_service.change_mark(self.db)

    def changes_by_others(self, before: Mapping[str, PlanTree], listed: Listing | None = None,
                          confirmed: Mapping[str, Mapping[str, str]] | None = None) -> Applied:
        """Read the plans of `before` again (the plans the window has read) and say which fields
        differ (what the window shows): the window refreshes those rows only. A plan not read yet
        is read as it is when opened; `listed` (the window's list of plans, PlanTrees.listing)
        differing from the database's (a plan added, removed, renamed, a new year) is everything.
        Its own unsaved edits are not touched here. `confirmed` (confirmed_known): figures confirmed
        or no longer confirmed elsewhere are changes too (Applied.confirmed)."""
        self.session.stored_grading.clear()  # others may have changed the thresholds too
        if listed is None:
            after = {t.plan.id: t for t in self.load_all()}
            everything = set(after) != set(before)
        else:
            plans, trees = plan_service.list_and_load(self.db, list(before))
            after = {t.plan.id: t for t in trees}
            everything = set(after) != set(before) or list_changed(listed, in_force_first(plans, self.window_year()))
        changes = changes_between(before, after)
        now: dict[str, dict[str, str]] = {}
        if confirmed:
            from kodaira_desk.services.figure_checks import confirmed_of

            now = {p: c for p, c in confirmed_of(self.db, confirmed).items() if c != confirmed[p]}
            changes = changes | Changes(frozenset(k for p, c in now.items() for k in c.keys() | confirmed[p].keys()
                                                  if c.get(k) != confirmed[p].get(k)))
        first = None
        if everything:  # what the window reads again (load_plans takes it), read here, not on the GUI thread
            changes = changes | Changes.all()
            first = self._read_first(mark=False)
        return Applied(changes, {pid: after[pid] for pid in changes.plans() | (set(after) - set(before)) if pid in after},
                       first=first, confirmed=now)

    def _read(self, plan_ids: Iterable[str]) -> list[PlanTree]:
        return plan_service.load_some(self.db, sorted(plan_ids))

    def _written(self, changed: Mapping[str, FieldValue], trees: Mapping[str, PlanTree] | None = None) -> Applied:
        """What an operation wrote, as Changes and the plans it touched brought up to date."""
        edits = fields_as_edits(changed)
        brought = with_edits(self.session.trees.loaded() if trees is None else trees, edits)
        return Applied(Changes(frozenset(changed)), self._with_annotations(brought, changed))

    def _with_annotations(self, trees: dict[str, PlanTree], keys: Iterable[str]) -> dict[str, PlanTree]:
        """Notes, questions and attachments carry who and when, which a field's value does not: the
        plans an operation wrote any of get their annotations read again (a few small rows each)."""
        from kodaira_desk.services import notes

        return notes.with_annotations(self.db, trees, keys)

    # ------------------------------------------------------------------ actions (worker thread)
    def save(self, edits: Mapping[Target, Content], stored: Mapping[Target, Content],
             overwrite: bool = False, grading: Mapping[Setting, SettingValue] | None = None) -> Applied:
        """Write the typed edits in one transaction (audit rows carry the actor), reading only the edited
        fields; the plans they belong to come back with the edits applied. The grading settings changed
        (`grading`: thresholds, directions) are written in the same transaction. A field changed elsewhere
        since it was loaded, or a grading setting saved elsewhere since it was changed here (`grading` as
        GradingEdits.pending gives it), raises StaleEditError and writes nothing, unless `overwrite` (the
        person said so). (The window reads the file back after: ui/window/saving.read_back.)"""
        if not edits and not grading:
            return Applied(Changes(), {}, SaveResult(0, ()))
        trees = self.session.trees.loaded()  # the plans the edits were typed on (immutable)
        settings = grading or {}
        result = save_edits(self.db, dict(edits), dict(stored), self.actor, overwrite=overwrite,
                            on_saved=(lambda uow, _revision: write_grading(uow, settings, self.actor))
                            if settings else None,
                            stale_settings=(lambda uow: stale_settings(uow, settings)) if settings else None,
                            handout=handout_of(self.clerk))
        result = SaveResult(result.written + len(settings), result.targets, result.removed)  # a setting is an edit too
        changes = Changes.of_targets(result.targets)
        return Applied(changes, self._with_annotations(saved_trees(trees, edits, result.removed, self._read), changes.keys), result)

    def save_session(self, overwrite: bool = False) -> Applied:
        """Save the session's edits here and now (the window saves through `save` on its worker)."""
        edits, stored = self.session.to_save()
        grading = self.session.grading.pending()
        applied = self.save(edits, stored, overwrite, grading)
        self.session.take_in(applied.trees, saved=edits)
        self.session.grading.saved(grading)
        return applied

    def collect(self, files: Sequence[Path], before: Mapping[str, PlanTree],
                progress: Progress | None = None) -> Applied:
        """Collect returned department files; the changes are the fields the collection wrote, and
        the plans of `before` they belong to come back with them applied."""
        from kodaira_desk.services.achievement import load_settings_of
        from kodaira_desk.services.plan_memory import untrack_plans
        from kodaira_desk.services.rounds.collect import collect

        report = collect(self.db, list(files), progress, actor=self.actor)
        written = self._written(report.changed, before)
        # the plans brought up to date never scanned by the GUI thread's collector (60,000 objects:
        # a young collection there after the take-in), and the grading settings the window keeps
        # read here, not on the GUI thread as its KPI pane next grades (issue 27)
        untrack_plans(written.trees, written.changes)
        grading = load_settings_of(self.db, list(self.session.stored_grading))
        return Applied(written.changes, written.trees, report=report, grading=grading)

    def check_typed(self, key: str, text: str, trees: Mapping[str, PlanTree]) -> str:
        """A value typed for a field, read as the grid reads it; raises DomainError with its message."""
        target = target_of(key)
        text = text.strip()
        if isinstance(target, ValueCell) and text:
            indicator = trees[target.plan_id].indicator(target.indicator_key)
            typed = read_entry(indicator, text)
            return format_value(typed.value, typed.marks)
        return text

    def resolve(self, conflict_id: int, key: str, choice: str, shown: FieldValue, typed: str | None = None,
                reason: str | None = None) -> Applied:
        """Decide one conflict (keep / take / typed) against the master's value `shown` to the person
        (refused, nothing written, when the master holds another now); the changed field's plan read
        again. A field of a fixed year takes the department's or another value only as a correction
        with `reason`."""
        from kodaira_desk.services.rounds.conflicts import resolve

        written = self._written(resolve(self.db, conflict_id, choice, typed, self.actor, reason, shown))
        return Applied(Changes(frozenset({key})), written.trees)

    def undo_resolution(self, conflict_id: int, key: str) -> Applied:
        """Put a resolved conflict back (open, the master's value before it); refused once the
        field has changed since."""
        from kodaira_desk.services.rounds.conflicts import undo_resolution

        written = self._written(undo_resolution(self.db, conflict_id, self.actor))
        return Applied(Changes(frozenset({key})), written.trees)

    # ------------------------------------------------------------------ notes, questions, evidence (issue 25)
    def ask_question(self, field_key: str, text: str) -> Applied:
        """The division asks about one field (it reaches the department with its next hand-out)."""
        from kodaira_desk.services import notes

        return self._written(notes.ask_question(self.db, field_key, text, self.actor))

    def close_question(self, question: Question, closed: bool = True) -> Applied:
        from kodaira_desk.services import notes

        return self._written(notes.close_question(self.db, question, closed, self.actor))

    def attach(self, field_key: str, path: Path) -> Applied:
        """Attach an evidence file to a field (checked, refused by name: nothing is written then)."""
        from kodaira_desk.services import notes

        name, data = notes.read_evidence_file(path)
        return self._written(notes.attach(self.db, field_key, name, data, self.actor, self.session.trees.loaded()).changed)

    def attach_files(self, field_key: str, paths: Sequence[Path],
                     trees: Mapping[str, PlanTree] | None = None) -> Applied:
        """Attach several files; each is checked alone and a refused one is named in the report
        (a tuple of messages) while the others are attached. `trees`: the plans as the window holds
        them (read on the GUI thread), for the limit per department file."""
        from kodaira_desk.services import notes

        trees = self.session.trees.loaded() if trees is None else trees
        keys: list[Mapping[str, FieldValue]] = []
        refused: list[str] = []
        for path in paths:
            try:
                name, data = notes.read_evidence_file(Path(path))
                keys.append(notes.attach(self.db, field_key, name, data, self.actor, trees).changed)
            except DomainError as exc:
                refused.append(exc.message)
        written = self._written({k: v for key in keys for k, v in key.items()})
        return Applied(written.changes, written.trees, report=tuple(refused))

    def detach(self, attachment: Attachment) -> Applied:
        from kodaira_desk.services import notes

        return self._written(notes.detach(self.db, attachment, self.actor))

    def viewing_copy(self, attachment: Attachment) -> Path:
        """A private read-only copy of an attachment for the system's viewer (checked first)."""
        from kodaira_desk.services import notes

        return notes.viewing_copy(self.db, attachment)

    def save_attachment(self, attachment: Attachment, out: Path) -> Path:
        from kodaira_desk.services import notes

        return notes.save_copy(self.db, attachment, out)


    def open_conflicts(self) -> list[object]:
        from kodaira_desk.services.rounds.conflicts import open_conflicts

        return list(open_conflicts(self.db))

    def handout(self, year: FiscalYear, folder: Path, departments: Sequence[str],
                progress: Progress | None = None, file_format: str = "kdesk", **round_settings: Any) -> list[object]:
        """Hand out; `round_settings`: the round's deadline (a date, or None to have none) and
        head_check_required, when they change (rounds.handout)."""
        from kodaira_desk.services.rounds.handout import handout

        return list(handout(self.db, year, folder, departments, progress, file_format, actor=self.actor,
                            **round_settings))

    # ------------------------------------------------------------------ the round's year (issue 24)
    def submit(self, edits: Mapping[Target, Content], stored: Mapping[Target, Content], head_check: str | None,
               overwrite: bool = False) -> Applied:
        """提出用に保存 in a department file: save (one more revision even without edits) with the
        department head's check when given; the saved plans read again."""
        from kodaira_desk.services.file_place import check_saved
        from kodaira_desk.services.rounds.submission import submit

        trees = self.session.trees.loaded()  # the plans the edits were typed on (immutable)
        result, check = submit(self.db, edits, stored, self.actor, head_check, overwrite=overwrite,
                               handout=handout_of(self.clerk))
        check_saved(self.path, full=True)  # the file to send reads back whole, else FileDamaged (not "send it")
        return Applied(Changes.of_targets(result.targets), saved_trees(trees, edits, result.removed, self._read), result,
                       report=check)

    def confirm_unchanged(self, keys: Sequence[str]) -> Applied:
        """The clerk confirms carried texts as they stand (変更なし): recorded in the file."""
        from kodaira_desk.services.rounds.carry import confirm_unchanged

        confirm_unchanged(self.db, keys, self.actor)
        return Applied(Changes(frozenset(keys)), {}, report=self.round_year())

    def lock_year(self, plan_id: str, year: FiscalYear, note: str = "") -> Applied:
        """確定; the report is the fixed years and carried texts read again (for the session)."""
        from kodaira_desk.services.year_locks import lock_year

        lock_year(self.db, plan_id, year, self.actor, note)
        return Applied(Changes(), {}, report=self.round_year())

    def correct(self, key: str, text: str | None, reason: str) -> Applied:
        """A correction (修正) of a fixed year's field, with its reason; the plan read again."""
        from kodaira_desk.services.year_locks import correct

        done = correct(self.db, key, text, reason, self.actor)
        written = self._written(done.written)
        return Applied(written.changes, written.trees, report=done)

    def round_overview(self, year: FiscalYear) -> RoundOverview:
        """The collection board with its deadline (a read: cheap enough for the window to ask)."""
        from kodaira_desk.services.rounds.overview import round_overview

        return round_overview(self.db, year)

    def set_round(self, year: FiscalYear, **settings: Any) -> object:
        """Change the round's deadline or head-check requirement (audited)."""
        from kodaira_desk.services.rounds.settings import set_round

        return set_round(self.db, year, actor=self.actor, **settings)

    def acknowledge(self, year: FiscalYear, department: str) -> None:
        """Accept a return without the required head check (了承), audited."""
        from kodaira_desk.services.rounds.review import acknowledge

        acknowledge(self.db, year, department, self.actor)

    def make_reminders(self, year: FiscalYear, out: Path, departments: Sequence[str], attach: bool,
                       sender: str | None) -> list[Reminder]:
        """One .eml draft per department to remind (nothing is sent)."""
        from kodaira_desk.services.rounds.reminders import make_reminders

        return make_reminders(self.db, year, out, departments, attach=attach, sender=sender)

    def file_round(self) -> FileRound:
        """A department file's deadline and head-check requirement (FileRound)."""
        from kodaira_desk.services.rounds.submission import file_round

        return file_round(self.db)

    # ------------------------------------------------------------------ operations of other services
    def run(self, op: Callable[Concatenate[Database, P], R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """A service operation on this workspace's database (Anki's CollectionOp: the op gets the
        collection), for the dialogs that call a family of services (the plan editor's edits and
        their undo, its reads): they hold the workspace, never the database."""
        return op(self.db, *args, **kwargs)

    def grading(self, plan_id: str) -> GradingSettings:
        """How a plan's indicators are graded (thresholds, directions), with the changes not yet
        saved applied: what the board and the KPI pane show."""
        stored = self.session.stored_grading.get(plan_id)
        if stored is None:
            from kodaira_desk.services.achievement import load_settings  # (not for the start-up: issue 27)

            stored = self.session.stored_grading[plan_id] = load_settings(self.db, plan_id)
        return self.session.grading.applied(plan_id, stored)

    def stored_grading(self, plan_id: str) -> GradingSettings:
        """How a plan's indicators are graded as the database holds it (what an undo returns to)."""
        from kodaira_desk.services.achievement import load_settings

        return load_settings(self.db, plan_id)

    def make_report(self, kind: str, options: object, out: Path, progress: Progress | None = None) -> Path:
        from kodaira_desk.services import reports

        return reports.make_report(self.db, kind, options, out, progress)  # type: ignore[arg-type]

    def export_xlsx(self, plan_id: str, out: Path, department: str | None = None,
                    progress: Progress | None = None) -> Path:
        from kodaira_desk.services.workbooks import export_xlsx

        return export_xlsx(self.db, plan_id, out, department=department, progress=progress)


def _keep_open(path: Path) -> sqlite3.Connection | None:
    """A read-only connection whose descriptor reads the file even after it was moved (POSIX), or None."""
    try:
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the file's descriptor opened now
    except (sqlite3.Error, ValueError):
        return None
    return con


def is_user_error(exc: BaseException) -> bool:
    """Errors whose message is for a person (Japanese); anything else is a bug to log."""
    return isinstance(exc, (DomainError, StoreError, OSError))


def message_of(exc: BaseException) -> str:
    return str(getattr(exc, "message", "") or exc)
