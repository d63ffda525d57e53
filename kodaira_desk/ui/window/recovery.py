"""The recovery journal in the window: every accepted edit is kept on disk until its save commits,
offered back when the file is opened again after a crash, and kept when the session ends without a
person to ask (SIGTERM, SIGHUP, logout).

The journal itself is services/recovery_journal.py (imported at the first edit or the first look,
not at start-up: it needs json and hashlib). The window's `attach` gives the editor a
`WindowJournal` for the open file; a few hundred milliseconds after the file is shown, `offer` reads
what an earlier run left (restore as unsaved edits, with undo; discard; or keep it for later).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.services.editing import Content, Target
from kodaira_desk.ui.window.window_api import Answer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kodaira_desk.services.grading_edits import Setting, SettingValue
    from kodaira_desk.services.recovery_journal import Journal
    from kodaira_desk.ui.forms.invalid_drafts import CellState
    from kodaira_desk.ui.window.window_api import Window

OFFER_AFTER_MS = 300  # after the first screen: start-up imports nothing of the journal's
RETRY_MS = 15000  # while the journal cannot be written: written again (everything unsaved) this often
_KEPT: list[object] = []  # the signal sockets and their notifier, as long as the process


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class _Relay(QObject):
    """A failed write, or a rewrite that succeeded, carried from the journal's writer thread to the
    GUI thread: the writer thread emits only on this one object, made on the GUI thread and kept as
    long as the process (a window's own object could be deleted as its window closes while the
    writer thread emits on it: a crash). Each signal names its journal; queued to each window's
    `_Told`, whose connection Qt drops with it as its window goes."""

    failed = Signal(object, str)
    recovered = Signal(object)


def _relay() -> _Relay:
    for kept in _KEPT:
        if isinstance(kept, _Relay):
            return kept
    relay = _Relay()  # (no parent: never deleted; the GUI thread's, as the first window is made)
    _KEPT.append(relay)
    return relay


class _Told(QObject):
    """A window's end of the relay: a child of the window, so that nothing reaches a window that
    has gone (its slots run on the GUI thread, for its own journal only)."""

    def __init__(self, journal: WindowJournal, parent: QObject) -> None:
        super().__init__(parent)
        self._journal = journal
        relay = _relay()
        relay.failed.connect(self._failed)
        relay.recovered.connect(self._recovered)

    @Slot(object, str)
    def _failed(self, journal: object, why: str) -> None:
        if journal is self._journal._journal:
            self._journal._say_failed(why)

    @Slot(object)
    def _recovered(self, journal: object) -> None:
        if journal is self._journal._journal:
            self._journal._say_recovered()


def _why(errno_: int | None, raw: str) -> str:
    """Why a journal's write failed, in the language in use where the cause is a usual one."""
    import errno

    if errno_ in (errno.ENOSPC, errno.EDQUOT):
        return _tr("ディスクの空きが足りません")
    if errno_ in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _tr("書き込みの権限がありません")
    return raw


