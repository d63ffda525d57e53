"""The server connection dialog (File > サーバーのデータベースに接続…), in a module of its own: its
dialog classes (QDialog, QDialogButtonBox, QFormLayout, QListWidget, QSpinBox) are made when it is
first opened, not for the window's first screen (issue 27). What it leads to: server_connect.py
(which imports it, so it imports nothing of server_connect's)."""

from __future__ import annotations

from typing import Any

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

from kodaira_desk.ui import a11y, screen_fit

SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")


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

    def location(self) -> str:
        """The URL typed, built or picked (server_connect.ask_server keeps it only if it names a server)."""
        return self.url.text().strip()
