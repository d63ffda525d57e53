"""Targets and their revisions (再設定).

A plan's target for a year is first adopted (Revision.CURRENT, or ORIGINAL when a later document
changed it); a revision keeps the original and records the new target as Revision.RESET with the
reason in its note. The city's printed data uses the same kinds: 001 prints its H31 targets as
ORIGINAL, 003 its R2 targets as REVISED, so one question — which targets does a year have — has
one answer here for the window and for the reports.
"""

from __future__ import annotations

from dataclasses import replace

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, IndicatorValue, Revision, ValueKind
from kodaira_desk.domain.values import Value

# oldest first: the order a reader follows a target's history
TARGET_ORDER = (Revision.ORIGINAL, Revision.CURRENT, Revision.REVISED, Revision.RESET)


class TargetRevisionError(DomainError):
    """A revision that cannot be recorded (no reason given, a value that is not a target)."""


def target_versions(indicator: Indicator, year: FiscalYear) -> list[IndicatorValue]:
    """Every target the indicator has for `year`, oldest first."""
    found = [v for v in indicator.values if v.kind is ValueKind.TARGET and v.year == year]
    return sorted(found, key=lambda v: TARGET_ORDER.index(v.revision))


def effective_target(indicator: Indicator, year: FiscalYear) -> IndicatorValue | None:
    """The target in force for `year`: the latest of its versions."""
    versions = target_versions(indicator, year)
    return versions[-1] if versions else None


def original_target(indicator: Indicator, year: FiscalYear) -> IndicatorValue | None:
    """The target first adopted for `year`, when a later one replaced it."""
    versions = target_versions(indicator, year)
    return versions[0] if len(versions) > 1 else None


def revise_target(indicator: Indicator, year: FiscalYear, value: Value, reason: str,
                  document_id: str | None = None) -> tuple[IndicatorValue, ...]:
    """The indicator's values after a 再設定 of its `year` target to `value` for `reason`.

    The target as adopted stays (a CURRENT one becomes ORIGINAL); an earlier 再設定 of the same
    year is replaced by this one (the audit log keeps it).
    """
    reason = reason.strip()
    if not reason:
        raise TargetRevisionError(f"{indicator.name} {year.era_label()}の目標の再設定には理由が必要です。")
    out: list[IndicatorValue] = []
    for v in indicator.values:
        if v.kind is ValueKind.TARGET and v.year == year:
            if v.revision is Revision.RESET:
                continue
            if v.revision is Revision.CURRENT:
                v = replace(v, revision=Revision.ORIGINAL)
        out.append(v)
    out.append(IndicatorValue(ValueKind.TARGET, year, value, Revision.RESET, note=reason,
                              document_id=document_id))
    return tuple(out)
