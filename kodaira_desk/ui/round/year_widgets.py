"""Widgets of the round's year (issue 24): the deadline and head-check setting (in the hand-out
dialog and the collection window) and the deadline's words (days left; past it, in red with a mark
and words, never by colour alone)."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.round_year import RoundSettings
from kodaira_desk.services.rounds.overview import NOT_RETURNED, when
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui import theme
from kodaira_desk.ui.dates import shown_date


def deadline_words(day: datetime.date | None, left: int | None) -> tuple[str, str]:
    """(text, colour role of ui/theme.py's `tint`) of a deadline: あと N 日 / 本日が期限 (the check
    colour, bold) / ⚠ 期限切れ N 日 (the error colour, bold): the high-contrast palette's too."""
    if day is None or left is None:
        return QCoreApplication.translate("Deadline", "提出期限: 未設定"), "muted"
    shown = shown_date(day, weekday=True)
    if left > 0:
        text = QCoreApplication.translate("Deadline", "提出期限 {d}（あと {n} 日）")
        return text.format(d=shown, n=left), ""
    if left == 0:
        text = QCoreApplication.translate("Deadline", "提出期限 {d}（本日が期限）")
        return text.format(d=shown), "check"
    text = QCoreApplication.translate("Deadline", "⚠ 期限切れ: 提出期限 {d} を {n} 日過ぎています")
    return text.format(d=shown, n=-left), "error"


def deadline_label(iso: str | None) -> QLabel | None:
    """A label with a file's deadline in words (None without a deadline)."""
    if not iso:
        return None
    from kodaira_desk.domain.round_year import Deadline
    from kodaira_desk.services.rounds.overview import today

    due = Deadline(datetime.date.fromisoformat(iso))
    text, role = deadline_words(due.day, due.days_left(today()))
    label = QLabel(text)
    label.setObjectName("deadlineLabel")
    theme.tint(label, role)
    return label


class RoundSettingsBox(QGroupBox):
    """提出期限 and 課長確認 of a round, loaded for a year."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setTitle(self.tr("提出期限と課長確認"))
        self.setObjectName("roundSettings")
        self.has_deadline = QCheckBox(self.tr("提出期限(&D)"))
        self.has_deadline.setObjectName("hasDeadline")
        self.date = QDateEdit()
        self.date.setObjectName("deadline")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setEnabled(False)
        self.era = QLabel()
        self.era.setObjectName("deadlineEra")
        self.has_deadline.toggled.connect(self.date.setEnabled)
        self.has_deadline.toggled.connect(lambda _on: self._show_era())
        self.date.dateChanged.connect(lambda _d: self._show_era())
        self.head_check = QCheckBox(self.tr("返却に課長確認を必須にする(&K)"))
        self.head_check.setObjectName("headCheckRequired")
        self.head_check.setToolTip(self.tr("課長確認のない返却は、取り込んだうえで「要確認」になります。"))
        row = QHBoxLayout()
        row.addWidget(self.has_deadline)
        row.addWidget(self.date)
        row.addWidget(self.era, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.head_check)

    def load(self, year: FiscalYear) -> None:
        from kodaira_desk.services.rounds.settings import round_settings

        self.show_settings(self.workspace.run(round_settings, year), year)

    def show_settings(self, settings: RoundSettings, year: FiscalYear) -> None:
        """A year's settings read already (the hand-out dialog reads them on the runner, issue 27)."""
        day = settings.deadline or datetime.date(year.year + 1, 5, 31)  # the city's usual: end of May
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.has_deadline.setChecked(settings.deadline is not None)
        self.head_check.setChecked(settings.head_check_required)
        self._show_era()

    def _show_era(self) -> None:
        day = self.deadline()
        self.era.setText(shown_date(day, weekday=True) if day else "")

    def deadline(self) -> datetime.date | None:
        if not self.has_deadline.isChecked():
            return None
        d = self.date.date()
        return datetime.date(d.year(), d.month(), d.day())

    def head_check_required(self) -> bool:
        return self.head_check.isChecked()

    def settings(self) -> dict[str, Any]:
        """What a hand-out or set_round is given."""
        return {"deadline": self.deadline(), "head_check_required": self.head_check_required()}


def status_cell(model: Any, st: Any, line: Any, col: int, role: int) -> object:
    """The collection board's 期限 (col 2) and 最終返却 (col 3) cells of one department: overdue in
    red with a mark and words; the last return's revision, save time, who saved it, the head's check.
    (Its imports are the module's: an import statement run for every cell painted went through Qt for
    Python's import hook each time, issue 27.)"""
    if col == 3:
        r = st.last_return
        if role == Qt.ItemDataRole.DisplayRole:
            return _last_return(r)
        if role == Qt.ItemDataRole.ToolTipRole and r is not None:
            saved = QCoreApplication.translate("RoundStatusModel", "第 {n} 版　保存 {saved}　保存した人 {by}")
            taken = QCoreApplication.translate("RoundStatusModel", "取り込み {at}（{file}）")
            lines = [saved.format(n=r.revision if r.revision is not None else "-", saved=when(r.saved_at) or "-",
                                  by=r.saved_by or "-"), taken.format(at=when(r.received_at), file=r.file_name)]
            if r.head_check_by:
                check = QCoreApplication.translate("RoundStatusModel", "課長確認 {name}（{at}）")
                lines.append(check.format(name=r.head_check_by, at=when(r.head_check_at)))
            if r.unchanged or r.carried:
                carried = QCoreApplication.translate("RoundStatusModel", "変更なし {u} 件・前年度から引き継いだまま {c} 件")
                lines.append(carried.format(u=r.unchanged, c=r.carried))
            return "\n".join(lines)
        return None
    if line is None or model.days_left is None:
        return None
    overdue, late = line.overdue, line.late
    if role == Qt.ItemDataRole.DisplayRole:
        if overdue:
            return QCoreApplication.translate("RoundStatusModel", "⚠ 期限超過（{n} 日）").format(n=-model.days_left)
        if st.state in NOT_RETURNED or st.owed:  # (a 課 handed out again, 要確認: its file is out)
            return (QCoreApplication.translate("RoundStatusModel", "本日が期限") if model.days_left == 0
                    else QCoreApplication.translate("RoundStatusModel", "あと {n} 日")).format(n=model.days_left)
        if late:
            return QCoreApplication.translate("RoundStatusModel", "期限後に返却")
        return QCoreApplication.translate("RoundStatusModel", "期限内に返却")
    if role == Qt.ItemDataRole.ForegroundRole and (overdue or late):
        return QBrush(theme.colours().error)
    if role == Qt.ItemDataRole.BackgroundRole and overdue:
        return QBrush(theme.colours().invalid)
    if role == Qt.ItemDataRole.FontRole and overdue:
        font = QFont()
        font.setBold(True)
        return font
    return None


def checked_departments(view: QListWidget) -> list[str]:
    """The 課 ticked in a list of 課 (each line's 課 in its data, not its text: a line may say why)."""
    return [str(view.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(view.count())
            if view.item(i).checkState() == Qt.CheckState.Checked]


def _last_return(r: Any) -> str:
    """第3版 2027-05-20 10:31 山田（課長確認 佐藤）, in the window's language; empty without a return."""
    if r is None:
        return ""
    parts = [QCoreApplication.translate("RoundStatusModel", "第{n}版").format(n=r.revision)
             if r.revision is not None else "", when(r.saved_at or r.received_at), r.saved_by or ""]
    text = " ".join(p for p in parts if p)
    if r.head_check_by:
        text += QCoreApplication.translate("RoundStatusModel", "（課長確認 {name}）").format(name=r.head_check_by)
    return text
