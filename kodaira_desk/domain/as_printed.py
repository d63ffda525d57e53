"""What one of the city's documents prints of its indicators: the columns of its table, the value in
each cell, and the marks, reference periods and notes that go with them.

Every field comes from the document a layout reproduces (docs/reports.md); the PDF, the workbook
and the open-data CSV use these rules alike. A plan's values come from several documents, and a
value printed by two is kept once: the strategy's baseline 80.9% carries 001's ※ (explained in
001 only), its 平成26年中 and 001's notes. In 003's table it is printed 80.9%, with no mark: a mark,
a period or a note is printed only with a value of the document itself (or one typed in the app).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    Document,
    DocumentKind,
    Indicator,
    IndicatorValue,
    PlanTree,
    Revision,
    ValueKind,
)
from kodaira_desk.domain.values import format_value

# A target printed by a later document wins over the one first adopted.
TARGET_PREFERENCE: Final = (Revision.REVISED, Revision.RESET, Revision.CURRENT, Revision.ORIGINAL)
_KIND_ORDER: Final = (ValueKind.BASELINE, ValueKind.ACTUAL, ValueKind.FORECAST, ValueKind.TARGET)
# the documents whose tables of indicators the reports and the workbook reproduce, in preference
TABLE_KINDS: Final = (DocumentKind.KPI_STATUS, DocumentKind.PROGRAM)


@dataclass(frozen=True)
class Column:
    kind: ValueKind
    year: FiscalYear


def table_document(tree: PlanTree) -> Document | None:
    """The document whose table of indicators a plan's reports reproduce (003, 004)."""
    for kind in TABLE_KINDS:
        doc = tree.document(kind)
        if doc is not None:
            return doc
    return None


def printed_here(v: IndicatorValue, document_id: str | None) -> bool:
    """Is this value's mark, period and note the document's own (or typed in the app)?"""
    return document_id is None or v.document_id is None or v.document_id == document_id


def in_table(ind: Indicator, document_id: str | None) -> bool:
    """Does the document's table have a row for the indicator (any value of its own)? Without a
    document, every indicator with an actual value."""
    if document_id is None:
        return any(v.kind is ValueKind.ACTUAL for v in ind.values)
    return any(v.document_id == document_id for v in ind.values)


def printed_table(indicators: Sequence[Indicator], document_id: str | None) -> bool:
    """Is the table the document as the city printed it (003: values of its own, a row only for the
    indicators it lists)? A table the application makes for a plan of its own (the plan in force,
    copied for the new period) has a row for every indicator, its figures or a blank cell."""
    return document_id is not None and any(v.document_id == document_id for i in indicators for v in i.values)


def table_rows(indicators: Sequence[Indicator], document_id: str | None) -> list[Indicator]:
    """The indicators the table has a row for: those the printed table lists, else every one."""
    if not printed_table(indicators, document_id):
        return list(indicators)
    return [i for i in indicators if in_table(i, document_id)]


def latest_year(indicators: Sequence[Indicator]) -> FiscalYear | None:
    """The latest fiscal year with an actual or forecast value: the default "as of" year."""
    found = [v.year for i in indicators for v in i.values if v.kind in (ValueKind.ACTUAL, ValueKind.FORECAST)]
    return max(found) if found else None


def columns(indicators: Sequence[Indicator], years: Sequence[FiscalYear] | None = None,
            as_of: FiscalYear | None = None, period: tuple[FiscalYear, FiscalYear] | None = None) -> list[Column]:
    """The table's columns: the baseline, then actuals and forecasts of the chosen years up to the
    "as of" year, and the latest target, all in fiscal order (an R3 actual comes after the R2
    forecast and target). A target a later one superseded (001's 平成31年度) has no column. With the
    plan's `period`, a table without baselines or targets yet still has their columns: the
    baseline of the year before the period, the target of its last year, and an 実績 column for
    every year of the period up to the "as of" year (003 has one for every year, figures or not)."""
    limit = as_of or latest_year(indicators)

    def of(kind: ValueKind) -> list[FiscalYear]:
        found = {v.year for i in indicators for v in i.values if v.kind is kind}
        if period is not None and kind is ValueKind.ACTUAL and limit is not None:
            found |= {FiscalYear(y) for y in range(period[0].year, min(limit.year, period[1].year) + 1)}
        return sorted(found)

    baselines, targets = of(ValueKind.BASELINE), of(ValueKind.TARGET)
    if period is not None:
        baselines = baselines or [FiscalYear(period[0].year - 1)]
        targets = targets or [period[1]]
    out = [Column(ValueKind.BASELINE, baselines[0])] if baselines else []
    for kind in (ValueKind.ACTUAL, ValueKind.FORECAST):
        out += [Column(kind, y) for y in of(kind)
                if (years is None or y in years) and (limit is None or y <= limit)]
    if targets:
        out.append(Column(ValueKind.TARGET, targets[-1]))
    return sorted(out, key=lambda c: (c.year, _KIND_ORDER.index(c.kind)))


def target_shown(ind: Indicator, year: FiscalYear) -> IndicatorValue | None:
    """The target of a year as the latest document prints it (revised, reset, then as adopted)."""
    for revision in TARGET_PREFERENCE:
        found = ind.value(ValueKind.TARGET, year, revision)
        if found is not None:
            return found
    return None


def value_in(ind: Indicator, column: Column) -> IndicatorValue | None:
    """The indicator's value in a column of the table."""
    if column.kind is ValueKind.BASELINE:
        base = ind.values_of(ValueKind.BASELINE)
        return base[0] if base else None
    if column.kind is ValueKind.TARGET:
        return target_shown(ind, column.year)
    return ind.value(column.kind, column.year)


def printed_value(v: IndicatorValue, document_id: str | None) -> str:
    """80.9%, 58※: the value with the marks the document prints after it."""
    return format_value(v.value, printed_marks(v, document_id))


def printed_marks(v: IndicatorValue, document_id: str | None) -> tuple[str, ...]:
    return v.marks if printed_here(v, document_id) else ()


def shows_periods(ind: Indicator, document_id: str | None) -> bool:
    """Does the document print the period each figure refers to under it (003's station
    passengers)? Only when a value of its own says so; then every value's period is printed."""
    return any(v.as_of and printed_here(v, document_id) for v in ind.values)


def explained_marks(tree: PlanTree, document_id: str | None) -> set[str]:
    """The marks the document explains in its notes: only those are printed after a name."""
    return {f.mark for f in tree.footnotes
            if f.mark and (document_id is None or f.document_id == document_id)}


def name_marks(ind: Indicator, explained: set[str]) -> tuple[str, ...]:
    """The marks printed after the indicator's name (001's ※ on 満足度 has no note in 003)."""
    return tuple(m for m in ind.marks if m in explained)


def writes_one_digit_fullwidth(doc: Document | None) -> bool:
    """003 writes a one-digit year of its column heads in full width (令和２年度末), two digits in
    half width (平成26年度末)."""
    return doc is not None and doc.kind is DocumentKind.KPI_STATUS
