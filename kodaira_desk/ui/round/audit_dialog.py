"""変更履歴: the audit log of every changed value, filterable by item and by how it changed, exported as
CSV (kept apart from the round's dialogs in ui/round_dialogs.py, whose table model it shares)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.services.rounds import audit
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui import a11y, file_dialogs, screen_fit
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.forms.column_widths import fit_texts
from kodaira_desk.ui.round.reading import ReadNote
from kodaira_desk.ui.round.status_model import Index, _RowsModel
from kodaira_desk.ui.tasks import TaskRunner


class AuditDialog(QDialog):
    """変更履歴: every changed value, filterable, exportable as CSV."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        # the log read on the runner (issue 27: 13–19 ms of the GUI thread as the dialog opened)
        self.loading = ReadNote(tasks, "auditLoading", self.tr("変更履歴を読み込んでいます…"),
                                self.tr("変更履歴を読めません: {error}"), self)
        self.setWindowTitle(self.tr("変更履歴（監査ログ）"))
        self.filter = QLineEdit()
        self.filter.setObjectName("auditFilter")
        self.filter.setPlaceholderText(self.tr("項目名で絞り込み"))
        self.source = QComboBox()
        self.source.setObjectName("auditSource")
        for code, label in (("", self.tr("すべて")), ("typed", self.tr("入力")), ("import", self.tr("取り込み")),
                            ("resolution", self.tr("競合の解決")), ("correction", self.tr("修正")),
                            ("plan", self.tr("計画の編集")), ("confirmed", self.tr("確認済み"))):
            self.source.addItem(label, code)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.model = _AuditModel(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        export = QPushButton(self.tr("CSV に書き出す(&E)…"))
        export.clicked.connect(self._export)
        close = QPushButton(self.tr("閉じる(&C)"))
        close.clicked.connect(self.accept)
        self._entries: list[dict[str, str | None]] = []
        self.filter.textChanged.connect(self._show)
        self.source.currentIndexChanged.connect(self.refresh)
        filter_label, source_label = QLabel(self.tr("絞り込み(&F)")), QLabel(self.tr("経緯(&S)"))
        a11y.label_for(filter_label, self.filter, self.tr("項目名の一部を入力すると、その項目の変更だけを出します。"))
        a11y.label_for(source_label, self.source)
        a11y.name(self.table, self.tr("変更履歴"))
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(source_label)
        top.addWidget(self.source)
        bottom = QHBoxLayout()
        bottom.addWidget(export)
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.loading)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        self.resize(1000, 560)
        screen_fit.fit(self)
        self.refresh()

    @property
    def reading(self) -> bool:
        """The log is being read on the runner (「読み込んでいます…」 shown)."""
        return self.loading.reading

    def refresh(self) -> None:
        """Read the log again on the runner (when the source changes); typing in the filter only
        filters what is read."""
        self.loading.read(audit.audit_entries, (self.workspace.db, "", self.source.currentData() or None),
                          self._entries_read, "audit-entries")

    def _entries_read(self, entries: list[dict[str, str | None]]) -> None:
        self._entries = entries
        self._show()

    def done(self, result: int) -> None:
        self.loading.drop()  # closed before the answer came: it is dropped
        super().done(result)

    def _show(self) -> None:
        text = self.filter.text().strip()
        self.model.load([e for e in self._entries if not text or text in (e["item"] or "")])
        # each column as wide as its distinct texts, measured from the font (issue 27: Qt's
        # resizeColumnsToContents asked every cell's size of the Python model, on every key typed)
        fit_texts(self.table, self.model.texts, 0, 480)

    def _export(self) -> None:
        path = file_dialogs.save_name(self, self.tr("CSV に書き出す"), "変更履歴.csv", "CSV (*.csv)")
        if path is None:
            return
        try:
            self.export_csv(Path(path))
        except DomainError as exc:  # a full disk, a folder without permission: named in the message
            QMessageBox.warning(self, self.tr("書き出せません"), message_of(exc))

    def export_csv(self, path: Path) -> None:
        audit.write_audit_csv(self.model.rows, path)


class _AuditModel(_RowsModel):
    HEADERS = (QT_TRANSLATE_NOOP("_AuditModel", "日時"), QT_TRANSLATE_NOOP("_AuditModel", "項目"), QT_TRANSLATE_NOOP("_AuditModel", "変更前"),
               QT_TRANSLATE_NOOP("_AuditModel", "変更後"), QT_TRANSLATE_NOOP("_AuditModel", "経緯"), QT_TRANSLATE_NOOP("_AuditModel", "担当者"),
               QT_TRANSLATE_NOOP("_AuditModel", "理由・備考"))
    SOURCES: ClassVar[dict[str, object]] = {  # QT_TRANSLATE_NOOP's texts (typed object by PySide6's stubs)
        "typed": QT_TRANSLATE_NOOP("_AuditModel", "入力"), "import": QT_TRANSLATE_NOOP("_AuditModel", "取り込み"),
        "resolution": QT_TRANSLATE_NOOP("_AuditModel", "競合の解決"), "migration": QT_TRANSLATE_NOOP("_AuditModel", "移行"),
        # the round's year (issue 24)
        "correction": QT_TRANSLATE_NOOP("_AuditModel", "修正"), "lock": QT_TRANSLATE_NOOP("_AuditModel", "確定"),
        "unchanged": QT_TRANSLATE_NOOP("_AuditModel", "変更なしの確認"),
        "head_check": QT_TRANSLATE_NOOP("_AuditModel", "課長確認"),
        "acknowledged": QT_TRANSLATE_NOOP("_AuditModel", "了承"), "round": QT_TRANSLATE_NOOP("_AuditModel", "年度の設定"),
        "resolution_undone": QT_TRANSLATE_NOOP("_AuditModel", "解決の取り消し"),
        "plan": QT_TRANSLATE_NOOP("_AuditModel", "計画の編集"),
        "confirmed": QT_TRANSLATE_NOOP("_AuditModel", "確認済み")}  # a yellow figure said right (figure_checks)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: list[list[str]] | None = None  # each row's texts, made once per load and language
        self._language = ""  # (the columns' fit asked every row's seven texts again for each column:
        # 60–95 ms of the GUI thread for 540–1,080 entries at ×10, issue 27)

    def load(self, rows: Sequence[Any]) -> None:
        self._shown = None
        super().load(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.AccessibleTextRole:  # an empty cell says 空欄 (issue 28)
            return a11y.blank_named(self.data(index, Qt.ItemDataRole.DisplayRole))
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = self._rows_texts()[index.row()][index.column()]
        return text if role == Qt.ItemDataRole.DisplayRole else text or None  # whole, where it is cut

    def _rows_texts(self) -> list[list[str]]:
        """Every row's shown texts, made once per load and language (the 経緯 words follow a switch)."""
        language = QLocale().name()
        if self._shown is None or language != self._language:
            sources = {code: self.tr(str(word)) for code, word in self.SOURCES.items()}
            self._shown = [[(e["at"] or "").replace("T", " ")[:19], e["item"] or "", e["old"] or "", e["new"] or "",
                            sources.get(e["source"] or "", e["source"] or ""), e["actor"] or "", e.get("note") or ""]
                           for e in self.rows]
            self._language = language
        return self._shown

    def texts(self, column: int) -> set[tuple[str, bool]]:
        """Each distinct text the column shows (for its width: ui/forms/column_widths.fit_texts)."""
        return {(line, False) for line in (row[column] for row in self._rows_texts()) if line}
