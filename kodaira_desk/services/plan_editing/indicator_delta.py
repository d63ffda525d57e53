"""An indicator saved from a form that may be stale: only what the person changed in the form since it
was loaded is written (a delta against the form's load), and a field they changed that someone else
also changed since, to another value, is a conflict a person decides (上書き / ほかの人の値にする) —
never last-writer-wins (docs/MERGE.md: three-way, field by field, nothing decided silently).

Two 計画の編集 windows on one indicator: one saved its 令和8年度 目標 20, the other, whose form still
showed the target blank, saved only 調査・出典 — and wrote the blank over the saved target."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DepartmentLink, Indicator, IndicatorKind, Role, ValueKind
from kodaira_desk.domain.targets import target_versions
from kodaira_desk.services.plan_editing.errors import PlanEditError

Fields = dict[str, object]


@dataclass(frozen=True)
class IndicatorDraft:
    """What the editor's indicator form holds. Values are typed text, as printed."""

    node_key: str
    name: str
    unit: str
    kind: IndicatorKind = IndicatorKind.KPI
    number: str | None = None
    cumulative: bool = False
    part_of: str | None = None
    source: str | None = None
    departments: tuple[DepartmentLink, ...] = ()
    baseline: str = ""  # 基準値
    baseline_year: FiscalYear | None = None
    baseline_as_of: str | None = None  # 基準日 as printed (令和6年4月1日現在)
    targets: dict[FiscalYear, str] = field(default_factory=dict)


class Keep(Enum):
    """What a conflicting field becomes: asked (refused with IndicatorChangedElsewhere), this
    person's value (上書き), or the value saved elsewhere (ほかの人の値にする)."""

    ASK = "ask"
    MINE = "mine"
    THEIRS = "theirs"


@dataclass(frozen=True)
class FieldConflict:
    field: str  # name, number, unit, cumulative, part_of, departments, source, baseline, target:2026
    loaded: str  # as the form showed it when loaded, as typed now, as stored now ("" for empty)
    mine: str
    theirs: str


class IndicatorChangedElsewhere(PlanEditError):
    """Fields the person changed that were also changed elsewhere since the form was loaded."""

    def __init__(self, name: str, conflicts: tuple[FieldConflict, ...]) -> None:
        super().__init__(f"指標「{name}」は、この画面で開いたあとにほかで変更されました: "
                         + "、".join(c.field for c in conflicts))
        self.conflicts = conflicts


def _fields(d: IndicatorDraft) -> Fields:
    base = (d.baseline.strip(), d.baseline_year, (d.baseline_as_of or "").strip()) if d.baseline.strip() else ()
    out: Fields = {"name": d.name.strip(), "number": (d.number or "").strip(), "unit": d.unit.strip(),
                   "cumulative": d.cumulative, "part_of": d.part_of, "departments": d.departments,
                   "source": (d.source or "").strip(), "baseline": base}
    for y, text in d.targets.items():
        out[f"target:{y.year}"] = text.strip()
    return out


def draft_of(ind: Indicator) -> IndicatorDraft:
    """The indicator as the plan editor's form shows it (IndicatorForm.load): what a delta is taken against."""
    bases = ind.values_of(ValueKind.BASELINE)
    leads = [d for d in ind.departments if d.role is Role.LEAD][:1]
    targets = {}
    for v in ind.values:
        if v.kind is ValueKind.TARGET and v.year not in targets:
            adopted = [t for t in target_versions(ind, v.year) if t.revision.value in ("", "original")]
            targets[v.year] = str(adopted[0].value) if adopted else ""
    return IndicatorDraft(
        node_key=ind.node_key, name=ind.name, unit=ind.unit, kind=ind.kind, number=ind.number,
        cumulative=ind.cumulative, part_of=ind.part_of, source=ind.source,
        departments=tuple(leads) + tuple(d for d in ind.departments if d.role is Role.RELATED),
        baseline=str(bases[0].value) if bases else "", baseline_year=bases[0].year if bases else None,
        baseline_as_of=bases[0].as_of if bases else None, targets=targets)


def _said(value: object) -> str:
    """A field's value in words for the question ("" for empty)."""
    if isinstance(value, bool):
        return "○" if value else ""
    if isinstance(value, tuple) and value and hasattr(value[0], "department"):
        return "、".join(str(getattr(d, "department", d)) for d in value)
    if isinstance(value, tuple):  # the baseline: (text, year, 基準日)
        return "".join(str(p) if not hasattr(p, "era_label") else f"（{p.era_label()}）" for p in value if p)
    return "" if value is None else str(value)


def merged_draft(loaded: IndicatorDraft, mine: IndicatorDraft, stored: Indicator, keep: Keep) -> IndicatorDraft:
    """`mine`'s changes since `loaded` over what is `stored` now, field by field (a target year by year)."""
    was, typed, now = _fields(loaded), _fields(mine), _fields(draft_of(stored))
    result: Fields = dict(now)
    conflicts: list[FieldConflict] = []
    for f in set(was) | set(typed) | set(now):
        default: object = "" if f.startswith("target:") else None
        w, m, n = was.get(f, default), typed.get(f, default), now.get(f, default)
        if m == w:
            continue  # not changed in this form: what is stored stays
        if n != w and n != m and keep is not Keep.MINE:
            if keep is Keep.ASK:
                conflicts.append(FieldConflict(f, _said(w), _said(m), _said(n)))
            continue  # (THEIRS: stored stays)
        result[f] = m
    if conflicts:
        raise IndicatorChangedElsewhere(stored.name, tuple(sorted(conflicts, key=lambda c: c.field)))
    base = result["baseline"]
    targets = {y: str(result.get(f"target:{y.year}", "")) for y in set(mine.targets) | set(draft_of(stored).targets)}
    return replace(
        mine, name=str(result["name"]), number=str(result["number"]) or None, unit=str(result["unit"]),
        cumulative=bool(result["cumulative"]), part_of=result["part_of"],  # type: ignore[arg-type]
        departments=result["departments"], source=str(result["source"]),  # type: ignore[arg-type]
        baseline=base[0] if base else "", baseline_year=base[1] if base else mine.baseline_year,  # type: ignore[index]
        baseline_as_of=(base[2] or None) if base else None, targets=targets)  # type: ignore[index]
