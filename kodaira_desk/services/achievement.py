"""Rates and statuses of a plan's indicators, their settings, and the open-data CSV.

The settings live in the database (its `meta` table), so every copy of the master grades the same
way: per indicator whether lower is better, and the two thresholds of the status. The rules
themselves are in `kodaira_desk.domain.achievement`; the CSV is described in docs/open-data-csv.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from kodaira_desk.domain import as_printed
from kodaira_desk.domain.achievement import (
    Achievement,
    Direction,
    Thresholds,
    assess,
    direction_of,
    graded_years,
)
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, IndicatorValue, PlanTree, Role
from kodaira_desk.domain.values import Absent, Measured
from kodaira_desk.io.atomic import write_texts
from kodaira_desk.services import program_data
from kodaira_desk.services.plans import load_plan
from kodaira_desk.store.database import Database

if TYPE_CHECKING:  # the ORM's module: imported when something is written, not at start-up
    from kodaira_desk.store.unit_of_work import UnitOfWork

_THRESHOLDS_KEY = "achievement.thresholds"
_DIRECTIONS_KEY = "achievement.directions:{plan}"


class SettingError(DomainError):
    """A setting that cannot be used; the message is for a person."""


@dataclass(frozen=True)
class GradingSettings:
    """How a plan is graded: thresholds and the indicators where lower is better."""

    thresholds: Thresholds
    directions: dict[str, Direction]  # indicator key → set direction (absent: not set)

    def direction(self, indicator_key: str) -> Direction | None:
        return self.directions.get(indicator_key)


def load_settings(db: Database, plan_id: str) -> GradingSettings:
    with db.reader() as r:
        raw_limits = r.meta(_THRESHOLDS_KEY)
        raw_dirs = r.meta(_DIRECTIONS_KEY.format(plan=plan_id))
    return GradingSettings(_thresholds(raw_limits), _directions(raw_dirs))


def load_settings_of(db: Database, plan_ids: Iterable[str]) -> dict[str, GradingSettings]:
    """`load_settings` of several plans in one read (the thresholds read once)."""
    ids = list(plan_ids)
    if not ids:
        return {}
    with db.reader() as r:
        limits = _thresholds(r.meta(_THRESHOLDS_KEY))
        raw = {pid: r.meta(_DIRECTIONS_KEY.format(plan=pid)) for pid in ids}
    return {pid: GradingSettings(limits, _directions(text)) for pid, text in raw.items()}


def settings_in(uow: UnitOfWork, plan_id: str) -> GradingSettings:
    """A plan's settings as the caller's transaction sees them (under a save's lock)."""
    return GradingSettings(_thresholds(uow.meta.get(_THRESHOLDS_KEY)),
                           _directions(uow.meta.get(_DIRECTIONS_KEY.format(plan=plan_id))))


def _thresholds(raw: str | None) -> Thresholds:
    if not raw:
        return Thresholds()
    data = json.loads(raw)
    return Thresholds(Decimal(data["achieved"]), Decimal(data["on_track"]))


def _directions(raw: str | None) -> dict[str, Direction]:
    return {k: Direction(v) for k, v in json.loads(raw or "{}").items()}


def thresholds_text(limits: Thresholds) -> str:
    """The thresholds in words, as the audit and a save's question show them."""
    return f"達成 {limits.achieved.normalize():f}％・概ね順調 {limits.on_track.normalize():f}％"  # 50.0 → 50


def direction_text(direction: Direction | None) -> str:
    """An indicator's direction in words (not set: the target's wording decides)."""
    return direction.label if direction is not None else "未設定（目標の書き方で判定）"


def thresholds_key() -> str:
    """The audit row's key of a change to the thresholds (services.field_words names it)."""
    return "grading:thresholds"


def direction_key(plan_id: str, indicator_key: str) -> str:
    """The audit row's key of a change to one indicator's direction."""
    return f"grading:{plan_id}:{indicator_key}"


def set_direction(db: Database, plan_id: str, indicator_key: str, direction: Direction | None,
                  actor: str | None = None) -> None:
    """Set (or, with None, unset) whether lower is better for one indicator."""
    with db.unit_of_work() as uow:
        put_direction(uow, plan_id, indicator_key, direction, actor)


def put_direction(uow: UnitOfWork, plan_id: str, indicator_key: str, direction: Direction | None,
                  actor: str | None = None) -> None:
    """The direction of one indicator, written in the caller's transaction (None: not set), with
    its audit row when it changes (the row is also what tells other windows someone wrote)."""
    key = _DIRECTIONS_KEY.format(plan=plan_id)
    current: dict[str, str] = json.loads(uow.meta.get(key) or "{}")
    old = current.get(indicator_key)
    if direction is None:
        current.pop(indicator_key, None)
    else:
        current[indicator_key] = direction.value
    uow.meta.set(key, json.dumps(dict(sorted(current.items())), ensure_ascii=False))
    if old != (direction.value if direction else None):
        uow.audit.add(direction_key(plan_id, indicator_key), direction_text(Direction(old) if old else None),
                      direction_text(direction), "typed", None, actor)


def parse_thresholds(achieved: str, on_track: str) -> Thresholds:
    """The thresholds as typed (per cent: "100", "80%"). Raises SettingError."""
    try:
        return Thresholds(Decimal(achieved.strip().rstrip("%％")), Decimal(on_track.strip().rstrip("%％")))
    except (InvalidOperation, ValueError) as exc:
        raise SettingError(
            f"達成・概ね順調の基準は数値（%）で、0 ≦ 概ね順調 ≦ 達成 としてください（入力: {achieved}, {on_track}）。"
        ) from exc


def set_thresholds(db: Database, achieved: str, on_track: str, actor: str | None = None) -> Thresholds:
    """Store the thresholds (per cent, as typed: "100", "80"). Raises SettingError."""
    limits = parse_thresholds(achieved, on_track)
    with db.unit_of_work() as uow:
        put_thresholds(uow, limits, actor)
    return limits


def put_thresholds(uow: UnitOfWork, limits: Thresholds, actor: str | None = None) -> None:
    """The thresholds (one setting of the database, for every plan), in the caller's transaction,
    with their audit row when they change."""
    old = _thresholds(uow.meta.get(_THRESHOLDS_KEY))
    uow.meta.set(_THRESHOLDS_KEY, json.dumps({"achieved": str(limits.achieved), "on_track": str(limits.on_track)}))
    if old != limits:
        uow.audit.add(thresholds_key(), thresholds_text(old), thresholds_text(limits), "typed", None, actor)


def footnote_texts(tree: PlanTree) -> dict[str, str]:
    """Mark → text of the plan's footnotes (the latest document's wording wins)."""
    return {f.mark: f.text for f in tree.footnotes if f.mark}


def assess_indicator(tree: PlanTree, indicator: Indicator, year: FiscalYear,
                     settings: GradingSettings, footnotes: dict[str, str] | None = None) -> Achievement:
    """`footnotes`: the plan's `footnote_texts`, when the caller grades many indicators at once."""
    return assess(indicator, year, direction=settings.direction(indicator.key),
                  thresholds=settings.thresholds, footnotes=footnote_texts(tree) if footnotes is None else footnotes)


def plan_achievements(tree: PlanTree, settings: GradingSettings) -> list[Achievement]:
    """Every indicator of the plan, every year it has a 実績 or 見込, in printed order."""
    notes = footnote_texts(tree)
    return [assess(ind, y, direction=settings.direction(ind.key), thresholds=settings.thresholds,
                   footnotes=notes)
            for ind in tree.indicators for y in graded_years(ind)]


# ---------------------------------------------------------------------------------- open data
INDICATOR_COLUMNS = ("plan_id", "indicator_key", "number", "name", "indicator_kind", "unit",
                     "cumulative", "part_of", "lead_departments", "direction", "node_key")
VALUE_COLUMNS = ("plan_id", "indicator_key", "fiscal_year", "fiscal_year_label", "kind", "revision",
                 "printed", "number", "unit", "qualifier", "absence", "absence_mark", "marks", "as_of", "note")
RATE_COLUMNS = ("plan_id", "indicator_key", "fiscal_year", "fiscal_year_label", "graded_kind",
                "rate_percent", "basis", "status", "met", "baseline", "target", "target_year", "reason")


def _note(tree: PlanTree, indicator_key: str, v: IndicatorValue) -> str:
    """The note on a value's field (issue 25), as its readers need it: the text."""
    key = FieldKey("value", tree.plan.id, indicator_key, v.year.year, v.kind.value, v.revision.value)
    note = tree.annotations.note(str(key))
    return note.text if note else ""


def _csv_text(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def open_data_tables(tree: PlanTree, settings: GradingSettings) -> dict[str, str]:
    """File name → CSV text: indicators, values (one row per indicator, year, kind and revision)
    and achievement (one row per indicator and graded year)."""
    pid = tree.plan.id
    ind_rows: list[tuple[object, ...]] = []
    val_rows: list[tuple[object, ...]] = []
    # printed as the plan's table prints them (003, 004): a mark or a period another document gave
    # a value (001's ※ on 80.9%, its 平成26年中) is explained there, not here (domain.as_printed)
    doc = as_printed.table_document(tree)
    doc_id = doc.id if doc else None
    for ind in tree.indicators:
        leads = "・".join(d.department for d in ind.departments if d.role is Role.LEAD)
        direction = direction_of(ind, settings.direction(ind.key))
        ind_rows.append((pid, ind.key, ind.number or "", ind.name, ind.kind.value, ind.unit,
                         int(ind.cumulative), ind.part_of or "", leads, direction.value, ind.node_key))
        periods = as_printed.shows_periods(ind, doc_id)
        for v in sorted(ind.values, key=lambda v: (v.year, v.kind.value, v.revision.value)):
            m = v.value if isinstance(v.value, Measured) else None
            a = v.value if isinstance(v.value, Absent) else None
            val_rows.append((pid, ind.key, v.year.year, v.year.era_label(), v.kind.value,
                             v.revision.value, as_printed.printed_value(v, doc_id),
                             str(m.number) if m else "", m.unit if m else "",
                             (m.prefix + m.suffix) if m else "", a.kind.value if a else "",
                             (a.mark or "") if a else "", " ".join(as_printed.printed_marks(v, doc_id)),
                             (v.as_of or "") if periods else "", _note(tree, ind.key, v)))
    rate_rows: list[tuple[object, ...]] = []
    for r in plan_achievements(tree, settings):
        rate_rows.append((pid, r.indicator_key, r.year.year, r.year.era_label(),
                          r.graded.kind.value if r.graded else "",
                          "" if r.rate is None else str(r.rate), r.basis.value if r.basis else "",
                          r.status.value, "" if r.met is None else int(r.met),
                          str(r.baseline.value) if r.baseline else "",
                          str(r.target.value) if r.target else "",
                          r.target.year.year if r.target else "", r.reason))
    tables = {
        f"{pid}-indicators.csv": _csv_text(INDICATOR_COLUMNS, ind_rows),
        f"{pid}-values.csv": _csv_text(VALUE_COLUMNS, val_rows),
        f"{pid}-achievement.csv": _csv_text(RATE_COLUMNS, rate_rows),
    }

    if tree.plan.round.settlement:
        tables[f"{pid}-projects.csv"] = _csv_text(program_data.PROJECT_COLUMNS, program_data.project_rows(tree))
    return tables


def write_text_files(out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Write each file whole or not at all (io.atomic), UTF-8 with a BOM so that Excel in Japanese
    opens it as UTF-8."""
    targets = {out_dir / name: text for name, text in files.items()}
    write_texts(targets, encoding="utf-8-sig")  # all of them or none: never a set with a file missing
    return list(targets)


def export_open_data(db: Database, plan_id: str, out_dir: Path) -> list[Path]:
    """`kodaira-desk export csv`: the plan's indicators, values and rates as tidy CSV files.
    Raises KeyError for an unknown plan."""
    tree = load_plan(db, plan_id)
    return write_text_files(out_dir, open_data_tables(tree, load_settings(db, plan_id)))
