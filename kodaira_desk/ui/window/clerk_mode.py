"""Clerk mode: a department file opened any way shows whose file it is, what is left, how to return it.

The banner names the 課 and 年度 and the steps back to the policy division; 提出前チェック lists
what this department still has to fill in for the year and what is flagged; 「提出用に保存」 saves
and says where the file is and what to send.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.entry import ItemReport, TypedValue, expects_progress, missing_parts, warnings_for
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Node, PlanTree, ValueKind, display_number
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.domain.values import Absent, Measured, format_value
from kodaira_desk.domain.yearly import asks_indicator
from kodaira_desk.services.editing import ProgressField, ValueCell, key_of
from kodaira_desk.ui import a11y, screen_fit, theme
from kodaira_desk.ui.forms.check_items import CheckItem
from kodaira_desk.ui.i18n import listed, sentences

if TYPE_CHECKING:
    from kodaira_desk.services.rounds.submission import FileRound
    from kodaira_desk.ui.window.window_api import Window

ITEM_ROLE = Qt.ItemDataRole.UserRole + 10
KEY_ROLE = Qt.ItemDataRole.UserRole + 11
QUESTION_ROLE = Qt.ItemDataRole.UserRole + 12  # the field a question not yet answered is about (issue 25)


class StepsLabel(QLabel):
    """The banner's steps, a line broken only between two steps when they do not fit in one (Qt
    breaks Japanese between any two characters: 「提出用に保／存」 at 1366×768)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)  # a step longer than the whole width still wraps, nothing is cut
        self._steps: list[str] = []

    def set_steps(self, steps: list[str]) -> None:
        self._steps = steps
        self._pack()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._pack()

    def _pack(self) -> None:
        fm, width = self.fontMetrics(), max(self.width() - 4, 1)
        lines: list[str] = []
        for step in self._steps:
            joined = f"{lines[-1]}　{step}" if lines else step
            if lines and fm.horizontalAdvance(joined) <= width:
                lines[-1] = joined
            else:
                lines.append(step)
        text = "\n".join(lines)
        if text != self.text():
            self.setText(text)


class ClerkBanner(QFrame):
    """The strip above the tree and forms in clerk mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clerkBanner")
        theme.tint(self, "banner")
        self.title = QLabel()
        self.title.setObjectName("clerkBannerTitle")
        self.title.setStyleSheet("font-weight:bold")
        self.steps = StepsLabel()
        self.steps.setObjectName("clerkBannerSteps")
        # issue 24: the round's deadline (days left; past it, in red with a mark and words) and
        # whether the department head's check is required
        self.deadline = QLabel()
        self.deadline.setObjectName("clerkBannerDeadline")
        self.deadline.setVisible(False)
        self._round: FileRound | None = None
        # the policy division's questions to this department (issue 25): how many wait for an answer
        self.questions = QPushButton()
        self.questions.setObjectName("clerkQuestions")
        self.questions.setVisible(False)
        self._open_questions: Callable[[], object] | None = None
        self.questions.clicked.connect(lambda: self._open_questions() if self._open_questions else None)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addWidget(self.title)
        lay.addWidget(self.steps, 1)
        lay.addWidget(self.deadline)
        lay.addWidget(self.questions)

    def show_for(self, department: str, year: FiscalYear, file_name: str) -> None:
        from kodaira_desk.services.rounds.overview import today

        year_label = year.era_label()
        title = self.tr("{d}　{y} 提出用ファイル").format(d=department, y=year_label)
        current = FiscalYear.of(today())
        if year != current:  # a file of another year (last year's, opened late): said, not left to guess
            title += self.tr("（現在は{c}です）").format(c=current.era_label())
        self.title.setText(title)
        text = self.tr(
            "① 左の一覧の {d} の担当項目に {y} の実績・進捗状況などを入力　② ファイル > 提出前チェック　"
            "③ ファイル > 提出用に保存　④ 保存した「{f}」を政策課へ返送").format(
                d=department, y=year_label, f=file_name)
        self.steps.set_steps([s.strip() for s in re.split(r"\s*(?=[②③④])", text) if s.strip()])
        self._show_round()
        self.setVisible(True)

    def set_round(self, info: FileRound | None) -> None:
        """The deadline and head-check requirement the file was handed out with."""
        self._round = info
        self._show_round()

    def _show_round(self) -> None:
        from kodaira_desk.domain.round_year import Deadline
        from kodaira_desk.services.rounds.overview import today
        from kodaira_desk.ui.round.year_widgets import deadline_words

        info = self._round
        if info is None or (not info.deadline and not info.head_check_required):
            self.deadline.setVisible(False)
            return
        parts: list[str] = []
        role = ""
        if info.deadline:
            due = Deadline(datetime.date.fromisoformat(info.deadline))
            text, role = deadline_words(due.day, due.days_left(today()))
            parts.append(text)
        if info.head_check_required:
            parts.append(self.tr("課長確認が必要です"))
        self.deadline.setText("\n".join(parts))
        theme.tint(self.deadline, role)
        self.deadline.setVisible(True)

    def show_questions(self, unanswered: int, answered: int, open_list: Callable[[], object]) -> None:
        """政策課からの質問: 未回答 N 件 — a button to the list where they are answered."""
        self._open_questions = open_list
        if unanswered:
            self.questions.setText(self.tr("政策課からの質問: 未回答 {n} 件").format(n=unanswered))
            self.questions.setStyleSheet("font-weight:bold;color:#8e1a1a")
        else:
            self.questions.setText(self.tr("政策課からの質問: 回答済み {n} 件").format(n=answered))
            self.questions.setStyleSheet("")
        self.questions.setVisible(bool(unanswered or answered))


def submission_items(w: Window, department: str) -> list[CheckItem]:
    """What `department` still has to fill in for the window's year, and what is flagged."""
    year = w.year
    out: list[CheckItem] = []
    for plan_id, tree in w.editor.trees.items():
        scope = DepartmentScope(tree, department)
        for node in tree.nodes:
            if scope.fills_in(node) and w.model.completeness(plan_id, node.key) is False:
                parent = tree.node(node.parent_key).number if node.parent_key else None
                label = f"{display_number(node.number, parent)} {node.title}".strip()
                parts = _missing(w, tree, node, department)
                text = w.tr("未入力: {item}（{plan}）").format(item=label, plan=tree.plan.title)
                out.append(CheckItem(plan_id, node.key, f"{text}: {listed(parts)}" if parts else text, True))
        for ind in tree.indicators:
            if not scope.owns_indicator(ind.key):
                continue
            cell = ValueCell(plan_id, ind.key, ValueKind.ACTUAL, year.year)
            content = w.editor.content(cell)
            if isinstance(content, TypedValue) and w.workspace.confirmed(plan_id).get(
                    key_of(cell)) != format_value(content.value, content.marks):  # (a confirmed figure is fine)
                for warning in warnings_for(tree, ind, ValueKind.ACTUAL, year, content.value):
                    out.append(CheckItem(plan_id, ind.node_key, w.tr("要確認: {name} — {why}").format(
                        name=ind.name, why=warning), False))
    from kodaira_desk.ui.round.carried import same_as_last_year_items

    return out + same_as_last_year_items(w) + question_items(w, department)


