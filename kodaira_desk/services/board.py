"""The policy division's board: per plan and per 課, how far this year's entry has come.

For one fiscal year and each plan: how many indicators expect a 実績 (the years after the
baseline up to the last target), how many have one (a number, a 見込, or an absence mark — an
absence is an answer), how many are missing, how many are flagged (the yellow checks of the KPI
grid: a 累計 going down, a 内数 above its total), and the statuses of their values; and how many
items the plan's round asks a yearly report of (domain.round_setting: a measure's status and
実施等状況, a program's 主要事業 with its 決算額) and how many have all of it. Each plan has a total
row, then a row per lead 課 (an item led by two 課 counts in both; an indicator with no 所管課 is
under 「（所管課なし）」).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kodaira_desk.domain.achievement import Status, expected_years, graded_value
from kodaira_desk.domain.entry import (
    expects_progress,
    item_report,
    report_complete,
    warnings_for,
)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, Node, PlanTree, ValueKind
from kodaira_desk.domain.round_year import same_as_last_year
from kodaira_desk.domain.scope import answerable_for, lead_departments
from kodaira_desk.domain.yearly import active_years, asks_indicator
from kodaira_desk.services.achievement import (
    GradingSettings,
    assess_indicator,
    load_settings,
    write_text_files,
)
from kodaira_desk.services.figure_checks import Confirmed, confirmed_figures, stored_is_confirmed
from kodaira_desk.services.plans import load_all
from kodaira_desk.store.database import Database

NO_DEPARTMENT = "（所管課なし）"


@dataclass
class BoardRow:
    plan_id: str
    plan_title: str
    department: str | None  # None: the plan's total
    indicators: int = 0
    indicators_entered: int = 0
    flagged: int = 0
    measures: int = 0
    measures_entered: int = 0
    measures_unchanged: int = 0  # of the entered, those whose 実施等状況 repeats the year before's (変更なし)
    statuses: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))
    missing_items: list[str] = field(default_factory=list)  # node keys, in printed order
    flagged_items: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    @property
    def indicators_missing(self) -> int:
        return self.indicators - self.indicators_entered

    @property
    def measures_missing(self) -> int:
        return self.measures - self.measures_entered

    @property
    def go_to(self) -> str | None:
        """The item to open: the first missing one, else the first flagged, else the first."""
        for keys in (self.missing_items, self.flagged_items, self.items):
            if keys:
                return keys[0]
        return None


def _add(keys: list[str], key: str) -> None:
    if key not in keys:
        keys.append(key)


def _lead(departments: list[str]) -> list[str]:
    return departments or [NO_DEPARTMENT]


def _indicator_flags(tree: PlanTree, ind: Indicator, year: FiscalYear, confirmed: Confirmed) -> bool:
    """Whether a figure of the year is yellow: a check fails and nobody has confirmed it."""
    for kind in (ValueKind.ACTUAL, ValueKind.FORECAST):
        v = ind.value(kind, year)
        if v is not None and warnings_for(tree, ind, kind, year, v.value) and not stored_is_confirmed(
                confirmed, tree.plan.id, ind.key, v):
            return True
    return False


def _measure_entered(tree: PlanTree, node: Node, year: FiscalYear) -> bool:
    """Everything the plan's round asks of the item is there (a program's 主要事業: its 決算額 too)."""
    return report_complete(tree, node, year, item_report(tree, node, year))


def _measure_unchanged(tree: PlanTree, node: Node, year: FiscalYear) -> bool:
    """Its 実施等状況 repeats the year before's: the department said 変更なし (issue 24)."""
    entry, before = tree.progress_in(node.key, year), tree.progress_in(node.key, FiscalYear(year.year - 1))
    return entry is not None and before is not None and same_as_last_year(str(entry.narrative), str(before.narrative))