class JournalMark(QLabel):
    """The status bar's mark while the open file's recovery journal cannot be written (the edits
    typed meanwhile are in the window only): it stays until a write of everything unsaved succeeds;
    the whole message, naming the file, in its tooltip and its accessible name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalFailing")
        from kodaira_desk.ui import theme

        theme.tint(self, "error")
        self._failing: tuple[str, int | None, str] | None = None  # the file's name, errno, the error

    def show_failing(self, file: str, errno_: int | None, raw: str) -> None:
        self._failing = (file, errno_, raw)
        self._words()
        self.show()

    def message(self) -> str:
        """What the person is told (in the status bar once, in the mark's tooltip while it lasts)."""
        if self._failing is None:
            return ""
        file, errno_, raw = self._failing
        return _tr("「{file}」の復旧用の記録を書けませんでした（{why}）。こまめに保存してください。").format(
            file=file, why=_why(errno_, raw))

    def _words(self) -> None:
        self.setText(_tr("⚠ 復旧用の記録なし"))
        self.setToolTip(self.message())
        self.setAccessibleName(self.message())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._failing is not None:
            self._words()
        super().changeEvent(event)


def journal_mark(w: Window) -> JournalMark:
    """The window's mark (made hidden the first time it is wanted), left of the 課 and the file."""
    bar = w.statusBar()
    mark = bar.findChild(JournalMark, "journalFailing")
    if mark is None:
        mark = JournalMark()
        mark.hide()
        bar.insertPermanentWidget(1, mark)  # (after the bar's one normal widget, its message line)
    return mark


class WindowJournal:
    """The editor's journal of one open file: edits queued as they are accepted (written by the
    journal's own thread: the GUI thread never waits for the disk while a person types). A write
    that fails is said at once, not at the next edit."""

    def __init__(self, w: Window, folder: Path) -> None:
        self.w = w
        self.folder = folder
        self.location = str(w.workspace.location if w.workspace.on_server else w.workspace.path.absolute())
        clerk = w.workspace.clerk
        self.identity = f"{clerk.handout_id}:{clerk.department}" if clerk is not None else "master"
        self._journal: Journal | None = None
        # the journal cannot be written and the person was told: said again only once it has been
        # written again (a state change, not each failed write); marked in the status bar meanwhile
        self.failed = False
        self._told = _Told(self, w)
        self._retry = QTimer(w)  # while failing: written again with no edit to wait for
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._try_again)
        self._typed = False  # an open cell editor's text is in the journal, not yet an edit

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            from kodaira_desk.services.recovery_journal import Journal

            journal = self._journal = Journal(self.folder, self.location, self.identity)
            relay = _relay()  # (on the writer thread: emitted on the process's relay, never the window's)
            journal.on_error = lambda why: relay.failed.emit(journal, why)
            journal.on_recovered = lambda: relay.recovered.emit(journal)
        return self._journal

    def flush(self) -> bool:
        """Every edit made so far durable (before a save writes, as the session ends)."""
        return self._journal is None or self._journal.flush()

    @property
    def name(self) -> str:
        """The file, as messages name it: a file's name, a server database's location."""
        return self.location if self.w.workspace.on_server else Path(self.location).name

    def close(self) -> None:
        """Another file was opened in the window: this journal's lock goes once it is written."""
        self._retry.stop()
        if self._journal is not None:
            self._journal.close()

    def handed_over(self) -> None:
        """Its edits are in another file's journal now (名前を付けて保存): emptied, then let go."""
        self._retry.stop()
        if self._journal is not None:
            self._journal.rewrite({})
            self._journal.close()

    def _write(self, action: str, edits: dict[str, str | None]) -> None:
        journal = self.journal
        if journal.error is not None or self.failed:
            # a write failed: the journal lacks its edits, which a line appended would not mend;
            # each write holds everything unsaved until one succeeds (the journal whole again)
            action, edits = "rewrite", {**self._unsaved(self.w.editor.session.pending()), **edits}
        if action == "append":
            journal.append(edits)
        else:
            journal.rewrite(edits)
        if journal.error is not None:  # (an earlier write's: found by the writer thread)
            self._say_failed(journal.error)

    def _say_failed(self, why: str) -> None:
        """A write failed: said (and marked) when the journal was being written until now."""
        if self.w.editor.journal is not self:
            return
        if not self._retry.isActive():
            self._retry.start()
        if self.failed:
            return  # told already: not at each failed write, but again once it was written again
        self.failed = True
        journal = self.journal
        mark = journal_mark(self.w)
        mark.show_failing(self.name, journal.errno, journal.error or why)
        self.w.statusBar().showMessage(mark.message(), 15000)

    def _say_recovered(self) -> None:
        """A write of everything unsaved succeeded after a failure: the edits are kept again."""
        if not self.failed or self.w.editor.journal is not self or self.journal.error is not None:
            return  # (a success queued before a failure the window has seen since: stale)
        self.failed = False
        self._retry.stop()
        journal_mark(self.w).hide()
        self.w.statusBar().showMessage(_tr(
            "「{file}」の復旧用の記録をまた書けるようになりました。保存していない入力も記録しています。").format(
            file=self.name), 15000)

    def _try_again(self) -> None:
        """While failing: everything unsaved written again, with no edit to wait for."""
        if self.w.editor.journal is self and self.failed:
            self._write("rewrite", {})

    def edited(self, cells: Sequence[tuple[Target, CellState]]) -> None:
        """Accepted edits, a red cell's typed text too (typed text lost in a crash is a lost edit)."""
        from kodaira_desk.services.editing import content_to_field, key_of
        from kodaira_desk.ui.forms.invalid_drafts import InvalidDraft

        self._write("append", {key_of(t): s.text if isinstance(s, InvalidDraft) else content_to_field(s)
                               for t, s in cells})

    def typing(self) -> None:
        """A key in an open cell editor (or the editor closed): its text kept as it is typed, as a
        text field's is (one queued line per key; the writer thread merges a burst into one sync).
        Closed by Enter (an edit, journaled) or Esc: the journal holds what is unsaved again."""
        if self.w.editor.journal is not self:
            return
        cells = self.w.editor.open_cells()
        if cells:
            self._typed = True
            self.edited(cells)
        elif self._typed:
            self._typed = False
            self.w.editor.journal_now()

    def unsaved_now(self, pending: Mapping[Target, Content]) -> None:
        self._write("rewrite", self._unsaved(pending))

    def _unsaved(self, pending: Mapping[Target, Content]) -> dict[str, str | None]:
        """Every edit not saved: `pending`, the red cells' texts and the grading settings changed."""
        from kodaira_desk.services.editing import content_to_field, key_of

        edits = {key_of(t): content_to_field(c) for t, c in pending.items()}
        edits.update((key_of(t), d.text) for t, d, _what in self.w.editor.drafts.items())  # (kept by a save)
        edits.update((grading_key(g), grading_text(v)) for g, v in self.w.editor.session.grading.pending().items())
        return edits

    def grading_changed(self, setting: Setting) -> None:
        """A grading setting changed (typed, undone or redone): kept as an edit is."""
        if self.w.editor.journal is self:
            self._write("append", {grading_key(setting): grading_text(self.w.editor.setting(setting))})


