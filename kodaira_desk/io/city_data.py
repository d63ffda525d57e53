"""Read the city's documents as transcribed in db/city/*.yaml into domain objects.

The format is described in docs/data-format.md. Everything is checked here; any problem stops the
load with a DataFileError naming the file, the line and the field, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TypeVar

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    Appearance,
    Budget,
    BudgetSummary,
    Correction,
    DepartmentLink,
    Document,
    DocumentKind,
    Edition,
    Footnote,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Node,
    NodeText,
    Plan,
    PlanTree,
    ProgressEntry,
    Revision,
    Role,
    Schedule,
    ScheduleRow,
    Section,
    ValueKind,
    value_order,
)
from kodaira_desk.domain.round_setting import RoundSetting, RoundSettingError, level_of
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import Value, parse_value, split_marks
from kodaira_desk.domain.yearly import proposed_department
from kodaira_desk.io.yaml_nodes import DataFileError, Y, get, load, require

_DOC_KEYS = {"id", "source", "kind", "title", "subtitle", "plan", "edition", "committee",
             "handout", "date", "draft"}
_TOP_KEYS = {"document", "plan", "tree", "footnotes", "corrections"}
_PLAN_KEYS = {"id", "title", "period", "levels", "editions", "sections", "round"}
_NODE_KEYS = {"key", "number", "title", "texts", "departments", "indicators", "children",
              "status", "progress", "schedule", "budget"}
_IND_KEYS = {"key", "kind", "number", "name", "name_printed", "unit", "marks", "cumulative",
             "part_of", "source", "departments", "values"}
_VALUE_KEYS = {"kind", "year", "value", "marks", "as_of", "revision", "note"}


def _fy(y: Y) -> FiscalYear:
    try:
        return FiscalYear.parse(y.str())
    except DomainError as exc:
        raise y.error(exc.message) from exc


def _fy_key(y: Y, key: str) -> FiscalYear:
    try:
        return FiscalYear.parse(key)
    except DomainError as exc:
        raise y.error(exc.message) from exc


def _value(y: Y) -> Value:
    try:
        return parse_value(y.str())
    except DomainError as exc:
        raise y.error(exc.message) from exc


def _marks(y: Y | None) -> tuple[str, ...]:
    if y is None:
        return ()
    return tuple(i.text() for i in y.items())


E = TypeVar("E", bound=Enum)


def _enum(y: Y, enum: type[E]) -> E:
    raw = y.str()
    for member in enum:
        if member.value == raw:
            return member
    choices = ", ".join(str(m.value) for m in enum if m.value)
    raise y.error(f"「{raw}」は使えません（{choices} のいずれか）")


def _departments(y: Y | None) -> list[DepartmentLink]:
    if y is None:
        return []
    m = y.mapping({"lead", "related", "proposed"})
    out: list[DepartmentLink] = []
    for key, role in (("lead", Role.LEAD), ("related", Role.RELATED)):
        lst = get(m, key)
        if lst is not None:
            out.extend(DepartmentLink(d.text(), role) for d in lst.items())
    return out


@dataclass
class _NodeB:
    key: str
    plan_id: str
    parent_key: str | None
    depth: int
    first_line: str
    appearances: list[Appearance] = field(default_factory=list)
    texts: list[NodeText] = field(default_factory=list)
    departments: list[DepartmentLink] = field(default_factory=list)
    schedule: Schedule | None = None
    budget: Budget | None = None
    sort: tuple[int, int] = (0, 0)


@dataclass
class _IndB:
    key: str
    plan_id: str
    node_key: str
    kind: IndicatorKind
    name: str
    unit: str
    number: str | None
    cumulative: bool | None = None
    part_of: tuple[str, Y] | None = None
    source: str | None = None
    marks: list[str] = field(default_factory=list)
    departments: list[DepartmentLink] = field(default_factory=list)
    printed_names: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[ValueKind, int, Revision], IndicatorValue] = field(default_factory=dict)
    position: int = 0
    proposed: Y | None = None  # `departments: {…, proposed: true}`: the rule's proposal, for review


@dataclass
class _PlanB:
    plan: Plan
    documents: list[Document] = field(default_factory=list)
    nodes: dict[str, _NodeB] = field(default_factory=dict)
    indicators: dict[str, _IndB] = field(default_factory=dict)
    footnotes: list[tuple[Footnote, Y]] = field(default_factory=list)
    progress: list[ProgressEntry] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)


def _read_document(y: Y, m: dict[str, Y]) -> Document:
    d = require(m, "document", y)
    dm = d.mapping(_DOC_KEYS)
    when: date | None = None
    if (dy := get(dm, "date")) is not None:
        try:
            when = date.fromisoformat(dy.str())
        except ValueError as exc:
            raise dy.error("日付は 2021-03-29 の形で書いてください") from exc
    draft_y = get(dm, "draft")
    return Document(
        id=require(dm, "id", d).text(),
        plan_id=require(dm, "plan", d).text(),
        kind=_enum(require(dm, "kind", d), DocumentKind),
        title=require(dm, "title", d).text(),
        source=require(dm, "source", d).text(),
        edition_id=require(dm, "edition", d).text(),
        subtitle=s.text() if (s := get(dm, "subtitle")) else None,
        committee=s.text() if (s := get(dm, "committee")) else None,
        handout=s.text() if (s := get(dm, "handout")) else None,
        date=when,
        draft=draft_y.bool() if draft_y else False,
    )


def _read_plan(y: Y, doc: Document) -> Plan:
    m = y.mapping(_PLAN_KEYS)
    period = require(m, "period", y)
    pm = period.mapping({"from", "to"})
    editions = tuple(
        Edition(require(em := e.mapping({"id", "label"}), "id", e).text(), require(em, "label", e).text())
        for e in require(m, "editions", y).items()
    )
    sections: list[Section] = []
    if (sy := get(m, "sections")) is not None:
        for s in sy.items():
            sm = s.mapping({"heading", "text"})
            body = get(sm, "text")
            sections.append(
                Section(require(sm, "heading", s).text(), RichText.parse(body.str() if body else ""), doc.id)
            )
    plan_id = require(m, "id", y).text()
    if plan_id != doc.plan_id:
        raise y.error(f"document.plan（{doc.plan_id}）と plan.id（{plan_id}）が違います")
    first, last = _fy(require(pm, "from", period)), _fy(require(pm, "to", period))
    if last < first:
        raise period.error("期間の終わりが始まりより前です")
    levels = tuple(i.text() for i in require(m, "levels", y).items())
    return Plan(
        id=plan_id,
        title=require(m, "title", y).text(),
        period_from=first,
        period_to=last,
        levels=levels,
        editions=editions,
        sections=tuple(sections),
        round=_read_round(get(m, "round"), levels),
    )


def _read_round(y: Y | None, levels: tuple[str, ...]) -> RoundSetting:
    """`round: {level: 主要事業, asks: [進捗状況, 実施内容, 決算額, 実績]}`: what the plan's yearly round
    asks (absent: only the indicators' 実績)."""
    if y is None:
        return RoundSetting()
    m = y.mapping({"level", "asks"})
    try:
        level = level_of(levels, ly.text()) if (ly := get(m, "level")) else None
        asks = [a.text() for a in ay.items()] if (ay := get(m, "asks")) else []
        return RoundSetting.from_words(level, asks)
    except RoundSettingError as exc:
        raise y.error(exc.message) from exc


class CityDataLoader:
    """Reads every file, then checks cross-references, then returns the plan trees."""

    def __init__(self) -> None:
        self.plans: dict[str, _PlanB] = {}
        self._doc_ids: set[str] = set()
        self._counter = 0

    def load_dir(self, directory: Path) -> list[PlanTree]:
        files = sorted(directory.glob("*.yaml"))
        if not files:
            raise DataFileError(str(directory), None, "(フォルダ)", "データファイル（*.yaml）がありません")
        parsed: list[tuple[Y, dict[str, Y], Document]] = []
        for path in files:
            y = load(path)
            m = y.mapping(_TOP_KEYS)
            parsed.append((y, m, _read_document(y, m)))
        # The document that defines a plan first, then the others oldest first.
        parsed.sort(key=lambda t: ("plan" not in t[1], t[2].date or date(1900, 1, 1), t[0].file))
        for y, m, doc in parsed:
            self._read_file(y, m, doc)
        return self._finish()

    # ------------------------------------------------------------------ files
    def _read_file(self, y: Y, m: dict[str, Y], doc: Document) -> None:
        if doc.id in self._doc_ids:
            raise require(m, "document", y).error(f"文書 id「{doc.id}」が他のファイルと重なっています")
        self._doc_ids.add(doc.id)
        if (py := get(m, "plan")) is not None:
            if doc.plan_id in self.plans:
                raise py.error(f"計画「{doc.plan_id}」は他のファイルでも定義されています")
            self.plans[doc.plan_id] = _PlanB(_read_plan(py, doc))
        pb = self.plans.get(doc.plan_id)
        if pb is None:
            raise require(m, "document", y).error(f"計画「{doc.plan_id}」を定義するファイルがありません")
        if doc.edition_id not in {e.id for e in pb.plan.editions}:
            raise require(m, "document", y).error(f"計画に版「{doc.edition_id}」がありません")
        pb.documents.append(doc)
        doc_index = len(pb.documents)
        tree = require(m, "tree", y)
        for pos, child in enumerate(tree.items()):
            self._read_node(pb, doc, doc_index, child, None, 1, pos)
        if (fy := get(m, "footnotes")) is not None:
            for f in fy.items():
                fm = f.mapping({"scope", "table", "mark", "text"})
                pb.footnotes.append((
                    Footnote(
                        plan_id=pb.plan.id,
                        document_id=doc.id,
                        scope_key=require(fm, "scope", f).text(),
                        table=t.text() if (t := get(fm, "table")) else None,
                        mark=t.text() if (t := get(fm, "mark")) else None,
                        text=" ".join(require(fm, "text", f).text().split()),
                    ),
                    f,
                ))
        if (cy := get(m, "corrections")) is not None:
            for c in cy.items():
                cm = c.mapping({"where", "extracted", "printed", "note"})
                pb.corrections.append(Correction(
                    document_id=doc.id,
                    where=require(cm, "where", c).text(),
                    extracted=t.str() if (t := get(cm, "extracted")) else None,
                    printed=t.str() if (t := get(cm, "printed")) else None,
                    note=t.str() if (t := get(cm, "note")) else None,
                ))

    def _read_node(
        self, pb: _PlanB, doc: Document, doc_index: int, y: Y, parent: str | None, depth: int, pos: int
    ) -> None:
        m = y.mapping(_NODE_KEYS)
        key = require(m, "key", y).text()
        nb = pb.nodes.get(key)
        if nb is None:
            nb = _NodeB(key, pb.plan.id, parent, depth, f"{y.file}:{y.line}")
            pb.nodes[key] = nb
        elif nb.parent_key != parent:
            raise require(m, "key", y).error(
                f"「{key}」は {nb.first_line} では「{nb.parent_key}」の下にあります"
            )
        if any(a.document_id == doc.id for a in nb.appearances):
            raise require(m, "key", y).error(f"「{key}」がこの文書に2回あります")
        nb.appearances.append(
            Appearance(doc.id, doc.edition_id, n.str() if (n := get(m, "number")) else "",
                       require(m, "title", y).text())
        )
        nb.sort = (doc_index, pos)
        if (ty := get(m, "texts")) is not None:
            for label, body in ty.pairs():
                nb.texts.append(NodeText(label, RichText.parse(body.str()), doc.id))
        for link in _departments(get(m, "departments")):
            if link not in nb.departments:
                nb.departments.append(link)
        self._read_progress(pb, doc, key, m)
        if (sy := get(m, "schedule")) is not None:
            nb.schedule = self._read_schedule(sy)
        if (by := get(m, "budget")) is not None:
            nb.budget = self._read_budget(by)
        if (iy := get(m, "indicators")) is not None:
            for ind in iy.items():
                self._read_indicator(pb, doc, key, ind)
        if (cy := get(m, "children")) is not None:
            for cpos, child in enumerate(cy.items()):
                self._read_node(pb, doc, doc_index, child, key, depth + 1, cpos)

    def _read_progress(self, pb: _PlanB, doc: Document, key: str, m: dict[str, Y]) -> None:
        statuses: dict[FiscalYear, str] = {}
        narratives: dict[FiscalYear, RichText] = {}
        if (sy := get(m, "status")) is not None:
            for k, v in sy.pairs():
                statuses[_fy_key(v, k)] = v.text()
        if (py := get(m, "progress")) is not None:
            for k, v in py.pairs():
                narratives[_fy_key(v, k)] = RichText.parse(v.str())
        for year in sorted(set(statuses) | set(narratives)):
            pb.progress.append(
                ProgressEntry(key, year, statuses.get(year), narratives.get(year, RichText(())), doc.id)
            )

    def _read_schedule(self, y: Y) -> Schedule:
        m = y.mapping({"years", "rows"})
        years = tuple(_fy(i) for i in require(m, "years", y).items())
        rows: list[ScheduleRow] = []
        for r in require(m, "rows", y).items():
            rm = r.mapping({"label", "cells"})
            cells: dict[FiscalYear, str] = {}
            if (cy := get(rm, "cells")) is not None:
                for k, v in cy.pairs():
                    year = _fy_key(v, k)
                    if year not in years:
                        raise v.error(f"{year} は schedule.years にありません")
                    cells[year] = v.text()
            label = get(rm, "label")
            rows.append(ScheduleRow(label.str() if label else "", cells))
        return Schedule(years, tuple(rows))

    def _read_budget(self, y: Y) -> Budget:
        m = y.mapping({"unit", "costs", "summaries"})
        costs: dict[FiscalYear, Value] = {}
        if (cy := get(m, "costs")) is not None:
            for k, v in cy.pairs():
                costs[_fy_key(v, k)] = _value(v)
        summaries: list[BudgetSummary] = []
        if (sy := get(m, "summaries")) is not None:
            for s in sy.items():
                sm = s.mapping({"from", "to", "text"})
                first, last = _fy(require(sm, "from", s)), _fy(require(sm, "to", s))
                if last < first:
                    raise s.error("to が from より前です")
                if any(not (last < o.first or o.last < first) for o in summaries):
                    raise s.error("概略の年度が他の概略と重なっています")
                summaries.append(BudgetSummary(first, last, require(sm, "text", s).text().strip()))
        return Budget(require(m, "unit", y).text(), costs, tuple(summaries))

    def _read_indicator(self, pb: _PlanB, doc: Document, node_key: str, y: Y) -> None:
        m = y.mapping(_IND_KEYS)
        key = require(m, "key", y).text()
        ib = pb.indicators.get(key)
        if ib is None:
            self._counter += 1
            name = get(m, "name") or get(m, "name_printed")
            if name is None:
                raise y.error(f"指標「{key}」はここで初めて出てくるので name が必要です")
            ib = _IndB(
                key=key,
                plan_id=pb.plan.id,
                node_key=node_key,
                kind=_enum(require(m, "kind", y), IndicatorKind),
                name=name.text(),
                unit=require(m, "unit", y).str(),
                number=n.str() if (n := get(m, "number")) else None,
                position=self._counter,
            )
            pb.indicators[key] = ib
        else:
            if ib.node_key != node_key:
                raise require(m, "key", y).error(f"指標「{key}」は「{ib.node_key}」の指標です")
            if (ky := get(m, "kind")) is not None and _enum(ky, IndicatorKind) is not ib.kind:
                raise ky.error("指標の種類が定義と違います")
            if (uy := get(m, "unit")) is not None and uy.str() != ib.unit:
                raise uy.error(f"単位が定義（{ib.unit}）と違います")
        printed = get(m, "name_printed") or get(m, "name")
        if printed is not None and printed.text() != ib.name:
            ib.printed_names[doc.id] = printed.text()
        if (cy := get(m, "cumulative")) is not None:
            value = cy.bool()
            if ib.cumulative is not None and ib.cumulative != value:
                raise cy.error("累計かどうかが他の文書と違います")
            ib.cumulative = value
        if (py := get(m, "part_of")) is not None:
            ib.part_of = (py.text(), py)
        if (sy := get(m, "source")) is not None:
            ib.source = sy.text()
        for mark in _marks(get(m, "marks")):
            if mark not in ib.marks:
                ib.marks.append(mark)
        for link in _departments(dy := get(m, "departments")):
            if link not in ib.departments:
                ib.departments.append(link)
        if dy is not None and (py := get(dy.mapping({"lead", "related", "proposed"}), "proposed")) is not None \
                and py.bool():
            ib.proposed = py
        if (vy := get(m, "values")) is not None:
            for v in vy.items():
                self._read_value(ib, doc, v)

    def _read_value(self, ib: _IndB, doc: Document, y: Y) -> None:
        m = y.mapping(_VALUE_KEYS)
        vy = require(m, "value", y)
        text, inline_marks = split_marks(vy.str())
        try:
            value = parse_value(text)
        except DomainError as exc:
            raise vy.error(exc.message) from exc
        marks = tuple(dict.fromkeys(_marks(get(m, "marks")) + inline_marks))
        kind = _enum(require(m, "kind", y), ValueKind)
        year = _fy(require(m, "year", y))
        revision = _enum(r, Revision) if (r := get(m, "revision")) else Revision.CURRENT
        iv = IndicatorValue(
            kind=kind,
            year=year,
            value=value,
            revision=revision,
            marks=marks,
            as_of=a.text() if (a := get(m, "as_of")) else None,
            note=" ".join(n.text().split()) if (n := get(m, "note")) else None,
            document_id=doc.id,
        )
        slot = (kind, year.year, revision)
        old = ib.values.get(slot)
        if old is None:
            ib.values[slot] = iv
            return
        if str(old.value) != str(iv.value):
            raise y.error(
                f"{year}の{kind.label}は別の文書（{old.document_id}）では「{old.value}」です。"
                "違う値なら revision を書き分けてください"
            )
        # The same figure printed again: keep the first document's, add what the later one says.
        # The period it refers to is the one the latest document prints in brackets under it (003's
        # （平成25年度）), not one an earlier document gave in a footnote (001's 平成25年11月時点).
        ib.values[slot] = IndicatorValue(
            kind, year, old.value, revision,
            tuple(dict.fromkeys(old.marks + iv.marks)),
            iv.as_of or old.as_of, old.note or iv.note, old.document_id,
        )

    # ------------------------------------------------------------------ finish
    def _finish(self) -> list[PlanTree]:
        trees: list[PlanTree] = []
        for pb in self.plans.values():
            for fn, fy in pb.footnotes:
                if fn.scope_key not in pb.nodes and fn.scope_key not in pb.indicators:
                    raise fy.error(f"scope「{fn.scope_key}」という項目も指標もありません")
            for ib in pb.indicators.values():
                if ib.part_of is not None:
                    parent_key, py = ib.part_of
                    if parent_key not in pb.indicators or parent_key == ib.key:
                        raise py.error(f"part_of「{parent_key}」という指標がありません")
            nodes = self._ordered_nodes(pb)
            node_index = {n.key: i for i, n in enumerate(nodes)}
            indicators = sorted(
                pb.indicators.values(), key=lambda i: (node_index[i.node_key], i.position)
            )
            tree = PlanTree(
                plan=pb.plan,
                nodes=tuple(nodes),
                indicators=tuple(_build_indicator(i) for i in indicators),
                footnotes=tuple(f for f, _ in pb.footnotes),
                documents=tuple(pb.documents),
                progress=tuple(sorted(pb.progress, key=lambda p: (node_index[p.node_key], p.year))),
                corrections=tuple(pb.corrections),
            )
            _check_proposals(tree, pb)
            trees.append(tree)
        return trees

    def _ordered_nodes(self, pb: _PlanB) -> list[Node]:
        children: dict[str | None, list[_NodeB]] = {}
        for nb in pb.nodes.values():
            children.setdefault(nb.parent_key, []).append(nb)
        out: list[Node] = []

        def walk(parent: str | None) -> None:
            for nb in sorted(children.get(parent, []), key=lambda n: n.sort):
                out.append(Node(
                    key=nb.key, plan_id=nb.plan_id, parent_key=nb.parent_key, depth=nb.depth,
                    order=len(out), appearances=tuple(nb.appearances), texts=tuple(nb.texts),
                    departments=tuple(nb.departments), schedule=nb.schedule, budget=nb.budget,
                ))
                walk(nb.key)

        walk(None)
        return out


def _check_proposals(tree: PlanTree, pb: _PlanB) -> None:
    """A 所管課 marked `proposed: true` is the one the rule proposes (domain.yearly.proposed_department:
    the 課 of the policy's first project), so a reviewer reading the mark knows where it came from."""
    for ib in pb.indicators.values():
        if ib.proposed is None:
            continue
        ind = replace(tree.indicator(ib.key), departments=())
        proposal = proposed_department(tree, ind)
        leads = [d.department for d in ib.departments if d.role is Role.LEAD]
        if leads != ([proposal] if proposal else []):
            raise ib.proposed.error(f"proposed: 提案の所管課は「{proposal or 'なし'}」です（書かれているのは「{'、'.join(leads)}」）")


def _build_indicator(ib: _IndB) -> Indicator:
    values = sorted(ib.values.values(), key=value_order)
    return Indicator(
        key=ib.key,
        plan_id=ib.plan_id,
        node_key=ib.node_key,
        kind=ib.kind,
        name=ib.name,
        unit=ib.unit,
        number=ib.number,
        cumulative=bool(ib.cumulative),
        part_of=ib.part_of[0] if ib.part_of else None,
        source=ib.source,
        marks=tuple(ib.marks),
        departments=tuple(ib.departments),
        printed_names=dict(ib.printed_names),
        values=tuple(values),
    )


def load_city_data(directory: Path) -> list[PlanTree]:
    """Every plan in the data folder, checked. Raises DataFileError."""
    return CityDataLoader().load_dir(directory)
