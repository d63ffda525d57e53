"""The plans, their trees, indicators, values and yearly entries, as frozen dataclasses.

One plan can be printed by several documents at different moments (the strategy, its progress list
and its KPI table); a node keeps its number and title in each edition that includes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cached_property

from kodaira_desk.domain.annotations import NO_ANNOTATIONS, Annotations
from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.round_setting import RoundSetting
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import Value

ALL_DEPARTMENTS = "各課"  # "(各課)": every department


class Role(Enum):
    LEAD = "lead"  # 所管課 / 担当課
    RELATED = "related"  # 関連課


class IndicatorKind(Enum):
    NUMERICAL_TARGET = "数値目標"
    KPI = "KPI"
    OUTCOME = "成果指標"


class ValueKind(Enum):
    BASELINE = "baseline"  # 現状 / 基準値
    TARGET = "target"  # 目標 / 目標値
    ACTUAL = "actual"  # 実績
    FORECAST = "forecast"  # 実績（見込）

    # A member is its one object, so it hashes by identity, in C: Enum's own __hash__ is Python
    # code, and every field key (ValueCell) hashes two of these at each lookup (issue 27: a
    # 1,000-cell paste looks cells up some 24,000 times)
    __hash__ = object.__hash__

    @property
    def label(self) -> str:
        return {
            ValueKind.BASELINE: "基準値",
            ValueKind.TARGET: "目標",
            ValueKind.ACTUAL: "実績",
            ValueKind.FORECAST: "実績（見込）",
        }[self]


class Revision(Enum):
    CURRENT = ""  # the only value of its kind for that year
    ORIGINAL = "original"  # the target as first adopted
    REVISED = "revised"  # a later document's target
    RESET = "reset"  # 再設定, with a note saying why

    __hash__ = object.__hash__  # by identity, in C (see ValueKind)


class DocumentKind(Enum):
    STRATEGY = "strategy"
    PROGRESS_LIST = "progress_list"
    KPI_STATUS = "kpi_status"
    PLAN_SHEETS = "plan_sheets"
    PROGRAM = "program"


@dataclass(frozen=True)
class DepartmentLink:
    """A department named on an item or indicator, as lead or as partner."""

    department: str
    role: Role


@dataclass(frozen=True)
class Edition:
    """One printing of a plan (an original or a revised version) that documents belong to."""

    id: str
    label: str


@dataclass(frozen=True)
class Document:
    """One of the city's printed documents a plan's data comes from."""

    id: str
    plan_id: str
    kind: DocumentKind
    title: str
    source: str
    edition_id: str
    subtitle: str | None = None
    committee: str | None = None
    handout: str | None = None  # 資料3
    date: date | None = None
    draft: bool = False  # 未定稿


@dataclass(frozen=True)
class Section:
    """A titled passage of a plan's own text (its purpose, its basic direction)."""

    heading: str
    text: RichText
    document_id: str


@dataclass(frozen=True)
class Plan:
    """A strategic plan: its title, period, level names, editions and sections, and what its
    yearly round asks (domain/round_setting.py)."""

    id: str
    title: str
    period_from: FiscalYear
    period_to: FiscalYear
    levels: tuple[str, ...]
    editions: tuple[Edition, ...]
    sections: tuple[Section, ...] = ()
    round: RoundSetting = field(default_factory=RoundSetting)

    def level_name(self, depth: int) -> str:
        """The plan's own name for a level, depth 1 being the top."""
        if 1 <= depth <= len(self.levels):
            return self.levels[depth - 1]
        return self.levels[-1] if self.levels else ""


@dataclass(frozen=True)
class Appearance:
    """How one document prints a node: its number and title there."""

    document_id: str
    edition_id: str
    number: str
    title: str


@dataclass(frozen=True)
class NodeText:
    """A labelled text of an item (内容, 実施目的 …) as one document prints it."""

    label: str  # 内容, 基本的方向, 実施目的 …
    text: RichText
    document_id: str


@dataclass(frozen=True)
class ScheduleRow:
    """One line of an item's yearly schedule: what is done in each year."""

    label: str
    cells: dict[FiscalYear, str]  # 実施, →


@dataclass(frozen=True)
class Schedule:
    """An item's yearly schedule (年次計画): its years and rows."""

    years: tuple[FiscalYear, ...]
    rows: tuple[ScheduleRow, ...]


@dataclass(frozen=True)
class BudgetSummary:
    """A printed note over a run of budget years (a total, a range)."""

    first: FiscalYear
    last: FiscalYear
    text: str


@dataclass(frozen=True)
class Budget:
    """An item's costs per year, in its unit, with the printed summaries."""

    unit: str
    costs: dict[FiscalYear, Value]
    summaries: tuple[BudgetSummary, ...]

    def summary_for(self, year: FiscalYear) -> BudgetSummary | None:
        for s in self.summaries:
            if s.first <= year <= s.last:
                return s
        return None


