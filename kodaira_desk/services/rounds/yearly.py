"""Who a year's hand-out is for: the plans in force that year, the departments with something to fill
in them (the others are left out, with the reason), and what still has no 課 (the division decides
those first: the window and the command line name them and ask before going on).

A year no plan runs in is refused before anything is written, naming the plans' periods; so is a
year the policy division has fixed (確定) in every plan in force (nothing typed there could be taken
in). A plan fixed for the year while another is not is handed out as before: its fields travel
locked in the file (grey, refused by the clerk's save: docs/round-year.md), and the plan is named.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree, Role
from kodaira_desk.domain.scope import departments_in_scope
from kodaira_desk.domain.yearly import asks_indicator, asks_item, periods_text, plans_in_force, unassigned
from kodaira_desk.services.rounds.common import RoundError


@dataclass(frozen=True)
class LeftOut:
    department: str
    reason: str


@dataclass(frozen=True)
class HandoutPlan:
    """The hand-out of one year before anything is written."""

    year: FiscalYear
    plans: tuple[str, ...]  # titles of the plans in force, in the plans' order
    departments: tuple[str, ...]  # who gets a file, by name
    left_out: tuple[LeftOut, ...]  # who does not, and why
    unassigned: tuple[str, ...]  # 「計画: 指標名（所管課未設定）」: asked of nobody until the division decides
    fixed: tuple[str, ...] = ()  # titles of the plans in force whose year is fixed (確定): read-only in the files

    def left_out_text(self) -> str:
        """「保育課、道路課（令和8年度に実施中の計画で担当する項目がありません）」 or ""."""
        if not self.left_out:
            return ""
        reasons: dict[str, list[str]] = {}
        for lo in self.left_out:
            reasons.setdefault(lo.reason, []).append(lo.department)
        return "。".join(f"{'、'.join(d)}（{r}）" for r, d in reasons.items())


def to_fill(tree: PlanTree, year: FiscalYear) -> set[str]:
    """Departments that lead an item or an indicator the plan asks for in `year`."""
    out: set[str] = set()
    for node in tree.nodes:
        if asks_item(tree, node):
            out.update(node.lead_departments())
    for ind in tree.indicators:
        if asks_indicator(tree, ind, year):
            out.update(d.department for d in ind.departments if d.role is Role.LEAD)
    out.discard("各課")
    return out


def plan_handout(trees: Sequence[PlanTree], year: FiscalYear, departments: Iterable[str] | None = None,
                 locked: Collection[tuple[str, int]] = frozenset()) -> HandoutPlan:
    """The hand-out of `year` (for `departments`, or every department with something to fill).
    Raises RoundError for a year no plan runs in, a year fixed (`locked`: (plan id, year)) in every
    plan in force, an unknown department, or a chosen department with nothing to fill that year."""
    running = plans_in_force(trees, year)
    if not running:
        after_all = bool(trees) and all(t.last_active_year < year for t in trees)
        hint = ("年度を確かめてください。続く計画がまだなければ、計画の編集の「次期計画を作成…」"
                "（コマンドでは plan copy）で作ってから配布します。" if after_all else "年度を確かめてください。")
        raise RoundError(f"{year.era_label()}に実施中の計画はありません（計画の期間: {periods_text(trees)}）。"
                         f"配布ファイルは作りませんでした。{hint}")
    fixed = [t for t in running if (t.plan.id, year.year) in locked]
    if len(fixed) == len(running):
        raise RoundError.of("{year}は確定済みです（{plans}）。確定した年度の値は提出用ファイルでは入力できず、"
                            "返ってきても反映されないため、配布ファイルは作りませんでした。値を直すときは「年度の確定と修正」（コマンドでは round correct）"
                            "で修正として入力してください。", year=year.era_label(),
                            plans="、".join(t.plan.title for t in fixed))
    known: set[str] = set()
    for t in trees:
        known |= departments_in_scope(t)
    filling: set[str] = set()
    for t in running:
        filling |= to_fill(t, year)
    titles = "、".join(t.plan.title for t in running)
    why = f"{year.era_label()}に実施中の計画（{titles}）で担当する項目がありません"
    if departments:
        chosen = list(dict.fromkeys(departments))
        unknown = [d for d in chosen if d not in known and d not in filling]
        if unknown:
            raise RoundError(f"担当する項目のない課です: {'、'.join(unknown)}")
        idle = [d for d in chosen if d not in filling]
        if idle:
            raise RoundError(f"{'、'.join(idle)}: {why}。配布ファイルは作りませんでした。")
        left: list[LeftOut] = []
    else:
        chosen = sorted(filling)
        left = [LeftOut(d, why) for d in sorted(known - filling)]
    missing: list[str] = []
    for t in running:
        indicators, nodes = unassigned(t)
        missing += [f"{t.plan.title}: {i.name}（所管課未設定）" for i in indicators]
        missing += [f"{t.plan.title}: {n.number} {n.title}（担当課未設定）".replace("  ", " ") for n in nodes]
    return HandoutPlan(year, tuple(t.plan.title for t in running), tuple(chosen), tuple(left), tuple(missing),
                       tuple(t.plan.title for t in fixed))