# ------------------------------------------------------------------ grading settings as journal lines
GRADING = "grading:"


def grading_key(setting: Setting) -> str:
    from kodaira_desk.services.grading_edits import DirectionSetting

    if isinstance(setting, DirectionSetting):
        return f"{GRADING}direction:{setting.plan_id}:{setting.indicator_key}"
    return f"{GRADING}thresholds"


def grading_text(value: SettingValue) -> str | None:
    from kodaira_desk.domain.achievement import Direction

    if value is None:
        return None
    if isinstance(value, Direction):
        return value.value
    return f"{value.achieved},{value.on_track}"


def grading_of(key: str, text: str | None) -> tuple[Setting, SettingValue]:
    """A grading setting and its value from a journal line; ValueError when it is not one."""
    from decimal import Decimal, InvalidOperation

    from kodaira_desk.domain.achievement import Direction, Thresholds
    from kodaira_desk.services.grading_edits import DirectionSetting, ThresholdsSetting

    parts = key.split(":", 3)
    if parts == ["grading", "thresholds"] and text is not None:
        try:
            achieved, on_track = (Decimal(x) for x in text.split(","))
        except (InvalidOperation, ValueError) as exc:
            raise ValueError(key) from exc
        return ThresholdsSetting(), Thresholds(achieved, on_track)
    if len(parts) == 4 and parts[1] == "direction":
        return DirectionSetting(parts[2], parts[3]), None if text is None else Direction(text)
    raise ValueError(key)


def attach(w: Window) -> None:
    """The open file's journal for the editor, and, soon after, what an earlier run left of it."""
    old = w.editor.journal
    if isinstance(old, WindowJournal):
        old.close()
        if old.failed:  # (another file: its journal starts afresh)
            journal_mark(w).hide()
    journal = WindowJournal(w, w.settings.recovery_folder())
    w.editor.journal = journal
    w.editor.grading_changed.connect(journal.grading_changed)  # (the window's journal only: it checks)
    w.editor.typing.connect(journal.typing)
    QTimer.singleShot(OFFER_AFTER_MS, w, lambda: _opened(w, journal))