@dataclass(frozen=True)
class ProgressEntry:
    """One year's report of an item: its status and narrative (実施等状況 / 実施内容), and for a
    project with a budget the 決算額 (千円, beside the planned 費用) with the reason for a large
    difference (domain.yearly.differs_much)."""

    node_key: str
    year: FiscalYear
    status: str | None
    narrative: RichText
    document_id: str | None  # None when typed in the app
    settled: Value | None = None  # 決算額, in the budget's unit (千円)
    settled_note: str = ""  # why the 決算額 differs from the plan

@dataclass(frozen=True)
class IndicatorValue:
    """One value of an indicator: kind, year, revision, with its marks and source."""

    kind: ValueKind
    year: FiscalYear
    value: Value
    revision: Revision = Revision.CURRENT
    marks: tuple[str, ...] = ()
    as_of: str | None = None  # the period the figure really refers to, as printed
    note: str | None = None
    document_id: str | None = None  # None when typed in the app


# The order an indicator's values are kept in, by every reader (db/city, the database) and every edit:
# kind as ValueKind lists them, then year, then revision as Revision lists them. Keyed by the stored
# words, so the database's reader orders its rows without making enum members first.
VALUE_KIND_ORDER = {k.value: i for i, k in enumerate(ValueKind)}
REVISION_ORDER = {r.value: i for i, r in enumerate(Revision)}


def value_order(v: IndicatorValue) -> tuple[int, int, int]:
    """The sort key of an indicator's values (VALUE_KIND_ORDER, the year, REVISION_ORDER)."""
    return VALUE_KIND_ORDER[v.kind.value], v.year.year, REVISION_ORDER[v.revision.value]


@dataclass(frozen=True)
class Indicator:
    """A KPI: its name, unit, departments and every value printed or typed."""

    key: str
    plan_id: str
    node_key: str
    kind: IndicatorKind
    name: str
    unit: str
    number: str | None = None
    cumulative: bool = False  # 累計
    part_of: str | None = None  # 内数: the key of the indicator it is a breakdown of
    source: str | None = None  # survey named in the 所管課 column
    marks: tuple[str, ...] = ()
    departments: tuple[DepartmentLink, ...] = ()
    printed_names: dict[str, str] = field(default_factory=dict)  # document id → wording there
    values: tuple[IndicatorValue, ...] = ()

    def value(
        self, kind: ValueKind, year: FiscalYear, revision: Revision | None = None
    ) -> IndicatorValue | None:
        for v in self.values:
            if v.kind is kind and v.year == year and (revision is None or v.revision is revision):
                return v
        return None

    def values_of(self, kind: ValueKind) -> list[IndicatorValue]:
        # by the year's number: the same order as FiscalYear's, without its Python comparisons
        return sorted((v for v in self.values if v.kind is kind), key=lambda v: v.year.year)

    def name_in(self, document_id: str) -> str:
        return self.printed_names.get(document_id, self.name)

    @property
    def name_with_marks(self) -> str:
        """The name with its marks in brackets, as the program's tables print it (004, in its half-width
        brackets): 「女性相談等延べ人数(※2)」."""
        return self.name + "".join(f"({m})" for m in self.marks)


@dataclass(frozen=True)
class Footnote:
    """A footnote (※N) of a document's table, and what it applies to."""

    plan_id: str
    document_id: str
    scope_key: str
    table: str | None
    mark: str | None
    text: str


@dataclass(frozen=True)
class Correction:
    """Where the transcription differs from the printed document, and why."""

    document_id: str
    where: str
    extracted: str | None
    printed: str | None
    note: str | None


@dataclass(frozen=True)
class Node:
    """An item of a plan's tree (goal, measure, action) with its texts, schedule and budget."""

    key: str
    plan_id: str
    parent_key: str | None
    depth: int  # 1 = top level
    order: int
    appearances: tuple[Appearance, ...]
    texts: tuple[NodeText, ...] = ()
    departments: tuple[DepartmentLink, ...] = ()
    schedule: Schedule | None = None
    budget: Budget | None = None

    @property
    def current(self) -> Appearance:
        """The latest document's numbering and title (documents are stored oldest first)."""
        return self.appearances[-1]

    @property
    def number(self) -> str:
        return self.current.number

    @property
    def title(self) -> str:
        return self.current.title

    def appearance_in(self, edition_id: str) -> Appearance | None:
        found = [a for a in self.appearances if a.edition_id == edition_id]
        return found[-1] if found else None

    def text(self, label: str) -> RichText | None:
        found = [t for t in self.texts if t.label == label]
        return found[-1].text if found else None

    def lead_departments(self) -> list[str]:
        return [d.department for d in self.departments if d.role is Role.LEAD]

    def related_departments(self) -> list[str]:
        return [d.department for d in self.departments if d.role is Role.RELATED]

    def is_handled_by(self, department: str) -> bool:
        return any(
            d.department in (department, ALL_DEPARTMENTS) and d.role is Role.LEAD
            for d in self.departments
        )


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def display_number(number: str, parent_number: str | None) -> str:
    """The number a reader knows a node by: the progress list's measure 2 under ① is ①－２."""
    if number.isdigit() and parent_number and parent_number in _CIRCLED:
        return f"{parent_number}－{number.translate(_FULLWIDTH)}"
    return number


