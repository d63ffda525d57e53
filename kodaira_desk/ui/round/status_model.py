"""The collection's board of departments (RoundStatusModel) and the plain read-only table the
round's dialogs share (_RowsModel)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from kodaira_desk.services.rounds.common import DepartmentState
from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.i18n import listed
from kodaira_desk.ui.round.year_widgets import status_cell

Index = QModelIndex | QPersistentModelIndex


# Shown through self.tr() in the models below; listed here so that lupdate finds them.
_STATE_TEXTS = (QT_TRANSLATE_NOOP("RoundStatusModel", "未返却"), QT_TRANSLATE_NOOP("RoundStatusModel", "返却済"),
                QT_TRANSLATE_NOOP("RoundStatusModel", "取込済"), QT_TRANSLATE_NOOP("RoundStatusModel", "要確認"),
                QT_TRANSLATE_NOOP("RoundStatusModel", "差し替え済"))


class _RowsModel(QAbstractTableModel):
    """A read-only table of plain rows with translated column heads (HEADERS)."""

    HEADERS: tuple[object, ...] = ()  # QT_TRANSLATE_NOOP's texts (PySide6's stubs type them object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def load(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(str(self.HEADERS[section]))
        if role == Qt.ItemDataRole.DisplayRole:  # the row's number, as Qt's own tables: a header that
            return str(section + 1)  # said nothing was read as a nameless row header
        return None


_ANSWERED = frozenset(int(r) for r in (  # the roles RoundStatusModel answers
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole))


# why a department is 要確認 (services/rounds/status.review_reasons says the same in Japanese)
_KIND_WORDS = {"both_changed": QT_TRANSLATE_NOOP("RoundStatusModel", "競合 {n} 件"),
               "out_of_scope": QT_TRANSLATE_NOOP("RoundStatusModel", "担当外の変更 {n} 件"),
               "other_year": QT_TRANSLATE_NOOP("RoundStatusModel", "配布年度以外の変更 {n} 件"),
               "locked": QT_TRANSLATE_NOOP("RoundStatusModel", "確定済みの年度の変更 {n} 件"),
               "removed": QT_TRANSLATE_NOOP("RoundStatusModel", "計画から削除された項目の値 {n} 件")}
_FLAG_WORDS = {"no_head_check": QT_TRANSLATE_NOOP("RoundStatusModel", "課長確認なし")}
# a 要確認 課 handed out again: its new file still owed (status.REISSUED_OWED), by the state it is in
_REISSUED_WORDS = {"issued": QT_TRANSLATE_NOOP("RoundStatusModel", "再配布したファイルは未返却"),
                   "unfilled": QT_TRANSLATE_NOOP("RoundStatusModel", "再配布したファイルは未記入")}


class RoundStatusModel(_RowsModel):
    HEADERS = (QT_TRANSLATE_NOOP("RoundStatusModel", "担当課"), QT_TRANSLATE_NOOP("RoundStatusModel", "状態"),
               QT_TRANSLATE_NOOP("RoundStatusModel", "期限"), QT_TRANSLATE_NOOP("RoundStatusModel", "最終返却（版・保存・保存者）"),
               QT_TRANSLATE_NOOP("RoundStatusModel", "理由・版"), QT_TRANSLATE_NOOP("RoundStatusModel", "競合"),
               QT_TRANSLATE_NOOP("RoundStatusModel", "返却日時"), QT_TRANSLATE_NOOP("RoundStatusModel", "ファイル"),
               QT_TRANSLATE_NOOP("RoundStatusModel", "質問"))
    # The states' labels, for translation (they come from domain.round.BOARD_LABELS).
    _LABELS = (QT_TRANSLATE_NOOP("RoundStatusModel", "未記入"),)
    NOTE_COLUMN = 4
    FILE_COLUMN = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: dict[str, Any] = {}  # department → overview.DepartmentLine (deadline, issue 24)
        self.days_left: int | None = None
        self.questions: dict[str, Any] = {}  # department → services.notes.QuestionCount (issue 25), set
        self._shown: dict[int, list[object]] = {}  # before a load; a row's texts, made when first painted
        self._language = ""  # and dropped by a load or a switch of language (issue 27)

    def load(self, rows: Sequence[Any]) -> None:
        self._shown.clear()
        super().load(rows)

    def load_overview(self, overview: Any) -> None:
        self.lines = {ln.department: ln for ln in overview.lines}
        self.days_left = overview.days_left
        self.load([ln.state for ln in overview.lines])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ANSWERED or not index.isValid():  # (most of what a paint asks: at once)
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:  # an empty cell says 空欄 (issue 28)
            return a11y.blank_named(self.data(index, Qt.ItemDataRole.DisplayRole))
        if role == Qt.ItemDataRole.DisplayRole:  # (a paint and the columns' fit ask every cell's text)
            return self._texts(index.row())[index.column()]
        st: DepartmentState = self.rows[index.row()]
        col = index.column()
        if col in (2, 3):
            return status_cell(self, st, self.lines.get(st.department), col, role)
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.NOTE_COLUMN, self.FILE_COLUMN) and not st.reason:
            return self._texts(index.row())[col] or None  # whole, where a narrow column elides it
        if role == Qt.ItemDataRole.ToolTipRole and st.reason:
            return self._refusal(st)  # the whole refusal reason, kept in the master
        if role == Qt.ItemDataRole.BackgroundRole and col == 1:
            return QBrush(theme.state_background(st.state))  # high contrast: dark, with the palette's white
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(theme.colours().text)
        return None

    def _texts(self, row: int) -> list[object]:
        """The row's shown texts, made once per load and language (the words follow a switch of
        language, issue 30)."""
        language = QLocale().name()
        if language != self._language:
            self._shown.clear()
            self._language = language
        texts = self._shown.get(row)
        if texts is None:
            st: DepartmentState = self.rows[row]
            line = self.lines.get(st.department)
            texts = self._shown[row] = [
                st.department, self.tr(st.label), status_cell(self, st, line, 2, Qt.ItemDataRole.DisplayRole),
                status_cell(self, st, line, 3, Qt.ItemDataRole.DisplayRole), self._note(st),
                str(st.open_conflicts) if st.open_conflicts else "", (st.returned_at or "").replace("T", " ")[:16],
                st.file_name, self._questions(st)]
        return texts

    def texts(self, column: int) -> set[tuple[str, bool]]:
        """Each distinct text the column shows and whether it is bold (an overdue 期限), for its
        width (ui/forms/column_widths.fit_texts): the rows' own texts, no cell asked through Qt."""
        out = set()
        for row, st in enumerate(self.rows):
            text = self._texts(row)[column]
            if text:
                line = self.lines.get(st.department)
                out.add((str(text), column == 2 and line is not None and line.overdue))
        return out

    def _questions(self, st: DepartmentState) -> str:
        """The division's questions to the department: 未回答 N・回答あり M (the answers not yet taken)."""
        count = self.questions.get(st.department)
        if count is None or not (count.open or count.answered):
            return ""
        parts = [self.tr("未回答 {n}").format(n=count.open)] if count.open else []
        if count.answered:
            parts.append(self.tr("回答あり {n}").format(n=count.answered))
        return "・".join(parts)

    def _note(self, st: DepartmentState) -> str:
        """Why the last file was refused (stored, so it survives a reopen), or why it is 要確認, else
        which versions were taken: the .kdesk's, and the returned workbooks' with their latest save
        (issue 26)."""
        if st.reason:
            return self._refusal(st).splitlines()[0]
        if st.reasons:  # 要確認: why, and which workbook the master holds (its save may be unknown)
            book = self._versions(st) if st.book_revision else ""
            return self.tr("・").join(self._reasons(st)) + (self.tr("／") + book if book else "")
        return self._versions(st)

    @staticmethod
    def _refusal(st: DepartmentState) -> str:
        """The stored refusal reason, in English when it is one of the app's own (ui/refusal_words.py)."""
        from kodaira_desk.ui.refusal_words import reason_text

        return reason_text(st.reason or "", st.reason_code, st.reason_file, taken=st.revision,
                           newest=st.reason_newest)

    def _reasons(self, st: DepartmentState) -> list[str]:
        """Why it is 要確認 in the language in use (the service's `reasons` are its Japanese words)."""
        words = [self.tr(str(_KIND_WORDS[kind])).format(n=n) if kind in _KIND_WORDS else f"{kind} {n}"
                 for kind, n in st.open_by_kind]
        flags = st.last_return.open_flags if st.last_return is not None else ()
        words += [self.tr(str(_FLAG_WORDS.get(flag, flag))) for flag in flags]
        if st.owed in _REISSUED_WORDS and any(r.startswith("再配布した") for r in st.reasons):
            words.append(self.tr(str(_REISSUED_WORDS[st.owed])))
        return words or list(st.reasons)

    def _versions(self, st: DepartmentState) -> str:
        parts = []
        if st.kdesk_revision:
            parts.append(self.tr("第{n}版").format(n=st.kdesk_revision))
        if st.book_revision and not st.book_saved_at:
            parts.append(self.tr("ブック第{n}版（保存日時の記録なし）").format(n=st.book_revision))
        elif st.book_revision:
            saved = " ".join(p for p in (st.book_saved_at, st.book_saved_by) if p)
            if st.book_time_doubtful:
                saved += self.tr("・日時は確かでない")
            parts.append(self.tr("ブック第{n}版（{saved} 保存）").format(n=st.book_revision, saved=saved))
        if not parts and st.revision:
            parts.append(self.tr("第{n}版").format(n=st.revision))
        return listed(parts)
