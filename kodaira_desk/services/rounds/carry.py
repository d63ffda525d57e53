"""Next year starts from this year (issue 24): a hand-out carries each measure's 実施等状況 of the
year before into the department's file as the starting text, marked as carried over; the clerk
edits it, or confirms that it stands (変更なし). A carried text returned untouched and unconfirmed
is not an answer: the collection leaves it out (the measure stays 未記入 in the master) and says so.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round_year import CarriedText, narrative_key, texts_to_carry_for
from kodaira_desk.services.editing import record_save, refuse_locked
from kodaira_desk.store.database import Database
from kodaira_desk.store.round_year_reader import read_carried, write_carried

UNCHANGED_NOTE = "変更なし（前年度と同じ）"


Prefill = Callable[[sqlite3.Connection], list[str]]


def prefill_for(trees: Iterable[PlanTree], department: str, year: FiscalYear,
                fields: Mapping[str, FieldValue]) -> Prefill | None:
    """What a hand-out writes into `department`'s file for `year` (None: nothing to carry).
    `fields`: the master's fields read under the hand-out's lock, which the file is a copy of: a
    text is carried only where they hold none for `year`, and it is the text they hold for the
    year before (the trees give the structure; they were read before the lock)."""
    return prefills_for(trees, [department], year, fields)[department]


def prefills_for(trees: Iterable[PlanTree], departments: Sequence[str], year: FiscalYear,
                 fields: Mapping[str, FieldValue]) -> dict[str, Prefill | None]:
    """prefill_for of each department, every plan read once for all of them."""
    return {d: functools.partial(write_carried, texts=ts) if ts else None
            for d, ts in carried_for_each(trees, departments, year, fields).items()}


def carried_for_each(trees: Iterable[PlanTree], departments: Sequence[str], year: FiscalYear,
                     fields: Mapping[str, FieldValue]) -> dict[str, list[CarriedText]]:
    """The texts each department's file (a .kdesk or a workbook) for `year` starts from, every
    plan read once for all of them (prefill_for says which)."""
    texts: dict[str, list[CarriedText]] = {d: [] for d in departments}
    for tree in trees:
        for department, carried in texts_to_carry_for(tree, departments, year).items():
            for t in carried:
                fk = FieldKey.parse(t.key)
                before = fields.get(narrative_key(fk.plan_id, fk.item, t.from_year))
                if not fields.get(t.key) and before and before.strip():
                    texts[department].append(replace(t, text=before))
    return texts


def carried_texts(db: Database) -> dict[str, CarriedText]:
    """The carried texts of an open department file (none in a master)."""
    with db.read() as con:
        return read_carried(con)


def confirm_unchanged(db: Database, keys: Sequence[str], actor: str | None = None) -> int:
    """The clerk says these carried texts stand as they are (変更なし): recorded in the file (one
    more revision, so the division collects it as newer) with an audit row each. Returns how many."""
    if not keys:
        return 0
    at = datetime.now().astimezone().isoformat(timespec="seconds")
    n = 0
    with db.unit_of_work() as uow:
        refuse_locked(db, uow, list(keys))
        carried = uow.year.carried()
        for key in keys:
            text = carried[key].text if key in carried else None
            if uow.year.confirm(key, at, actor):
                uow.audit.add(key, text, text, "unchanged", None, actor, UNCHANGED_NOTE)
                n += 1
        if n:
            record_save(uow, actor)
    return n
