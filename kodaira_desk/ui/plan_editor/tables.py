"""Table models for the yearly budget (費用・概略) and the yearly schedule (実施 / →)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush

from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.model import Node, PlanTree
from kodaira_desk.domain.values import Measured, parse_value
from kodaira_desk.services.editing import BudgetCell, Content, ScheduleCell, Target
from kodaira_desk.ui import theme
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.grid_model import INVALID, EntryGridModel, Index

__all__ = ["INVALID", "SCHEDULE_MARKS", "BudgetModel", "ScheduleModel"]


class BudgetModel(EntryGridModel):
    """Rows: 費用 (editable, 千円) and 概略 (spans as printed); columns: the plan's fiscal years."""

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(editor, parent)
        self.tree: PlanTree | None = None
        self.node: Node | None = None
        self.years: list[FiscalYear] = []
        self.year = FiscalYear(2021)
        editor.changed.connect(self._on_changed)

    def load(self, tree: PlanTree | None, node: Node | None, year: FiscalYear) -> None:
        self.beginResetModel()
        self.tree, self.node, self.year = tree, node, year
        self.years = fiscal_years(tree.plan.period_from, tree.plan.period_to) if tree else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.node is None else 2

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.years)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < (len(self.years) if orientation == Qt.Orientation.Horizontal else 2):
            return None  # a header asking during a reset of a grid shown
        if orientation == Qt.Orientation.Horizontal:
            return self.years[section].era_label()
        unit = self.node.budget.unit if self.node and self.node.budget else "千円"
        return [self.tr("費用（{unit}）").format(unit=unit), self.tr("概略")][section]

    def target(self, column: int) -> BudgetCell:
        assert self.node is not None
        return BudgetCell(self.node.plan_id, self.node.key, self.years[column].year)

    def field_at(self, index: Index) -> BudgetCell | None:
        return self.target(index.column()) if index.row() == 0 and self.node is not None else None

    def read(self, index: Index, text: str) -> Content:
        v = parse_value(text)
        if isinstance(v, Measured):
            if v.unit not in ("", "千円"):
                raise ValueParseError(self.tr("費用は千円単位の数値で入力してください（例: 8,345）。"))
            v = v.with_unit("")
        return v

    def what(self, index: Index) -> str:
        assert self.node is not None
        return self.tr("{title} {year}の費用").format(title=self.node.title,
                                                     year=self.years[index.column()].era_label())

    def label(self, index: Index) -> str:
        return self.what(index)

    def summary_span(self, column: int) -> tuple[int, int] | None:
        """(first column, number of columns) of the 概略 cell covering this column."""
        if self.node is None or self.node.budget is None:
            return None
        s = self.node.budget.summary_for(self.years[column])
        if s is None:
            return None
        first = self.years.index(s.first) if s.first in self.years else column
        last = self.years.index(s.last) if s.last in self.years else column
        return first, last - first + 1

    def compute(self, index: Index, role: int) -> object:
        if not index.isValid() or self.node is None:
            return None
        year = self.years[index.column()]
        if index.row() == 1:
            s = self.node.budget.summary_for(year) if self.node.budget else None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return s.text if s else ""
            if role == Qt.ItemDataRole.AccessibleTextRole:  # an empty cell is named, not silent
                return (s.text if s else "") or self.tr("空欄")
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            return None
        shared = self.entry_data(index, role)
        if shared is not NotImplemented:
            return shared
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(theme.colours().entry_year) if year == self.year else None
        return None

    def shows(self, target: Target) -> bool:
        return isinstance(target, BudgetCell) and self.node is not None and target.node_key == self.node.key

    def _on_changed(self, target: object) -> None:
        if isinstance(target, BudgetCell) and self.shows(target):
            self._emit_all()


SCHEDULE_MARKS = ("", "実施", "→", "検討", "準備", "完了")


class ScheduleModel(EntryGridModel):
    """Rows: the schedule's rows; columns: 取組内容 then each year (実施, →, …)."""

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(editor, parent)
        self.node: Node | None = None
        self.years: list[FiscalYear] = []
        editor.changed.connect(self._on_changed)

    def load(self, node: Node | None) -> None:
        self.beginResetModel()
        self.node = node
        self.years = list(node.schedule.years) if node and node.schedule else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.node is None or self.node.schedule is None:
            return 0
        return len(self.node.schedule.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.years)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if not 0 <= section <= len(self.years):
            return None  # a header asking during a reset of a grid shown
        return self.tr("実施内容") if section == 0 else self.years[section - 1].era_label()

    def target(self, index: Index) -> ScheduleCell:
        assert self.node is not None
        year = self.years[index.column() - 1].year
        return ScheduleCell(self.node.plan_id, self.node.key, index.row(), year)

    def field_at(self, index: Index) -> ScheduleCell | None:
        return self.target(index) if index.column() > 0 and self.node is not None else None

    def read(self, index: Index, text: str) -> Content:
        return text

    def empty(self) -> Content:
        return ""

    def what(self, index: Index) -> str:
        assert self.node is not None
        return self.tr("{title} {year}の年次計画").format(
            title=self.node.title, year=self.years[index.column() - 1].era_label())

    def label(self, index: Index) -> str:
        assert self.node is not None
        return self.tr("{title} の年次計画").format(title=self.node.title)

    def compute(self, index: Index, role: int) -> object:
        if not index.isValid() or self.node is None or self.node.schedule is None:
            return None
        if index.column() == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.node.schedule.rows[index.row()].label
            return None
        shared = self.entry_data(index, role)
        if shared is not NotImplemented:
            return shared
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def shows(self, target: Target) -> bool:
        return isinstance(target, ScheduleCell) and self.node is not None and target.node_key == self.node.key

    def _on_changed(self, target: object) -> None:
        if isinstance(target, ScheduleCell) and self.shows(target):
            self._emit_all()
