"""Saving, and what the window takes in when the stored data changed: free functions of the window
(`Window`), in the manner of Anki's aqt/operations.

Each write runs on the window's one worker (`ui/tasks.py`) and, when it ends, refreshes only what its
`Changes` name. Before anything that would make unsaved edits meaningless or invisible (closing,
opening another file, collecting, resolving, a report or an export) the person is asked through the
window's one `ask()` — tests replace it — and nothing is ever discarded without that answer.

The texts are the window's (`w.tr`: looked up in the window's class's context, "MainWindow").
This module opens no dialog of the round's or the reports' (ui/window/operations.py does): the
round's dialogs use it without an import cycle.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kodaira_desk.services.editing import Content, Target, key_of
from kodaira_desk.services.workspace import Applied, Changes, Workspace, is_user_error
from kodaira_desk.ui.window import elsewhere, replaced
from kodaira_desk.ui.window.changed_elsewhere import (
    both_values as both_values,  # (the round's submission asks it too)
)
from kodaira_desk.ui.window.changed_elsewhere import read_again, refresh_forms
from kodaira_desk.ui.window.changed_elsewhere import take_others as take_others  # (the server's watcher)
from kodaira_desk.ui.window.quitting import Quit, why_not
from kodaira_desk.ui.window.window_api import Answer

if TYPE_CHECKING:
    from kodaira_desk.services.editing import StaleEditError
    from kodaira_desk.services.grading_edits import Setting, SettingValue
    from kodaira_desk.ui.forms.invalid_drafts import CellState
    from kodaira_desk.ui.tasks import Op
    from kodaira_desk.ui.window.window_api import Window


# ------------------------------------------------------------------ questions
def ask_name(w: Window, force: bool = False) -> str | None:
    """The person's name for the audit log: asked once, kept in the settings, changeable. Declined,
    the audit records the computer's login name instead (never no one)."""
    name = w.settings.user_name
    if name and not force:
        return name
    if not force and w.name_declined:
        return w.workspace.actor or login_name()
    typed = w.ask_text(w.tr("担当者名"), w.tr(
        "変更履歴に残す担当者名（例: 政策課 山田）を入力してください。ファイル > 担当者名の変更 で変えられます。"),
        name or "")
    if typed:
        w.settings.user_name = typed
        name = typed
    else:
        w.name_declined = True
        name = name or login_name()
    w.workspace.actor = name
    return name


