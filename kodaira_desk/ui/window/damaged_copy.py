"""名前を付けて保存 of a file damaged while it was open (a bad sector, a tool writing into it, a USB
stick failing): the copy would carry the damaged pages, and a department file copied so would be
refused at collection, with the clerk's edits in it. The copy is refused
(services/file_place.FileDamaged: nothing is written where the person chose) and the window says so,
naming the file; what was typed stays in the window and in its recovery journal, and is written down
in words beside the journals (as edits of a field removed elsewhere are: ui/window/elsewhere.py), to
be typed into the file the policy division hands out again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.ui.window.elsewhere import SHOWN, lines_of, record_of

if TYPE_CHECKING:
    from kodaira_desk.ui.window.quitting import Quit
    from kodaira_desk.ui.window.window_api import Window


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def write_down(w: Window, heading: str) -> str:
    """Every value typed and not saved (a red cell's text too) written down in words beside the
    journals under `heading`; said: where, and the first lines (or that it could not be written)."""
    typed = [*w.editor.session.pending().items(), *((t, d.text) for t, d, _what in w.editor.drafts.items())]
    lines = lines_of(typed, w.editor.trees.loaded())  # (a red cell: its text)
    kept = _tr("入力した値は消えていません（このウィンドウと復旧用の記録に残っています）。")
    if typed:
        record = record_of(w, heading, _tr("日時: {when}"), lines, [t for t, _c in typed])
        from kodaira_desk.services.recovery_journal import set_down

        try:
            kept = QCoreApplication.translate("MainWindow", "入力した %n 件の値は消えていません。このウィンドウと"
                                              "復旧用の記録に残っていて、「{path}」にも書き残しました。", "", len(typed)).format(
                path=set_down(w.settings.recovery_folder(), w.workspace.name, record))
        except (OSError, DomainError):  # a full disk: the window and the journal hold them; said so
            kept += _tr("（一覧をファイルに書き残せませんでした。必要なら、この内容を控えてください。）")
        shown = lines[:SHOWN] + ([_tr("ほか {n} 件").format(n=len(lines) - SHOWN)] if len(lines) > SHOWN else [])
        kept += "\n" + "\n".join(shown)
    return kept


def refused(w: Window, exc: BaseException, closing: Quit, *, saving: bool = False) -> None:
    """The copy was refused (`exc`, FileDamaged): said with where every typed value is kept.
    `saving`: a save (Ctrl+S, 提出用に保存) into the file found it damaged once written (it read
    back not whole): the window does not say saved, and the edits stay unsaved in it."""
    from kodaira_desk.ui.domain_words import message_of

    heading = _tr("Kodaira Desk: 開いている間に壊れたファイルに入力していた値（保存しても読み戻せなかったため）") if saving \
        else _tr("Kodaira Desk: 開いている間に壊れたファイルに入力していた値（名前を付けて保存できなかったため）")
    kept = write_down(w, heading)
    then = _tr("政策課に連絡して新しい提出用ファイルを配布してもらい、それを開いて入力し直してください。") \
        if w.clerk is not None else _tr("このファイルは使わず、バックアップから戻すよう管理者（政策課）に相談してください。")
    from PySide6.QtWidgets import QMessageBox

    if saving:
        QMessageBox.warning(w, _tr("ファイルが壊れています"), message_of(exc) + "\n\n" + kept + "\n\n" + then)
        closing.given_up(_tr("「{file}」が壊れているため、保存できていません。入力はそのまま残っています。").format(
            file=w.workspace.name))
        return
    QMessageBox.warning(w, _tr("名前を付けて保存できません"), message_of(exc) + "\n\n" + kept + "\n\n" + then)
    closing.given_up(_tr("「{file}」が壊れているため、名前を付けて保存しませんでした。").format(file=w.workspace.name))
