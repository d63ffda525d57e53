"""競合の確認: each conflict in a list, its two values side by side in full with the differences
marked, and a decision (keep the master's, take the department's, or type another value).

A typed value is read exactly as the grid reads it (`domain.entry.read_entry` through the
workspace), so "5件" for a 人 indicator is refused with the grid's message; a text field gets a
multi-line editor. Resolutions run on the window's worker and carry the person's name.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services.rounds.common import OpenConflict
from kodaira_desk.services.rounds.conflicts import MasterChangedError
from kodaira_desk.services.workspace import Applied, Workspace
from kodaira_desk.ui import a11y, domain_words, screen_fit, theme
from kodaira_desk.ui.forms.column_widths import fit_texts
from kodaira_desk.ui.message_line import QuietLabel, dialog_message
from kodaira_desk.ui.round.reading import ReadNote
from kodaira_desk.ui.round.status_model import Index, _RowsModel
from kodaira_desk.ui.round.table_room import fit_rows
from kodaira_desk.ui.tasks import Op, TaskRunner, free_when_closed

_DEL = "background:#f8c9c9;color:#000000;text-decoration:line-through"
_INS = "background:#c8ecd2;color:#000000;text-decoration:underline"  # a mark too, not colour alone (issue 28)


def marked_sides(master: str, department: str) -> tuple[str, str]:
    """Both texts as HTML, what only the master has struck out in red, what only the department
    has in green (difflib on characters: Japanese has no spaces between words)."""
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(None, master, department, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        a, b = html.escape(master[a1:a2]), html.escape(department[b1:b2])
        if op == "equal":
            left.append(a)
            right.append(b)
            continue
        if a:
            left.append(f"<span style='{_DEL}'>{a}</span>")
        if b:
            right.append(f"<span style='{_INS}'>{b}</span>")
    return ("<div style='white-space:pre-wrap'>" + "".join(left) + "</div>",
            "<div style='white-space:pre-wrap'>" + "".join(right) + "</div>")


class OtherValueDialog(QDialog):
    """別の値: one line for a number, several for a text; refused values keep the dialog open."""

    def __init__(self, conflict: OpenConflict, check: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("別の値"))
        self.conflict = conflict
        self._check = check
        self.value: str | None = None
        self.multiline = conflict.key.startswith(("progress:", "schedule:")) and not conflict.key.endswith(":settled")
        start = conflict.master if isinstance(conflict.master, str) else ""
        self.editor: QPlainTextEdit | QLineEdit
        if self.multiline:
            self.editor = QPlainTextEdit(start)
            self.editor.setMinimumHeight(180)
            self.editor.setTabChangesFocus(True)  # Tab moves on to OK, as in the 実施等状況 box
        else:
            self.editor = QLineEdit(start)
        self.editor.setObjectName("otherValue")
        self.message = dialog_message("otherValueMessage")  # not there while empty
        theme.tint(self.message, "error_plain")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        label = QLabel(self.tr("{item}(&V)").format(item=conflict.label))
        label.setWordWrap(True)
        a11y.label_for(label, self.editor, self.tr("親データベースに入れる値。Enter（複数行では OK ボタン）で決めます。"))
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(self.editor, 1)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.resize(560, 320 if self.multiline else 160)
        screen_fit.fit(self)

    def text(self) -> str:
        e = self.editor
        return e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()

    def _accept(self) -> None:
        try:
            self.value = self._check(self.text())
        except Exception as exc:
            self.message.setText(domain_words.message_of(exc))  # in the language in use
            return
        self.accept()


class ConflictDialog(QDialog):
    """Each conflict: its values in the list, the selected one's two texts in full below."""

    resolved = Signal(object)  # Applied
    ask_name: Callable[[], object] = staticmethod(lambda: None)  # the person's name, asked only before a
    # resolution records it, not to look (the window's: show_conflicts)

    def __init__(self, workspace: Workspace, tasks: TaskRunner, trees: Callable[[], dict[str, PlanTree]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self._trees = trees
        self.other_dialog: OtherValueDialog | None = None
        self.undoable: list[tuple[int, str, str]] = []  # (conflict id, field key, label) resolved here
        self.setWindowTitle(self.tr("競合の確認"))
        self.list = QTableView()
        self.list.setObjectName("conflictTable")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setTabKeyNavigation(False)  # Tab moves on; the arrows move in the list
        self.model = _ConflictModel(self)
        self.list.setModel(self.model)
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.list.horizontalHeader().setStretchLastSection(True)
        for c in range(self.model.columnCount()):  # no heading clipped at a large font (issue 28)
            self.list.setColumnWidth(c, max(self.list.columnWidth(c), self.list.horizontalHeader().sectionSizeHint(c)))
        self.list.selectionModel().currentRowChanged.connect(self._show_selected)
        self.master_view, self.department_view = QTextBrowser(), QTextBrowser()
        self.master_view.setObjectName("conflictMaster")
        self.department_view.setObjectName("conflictDepartment")
        sides = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((self.tr("親データベースの値（課と違う部分は赤の取り消し線）"), self.master_view),
                            (self.tr("課の値（親と違う部分は緑の下線）"), self.department_view)):
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            label = QLabel(title)
            label.setWordWrap(True)
            a11y.label_for(label, view)
            v.addWidget(label)
            v.addWidget(view, 1)
            sides.addWidget(box)
        self.base_label = QuietLabel()  # not there while no conflict is chosen
        self.keep = QPushButton(self.tr("親の値を残す(&M)"))
        self.take = QPushButton(self.tr("課の値を採用(&D)"))
        self.other = QPushButton(self.tr("別の値を入力(&O)…"))
        self.keep.clicked.connect(lambda: self.resolve_selected("keep"))
        self.take.clicked.connect(lambda: self.resolve_selected("take"))
        self.other.clicked.connect(self._type_other)
        self.undo = QPushButton(self.tr("解決を元に戻す(&U)"))
        self.undo.setObjectName("undoResolution")
        self.undo.setEnabled(False)
        self.undo.clicked.connect(self.undo_last)
        self.message = dialog_message("conflictMessage")  # not there while empty
        close = QPushButton(self.tr("閉じる(&C)"))
        close.clicked.connect(self.accept)
        intro = QLabel(self.tr("配布時の値・親データベースの値・課の値を見比べて決めてください。"
                               "決めるまで親データベースの値が使われます。"))
        intro.setWordWrap(True)
        a11y.name(self.list, self.tr("未解決の競合"), intro.text())
        # the conflicts read on the runner (issue 27: 13–18 ms of the GUI thread as the dialog opened)
        self.loading = ReadNote(tasks, "conflictLoading", self.tr("競合を読み込んでいます…"),
                                self.tr("競合を読めません: {error}"), self)
        row = QHBoxLayout()
        for b in (self.keep, self.take, self.other):
            row.addWidget(b)
        row.addWidget(self.undo)
        row.addStretch(1)
        row.addWidget(close)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.base_label)
        lv.addWidget(sides, 1)
        split.addWidget(lower)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.loading)
        lay.addWidget(split, 1)
        lay.addWidget(self.message)
        lay.addLayout(row)
        self.resize(1100, 640)
        screen_fit.fit(self)
        self.refresh()

    @property
    def reading(self) -> bool:
        """The open conflicts are being read on the runner (「読み込んでいます…」 shown)."""
        return self.loading.reading

    def refresh(self) -> None:
        """Read the open conflicts on the runner; the list shown meanwhile stays, its buttons off."""
        for b in (self.keep, self.take, self.other):
            b.setEnabled(False)
        self.loading.read(self.workspace.open_conflicts, (), self._show_rows, "open-conflicts")

    def _fit_columns(self) -> None:
        """Each value column as wide as its values (a short figure leaves no empty band), at most a
        fifth of the list; 項目 takes the room left and wraps (a longer one's whole text is in its
        tooltip and under the list); the rows as high as their wrapped text."""
        header = self.list.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        cap = max(header.sectionSizeHint(4), self.list.viewport().width() // 5)
        # measured from the font, each distinct text once (issue 27: Qt's resizes to contents asked
        # every cell's delegate, 6–7 ms of the GUI thread for 30 conflicts at ×10)
        fit_texts(self.list, self.model.texts, 0, cap, [0, 2, 3, 4])
        fit_rows(self.list, self.model.shown())

    def done(self, result: int) -> None:
        self.loading.drop()  # closed before the answer came: it is dropped
        super().done(result)

    def _show_rows(self, rows: list[object]) -> None:
        chosen = self.selected()
        self.model.load(rows)
        self._fit_columns()
        has = self.model.rowCount() > 0
        if has:  # the conflict chosen before stays chosen (read again after a refusal)
            ids = [c.id for c in self.model.rows]
            self.list.selectRow(ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0)
        else:
            self.master_view.clear()
            self.department_view.clear()
            self.base_label.clear()
            self.message.setText(self.tr("未解決の競合はありません。"))
        for b in (self.keep, self.take, self.other):
            b.setEnabled(has and not self.tasks.busy)
        self.undo.setEnabled(bool(self.undoable) and not self.tasks.busy)

    def selected(self) -> OpenConflict | None:
        rows = self.list.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _show_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        c: OpenConflict = self.model.rows[current.row()]
        left, right = marked_sides(_text(c.master), _text(c.department_value))
        self.master_view.setHtml(left)
        self.department_view.setHtml(right)
        self.base_label.setText(self.tr("{item}　配布時の値: {base}").format(
            item=c.label, base=_text(c.base) or self.tr("（なし）")))
        if untouched(c):  # a sibling copy's: the copy never touched it, its value is no choice
            self.department_view.setPlainText(self.tr("未確認（この写しは触れていない）"))
            self.base_label.setText(self.base_label.text() + "\n" + self.tr(
                "この写しはこの項目に触れていません（別の写しと共通の版が未回収で、どちらが変えたか分かりません）。"
                "課の値を選ぶと親の値は配布時の値に戻ります。"))
        if c.moved:  # saved in the master after the conflict was recorded: the value now is shown
            self.base_label.setText(self.base_label.text() + "\n" + self.tr(
                "競合を記録した後に親の値が変わりました（記録時: {then} → 今: {now}）。親データベースの値は今の値です。"
                "「親の値を残す」では今の値のままになります。").format(
                then=_text(c.recorded) or self.tr("（なし）"), now=_text(c.master) or self.tr("（なし）")))
        if c.kind == "locked":  # issue 24: the year was fixed after the file was handed out
            self.base_label.setText(self.base_label.text() + "\n" + self.tr(
                "確定済みの年度への変更です。課の値・別の値にするときは修正の理由が必要です（親の値を残すのはそのまま選べます）。"))

    def resolve_selected(self, choice: str, typed: str | None = None) -> Op | None:
        c = self.selected()
        if c is None or self.tasks.busy:
            return None
        reason: str | None = None
        if c.kind == "locked" and choice != "keep":
            reason = self.ask_reason(c.label)
            if not reason:
                self.message.setText(self.tr("修正の理由がないため、変えませんでした。"))
                return None
        self.ask_name()

        def done(answer: tuple[Applied, list[object]]) -> None:
            applied, rows = answer
            self.undoable.append((c.id, c.key, c.label))
            self.message.setText(self.tr("解決しました: {item}").format(item=c.label))
            self._show_read(rows)
            self.resolved.emit(applied)

        def failed(exc: BaseException) -> None:
            said = domain_words.message_of(exc)  # in the language in use
            if isinstance(exc, MasterChangedError):  # the list read again shows the value now
                said += "\n" + self.tr("一覧を今の親の値で読み直しました。見比べてから、もう一度選んでください。")
            self.message.setText(said)
            self.refresh()

        for b in (self.keep, self.take, self.other):
            b.setEnabled(False)
        return self.tasks.run_op(self._then_read, (self.workspace.resolve, c.id, c.key, choice, c.master, typed, reason),
                                 done, on_error=failed, name="resolve")

    def _then_read(self, change: Callable[..., Applied], *args: object) -> tuple[Applied, list[object]]:
        """On the worker: a resolution (or its undoing), then the conflicts still open, read there too."""
        applied = change(*args)
        return applied, self.workspace.open_conflicts()

    def _show_read(self, rows: list[object]) -> None:
        """The conflicts an operation read after its change: a read asked before it is dropped."""
        self.loading.shown()
        self._show_rows(rows)

    def ask_reason(self, label: str) -> str | None:
        """The reason of a correction (a field of a fixed year); tests replace it."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, self.tr("修正の理由"), self.tr(
            "{item} は確定済みの年度です。変える理由を入力してください（変更履歴に残ります）。").format(item=label))
        return text.strip() if ok else None

    def undo_last(self) -> Op | None:
        """「解決を元に戻す」: the last resolution made here, until the field changes again."""
        if not self.undoable or self.tasks.busy:
            return None
        conflict_id, key, label = self.undoable[-1]
        self.ask_name()

        def done(answer: tuple[Applied, list[object]]) -> None:
            applied, rows = answer
            self.undoable.pop()
            self.message.setText(self.tr("解決を元に戻しました: {item}").format(item=label))
            self._show_read(rows)
            self.resolved.emit(applied)

        def failed(exc: BaseException) -> None:
            self.undoable.pop()  # refused for good: the field changed since
            self.message.setText(domain_words.message_of(exc))  # in the language in use
            self.refresh()

        self.undo.setEnabled(False)
        return self.tasks.run_op(self._then_read, (self.workspace.undo_resolution, conflict_id, key), done,
                                 on_error=failed, name="undo_resolution")

    def _type_other(self) -> None:
        c = self.selected()
        if c is None:
            return
        trees = self._trees()
        dialog = OtherValueDialog(c, lambda text: self.workspace.check_typed(c.key, text, trees), self)
        dialog.accepted.connect(lambda: self.resolve_selected("typed", dialog.value))
        self.other_dialog = free_when_closed(dialog)
        dialog.open()


def untouched(c: OpenConflict) -> bool:
    """A conflict held for a field this copy never touched (domain.lineage.hold_unsure: its value is
    the base's; a collected sibling set another): its empty 課の値 is no value the copy chose."""
    return c.kind == "both_changed" and c.department_value == c.base


def _text(v: object) -> str:
    return "" if v is None else str(v)


class _ConflictModel(_RowsModel):
    HEADERS = (QT_TRANSLATE_NOOP("_ConflictModel", "課"), QT_TRANSLATE_NOOP("_ConflictModel", "項目"),
               QT_TRANSLATE_NOOP("_ConflictModel", "配布時"), QT_TRANSLATE_NOOP("_ConflictModel", "親データベース"),
               QT_TRANSLATE_NOOP("_ConflictModel", "課の値"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: list[list[str]] | None = None  # each row's texts, made once per load and language
        self._language = ""  # (the columns' and rows' fit asked every cell's texts, two translations
        # each, for every role: 16 ms of the GUI thread for 30 conflicts at ×10, issue 27)

    def load(self, rows: Sequence[Any]) -> None:
        self._shown = None
        super().load(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.AccessibleTextRole:  # an empty cell says 空欄 (issue 28)
            return a11y.blank_named(self.data(index, Qt.ItemDataRole.DisplayRole))
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = self._rows_texts()[index.row()][index.column()]
        return _shortened(text) if role == Qt.ItemDataRole.DisplayRole else text

    def shown(self) -> list[list[str]]:
        """Each row's texts as the list shows them (for the rows' heights)."""
        return [[_shortened(text) for text in row] for row in self._rows_texts()]

    def texts(self, column: int) -> set[tuple[str, bool]]:
        """Each distinct text the column shows (for its width: ui/forms/column_widths.fit_texts)."""
        return {(_shortened(row[column]), False) for row in self._rows_texts()}

    def _rows_texts(self) -> list[list[str]]:
        language = QLocale().name()
        if self._shown is None or language != self._language:
            empty, unsure = self.tr("（なし）"), self.tr("未確認（この写しは触れていない）")
            self._shown = [[c.department, c.label, _text(c.base) or empty, _text(c.master) or empty,
                            unsure if untouched(c) else _text(c.department_value) or empty]
                           for c in self.rows]
            self._language = language
        return self._shown


def _shortened(text: str) -> str:
    """A cell's text as the list shows it: a long one cut (the full text is below and in the tooltip)."""
    return text[:60].replace("\n", " ") + "…" if len(text) > 60 else text