def question_items(w: Window, department: str) -> list[CheckItem]:
    """The division's questions to `department` with no answer typed yet (issue 25)."""
    from kodaira_desk.services.editing import AnnotationField, target_of
    from kodaira_desk.services.field_words import describe
    from kodaira_desk.services.notes import questions_for

    out = []
    for q in questions_for(w.editor.trees.values(), department):
        answer = w.editor.content(AnnotationField(q.key("answer")))
        if isinstance(answer, str) and answer.strip():
            continue
        plan_id, node_key = w.editor.node_of(target_of(q.field_key))
        out.append(CheckItem(plan_id, node_key or "", QCoreApplication.translate(
            "SubmissionCheck", "質問に未回答: {what} — {question}").format(
                what=describe(w.editor.trees, q.field_key), question=q.text), True, field_key=q.field_key))
    return out


def _missing(w: Window, tree: PlanTree, node: Node, department: str) -> list[str]:
    """What the item still lacks this year (its report's parts, its indicators' 実績), unsaved edits
    included: 「決算額」「差の理由」「実績（男女共同参画に関する啓発等の企画数）」."""
    year = w.year
    out: list[str] = []
    if expects_progress(tree, node) and DepartmentScope(tree, department).owns_node(node.key):
        part = {p: w.editor.content(ProgressField(tree.plan.id, node.key, year.year, p))
                for p in ("status", "narrative", "settled", "settled_note")}
        report = ItemReport(part["status"] if isinstance(part["status"], str) else None,
                            part["narrative"] if isinstance(part["narrative"], str) else "",
                            part["settled"] if isinstance(part["settled"], (Measured, Absent)) else None,
                            part["settled_note"] if isinstance(part["settled_note"], str) else "")
        words = {"進捗状況": w.tr("進捗状況"), "実施等状況": w.tr("実施等状況"), "実施内容": w.tr("実施内容"),
                 "決算額": w.tr("決算額"), "差の理由": w.tr("差の理由")}
        out += [words.get(word, word) for word in missing_parts(tree, node, year, report)]
    scope = DepartmentScope(tree, department)
    for ind in tree.indicators_of(node.key):
        if not scope.owns_indicator(ind.key):
            continue
        filled = [w.editor.content(ValueCell(tree.plan.id, ind.key, kind, year.year))
                  for kind in (ValueKind.ACTUAL, ValueKind.FORECAST)]
        if asks_indicator(tree, ind, year) and not any(isinstance(c, TypedValue) for c in filled):
            out.append(w.tr("実績（{name}）").format(name=ind.name))
    return out


