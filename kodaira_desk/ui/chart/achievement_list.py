"""The KPI chart pane's list: each indicator's status and rate for the entry year (issue 17),
its statuses in words for screen readers (issue 28). Apart from `ui/kpi_chart.py` to keep it short."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont

from kodaira_desk.domain.achievement import Achievement, Status
from kodaira_desk.domain.model import Indicator
from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.chart.grading_words import reason_words

Index = QModelIndex | QPersistentModelIndex


class AchievementListModel(QAbstractTableModel):
    """The node's indicators with the rate and status of the entry year's value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Indicator, Achievement]] = []
        self.checks: dict[str, str] = {}  # indicator key → why its figure waits for a person (要確認)
        # row → (column, role) → answer: fitting a row's height asks its cells a dozen roles each
        self._answers: dict[int, dict[tuple[int, int], object]] = {}
        self.modelAboutToBeReset.connect(self._answers.clear)
        theme.changed().connect(self._recolour)

    def set_rows(self, rows: list[tuple[Indicator, Achievement]], checks: dict[str, str] | None = None) -> None:
        checks = checks or {}
        if len(rows) == len(self.rows) and [i.key for i, _ in rows] == [i.key for i, _ in self.rows]:
            # only the rows graded again, or whose check came or went, are announced
            changed = [r for r, (new, old) in enumerate(zip(rows, self.rows, strict=True))
                       if new is not old or checks.get(new[0].key) != self.checks.get(new[0].key)]
            self.rows, self.checks = rows, checks
            for r in changed:
                self._answers.pop(r, None)
            if changed:
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], 2))
            return
        self.beginResetModel()
        self.rows, self.checks = rows, checks
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("状況"), self.tr("達成率"), self.tr("指標"))[section]
        return None

    def _recolour(self) -> None:
        self._answers.clear()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 2))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        answers = self._answers.setdefault(index.row(), {})
        key = (index.column(), role)
        if key not in answers:
            answers[key] = self._answer(index, role)
        return answers[key]

    def _answer(self, index: Index, role: int) -> object:
        if role == Qt.ItemDataRole.AccessibleTextRole:  # an empty cell says 空欄 (issue 28)
            return a11y.blank_named(self.data(index, Qt.ItemDataRole.DisplayRole))
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        ind, a = self.rows[index.row()]
        col = index.column()
        check = self.checks.get(ind.key)
        if check is not None and col < 2 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            # an out-of-scale figure not yet confirmed is not graded: its rate would mean nothing
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(theme.colours().warning_mark)
            return self.tr("要確認") if col == 0 else ""
        if role == Qt.ItemDataRole.ToolTipRole and check is not None:
            return check
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{a.status.mark} {status_label(a.status)}" + (self.tr("（見込）") if a.provisional else "")
            if col == 1:
                return rate_words(a)
            return ind.name
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QBrush(theme.status_text(a.status.colour))
        if role == Qt.ItemDataRole.FontRole and col == 0:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason_words(a) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def status_label(status: Status) -> str:
    """The status's name in the user's language: one context for the pane, the list and the board.
    Only that one is translated (a paste's 125 regraded rows asked all four each: issue 27)."""
    t = QCoreApplication.translate
    if status is Status.ACHIEVED:
        return t("AchievementStatus", "達成")
    if status is Status.ON_TRACK:
        return t("AchievementStatus", "概ね順調")
    if status is Status.BEHIND:
        return t("AchievementStatus", "遅れ")
    return t("AchievementStatus", "判定不能")


def rate_words(a: Achievement) -> str:
    """The rate as the reports print it (domain Achievement.rate_words): a rate below zero said in
    words (基準値を下回る), in the user's language (a rate itself is not translated)."""
    words = a.rate_words
    t = QCoreApplication.translate
    if words == "基準値を下回る":
        return t("AchievementStatus", "基準値を下回る")
    if words == "基準値を上回る":
        return t("AchievementStatus", "基準値を上回る")
    return words
