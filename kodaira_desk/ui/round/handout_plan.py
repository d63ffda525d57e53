"""What the hand-out dialog shows for the year chosen (services/rounds/yearly.py): the plans in force,
only the departments with something to fill (the others unticked, greyed, with the reason), a year no
plan runs in (or fixed, 確定, in every plan) refused before anything is written, and the 成果指標
without a 所管課 asked about first. A 課 whose file of the year is out (配布済み) or was collected
(回収済み) is shown so, unticked; ticked by hand it is asked about (再配布), saying what happens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round_year import RoundSettings
from kodaira_desk.services.rounds.handout import HandedOut, fixed_years, handed_out, last_handout_folder
from kodaira_desk.services.rounds.yearly import HandoutPlan, plan_handout
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui import theme
from kodaira_desk.ui.domain_words import message_of
from kodaira_desk.ui.i18n import listed


class HandoutDialog(Protocol):
    """What of round_dialogs.HandoutDialog this module uses (named, not imported: no import cycle)."""

    year: QComboBox
    departments: QListWidget
    plan_info: QLabel
    make_button: QPushButton

    def ask(self, title: str, text: str) -> bool: ...


def _handed_out_first(dialog: HandoutDialog) -> None:
    """The 課 that get a file first, then the greyed ones, each by name (in 令和8年度 10 of 26 課
    get one: they were scattered among the greyed lines)."""
    listed = dialog.departments
    items = [listed.takeItem(0) for _ in range(listed.count())]
    items.sort(key=lambda it: (not it.flags() & Qt.ItemFlag.ItemIsEnabled, department_of(it)))
    for item in items:
        listed.addItem(item)


@dataclass(frozen=True)
class YearRead:
    """What the dialog shows for a year, worked out on the runner's worker (issue 27: 14–17 ms of
    the GUI thread as the dialog opened): the round's settings, the hand-out's plan or why not."""

    year: FiscalYear
    settings: RoundSettings
    plan: HandoutPlan | DomainError | None  # None: no plans given (the settings only)
    out: dict[str, HandedOut] | None = None  # 課 -> its file of the year, out or collected
    folder: Path | None = None  # the folder of the master's latest hand-out (a batch's too), while it is there


def read_year(workspace: Workspace, trees: Sequence[PlanTree], year: FiscalYear) -> YearRead:
    from kodaira_desk.services.rounds.settings import round_settings

    plan: HandoutPlan | DomainError | None = None
    if trees:
        try:
            plan = plan_handout(trees, year, locked=workspace.run(fixed_years))
        except DomainError as exc:
            plan = exc
    return YearRead(year, workspace.run(round_settings, year), plan, workspace.run(handed_out, year),
                    workspace.run(last_handout_folder))


def show_year(dialog: HandoutDialog, year: FiscalYear, plan: HandoutPlan | DomainError,
              out: dict[str, HandedOut] | None = None) -> HandoutPlan | None:
    """Tick the departments the chosen year asks something of; say what runs and who is left out."""
    if isinstance(plan, DomainError):
        exc = plan
        dialog.plan_info.setText(message_of(exc))
        theme.tint(dialog.plan_info, "error_plain")
        dialog.make_button.setEnabled(False)
        for i in range(dialog.departments.count()):
            item = dialog.departments.item(i)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            _say_why(item, year, message_of(exc))
        return None
    reasons = {lo.department: lo.reason for lo in plan.left_out}
    for i in range(dialog.departments.count()):
        item = dialog.departments.item(i)
        filling = department_of(item) in plan.departments
        item.setCheckState(Qt.CheckState.Checked if filling else Qt.CheckState.Unchecked)
        flags = item.flags() | Qt.ItemFlag.ItemIsEnabled
        item.setFlags(flags if filling else flags & ~Qt.ItemFlag.ItemIsEnabled)
        _say_why(item, year, "" if filling else reasons.get(department_of(item), ""))
        if filling and out and department_of(item) in out:  # its file is out or collected: ticked only by hand
            _say_handed_out(item, out[department_of(item)])
    _handed_out_first(dialog)
    text = QCoreApplication.translate("HandoutDialog", "{y}に実施中の計画: {plans}").format(y=year.era_label(), plans=listed(plan.plans))
    if plan.fixed:
        text += "\n" + QCoreApplication.translate("HandoutDialog", "確定済みの計画（ファイルでは入力できません）: {plans}").format(
            plans=listed(plan.fixed))
    if plan.left_out:
        text += "\n" + QCoreApplication.translate("HandoutDialog", "配布しない課（{y}に担当する項目がない）: {names}").format(
            y=year.era_label(), names=listed(lo.department for lo in plan.left_out))
    dialog.plan_info.setText(text)
    theme.tint(dialog.plan_info, "")
    dialog.make_button.setEnabled(True)
    return plan


def _say_handed_out(item: QListWidgetItem, held: HandedOut) -> None:
    """A 課 with a file of the year is unticked and says so on its line, tooltip and description:
    配布済み (when, which file) or 回収済み (when collected; 要確認 left: on the line, the file in the
    tooltip and description, so the line fits the list at 1366×768)."""
    item.setCheckState(Qt.CheckState.Unchecked)
    said = full = QCoreApplication.translate("HandoutDialog", "配布済み {when}（{file}）").format(
        when=held.when(), file=held.file_name)
    if held.collected:
        said = QCoreApplication.translate("HandoutDialog", "回収済み {when}").format(when=held.when())
        if held.open_conflicts:
            said += QCoreApplication.translate("HandoutDialog", "、要確認 {n} 件").format(n=held.open_conflicts)
        full = f"{said}（{held.file_name}）"
    item.setText(f"{held.department}　（{said}）")
    item.setToolTip(full)
    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, full)


def department_of(item: QListWidgetItem) -> str:
    """The 課 a line of the list is for (its text also says why it is left out)."""
    return str(item.data(Qt.ItemDataRole.UserRole) or item.text())


def _say_why(item: QListWidgetItem, year: FiscalYear, reason: str) -> None:
    """A 課 left out says so on its line, and gives the reason as its tooltip and accessible
    description (a greyed line said nothing to a keyboard or screen-reader user)."""
    department = department_of(item)
    item.setText(QCoreApplication.translate("HandoutDialog", "{d}　（配布しない: {y}に担当する項目なし）").format(
        d=department, y=year.era_label()) if reason else department)
    item.setToolTip(reason)
    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, reason)


def confirm_unassigned(dialog: HandoutDialog, plan: HandoutPlan | None) -> bool:
    """The 成果指標 (and items) without a 課 are asked of nobody: name them and ask before going on."""
    if plan is None or not plan.unassigned:
        return True
    shown = "\n".join(f"・{line}" for line in plan.unassigned[:12])
    more = "\n" + QCoreApplication.translate("HandoutDialog", "ほか {n} 件").format(
        n=len(plan.unassigned) - 12) if len(plan.unassigned) > 12 else ""
    return dialog.ask(QCoreApplication.translate("HandoutDialog", "所管課の決まっていない項目"), QCoreApplication.translate(
        "HandoutDialog", "次の項目は所管課（担当課）が決まっていないため、どの課にも入力を頼みません:\n{items}{more}\n\n"
        "このまま配布しますか？（計画の編集で所管課を決めてから配布することもできます）").format(items=shown, more=more))


def confirm_again(dialog: HandoutDialog, again: Sequence[HandedOut]) -> bool:
    """再配布 of 課 with a file of the year is asked about, naming them and saying what happens: a
    file still out is refused after; what a collected one brought stays (in the master and in the
    new file), and only what the new file changes is taken when it comes back."""
    if not again:
        return True
    out = [h.department for h in again if not h.collected]
    collected = [h for h in again if h.collected]
    parts: list[str] = []
    if out:
        parts.append(QCoreApplication.translate(
            "HandoutDialog", "次の課には、この年度の提出用ファイルを配布済みです（まだ回収していません）:\n{who}\n\n"
            "再配布すると、これらの課に配ったファイルは差し替え済みとなり、入力して返ってきても取り込めません。").format(
            who=listed(out)))
    if collected:
        parts.append(QCoreApplication.translate(
            "HandoutDialog", "次の課のファイルは回収済みです（取り込んだ日時）:\n{who}\n\n"
            "再配布しても、取り込んだ値は親データベースに残り、新しいファイルにも入っています（失われません）。"
            "新しいファイルを回収すると、そのファイルで変えた値だけを反映します"
            "（その間に政策課が同じ項目を違う値に変えていれば要確認になります）。"
            "前に配ったファイルは、このあと送られてきても取り込めません。").format(
            who=listed(f"{h.department}（{h.when()}）" for h in collected)))
        review = [h for h in collected if h.open_conflicts]
        if review:
            parts.append(QCoreApplication.translate(
                "HandoutDialog", "要確認が残っています: {who}。再配布しても消えませんが、回収状況の一覧には新しいファイルの"
                "状態が出るため、「回収状況と取り込み」の「競合を確認」で決めてください。").format(
                who=listed(f"{h.department} {h.open_conflicts} 件" for h in review)))
    question = QCoreApplication.translate("HandoutDialog", "再配布しますか？")
    return dialog.ask(QCoreApplication.translate("HandoutDialog", "再配布"), "\n\n".join([*parts, question]))


def confirm_past_year(dialog: HandoutDialog, year: FiscalYear) -> bool:
    """A year that has already passed is asked about, naming it and the year the city is in (a
    window left on 令和6年度 proposed it after the next program began)."""
    current = FiscalYear.of(date.today())
    if year >= current:
        return True
    return dialog.ask(QCoreApplication.translate("HandoutDialog", "過ぎた年度の配布"), QCoreApplication.translate(
        "HandoutDialog", "{y}は既に過ぎています（今は{now}です）。\n{y}の提出用ファイルを配布しますか？").format(
        y=year.era_label(), now=current.era_label()))


def ask(parent: object, title: str, text: str) -> bool:
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes  # type: ignore[arg-type]
