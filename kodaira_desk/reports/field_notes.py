"""Notes on entry fields printed as numbered footnotes (issue 25; `ReportOptions.field_notes`, off by
default: the city's documents print none). A value whose field has a note gets 「［1］」 after it, and
the notes are listed under the table in the order their marks appear:

    ［1］ 市内体験農園の区画数 令和２年度 実績: R2は5区画を増設（産業振興課 田中）

The brackets keep the marks apart from the city's own ※ marks and （※4） absences.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree, ValueKind
from kodaira_desk.reports.common import ReportOptions, Styles, para, year_text

HEADING = "【メモ】"
GAP_AFTER = 10  # points between the last note and what follows
# a measure's (or project's) yearly parts in words: 進捗状況, 実施等状況, and a project's 決算額 (#31)
PARTS = {"status": "進捗状況", "narrative": "実施等状況", "settled": "決算額", "settled_note": "決算額の差の理由"}


class FieldNoteList:
    """The notes one table refers to, numbered as their values are printed."""

    def __init__(self, tree: PlanTree, options: ReportOptions) -> None:
        self.tree = tree
        self.options = options
        self.on = options.field_notes
        self.order: list[str] = []

    def mark(self, key: str) -> str:
        """「［n］」 for a field with a note (numbered on first sight), else nothing."""
        if not self.on or self.tree.annotations.note(key) is None:
            return ""
        if key not in self.order:
            self.order.append(key)
        return f"［{self.order.index(key) + 1}］"

    def value_mark(self, indicator_key: str, kind: ValueKind, year: FiscalYear, revision: str = "") -> str:
        if not self.on:  # off (the city's documents): no field's key is worked out
            return ""
        key = FieldKey("value", self.tree.plan.id, indicator_key, year.year, kind.value, revision)
        return self.mark(str(key))

    def cost_mark(self, node_key: str, year: FiscalYear) -> str:
        if not self.on:
            return ""
        return self.mark(str(FieldKey("cost", self.tree.plan.id, node_key, year.year)))

    def flowables(self, styles: Styles) -> list[Flowable]:
        """The notes marked so far, under their heading (nothing when there are none): the heading
        kept on the page of its first note, and a gap after the last one so that the next heading
        (an area's summary, the next policy) reads apart from the notes."""
        if not self.order:
            return []
        lines: list[Flowable] = []
        for i, key in enumerate(self.order, 1):
            note = self.tree.annotations.note(key)
            if note is None:
                continue
            who = f"（{note.author}）" if note.author else ""
            lines.append(para(f"［{i}］ {self.label(key)}: {note.text}{who}", styles.footnote))
        if not lines:
            return []
        return [Spacer(1, 4), KeepTogether([para(HEADING, styles.subhead), lines[0]]), *lines[1:],
                Spacer(1, GAP_AFTER)]

    def label(self, key: str) -> str:
        """What the field is, in the handout's words: 市内体験農園の区画数 令和２年度 実績."""
        try:
            fk = FieldKey.parse(key)
        except ValueError:
            return key
        year = year_text(FiscalYear(fk.year), self.options)
        if fk.kind == "value":
            try:
                name = self.tree.indicator(fk.item).name
            except KeyError:
                return key
            return f"{name} {year} {ValueKind(fk.part).label}"
        if not self.tree.has_node(fk.item):
            return key
        node = self.tree.node(fk.item)
        what = PARTS.get(fk.part, "") if fk.kind == "progress" else {"cost": "費用", "schedule": "年次計画"}.get(fk.kind, "")
        return f"{node.number or ''} {node.title} {year} {what}".strip()