def login_name() -> str:
    """Who is logged in to the computer: the audit's 担当者 when no name was given."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name known (a service account without one)
        return "(不明)"


def on_op_failed(w: Window, name: str, error: BaseException) -> None:
    """An operation failed: its message (a user error's own, or "unexpected" naming the operation).
    A department file's save (提出用に保存 too) into a file a re-issue replaced: kept in a copy."""
    from kodaira_desk.services.clerk_file import HandoutReplaced
    from kodaira_desk.ui.domain_words import message_of as said  # (the language in use)

    if isinstance(error, HandoutReplaced):
        replaced.keep_in_copy(w, error, save)
        return
    from kodaira_desk.services.file_place import FileDamaged

    if isinstance(error, FileDamaged):  # (提出用に保存 into a file damaged while open: not "send it")
        from kodaira_desk.ui.window.damaged_copy import refused

        refused(w, error, Quit(w, w.quitting), saving=True)
        return

    text = said(error) if is_user_error(error) else w.tr(
        "処理中に予期しない問題が起きました（{what}）。作業内容は保存されていません。").format(what=name)
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(w, w.tr("できませんでした"), text)


def settle_unsaved(w: Window, closing: bool = False) -> bool:
    """True when it is fine to go on (saved, discarded on purpose, or nothing to save). `closing`: a
    save failing there offers 名前を付けて保存, which closes the window once the copy holds every edit."""
    w.tasks.wait_idle()
    if not w.editor.unsaved():  # (an open editor's text is taken first: the Editor's gate)
        return True
    if w.editor.ending:  # SIGTERM or logout: no one to ask; the edits stay in the recovery journal
        return True
    from kodaira_desk.ui.forms.invalid_notice import unsaved_question

    answer = w.ask(w.tr("未保存の変更"), unsaved_question(w.editor, w.workspace.name))  # the file, the red cells
    if answer is Answer.SAVE:
        w.quitting = closing  # (read by the failure's offer as it is made: check_place, tell_gone)
        try:
            saved = save_and_wait(w)
        finally:
            w.quitting = False
        if closing and not saved and w.editor.invalid_cells():  # (the notice lists them; why it stays)
            w.statusBar().showMessage(w.tr("赤いセルの入力が保存されていないため、閉じませんでした。"
                                           "直すか消してから、もう一度閉じてください。"), 20000)
        return saved
    if answer is Answer.DISCARD:
        w.editor.discard()
        w.update_title()
        return True
    return False


def save_before_output(w: Window, handout: bool = False) -> bool:
    """Reports, exports and hand-outs read the database: with unsaved edits, ask whether to save first."""
    if not w.editor.unsaved():
        return True
    if handout:
        answer = w.ask(w.tr("未保存の変更"), w.tr(
            "保存していない変更は配布するファイルに入りません。先に保存しますか？"),
            w.tr("保存してから配布"), w.tr("保存せずに配布"))
    else:
        answer = w.ask(w.tr("未保存の変更"), w.tr(
            "保存していない変更は帳票・Excel に入りません。先に保存しますか？"),
            w.tr("保存してから作成"), w.tr("保存せずに作成"))
    if answer is Answer.SAVE:
        return save_and_wait(w)
    return answer is Answer.DISCARD  # go on without saving; the edits stay in the window


# ------------------------------------------------------------------ save
def save(w: Window, overwrite: bool = False, *, then: list[Op] | None = None) -> Op | None:
    """Ctrl+S: write every pending edit on the worker; the views refresh the saved rows only.

    When another window or a collection changed a field since it was loaded, nothing is written
    and the person is asked whether to overwrite; the edits stay in the window. `then`: where the
    save that answer starts is put, for a caller that waits for the edits to be saved
    (`save_and_wait`: closing, a report's 保存してから作成)."""
    if w.tasks.busy:
        save_when_idle(w)
        return None
    ask_name(w)
    w.workspace.held = w.workspace.held.again()  # a mark another window or a hand-out held at opening: taken if free
    edits, stored = w.editor.to_save()  # an open editor's text included (the Editor's gate)

    def failed(exc: BaseException) -> None:
        from kodaira_desk.services.clerk_file import HandoutReplaced
        from kodaira_desk.services.editing import StaleEditError
        from kodaira_desk.services.file_place import FileDamaged

        if isinstance(exc, StaleEditError):
            _stale(w, exc, then)
        elif isinstance(exc, FileDamaged):  # damaged while open: not said saved, the edits kept
            from kodaira_desk.ui.window.damaged_copy import refused

            refused(w, exc, Quit(w, w.quitting), saving=True)
        elif isinstance(exc, HandoutReplaced):  # re-issued under the window: the typing kept in a copy
            on_op_failed(w, "save", exc)
        elif is_user_error(exc) and not w.workspace.on_server and not w.workspace.path.exists():
            tell_gone(w)  # the folder moved, the USB stick pulled out: save as, from what is still open
        else:
            on_op_failed(w, "save", exc)
            if is_user_error(exc) and not w.workspace.on_server:  # a folder one cannot write to: save as
                check_place(w, lambda: None, after_save=True)

    grading = w.editor.session.grading.pending()  # thresholds, directions: the same transaction
    # The window starts without the ORM: the session's first write imports SQLAlchemy and the store
    # on the worker, some 300,000 objects that live as long as the process; the GUI thread's
    # collector then scanned them all in a generation-0 collection of 30–40 ms right after the save
    # (issue 27). Moved out of its reach instead, as ui/app.py does once the window is shown.
    first_write = "sqlalchemy.orm" not in sys.modules

    def done(result: tuple[Applied, Settled]) -> None:
        if first_write:  # (not collected first: its 120 objects of garbage, 43 KiB, kept once; a
            gc.freeze()  # collection of the 88,000-115,000 objects cost the GUI thread 26-70 ms, ×1-×10)
        w.editor.session.grading.saved(grading)
        after_save(w, edits, result[0], result[1])

    # (the window's recovery journal, ui/window/recovery.py: not imported, which imports this)
    flush = getattr(w.editor.journal, "flush", None)
    workspace = w.workspace

    def journalled_then_saved(edits: Mapping[Target, Content], stored: Mapping[Target, Content], overwrite: bool,
                              grading: Mapping[Setting, SettingValue]) -> tuple[Applied, Settled]:  # (on the worker)
        if flush is not None:  # a kill while the save writes: every edit is in the journal
            flush()
        try:
            applied = workspace.save(edits, stored, overwrite, grading)
        except Exception:
            read_back(workspace)  # a file damaged under the save: said so (its own error said else)
            raise
        read_back(workspace)  # (0.5 ms for the city's file, 8 ms at ×10: file_place.reads_whole)
        return applied, settled(applied, edits)

    return w.tasks.run_op(journalled_then_saved, (edits, stored, overwrite, grading), done, on_error=failed,
                          name="save")


def read_back(workspace: Workspace) -> None:
    """(On the worker) a department file a save wrote reads back whole, as its collection will read
    it (store/department_file: quick_check of every page), else FileDamaged naming it. A master
    file damaged in pages the save did not touch keeps its save (the plan read there says so)."""
    if workspace.clerk is not None and not workspace.on_server:
        from kodaira_desk.services.file_place import check_saved

        check_saved(workspace.path)


def _stale(w: Window, exc: StaleEditError, then: list[Op] | None = None) -> None:
    """A field was changed elsewhere since it was loaded: overwrite, take theirs, or leave it. The
    save the answer starts goes into `then` (see `save`)."""
    from kodaira_desk.ui.domain_words import message_of as said  # (the language in use)

    answer = w.ask(w.tr("ほかで変更された項目"), said(exc) + "\n\n" + both_values(w, exc),
                   w.tr("自分の値で上書きして保存"), w.tr("ほかの人の値にする"))
    if answer is Answer.SAVE:
        if (op := save(w, overwrite=True, then=then)) is not None and then is not None:
            then.append(op)
    elif answer is Answer.DISCARD:
        from kodaira_desk.services.grading_edits import DirectionSetting, ThresholdsSetting

        w.editor.session.stored_grading.clear()  # theirs, as the database now holds them
        for stale in exc.settings:  # a grading setting saved elsewhere: theirs, regraded
            if isinstance(stale.setting, (ThresholdsSetting, DirectionSetting)):  # (the only kinds)
                w.editor.session.grading.drop([stale.setting])
                w.editor.grading_changed.emit(stale.setting)
        op = take_theirs(w, [t for t, _was, _now in exc.fields], then)
        if then is not None:
            then.append(op)
    else:
        w.statusBar().showMessage(w.tr("保存しませんでした（入力はそのまま残っています）。"), 8000)


def choose_place(w: Window, suggested: Path) -> Path | None:
    """Where the person wants the file written (名前を付けて保存); tests replace it."""
    from kodaira_desk.ui import file_dialogs  # (Qt's file dialog loaded when first needed)

    return file_dialogs.save_name(w, w.tr("名前を付けて保存"), str(suggested), w.tr(
        "Kodaira Desk のファイル (*{suffix})").format(suffix=suggested.suffix or ".sqlite"))


def save_as(w: Window, closing: Quit | None = None) -> Op | None:
    """名前を付けて保存: the open file as stored copied (on the worker) to a place the person
    chooses, then opened there; the unsaved edits go with it and are saved there. `closing`: the
    window closes once they are (the person's Ctrl+Q, whose save failed where the file was)."""
    closing = closing or Quit(w)
    if w.workspace.on_server or w.tasks.busy:
        closing.given_up()
        return None
    source = w.workspace.path
    start = w.settings.last_folder
    if start is None or start == source.parent:  # (the folder that cannot be written to)
        documents = Path.home() / "Documents"
        start = documents if documents.is_dir() else Path.home()
    target = choose_place(w, start / source.name)
    if target is None or target.absolute() == source.absolute():  # (the same place: saved there, if it can)
        closing.given_up()
        return None if target is None else save(w)
    from kodaira_desk.services.file_place import copy_as

    def copied(_path: Path) -> None:
        carried: list[tuple[Target, CellState, str]] = [(t, c, "") for t, c in w.editor.pending().items()]
        carried += list(w.editor.drafts.items())
        grading = list(w.editor.session.grading.pending().items())  # thresholds, directions
        # the original's journal keeps the edits until the copy's journal holds them durably (a
        # kill -9 in between loses nothing): out of the editor's reach as the original closes
        old_journal, w.editor.journal = w.editor.journal, None
        w.editor.ending = True  # the edits go with the copy: nothing to ask as the original closes
        try:
            opened = w.open_path(target)
        finally:
            w.editor.ending = False
        if not opened:
            if w.editor.journal is None:
                w.editor.journal = old_journal
            closing.given_up()
            return
        made = w.editor.set_many(carried, w.tr("名前を付けて保存")) if carried else 0
        made += sum(w.editor.set_setting(setting, value, w.tr("名前を付けて保存")) for setting, value in grading)
        if old_journal is not None:
            new_journal = w.editor.journal
            if not made or (new_journal is not None and new_journal.flush()):
                old_journal.handed_over()  # the copy's journal holds them now
            else:  # kept for the original's next opening (offered there)
                old_journal.close()
        w.statusBar().showMessage(w.tr("「{file}」に保存しました。これからの保存はここに書き込まれます。").format(
            file=target), 15000)
        if closing.wanted:  # closed once every edit is saved there, else it stays and says why
            closing.save_then_close(lambda: save_and_wait(w) if made else True)
        elif made:
            save(w)

    journal = str(getattr(w.editor.journal, "folder", "") or "")  # (said when even the copy cannot be read)
    def failed(exc: BaseException) -> None:
        from kodaira_desk.services.file_place import FileDamaged

        if isinstance(exc, FileDamaged):  # damaged since it was opened: not copied, the edits kept
            from kodaira_desk.ui.window.damaged_copy import refused

            refused(w, exc, closing)
        elif closing.wanted:
            closing.failed(exc)
        else:
            w.tasks.failed.emit("save_as", exc)

    return w.tasks.run_op(copy_as, (source, target, w.workspace.kept, journal), copied, name="save_as",
                          on_error=failed)


def tell_gone(w: Window) -> None:
    """The open file is no longer where it was (its folder moved, the USB stick pulled out): say so,
    naming it, and offer 名前を付けて保存 (copied from the file still open, the edits saved there)."""
    path, closing = w.workspace.path, Quit(w, w.quitting)
    answer = w.ask(w.tr("ファイルが見つかりません"), w.tr(
        "「{file}」が見つからないため保存できませんでした（フォルダ「{folder}」が移動されたか、USB メモリなどが"
        "抜かれたようです）。入力はそのまま残っています。\n名前を付けて保存すると、開いている内容と入力をそこに"
        "保存し、これからはそのファイルで作業します。").format(file=path.name, folder=path.parent),
        w.tr("名前を付けて保存..."), cancel=w.tr("あとで(&L)"))
    if answer is Answer.SAVE:
        save_as(w, closing)
    else:
        closing.given_up(w.tr("「{file}」が見つかりません。入力はそのまま残っています。").format(file=path.name))


# ------------------------------------------------------------------ a place one cannot write to
# A file (a department file, a master file) opened from a CD, a write-protected USB stick or a share
# without write permission: the person is told as it opens, naming the folder, and offered 名前を
# 付けて保存 to a place they can write to, before anything is typed; a save that fails there offers
# it again. The try (services/file_place.py) runs on the worker: a share that stopped answering holds
# the worker, never the window.
def check_place(w: Window, then: Callable[[], None], *, after_save: bool = False) -> None:
    """Whether the open file could be saved where it is; when not, say so and offer 名前を付けて
    保存. `then` runs after (the recovery journal's offer: one question at a time). `after_save`:
    a save failed (the edits go with the copy and are saved there; a closing's, then closed)."""
    if w.workspace.on_server:
        then()
        return
    from kodaira_desk.services.file_place import cannot_save_in_place

    workspace, closing = w.workspace, Quit(w, after_save and w.quitting)

    def looked(error: OSError | None) -> None:
        # (a file gone meanwhile is said by the save that fails: tell_gone)
        if error is not None and workspace is w.workspace and w.isVisible() and workspace.path.exists():
            tell_place(w, error, after_save, closing)
        else:  # (a closing's save failed for another reason, said already: the window stays)
            closing.given_up()
        if workspace is w.workspace:
            then()

    w.tasks.run_query(cannot_save_in_place, (workspace.path,), looked, on_error=lambda _exc: looked(None), name="place")


def tell_place(w: Window, error: OSError, after_save: bool = False, closing: Quit | None = None) -> None:
    path = w.workspace.path
    if after_save:
        answer = w.ask(w.tr("保存できない場所"), w.tr(
            "「{folder}」には書き込めないため（{why}）、「{file}」に保存できません。入力はそのまま残っています。\n"
            "書き込める場所（デスクトップやドキュメントなど）に名前を付けて保存すると、入力もそこに保存されます。").format(
            folder=path.parent, why=why_not(w, error), file=path.name), w.tr("名前を付けて保存..."), cancel=w.tr("あとで(&L)"))
    else:
        answer = w.ask(w.tr("保存できない場所"), w.tr(
            "「{folder}」には書き込めないため（{why}）、このまま入力しても「{file}」に保存できません。\n"
            "書き込める場所（デスクトップやドキュメントなど）に名前を付けて保存してから入力してください。").format(
            folder=path.parent, why=why_not(w, error), file=path.name), w.tr("名前を付けて保存..."),
            cancel=w.tr("このまま開く(&O)"))
    if answer is Answer.SAVE:
        save_as(w, closing)
    else:
        (closing or Quit(w)).given_up(w.tr("「{folder}」には保存できません（{why}）。").format(
            folder=path.parent, why=why_not(w, error)))


def save_when_idle(w: Window) -> None:
    """Ctrl+S (or 保存) pressed while an operation runs — on a slow machine, the last save still
    writing when the next value is typed: the save follows as soon as it has ended and its window
    is settled (no question open), never a key silently ignored."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    w.statusBar().showMessage(w.tr("処理中です。終わりしだい保存します。"), 8000)
    if w.save_queued:
        return
    w.save_queued = True

    def asking() -> bool:  # a question of this window's is open (the first save's, say)
        widget = QApplication.activeModalWidget()
        while widget is not None and widget is not w:
            widget = widget.parentWidget()
        return widget is w

    def run() -> None:
        if not w.isVisible():  # closed meanwhile (closing asked about unsaved work itself)
            w.save_queued = False
            return
        if w.tasks.busy or asking():
            QTimer.singleShot(200, w, run)  # its own follow-up, or a question, first
            return
        w.save_queued = False
        if w.editor.unsaved():  # (what that operation saved is not saved twice)
            save(w)

    QTimer.singleShot(200, w, run)


def save_and_wait(w: Window) -> bool:
    """Save and wait for it: True when nothing is left unsaved. A field changed elsewhere meanwhile
    is asked about; the save its answer starts (上書き, or the rest after ほかの人の値) is waited for
    too: a closing goes on once it holds every edit."""
    then: list[Op] = []
    op = save(w, then=then)
    if op is None:
        return False
    while op is not None:
        op.wait_done()  # (its failure is said, or asked about, by the save's own on_error)
        op = then.pop(0) if then else None
    return not w.editor.unsaved()


@dataclass(frozen=True)
class Settled:
    """What the window's take-in of a save needs from its keys, worked out on the worker with the
    save (issue 27: parsing every saved key on the GUI thread was a third of the save's longest turn
    at ×10): the keys saved, the tree rows whose fields changed in the plans the save read again
    (`Changes.nodes` of those plans), and the changed keys of any other plan (left to the GUI thread)."""

    saved_keys: frozenset[str]
    nodes: frozenset[tuple[str, str]]
    rest: frozenset[str]


def settled(applied: Applied, edits: Mapping[Target, Content]) -> Settled:
    """On the worker: `Settled` of a save's `applied` (its trees are immutable once read)."""
    from kodaira_desk.domain.annotations import underlying
    from kodaira_desk.domain.fields import FieldKey

    mine = {k for k in applied.changes.keys if FieldKey.parse(underlying(k)).plan_id in applied.trees}
    return Settled(frozenset(key_of(t) for t in edits), frozenset(Changes(frozenset(mine)).nodes(applied.trees)),
                   applied.changes.keys - mine)


def after_save(w: Window, edits: Mapping[Target, Content], applied: Applied, ahead: Settled | None = None) -> None:
    """A save (or a submission's save) ended: take its plans in, then say what it wrote. `ahead`:
    its keys' work done on the worker (`settled`), else done here."""
    ahead = ahead or settled(applied, edits)
    assert applied.saved is not None
    typed_on = w.editor.trees.loaded()  # (the plans as typed on: they name a field removed elsewhere)
    take_in(w, applied, keep_unsaved=edits, keep_undo=True, ahead=ahead)
    # a field someone else changed, taken in with the save: its undo would write over theirs
    elsewhere.forget_undo_of(w, (applied.changes.keys - ahead.saved_keys) | {key_of(t) for t, _c in applied.saved.removed})
    from kodaira_desk.ui.forms.invalid_notice import after_save as tell_saved

    elsewhere.after_save(w, applied, typed_on, read_again)  # (a field removed elsewhere: said, kept in a file)
    tell_saved(w, applied.saved.written)  # red cells: listed, and the first one jumped to
    if w.others.reload_after_save and not w.editor.dirty:  # plans added elsewhere meanwhile: now
        w.others.reload_after_save = False
        w.others.check()


# ------------------------------------------------------------------ taking in what changed
def take_in(w: Window, applied: Applied, keep_unsaved: Mapping[Target, Content] | None = None, *,
            keep_undo: bool = False, ahead: Settled | None = None) -> None:
    """The database changed: take the plans as they now are, keep edits typed meanwhile, refresh rows.
    `keep_undo`: this person's own save (the undo history goes on across it). `ahead`: the changed
    rows of the plans read again, found on the worker (`settled`)."""
    w.editor.take_in(applied.trees, saved=keep_unsaved, grading=applied.grading)
    w.editor.saved(keep_history=keep_undo)  # the saved state is the new base
    loaded = w.editor.trees.loaded()  # (the plans read again are among them now, as `ahead` read them)
    if ahead is None:
        nodes = applied.changes.nodes(loaded)
    else:
        nodes = {n for n in ahead.nodes if n[0] in loaded} | Changes(ahead.rest).nodes(loaded)
    w.model.replace_trees(w.editor.trees, nodes)
    refresh_forms(w, applied.changes)
    w.update_title()
    w.stored_changed.emit(applied.changes)


def after_round_change(w: Window, applied: Applied) -> None:
    """The master changed under the window (a collection, a resolution, a correction): take the
    changed plans, a fresh undo history; the form shown is taken again when its plan changed (the
    plan's own page, which shows no entry field, only when what it shows changed: issue 27)."""
    trees = w.editor.trees
    shown = trees[w.current[0]] if w.current is not None and trees.is_loaded(w.current[0]) else None
    take_in(w, applied)
    if w.current is None or not any(p == w.current[0] for p, _ in applied.changes.nodes(w.editor.trees.loaded())):
        return
    now = w.editor.trees[w.current[0]]
    if (w.current[1] is None and shown is not None and shown.plan == now.plan
            and shown.last_active_year == now.last_active_year):
        return  # its title, period and sections (pages.NodeHeader.load) are as shown
    w.show_current()


def reload_all(w: Window) -> None:
    """Plans were created, moved or removed (the plan editor): every tree is re-read, a fresh undo history."""
    w.editor.discard()
    read_again(w)


# ------------------------------------------------------------------ a field changed elsewhere
def take_theirs(w: Window, targets: list[Target], then: list[Op] | None = None) -> Op:
    """Drop this person's edits of `targets`, show the values stored elsewhere, then save the
    other edits (the person had pressed Save; that save goes into `then`, see `save`)."""
    w.editor.session.drop(targets)
    w.editor.journal_now()  # a value given up is not offered back after a crash
    w.editor.cells_changed.emit(tuple(targets))
    if not w.editor.session.dirty:  # nothing of this person's left: an undo would bring back
        w.editor.saved()  # what was just given up, over the other person's value
    workspace = w.workspace
    before = w.editor.trees.loaded()  # the plans read so far: the others are read when opened

    def taken(applied: Applied) -> None:
        if not take_others(w, workspace, before, applied):
            w.others.look_again()
        w.update_title()
        if w.editor.session.dirty and (op := save(w, then=then)) is not None and then is not None:
            then.append(op)

    return w.tasks.run_op(workspace.changes_by_others, (before, w.editor.trees.listing()), taken, name="take_theirs")