def plan_board(tree: PlanTree, year: FiscalYear, settings: GradingSettings,
               confirmed: Confirmed | None = None) -> list[BoardRow]:
    """The plan's total row, then one row per 課 in order of name."""
    total = BoardRow(tree.plan.id, tree.plan.title, None)
    by_dept: dict[str, BoardRow] = {}

    def rows_for(departments: list[str]) -> list[BoardRow]:
        return [total] + [by_dept.setdefault(d, BoardRow(tree.plan.id, tree.plan.title, d))
                          for d in departments]

    for ind in tree.indicators:
        if year not in expected_years(ind) and not asks_indicator(tree, ind, year):
            continue
        entered = graded_value(ind, year) is not None
        flagged = _indicator_flags(tree, ind, year, confirmed or {})
        status = assess_indicator(tree, ind, year, settings).status
        for row in rows_for(_lead(answerable_for(tree, ind))):
            row.indicators += 1
            row.indicators_entered += entered
            row.flagged += flagged
            row.statuses[status] += 1
            _add(row.items, ind.node_key)
            if not entered:
                _add(row.missing_items, ind.node_key)
            if flagged:
                _add(row.flagged_items, ind.node_key)
    first, last = active_years(tree)
    if first <= year <= last:
        for node in tree.nodes:
            if not expects_progress(tree, node):
                continue
            entered = _measure_entered(tree, node, year)
            unchanged = entered and _measure_unchanged(tree, node, year)
            for row in rows_for(_lead(lead_departments(node.departments))):
                row.measures += 1
                row.measures_entered += entered
                row.measures_unchanged += unchanged
                _add(row.items, node.key)
                if not entered:
                    _add(row.missing_items, node.key)
    return [total] + [by_dept[d] for d in sorted(by_dept)]


def board(trees: Iterable[PlanTree], year: FiscalYear, settings: Mapping[str, GradingSettings],
          confirmed: Mapping[str, Confirmed] | None = None,
          progress: Callable[[int, int], None] | None = None) -> list[BoardRow]:
    """Rows for every plan that expects anything in `year`, in the plans' order (`confirmed`:
    per plan, the figures someone confirmed, which are not counted as 要確認). `progress(done,
    total)` after each plan (the window's runner: it raises once the person cancelled)."""
    out: list[BoardRow] = []
    plans = list(trees)
    for n, tree in enumerate(plans, 1):
        if progress is not None:
            progress(n, len(plans))
        rows = plan_board(tree, year, settings[tree.plan.id], (confirmed or {}).get(tree.plan.id))
        if rows[0].indicators or rows[0].measures:
            out.extend(rows)
    return out


def load_board(db: Database, year: FiscalYear) -> list[BoardRow]:
    """The board of every plan in the database for `year`."""
    trees = load_all(db)
    return board(trees, year, {t.plan.id: load_settings(db, t.plan.id) for t in trees},
                 {t.plan.id: confirmed_figures(db, t.plan.id) for t in trees})


BOARD_COLUMNS = ("計画", "担当課", "指標数", "指標入力済", "指標未入力", "要確認",
                 "取組数", "取組入力済", "うち変更なし", "取組未入力", *(s.value for s in Status))


def board_cells(row: BoardRow) -> tuple[str | int, ...]:
    """One row of the board as shown and exported, in BOARD_COLUMNS order."""
    return (row.plan_title, row.department or "計", row.indicators, row.indicators_entered,
            row.indicators_missing, row.flagged, row.measures, row.measures_entered, row.measures_unchanged,
            row.measures_missing, *(row.statuses[s] for s in Status))


def board_csv(rows: list[BoardRow], year: FiscalYear) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(("年度", *BOARD_COLUMNS))
    for r in rows:
        w.writerow((year.era_label(), *board_cells(r)))
    return buf.getvalue()


def export_board(rows: list[BoardRow], year: FiscalYear, out: Path) -> Path:
    """Write the board as CSV (UTF-8 with BOM, for Excel); the file appears whole or not at all."""
    return write_text_files(out.parent, {out.name: board_csv(rows, year)})[0]