def departments_label(links: tuple[DepartmentLink, ...]) -> str:
    """産業振興課（学務課）: lead departments, then related ones in brackets."""
    lead = "・".join(d.department for d in links if d.role is Role.LEAD)
    related = "".join(f"（{d.department}）" for d in links if d.role is Role.RELATED)
    return lead + related


@dataclass(frozen=True)
class PlanTree:
    """A plan with all its nodes, indicators and footnotes, in printed order."""

    plan: Plan
    nodes: tuple[Node, ...]
    indicators: tuple[Indicator, ...]
    footnotes: tuple[Footnote, ...]
    documents: tuple[Document, ...]
    progress: tuple[ProgressEntry, ...] = ()
    corrections: tuple[Correction, ...] = ()
    annotations: Annotations = NO_ANNOTATIONS  # notes, questions, evidence files (issue 25)

    # Lookups are indexed once per tree (the tree is immutable, so the indexes never go stale).
    @cached_property
    def _nodes_by_key(self) -> dict[str, Node]:
        return {n.key: n for n in self.nodes}

    @cached_property
    def _children(self) -> dict[str | None, list[Node]]:
        out: dict[str | None, list[Node]] = {}
        for n in sorted(self.nodes, key=lambda n: n.order):
            out.setdefault(n.parent_key, []).append(n)
        return out

    @cached_property
    def _indicators_by_key(self) -> dict[str, Indicator]:
        return {i.key: i for i in self.indicators}

    @cached_property
    def _indicators_by_node(self) -> dict[str, list[Indicator]]:
        out: dict[str, list[Indicator]] = {}
        for i in self.indicators:
            out.setdefault(i.node_key, []).append(i)
        return out

    @cached_property
    def _progress_by_node(self) -> dict[str, list[ProgressEntry]]:
        out: dict[str, list[ProgressEntry]] = {}
        for p in sorted(self.progress, key=lambda p: p.year):
            out.setdefault(p.node_key, []).append(p)
        return out

    @cached_property
    def years(self) -> frozenset[FiscalYear]:
        """The plan's period, and every year it has a figure or a progress entry for (the window's
        list of years; worked out once per tree, on the worker that read it: issue 27)."""
        years = set(fiscal_years(self.plan.period_from, self.plan.period_to))
        years.update(v.year for i in self.indicators for v in i.values)
        years.update(p.year for p in self.progress)
        return frozenset(years)

    @cached_property
    def last_active_year(self) -> FiscalYear:
        last = self.plan.period_to
        for ind in self.indicators:
            for v in ind.values:
                last = max(last, v.year)
        for p in self.progress:
            last = max(last, p.year)
        return last

    def node(self, key: str) -> Node:
        return self._nodes_by_key[key]

    def has_node(self, key: str) -> bool:
        return key in self._nodes_by_key

    def children(self, key: str | None) -> list[Node]:
        return list(self._children.get(key, []))

    def indicators_of(self, key: str) -> list[Indicator]:
        return list(self._indicators_by_node.get(key, []))

    def indicator(self, key: str) -> Indicator:
        return self._indicators_by_key[key]

    def breakdowns_of(self, key: str) -> list[Indicator]:
        return [i for i in self.indicators if i.part_of == key]

    def footnotes_of(self, scope_key: str, table: str | None = None) -> list[Footnote]:
        return [
            f
            for f in self.footnotes
            if f.scope_key == scope_key and (table is None or f.table == table)
        ]

    def progress_of(self, key: str) -> list[ProgressEntry]:
        return list(self._progress_by_node.get(key, []))

    def progress_in(self, key: str, year: FiscalYear) -> ProgressEntry | None:
        for p in self._progress_by_node.get(key, []):
            if p.year == year:
                return p
        return None

    def is_leaf(self, key: str) -> bool:
        return not self._children.get(key)

    def document(self, kind: DocumentKind) -> Document | None:
        for d in self.documents:
            if d.kind is kind:
                return d
        return None
