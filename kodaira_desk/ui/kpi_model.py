"""The KPI grid: a row per indicator, columns per fiscal year for target, actual and forecast."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from kodaira_desk.domain.entry import TypedValue, read_entry, warnings_for
from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, IndicatorValue, PlanTree, ValueKind
from kodaira_desk.services.editing import ValueCell
from kodaira_desk.ui.editor import Editor

Index = QModelIndex | QPersistentModelIndex

INVALID = QColor("#f8c9c9")
WARNING = QColor("#fbe8b0")
ENTRY_YEAR = QColor("#e6f1fb")
EDITED = QColor("#1a5fb4")

KIND_ORDER = (ValueKind.TARGET, ValueKind.ACTUAL, ValueKind.FORECAST)


@dataclass(frozen=True)
class Column:
    kind: ValueKind | None  # None for the fixed columns
    year: FiscalYear | None
    fixed: str = ""  # "name" | "unit" | "notes"


class KpiTableModel(QAbstractTableModel):
    invalid_entry = Signal(str)  # a Japanese message for the clerk

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.tree: PlanTree | None = None
        self.indicators: list[Indicator] = []
        self.columns: list[Column] = []
        self.year = FiscalYear(2020)
        self._invalid: dict[tuple[str, int], tuple[str, str]] = {}  # (indicator, col) → (text, msg)
        editor.changed.connect(self._on_editor_changed)

    # ------------------------------------------------------------------ loading
    def load(self, tree: PlanTree | None, node_key: str | None, year: FiscalYear) -> None:
        self.beginResetModel()
        self.tree = tree
        self.year = year
        self._invalid.clear()
        self.indicators = tree.indicators_of(node_key) if tree and node_key else []
        self.columns = self._columns()
        self.endResetModel()

    def _columns(self) -> list[Column]:
        # The indicator's name is the row header, so it stays in view while the years scroll.
        cols = [Column(None, None, "unit")]
        if not self.indicators:
            return cols
        baseline_years = sorted({v.year for i in self.indicators for v in i.values
                                 if v.kind is ValueKind.BASELINE})
        for y in baseline_years:
            cols.append(Column(ValueKind.BASELINE, y))
        present = {(v.kind, v.year) for i in self.indicators for v in i.values
                   if v.kind is not ValueKind.BASELINE}
        years = sorted({y for _, y in present} | {self.year})
        for y in years:
            for kind in KIND_ORDER:
                if (kind, y) in present or (y == self.year and kind is not ValueKind.TARGET):
                    cols.append(Column(kind, y))
        cols.append(Column(None, None, "notes"))
        return cols

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.indicators)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                ind = self.indicators[section]
                name = self._fixed(ind, "name", role)
                return f"{ind.number or section + 1}  {name}" if role == Qt.ItemDataRole.DisplayRole else name
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = self.columns[section]
        if col.fixed == "name":
            return self.tr("指標")
        if col.fixed == "unit":
            return self.tr("単位")
        if col.fixed == "notes":
            return self.tr("注記")
        assert col.kind is not None and col.year is not None
        labels = {ValueKind.BASELINE: self.tr("基準値"), ValueKind.TARGET: self.tr("目標"),
                  ValueKind.ACTUAL: self.tr("実績"), ValueKind.FORECAST: self.tr("実績（見込）")}
        return f"{col.year.era_label()}\n{labels[col.kind]}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.columns[index.column()].kind is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def target(self, index: Index) -> ValueCell | None:
        col = self.columns[index.column()]
        if col.kind is None or col.year is None:
            return None
        return self.editor.shown_target(self.indicators[index.row()], col.kind, col.year)

    def cell_text(self, index: Index) -> str:
        ind = self.indicators[index.row()]
        bad = self._invalid.get((ind.key, index.column()))
        if bad:
            return bad[0]
        target = self.target(index)
        if target is None:
            return ""
        content = self.editor.content(target)
        if isinstance(content, TypedValue):
            return str(content.value) + "".join(content.marks)
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        ind = self.indicators[index.row()]
        col = self.columns[index.column()]
        if col.fixed:
            return self._fixed(ind, col.fixed, role)
        target = self.target(index)
        assert target is not None and col.year is not None and col.kind is not None
        bad = self._invalid.get((ind.key, index.column()))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.cell_text(index)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if bad:
                return QBrush(INVALID)
            if self._warnings(ind, col.kind, col.year, target):
                return QBrush(WARNING)
            if col.year == self.year and col.kind in (ValueKind.ACTUAL, ValueKind.FORECAST):
                return QBrush(ENTRY_YEAR)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and self.editor.is_edited(target):
            return QBrush(EDITED)
        if role == Qt.ItemDataRole.FontRole and self.editor.is_edited(target):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ind, col, target, bad)
        return None

    def _fixed(self, ind: Indicator, which: str, role: int) -> object:
        if which == "name":
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                name = ind.name + "".join(f"（{m}）" for m in ind.marks)
                if ind.cumulative:
                    name += self.tr("（累計）")
                if ind.part_of:
                    name = self.tr("（内数）") + name
                    return "　" + name if role == Qt.ItemDataRole.DisplayRole else name
                return name
            return None
        if which == "unit":
            return ind.unit if role == Qt.ItemDataRole.DisplayRole else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            parts = []
            if ind.source:
                parts.append(ind.source)
            if ind.departments:
                parts.append("・".join(d.department for d in ind.departments))
            if self.tree:
                for mark in ind.marks:
                    for f in self.tree.footnotes:
                        if f.mark == mark and f.scope_key in (ind.node_key, ind.key):
                            parts.append(f"{mark} {f.text}")
            return "　".join(parts) if role == Qt.ItemDataRole.DisplayRole else "\n".join(parts)
        return None

    def _tooltip(self, ind: Indicator, col: Column, target: ValueCell, bad: tuple[str, str] | None) -> str:
        if bad:
            return bad[1]
        lines = []
        assert col.kind is not None and col.year is not None
        stored = ind.value(col.kind, col.year, target.revision)
        if stored is not None:
            if stored.as_of:
                lines.append(self.tr("対象時点: ") + stored.as_of)
            if stored.note:
                lines.append(stored.note)
            if stored.revision.value:
                lines.append(self.tr("目標の版: ") + {"original": self.tr("当初"),
                                                   "revised": self.tr("改訂"),
                                                   "reset": self.tr("再設定")}[stored.revision.value])
        lines.extend(self._warnings(ind, col.kind, col.year, target))
        return "\n".join(lines)

    def _warnings(self, ind: Indicator, kind: ValueKind, year: FiscalYear, target: ValueCell) -> list[str]:
        if self.tree is None:
            return []
        content = self.editor.content(target)
        if not isinstance(content, TypedValue):
            return []
        lookup: dict[tuple[str, ValueKind, int], IndicatorValue | None] = {}
        related = [ind] + ([self.tree.indicator(ind.part_of)] if ind.part_of else [])
        for other in related:
            for k in (ValueKind.ACTUAL, ValueKind.FORECAST, ValueKind.BASELINE, ValueKind.TARGET):
                for y in (year, FiscalYear(year.year - 1)):
                    c = self.editor.content(self.editor.shown_target(other, k, y))
                    lookup[(other.key, k, y.year)] = (
                        IndicatorValue(k, y, c.value) if isinstance(c, TypedValue) else None)
        return warnings_for(self.tree, ind, kind, year, content.value, lookup)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        target = self.target(index)
        if target is None:
            return False
        ind = self.indicators[index.row()]
        text = str(value or "").strip()
        slot = (ind.key, index.column())
        col = self.columns[index.column()]
        assert col.year is not None and col.kind is not None
        label = self.tr("{name} {year}{kind}の入力").format(
            name=ind.name, year=col.year.era_label(), kind=col.kind.label)
        if not text:
            self._invalid.pop(slot, None)
            self.editor.set(target, None, label)
            self.dataChanged.emit(index, index)
            return True
        try:
            typed = read_entry(ind, text)
        except ValueParseError as exc:
            self._invalid[slot] = (text, exc.message)
            self.dataChanged.emit(index, index)
            self.invalid_entry.emit(exc.message)
            return True
        self._invalid.pop(slot, None)
        self.editor.set(target, typed, label)
        self.dataChanged.emit(index, index)
        return True

    def has_invalid(self) -> bool:
        return bool(self._invalid)

    def _on_editor_changed(self, target: object) -> None:
        if isinstance(target, ValueCell) and any(i.key == target.indicator_key for i in self.indicators):
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
