"""File > サーバーのデータベースに接続…: the master on a PostgreSQL server, and noticing others.

The dialog builds a `postgresql://user@host:port/dbname?sslmode=…` URL (or takes one typed or
picked from the recent connections); the password is asked only when the server wants one that
libpq did not find (PGPASSWORD, ~/.pgpass) and is kept in memory only: the recent list and the
settings hold the URL without it.

While a master on a server is open, the window looks for others' writes when it is activated and
every POLL_MS: a cheap mark (Workspace.change_mark) first, and when it moved, the plans are read
again on the worker and only the rows whose fields changed are refreshed. Unsaved edits stay:
their "value when loaded" is kept, so saving one whose field changed still asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.services.workspace import Applied, PasswordNeeded, Workspace, WorkspaceError
from kodaira_desk.ui import a11y, screen_fit
from kodaira_desk.ui.tasks import Op

if TYPE_CHECKING:
    from kodaira_desk.ui.window.window_api import Window

POLL_MS = 20_000
SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")


def is_server(location: object) -> bool:
    return isinstance(location, str) and location.lower().startswith(("postgresql://", "postgres://"))


class ServerDialog(QDialog):
    """Server, port, database, user and TLS mode, or a whole URL; recent connections to pick."""

    def __init__(self, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.setWindowTitle(self.tr("サーバーのデータベースに接続"))
        self.host = QLineEdit()
        self.host.setObjectName("serverHost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.dbname = QLineEdit()
        self.dbname.setObjectName("serverDatabase")
        self.user = QLineEdit()
        self.user.setObjectName("serverUser")
        self.ssl = QComboBox()
        for mode in SSL_MODES:
            self.ssl.addItem(mode, mode)
        self.url = QLineEdit()
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText("postgresql://利用者@サーバー/データベース名?sslmode=require")
        self.recent = QListWidget()
        self.recent.setObjectName("serverRecent")
        self.recent.addItems(recent)
        self.recent.currentTextChanged.connect(self.url.setText)
        self.recent.itemDoubleClicked.connect(lambda _item: self.accept())
        self.port.setObjectName("serverPort")
        self.ssl.setObjectName("serverTls")
        form = QFormLayout()
        form.addRow(self.tr("サーバー(&S)"), self.host)
        form.addRow(self.tr("ポート(&P)"), self.port)
        form.addRow(self.tr("データベース名(&D)"), self.dbname)
        form.addRow(self.tr("利用者名(&U)"), self.user)
        form.addRow(self.tr("暗号化（TLS）(&T)"), self.ssl)
        form.addRow(self.tr("接続先（URL）(&L)"), self.url)
        a11y.name_form(form)
        a11y.describe(self.url, self.tr("上の欄から組み立てます。URL をそのまま入力・貼り付けることもできます。"))
        for w in (self.host, self.dbname, self.user):
            w.textEdited.connect(self._build_url)
        self.port.valueChanged.connect(self._build_url)
        self.ssl.currentIndexChanged.connect(self._build_url)
        note = QLabel(self.tr("パスワードは保存しません。必要なときに尋ねます（環境変数 PGPASSWORD や ~/.pgpass にあれば尋ねません）。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("接続(&O)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        if recent:
            recent_label = QLabel(self.tr("最近の接続(&R)"))
            a11y.label_for(recent_label, self.recent)
            lay.addWidget(recent_label)
            lay.addWidget(self.recent)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self.resize(560, 420 if recent else 300)
        screen_fit.fit(self)

    def _build_url(self, *_args: Any) -> None:
        from urllib.parse import quote

        host, db, user = self.host.text().strip(), self.dbname.text().strip(), self.user.text().strip()
        if not (host and db):
            return
        who = f"{quote(user, safe='')}@" if user else ""
        port = "" if self.port.value() == 5432 else f":{self.port.value()}"
        self.url.setText(f"postgresql://{who}{host}{port}/{quote(db, safe='')}?sslmode={self.ssl.currentData()}")

    def location(self) -> str | None:
        text = self.url.text().strip()
        return text if is_server(text) else None


class ServerOperations:
    """Mixed into MainWindow: connecting to a server, and taking in what others changed."""

    _mark: str | None

    def ask_server(self: Window) -> str | None:  # type: ignore[misc]
        """The connection dialog; the URL, or None. Tests replace it."""
        dialog = ServerDialog([str(p) for p in self.settings.recent_files if is_server(str(p))], self)
        return dialog.location() if dialog.exec() else None

    def ask_password(self: Window, location: str) -> str | None:  # type: ignore[misc]
        """The server's password, never echoed nor kept; None when cancelled. Tests replace it."""
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getText(self, self.tr("パスワード"), self.tr("{url} のパスワード").format(url=location),
                                         QLineEdit.EchoMode.Password)
        return value if ok else None

    def connect_server(self: Window) -> bool:  # type: ignore[misc]
        location = self.ask_server()
        return bool(location) and self.open_path(location)  # type: ignore[arg-type]

    def open_workspace(self: Window, location: Any) -> Workspace | None:  # type: ignore[misc]
        """Open a file or a server database, asking for a password when the server wants one;
        None (after telling why) when it cannot be used."""
        from PySide6.QtWidgets import QMessageBox

        password: str | None = None
        while True:
            try:
                return Workspace.open(location, create=False, actor=self.settings.user_name, password=password)
            except PasswordNeeded as exc:
                password = self.ask_password(str(location))
                if password is None:
                    return None
                if password == "":
                    QMessageBox.warning(self, self.tr("開けません"), exc.message)
                    return None
            except WorkspaceError as exc:
                QMessageBox.warning(self, self.tr("開けません"), exc.message)
                return None

    # ------------------------------------------------------------------ a field changed elsewhere
    def both_values(self: Window, exc: Any) -> str:  # type: ignore[misc]
        """Each field a save found changed elsewhere: what this person typed, what is stored now,
        and what it held when the window loaded it (StaleEditError.fields)."""
        from kodaira_desk.services.editing import content_to_field

        lines = []
        for target, was, now in exc.fields[:5]:
            mine = content_to_field(self.editor.session.pending().get(target))
            lines.append(self.tr("{field}: 入力した値「{mine}」／ほかの人の値「{now}」（読み込んだときは「{was}」）").format(
                field=self.describe_target(target), mine=mine or "", now=now or "", was=was or ""))
        return "\n".join(lines)

    def describe_target(self: Window, target: Any) -> str:  # type: ignore[misc]
        from kodaira_desk.services.editing import key_of
        from kodaira_desk.services.rounds.common import describe

        try:
            return str(describe(self.editor.trees, key_of(target)))
        except (KeyError, ValueError, IndexError):
            return key_of(target)

    def take_theirs(self: Window, targets: list[Any]) -> None:  # type: ignore[misc]
        """Drop this person's edits of `targets`, show the values stored elsewhere, then save
        the other edits (the person had pressed Save)."""
        self.editor.session.drop(targets)
        self.editor.cells_changed.emit(tuple(targets))
        if not self.editor.session.dirty:  # nothing of this person's left: an undo would bring back
            self.editor.saved()  # what was just given up, over the other person's value
        workspace = self.workspace
        before = self.editor.trees.loaded()  # the plans read so far: the others are read when opened

        def taken(applied: Applied) -> None:
            self._take_others(workspace, before, applied)
            self._update_title()
            if self.editor.session.dirty:
                self.save()

        self.tasks.run_op(workspace.changes_by_others, (before, self.editor.trees.listing()), taken,
                          name="take_theirs")

    # ------------------------------------------------------------------ others' changes
    # The looks are queries on the window's one runner (TaskRunner.run_query): reads on their own
    # connections, in turn with the saves, that never make the window busy, so Ctrl+S pressed
    # meanwhile still saves (after the look).
    def _looking(self: Window) -> bool:  # type: ignore[misc]
        look: Op | None = getattr(self, "_look", None)
        return look is not None and not look.done

    def watch_others(self: Window) -> None:  # type: ignore[misc]
        """Start (on a server) or stop (a file) looking for others' writes."""
        self._mark = None
        timer: QTimer | None = getattr(self, "_watch", None)
        if not self.workspace.on_server:
            if timer is not None:
                timer.stop()
            return
        if timer is None:
            timer = QTimer(self)
            timer.setInterval(POLL_MS)
            timer.timeout.connect(self.check_others)
            self._watch = timer
        timer.start()
        workspace = self.workspace
        self._look = self.tasks.run_query(workspace.change_mark, (), lambda mark: self._on_first_mark(workspace, mark),
                                          on_error=lambda _e: None, name="change_mark")

    def stop_watching(self: Window) -> None:  # type: ignore[misc]
        timer: QTimer | None = getattr(self, "_watch", None)
        if timer is not None:
            timer.stop()
        self.tasks.wait_idle()  # a look under way ends before the window closes

    def _on_first_mark(self: Window, workspace: Workspace, mark: str) -> None:  # type: ignore[misc]
        if workspace is self.workspace and self._mark is None:
            self._mark = mark

    def check_others(self: Window) -> None:  # type: ignore[misc]
        """Whether someone else wrote since the last look; if so, read the plans again (worker)."""
        if not self.workspace.on_server or self._looking():
            return
        workspace = self.workspace

        def marked(mark: str) -> None:
            if workspace is not self.workspace or mark == self._mark:
                return
            self._mark = mark
            before = self.editor.trees.loaded()  # the plans read so far: the others are read when opened
            self._look = self.tasks.run_query(workspace.changes_by_others, (before, self.editor.trees.listing()),
                                              lambda applied: self._take_others(workspace, before, applied),
                                              on_error=lambda _e: None, name="changes_by_others")

        self._look = self.tasks.run_query(workspace.change_mark, (), marked, on_error=lambda _e: None,
                                          name="change_mark")

    def _take_others(self: Window, workspace: Workspace, before: dict[str, Any],  # type: ignore[misc]
                     applied: Applied) -> None:
        from kodaira_desk.ui.window.operations import refresh_forms

        if workspace is not self.workspace or not applied.changes:
            return
        if self.tasks.busy or any(self.editor.trees.get(p) is not before.get(p) for p in before):
            self._mark = None  # the window's own save or collection came in between: look again
            return
        if self.editor.holds_input():
            # someone is typing into a cell: their editor is neither closed nor refreshed under
            # their fingers; the others' changes come in at the next look, once it is taken
            self._mark = None
            return
        if applied.changes.everything:  # plans added or removed elsewhere
            if not self.editor.dirty:
                self._reload_all()
            return
        # A plan in which this window has an unsaved edit of a field someone else changed keeps
        # the tree it was loaded with: the save then compares with the value the person saw and
        # asks, instead of taking the other value as "loaded" and overwriting it unasked.
        from kodaira_desk.services.editing import key_of
        from kodaira_desk.services.workspace import Changes

        typed = {key_of(t) for t in self.editor.session.pending()}
        from kodaira_desk.domain.annotations import underlying

        def plan_of(key: str) -> str:  # a note's or a question's: its field's plan
            return underlying(key).split(":")[1]

        held = {plan_of(k) for k in applied.changes.keys & typed}
        keys = frozenset(k for k in applied.changes.keys if plan_of(k) not in held)
        if not keys:
            return
        applied = Applied(Changes(keys), {p: t for p, t in applied.trees.items() if p not in held})
        self.editor.trees.update(applied.trees)
        nodes = applied.changes.nodes(self.editor.trees.loaded())
        self.model.replace_trees(self.editor.trees, nodes)
        from kodaira_desk.services.editing import target_of

        self.editor.cells_changed.emit(tuple(target_of(k) for k in sorted(applied.changes.keys)))  # row caches
        refresh_forms(self, applied.changes)
        # the grids were told which rows changed; the measure's text boxes are loaded again, only
        # when one of their fields changed and nothing is being typed
        texts = {(k.split(":")[1], k.split(":")[2]) for k in applied.changes.keys if k.startswith("progress:")}
        if self.current is not None and self.current in texts and not self.editor.dirty:
            self._show_current()
        self.stored_changed.emit(applied.changes)
        self.statusBar().showMessage(self.tr("ほかの人の変更を反映しました（{n} 項目）。").format(
            n=len(applied.changes.keys)), 8000)

    def server_event(self: Window, event: QEvent) -> None:  # type: ignore[misc]
        # the window comes to the front (Qt tells changeEvent of the activation change)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_others()