def _opened(w: Window, journal: WindowJournal) -> None:
    """After the first screen: whether the file can be saved where it is, then the offer (one
    question at a time)."""
    if w.editor.journal is not journal:  # another file opened meanwhile
        return
    from kodaira_desk.ui.window.saving import check_place

    check_place(w, lambda: offer(w, journal))


def _still_unsaved(w: Window, edits: Mapping[str, str | None]) -> tuple[
        list[tuple[Target, CellState, str]], list[tuple[Setting, SettingValue]]]:
    """The journal's edits that differ from what the file holds now (the rest was saved before the
    program ended), as cells (a red cell's text red again) and grading settings."""
    from kodaira_desk.services.editing import content_of, target_of
    from kodaira_desk.ui.forms.invalid_drafts import InvalidDraft

    cells: list[tuple[Target, CellState, str]] = []
    settings: list[tuple[Setting, SettingValue]] = []
    for key, text in edits.items():
        if key.startswith(GRADING):  # a threshold or an indicator's direction
            try:
                setting, value = grading_of(key, text)
                if value != w.editor.setting(setting):
                    settings.append((setting, value))
            except (DomainError, LookupError, ValueError, TypeError):  # an indicator no longer there
                pass
            continue
        try:
            target = target_of(key)
            stored = w.editor.stored(target)
        except (DomainError, LookupError, ValueError, TypeError):  # a plan or field no longer there
            continue
        state: CellState
        try:
            state = content_of(target, text)
        except DomainError as exc:  # a red cell's typed text: red again, as it was
            state = InvalidDraft.of(text or "", exc)
        except (LookupError, ValueError, TypeError):
            continue
        if state != stored:  # (equal: saved before the program ended)
            cells.append((target, state, ""))
    return cells, settings


def offer(w: Window, journal: WindowJournal) -> None:
    """What earlier runs typed into this file and never saved: restore, discard or keep it. Only
    journals whose windows have ended are offered: never this window's own, nor those of another
    window open on the same file (services/recovery_journal.py: each window locks its own)."""
    if w.editor.journal is not journal:  # another file opened meanwhile
        return
    try:  # no journal at all (the usual case): the journal's module (json, hashlib) is not imported
        if not any(p.suffix == ".journal" for p in journal.folder.iterdir()):
            return
    except OSError:  # no folder yet
        return
    from kodaira_desk.services.recovery_journal import JournalError

    left = journal.journal.left_behind()
    if not left:
        return
    name = Path(journal.location).name if not w.workspace.on_server else journal.location
    edits: dict[str, str | None] = {}
    readable = []
    for kept in left:
        try:
            edits.update(kept.read())  # (the oldest first: a later run's edit of a field wins)
        except JournalError:
            aside = kept.set_aside()
            w.tell(_tr("復旧用の記録"), _tr(
                "「{file}」の復旧用の記録が読めなかったため、使わずに別の名前で残しました（{aside}）。"
                "ファイルはそのまま開いています。").format(file=name, aside=aside))
            continue
        readable.append(kept)
    cells, settings = _still_unsaved(w, edits)
    if not cells and not settings:
        for kept in readable:
            kept.remove()  # everything it held is in the file
        return
    question = _tr(
        "「{file}」には、前回保存されないまま終わった入力が {n} 件あります。\n"
        "復元すると未保存の変更として表示されます（元に戻すこともできます）。確かめてから保存してください。")
    if any(kept.reissued for kept in readable):  # typed into the file's earlier hand-out, since re-issued
        question = _tr(
            "「{file}」は、前回の入力のあとで政策課が配布し直した新しいファイルに置き換えられています。前回保存されない"
            "まま終わった入力が {n} 件あります（配布し直す前のファイルに入力したものです）。\n"
            "復元すると、この新しいファイルの未保存の変更として表示されます（元に戻すこともできます）。"
            "確かめてから保存してください。破棄しても、記録はしばらく残します。")
    answer = w.ask(_tr("保存されていない入力"), question.format(file=name, n=len(cells) + len(settings)),
                   _tr("復元する"), _tr("破棄する"))
    if answer is Answer.SAVE:
        made = w.editor.set_many(cells, _tr("保存されていない入力の復元")) if cells else 0
        made += sum(w.editor.set_setting(setting, value, _tr("保存されていない入力の復元"))
                    for setting, value in settings)
        written = journal.flush()  # the restored edits are this window's journal's before the old ones go
        for kept in readable:
            if written:
                kept.remove()
            else:  # not written again (a full disk): the old journal keeps them, offered next time
                kept.release()
        w.update_title()
        w.show_current()
        if written:
            w.statusBar().showMessage(_tr("{n} 件の入力を復元しました。保存するとファイルに書き込まれます。").format(
                n=made), 15000)
        else:
            journal._say_failed(journal.journal.error or _tr("ディスクが応答しません"))  # (its mark too)
    elif answer is Answer.DISCARD:  # given up: a copy kept a while for a change of mind, never offered
        for kept in readable:
            kept.set_aside("discarded")
    else:  # キャンセル, Esc, or the session ended while asking: not now, asked again next time
        for kept in readable:
            kept.release()
        if not w.editor.ending:
            w.statusBar().showMessage(_tr(
                "保存されていない入力はそのまま残しています。次にこのファイルを開いたときにもう一度たずねます。"), 15000)


