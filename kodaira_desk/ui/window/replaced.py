"""A clerk's department file replaced under the window by a re-issue (the policy division handed
out again into the same folder while the file was open here, from another computer or before the
window said it had the file open: services/open_files.py).

The save finds another hand-out in the file (services.clerk_file.check_handout) and writes nothing
there. Here the window keeps the typing: the hand-out it opened is copied whole, from the
connection it kept open on it (the replaced file, still readable through it), beside the file (or
beside the recovery journals when that folder takes nothing), the edits are saved into the copy,
the window goes on in the copy, and the person is told, naming both files. When no copy can be
made, the edits stay in the window and in its recovery journal, and the person is told that.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from kodaira_desk.services.clerk_file import HandoutReplaced
    from kodaira_desk.services.editing import Target
    from kodaira_desk.ui.forms.invalid_drafts import CellState
    from kodaira_desk.ui.window.window_api import Window


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def keep_in_copy(w: Window, exc: HandoutReplaced, save_again: Callable[[Window], object]) -> None:
    """The save found `exc`: the edits saved into a copy of the hand-out the window opened, which
    the window then shows; said, naming the file replaced and the copy. `save_again` (saving.save)
    saves there what the window carried into it (typed while the copy was made, red, grading)."""
    from kodaira_desk.services.replaced_handout import keep_in_copy as keep
    from kodaira_desk.ui.domain_words import message_of

    workspace = w.workspace
    source = workspace.path
    edits, stored = w.editor.to_save()
    folder = Path(str(getattr(w.editor.journal, "folder", "") or source.parent))

    def kept(copy: Path) -> None:
        # `edits` are in the copy (committed); what the window holds now goes with it as save_as's
        # copy does: edits typed while the copy was made, red cells' text, grading settings
        carried: list[tuple[Target, CellState, str]] = [(t, c, "") for t, c in w.editor.pending().items()]
        carried += list(w.editor.drafts.items())
        grading = list(w.editor.session.grading.pending().items())
        # the original's journal keeps them until the copy's journal holds them (out of the editor's
        # reach as the replaced file is let go, with nothing asked: they go with the copy)
        old_journal, w.editor.journal = w.editor.journal, None
        w.editor.ending = True
        try:
            opened = w.open_path(copy)
        finally:
            w.editor.ending = False
        made = 0
        if opened:
            made = w.editor.set_many(carried, _tr("配布し直されたファイル")) if carried else 0
            made += sum(w.editor.set_setting(s, v, _tr("配布し直されたファイル")) for s, v in grading)
            if old_journal is not None:
                new_journal = w.editor.journal
                if not made or (new_journal is not None and new_journal.flush()):
                    old_journal.handed_over()  # the copy and its journal hold them now
                else:  # kept for the original's next opening (offered there)
                    old_journal.close()
        elif w.editor.journal is None:
            w.editor.journal = old_journal
        if made:
            save_again(w)
        w.tell(_tr("配布し直されたファイル"), _tr(
            "「{file}」は、開いたあとで政策課が配布し直した新しいファイルに置き換えられていました。入力した値は新しい"
            "ファイルには書き込まず、開いていた配布のファイルの写し「{copy}」（{folder}）に保存しました。{going}\n"
            "新しいファイルには、配布し直す前の入力が入っていません。どちらを提出するか、政策課に確かめてください。").format(
            file=source.name, copy=copy.name, folder=copy.parent,
            going=_tr("これからの保存は写しに書き込まれます。") if opened else _tr("写しを開き直してください。")))

    def not_kept(error: BaseException) -> None:
        from kodaira_desk.services.clerk_file import HandoutReplaced
        from kodaira_desk.ui.window.damaged_copy import write_down

        why = _tr("開いていた配布のファイルはもう読めません") if isinstance(error, HandoutReplaced) else message_of(error)
        # every later save fails the same way and closing then discards: the typing written down now
        kept = write_down(w, _tr("Kodaira Desk: 配布し直されたファイルに保存できなかった入力（開いていた配布のファイルの写しも作れなかったため）"))
        w.tell(_tr("配布し直されたファイル"), message_of(exc) + "\n" + _tr(
            "開いていた配布のファイルの写しも作れませんでした（{why}）。入力は復旧用の記録にも残っています。"
            "名前を付けて保存はせず、政策課に連絡してください。").format(why=why) + "\n\n" + kept)

    w.tasks.run_op(keep, (source, workspace.kept, exc.opened, edits, stored, workspace.actor, folder), kept,
                   on_error=not_kept, name="keep_replaced")
