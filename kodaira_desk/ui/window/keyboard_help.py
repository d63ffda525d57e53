"""ヘルプ > キーボード操作 (F1): every key the window answers to, in one table (issue 28).

The menu commands are read from the window's own actions (their texts and shortcuts as they are
now, in the language shown), so the list cannot drift from what the keys do; the keys of the
tree, the grids, the text boxes and the panes are listed beside them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.ui import a11y, screen_fit


def _t(text: str) -> str:
    return QCoreApplication.translate("KeyboardHelp", text)


def fixed_keys() -> list[tuple[str, str, str]]:
    """(where, what, keys) for the keys that are not menu commands."""
    window, tree, grid, text, chart = (_t("ウィンドウ"), _t("計画の一覧"), _t("表（指標・予算・年次計画）"),
                                       _t("実施等状況の欄"), _t("グラフ"))
    return [
        (window, _t("次の区画へ（一覧 → フォーム → 表 → グラフ → メッセージ行）"), "F6, Ctrl+Tab"),
        (window, _t("前の区画へ"), "Shift+F6, Ctrl+Shift+Tab"),
        (window, _t("次の入力欄へ・前の入力欄へ"), "Tab, Shift+Tab"),
        (window, _t("フォームのタブを切り替える"), "Ctrl+PgDown, Ctrl+PgUp"),
        (window, _t("下線の付いた文字の欄・ボタン・メニューへ"), _t("Alt+その文字")),
        (window, _t("入力年度の欄へ"), "Alt+Y"),
        (window, _t("担当課の欄へ"), "Alt+D"),
        (tree, _t("上下の項目へ"), "↑, ↓"),
        (tree, _t("下の階層を開く・閉じる"), "→, ←"),
        (tree, _t("選んだ項目のフォームへ"), "Enter"),
        (_t("検索欄"), _t("一致する最初の項目へ"), "Enter"),
        (_t("検索欄"), _t("検索語を消して一覧へ戻る"), "Esc"),
        (grid, _t("確定して下へ（上へ）"), "Enter (Shift+Enter)"),
        (grid, _t("右へ（左へ）。最後のセルでは次の欄へ"), "Tab (Shift+Tab)"),
        (grid, _t("セルを編集する・編集を取り消す"), "F2, Esc"),
        (grid, _t("選んだセルを消去"), "Delete"),
        (grid, _t("コピー・貼り付け（Excel と同じ表の形）"), "Ctrl+C, Ctrl+V"),
        (grid, _t("上のセルを下へコピー"), "Ctrl+D"),
        (grid, _t("表の最初・最後のセルへ"), "Ctrl+Home, Ctrl+End"),
        (text, _t("「・」の行で次の箇条を始める（空の「・」で終わる）"), "Enter"),
        (text, _t("次の欄へ（タブ文字は Ctrl+Tab）"), "Tab"),
        (chart, _t("グラフの数値を表で見る"), "Alt+T"),
        (chart, _t("表をコピー（見出し付き）"), "Ctrl+C"),
        (_t("印刷用PDF作成のプレビュー"), _t("拡大・縮小"), "Ctrl++, Ctrl+-"),
        (_t("印刷用PDF作成のプレビュー"), _t("次のページ・前のページ"), "PgDown, PgUp"),
    ]


def action_keys(actions: Iterable[QAction]) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for each action that has a shortcut, as the menus show them now."""
    out = []
    for action in actions:
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        if keys and action.isVisible():
            out.append((_t("メニュー"), a11y.plain(action.text()), keys))
    return out


class KeyboardHelp(QDialog):
    """The table of keys; Ctrl+C copies it."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboardHelp")
        self.setWindowTitle(_t("キーボード操作"))
        rows = action_keys(actions) + fixed_keys()
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("keyboardTable")
        self.table.setHorizontalHeaderLabels([_t("場面"), _t("操作"), _t("キー")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        a11y.name(self.table, _t("キーボード操作の一覧"), _t("↑↓で行を移動します。"))
        intro = QLabel(_t("マウスを使わずに、すべての入力ができます。"
                          "下線の付いた文字は、Alt キーと一緒に押すとその欄やボタンへ移ります。"))
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_t("閉じる(&C)"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(760, 560)
        screen_fit.fit(self)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def rows(self) -> list[tuple[str, str, str]]:
        def text(r: int, c: int) -> str:
            item = self.table.item(r, c)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]