# ------------------------------------------------------------------ the session ends
def end_session(app: QApplication) -> None:
    """SIGTERM, SIGHUP or logout: no person to ask. Every window takes its open editors' text into
    its edits (each appended to the journal), waits for a running save, and closes without asking;
    the edits not saved are offered back when the file is opened again."""
    from kodaira_desk.ui.window.window_api import Window

    for widget in app.topLevelWidgets():
        if isinstance(widget, Window) and widget.isVisible():
            widget.editor.ending = True
            widget.tasks.wait_idle()
            widget.editor.take_open_input()
            widget.close()
    from kodaira_desk.services.recovery_journal import flush_all

    flush_all()  # every edit durable before the process goes (no one to ask)
    app.quit()


def install_signals(app: QApplication) -> None:
    """SIGTERM and SIGHUP go through the window's closing (Python sees a signal only when it runs:
    a wakeup fd read by a QSocketNotifier wakes the event loop), and logout keeps the edits."""
    import os
    import signal

    from PySide6.QtCore import QSocketNotifier

    ends = {int(signal.SIGTERM)} | ({int(signal.SIGHUP)} if hasattr(signal, "SIGHUP") else set())
    # a pipe, not a socket pair: `socket` is not imported as the window starts (a server master's
    # opening thread imports it meanwhile: tests/ui/test_server_startup.py)
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    os.set_blocking(writer, False)
    signal.set_wakeup_fd(writer, warn_on_full_buffer=False)
    for number in ends:
        signal.signal(number, lambda *_: None)  # the wakeup fd carries its number to the loop
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, app)

    def woke() -> None:
        try:
            got = os.read(reader, 64)
        except BlockingIOError:
            return
        if any(b in ends for b in got):
            end_session(app)

    notifier.activated.connect(woke)
    _KEPT.extend((reader, writer, notifier))

    app.commitDataRequest.connect(lambda _manager: commit_data(app))


def commit_data(app: QApplication) -> None:
    """Logout asks the program to keep its data: every open editor's text taken into the edits and
    the journal made durable. Nothing more: another program may cancel the logout, and the windows
    go on as before (had they been told the session ends, opening another file would drop the
    edits unasked); when it does end, SIGTERM comes (end_session)."""
    from kodaira_desk.ui.window.window_api import Window

    for widget in app.topLevelWidgets():
        if isinstance(widget, Window):
            widget.editor.take_open_input()
    from kodaira_desk.services.recovery_journal import flush_all

    flush_all()