class SubmissionCheck(QDialog):
    """提出前チェック: double-click (or Enter on) a line to go to that item."""

    def __init__(self, w: Window, department: str) -> None:
        super().__init__(w)
        self.window_ = w
        self.setWindowTitle(self.tr("提出前チェック — {d} {y}").format(d=department, y=w.year.era_label()))
        self.items = submission_items(w, department)
        invalid = w.page.validate()
        self.list = QListWidget()
        self.list.setObjectName("submissionList")
        self.list.setWordWrap(True)  # a line says what is missing after the item's long name: none cut off
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for text in invalid:
            QListWidgetItem(self.tr("入力に誤り: {what}").format(what=text), self.list)
        for it in self.items:
            item = QListWidgetItem(it.text, self.list)
            item.setData(ITEM_ROLE, (it.plan_id, it.node_key))
            item.setData(KEY_ROLE, it.key if it.same_as_last_year else None)
            item.setData(QUESTION_ROLE, it.field_key)
            colours = theme.colours()  # the words 未入力 / 要確認 / 前年度と同じ say it too
            item.setForeground(colours.error if it.blank else (
                colours.edited if it.same_as_last_year else colours.warning_mark))
        blanks = sum(it.blank for it in self.items)
        same = sum(it.same_as_last_year for it in self.items)
        flagged = len(self.items) - blanks - same + len(invalid)
        self.summary = QLabel()
        self.summary.setObjectName("submissionSummary")
        self.summary.setWordWrap(True)
        if not self.items and not invalid:
            self.summary.setText(self.tr("未入力・要確認の項目はありません。「ファイル > 提出用に保存」で保存して返送してください。"))
        else:
            questions = sum(it.field_key is not None for it in self.items)
            self.summary.setText(self.tr("未入力 {b} 件、要確認 {f} 件。行をダブルクリックするとその項目を開きます。").format(
                b=blanks - questions, f=flagged))
            if questions:  # the division's questions: answered in place from here (issue 25)
                self.summary.setText(sentences(self.summary.text(), self.tr(
                    "政策課からの質問に未回答 %n 件（ダブルクリックで回答欄を開きます）。", "", questions)))
        if same:
            self.summary.setText(self.summary.text() + "\n" + self.tr(
                "前年度と同じ {n} 件: 前年度の実施等状況のままです。直すか、そのままでよければ選んで"
                "「変更なしとして確認」を押してください（確認しないと未記入として扱われます）。").format(n=same))
        self.list.itemActivated.connect(self._go)
        a11y.name(self.list, self.tr("提出前チェックの結果"), self.summary.text())
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.confirm = buttons.addButton(self.tr("変更なしとして確認(&U)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.confirm.setObjectName("confirmUnchanged")
        self.confirm.setVisible(bool(same))
        self.confirm.setEnabled(False)
        self.confirm.clicked.connect(self.confirm_selected)
        self.list.itemSelectionChanged.connect(
            lambda: self.confirm.setEnabled(bool(self.selected_keys())))
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)
        self.resize(860, 480)
        screen_fit.fit(self)
        self.list.setFocus()

    def selected_keys(self) -> list[str]:
        return [k for k in (i.data(KEY_ROLE) for i in self.list.selectedItems()) if k]

    def confirm_selected(self) -> object:
        """変更なし for the selected 「前年度と同じ」 lines; the list is read again afterwards."""
        from kodaira_desk.ui.round.carried import confirm_unchanged

        keys = self.selected_keys()
        if not keys:
            return None
        self.confirm.setEnabled(False)
        return confirm_unchanged(self.window_, keys, then=self._refresh)

    def _refresh(self) -> None:
        self.items = submission_items(self.window_, self.window_.department or "")
        for row in reversed(range(self.list.count())):
            key = self.list.item(row).data(KEY_ROLE)
            if key and not any(it.key == key for it in self.items if it.same_as_last_year):
                self.list.takeItem(row)
        self.confirm.setVisible(any(it.same_as_last_year for it in self.items))

    def _go(self, item: QListWidgetItem) -> None:
        where = item.data(ITEM_ROLE)
        if where:
            self.window_.select_node(*where)
            question = item.data(QUESTION_ROLE)
            if question:  # a question: answered in place, in the field's notes
                from kodaira_desk.ui.notes.field_notes import open_key

                open_key(self.window_, question)
