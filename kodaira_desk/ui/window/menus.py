"""The main window's actions, toolbar and menus, and their texts (retranslated on a language switch)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QMainWindow, QMenu, QToolBar

from kodaira_desk.ui.i18n import LANGUAGES

if TYPE_CHECKING:
    from kodaira_desk.ui.editor import Editor
    from kodaira_desk.ui.i18n import Translations

ALL = "__all__"
# File > Open lists department files first: that is what a clerk is sent.
OPEN_FILTER = "部門ファイル (*.kdesk);;Kodaira Desk データベース (*.sqlite *.db);;すべてのファイル (*)"


class MenuHost(QMainWindow):
    """The main window's actions, menus and bar widgets, declared once: they are made here and
    `MainWindow` derives from this class (through `window_a11y.A11yHost`), so a window's part that
    uses them names this type, never the window's module (no import cycle). The window's own slots
    (find, the toolbar's filters) are named here by their types only (nothing at
    run time); the actions that start an operation are connected by `operations.connect_actions`."""

    editor: Editor
    translations: Translations
    act_open: QAction
    act_connect: QAction
    act_pdf: QAction
    act_xlsx: QAction
    act_save: QAction
    act_save_as: QAction
    act_quit: QAction
    act_undo: QAction
    act_redo: QAction
    act_find: QAction
    act_about: QAction
    act_name: QAction
    act_check: QAction
    act_submit: QAction
    act_handout: QAction
    act_collect: QAction
    act_conflicts: QAction
    act_audit: QAction
    act_board: QAction
    act_plan_editor: QAction
    act_year_lock: QAction
    act_field_notes: QAction  # (ui/notes/field_notes.py)
    act_questions: QAction
    lang_group: QActionGroup
    lang_actions: dict[str, QAction]
    year_label: QLabel
    year_combo: QComboBox
    dept_title: QLabel
    dept_combo: QComboBox
    search: QLineEdit
    missing: QCheckBox
    menu_file: QMenu
    menu_recent: QMenu
    menu_edit: QMenu
    menu_view: QMenu
    menu_lang: QMenu
    menu_round: QMenu
    menu_help: QMenu

    _focus_search: Callable[[], None]
    _on_search: Callable[[str], None]
    _on_missing: Callable[[bool], None]
    _on_year_changed: Callable[[int], None]
    _on_department_changed: Callable[[int], None]


def build_actions(w: MenuHost) -> None:
    w.act_open = QAction(w)
    w.act_open.setShortcut(QKeySequence.StandardKey.Open)
    w.act_connect = QAction(w)
    w.act_connect.setObjectName("actionConnectServer")
    w.act_pdf = QAction(w)
    w.act_pdf.setShortcut(QKeySequence.StandardKey.Print)
    w.act_xlsx = QAction(w)
    w.act_save = QAction(w)
    w.act_save.setObjectName("actionSave")
    w.act_save.setShortcut(QKeySequence.StandardKey.Save)
    w.act_save_as = QAction(w)  # a clerk's file where it cannot be saved (a CD, a read-only share)
    # (started by operations.connect_actions, as the other operations are)
    w.act_save_as.setObjectName("actionSaveAs")
    w.act_save_as.setShortcut(QKeySequence("Ctrl+Shift+S"))
    w.act_quit = QAction(w)
    # StandardKey.Quit is empty on some platforms; Ctrl+W (Close) closes the one window the same way
    w.act_quit.setShortcuts([QKeySequence("Ctrl+Q"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Close)])
    w.act_quit.triggered.connect(w.close)
    stack = w.editor.undo_stack
    w.act_undo = QAction(w)
    w.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
    w.act_undo.triggered.connect(stack.undo)
    w.act_undo.setEnabled(False)
    stack.canUndoChanged.connect(w.act_undo.setEnabled)
    w.act_redo = QAction(w)
    w.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    w.act_redo.setEnabled(False)  # triggered and enabled by ui/window/undo_keys.py (the box's own redo first)
    w.act_find = QAction(w)
    w.act_find.setShortcut(QKeySequence.StandardKey.Find)
    w.act_find.triggered.connect(w._focus_search)
    w.act_about = QAction(w)
    w.act_name = QAction(w)
    w.act_check = QAction(w)
    w.act_check.setObjectName("actionSubmissionCheck")
    w.act_submit = QAction(w)
    w.act_submit.setObjectName("actionSubmit")
    w.lang_group = QActionGroup(w)
    w.lang_actions = {}
    for code, name in LANGUAGES.items():
        a = QAction(name, w, checkable=True)
        a.setData(code)
        a.setChecked(code == w.translations.language)
        w.lang_group.addAction(a)
        w.lang_actions[code] = a
    w.addActions([w.act_save, w.act_save_as, w.act_open, w.act_undo, w.act_redo, w.act_find, w.act_quit])


def build_toolbar(w: MenuHost) -> None:
    tb = QToolBar()
    tb.setObjectName("mainToolbar")
    tb.setMovable(False)
    w.addToolBar(tb)
    w.year_label = QLabel()
    w.year_combo = QComboBox()
    w.year_combo.setObjectName("yearCombo")  # filled by the window's _apply_mode, with the 課
    w.year_combo.currentIndexChanged.connect(w._on_year_changed)
    w.dept_title = QLabel()
    w.dept_combo = QComboBox()
    w.dept_combo.setObjectName("departmentCombo")
    w.dept_combo.setMinimumContentsLength(12)
    w.dept_combo.currentIndexChanged.connect(w._on_department_changed)
    w.search = QLineEdit()
    w.search.setObjectName("search")
    w.search.setClearButtonEnabled(True)
    w.search.setMaximumWidth(260)
    w.search.textChanged.connect(w._on_search)
    w.missing = QCheckBox()
    w.missing.setObjectName("onlyMissing")
    w.missing.toggled.connect(w._on_missing)
    for widget in (w.year_label, w.year_combo):
        tb.addWidget(widget)
    tb.addSeparator()
    for widget in (w.dept_title, w.dept_combo):
        tb.addWidget(widget)
    # the search and the edit buttons in a toolbar of their own: on a narrow screen (150 %) it
    # goes under the first instead of squeezing the search box (ui/window_a11y.fit_toolbars)
    tb2 = QToolBar()
    tb2.setObjectName("searchToolbar")
    tb2.setMovable(False)
    w.addToolBar(tb2)
    tb2.addWidget(w.search)
    tb2.addWidget(w.missing)
    tb2.addSeparator()
    tb2.addAction(w.act_save)
    tb2.addAction(w.act_undo)
    tb2.addAction(w.act_redo)


def build_menus(w: MenuHost) -> None:
    mb = w.menuBar()
    w.menu_file = QMenu(w)
    w.menu_recent = QMenu(w)
    w.menu_file.addAction(w.act_open)
    w.menu_file.addAction(w.act_connect)
    w.menu_file.addMenu(w.menu_recent)
    w.menu_file.addSeparator()
    w.menu_file.addAction(w.act_save)
    w.menu_file.addAction(w.act_save_as)
    # a server's database has no file to copy: the item is offered where it applies
    w.menu_file.aboutToShow.connect(lambda: w.act_save_as.setVisible(not w.editor.workspace.on_server))
    w.menu_file.addAction(w.act_check)
    w.menu_file.addAction(w.act_submit)
    w.menu_file.addSeparator()
    w.menu_file.addAction(w.act_pdf)
    w.menu_file.addAction(w.act_xlsx)
    w.menu_file.addSeparator()
    w.menu_file.addAction(w.act_name)
    w.menu_file.addSeparator()
    w.menu_file.addAction(w.act_quit)
    w.menu_edit = QMenu(w)
    w.menu_edit.addAction(w.act_undo)
    w.menu_edit.addAction(w.act_redo)
    w.menu_edit.addSeparator()
    w.menu_edit.addAction(w.act_find)
    w.menu_view = QMenu(w)
    w.menu_lang = QMenu(w)
    for a in w.lang_actions.values():
        w.menu_lang.addAction(a)
    w.menu_view.addMenu(w.menu_lang)
    w.menu_round = QMenu(w)
    w.act_handout = w.menu_round.addAction("")
    w.act_handout.setObjectName("actionHandout")
    w.act_collect = w.menu_round.addAction("")
    w.act_conflicts = w.menu_round.addAction("")
    w.menu_round.addSeparator()
    w.act_audit = w.menu_round.addAction("")
    w.act_board = w.menu_round.addAction("")
    w.act_year_lock = w.menu_round.addAction("")  # issue 24: 確定 and 修正
    w.act_year_lock.setObjectName("actionYearLock")
    w.menu_round.addSeparator()
    w.act_plan_editor = w.menu_round.addAction("")
    w.menu_help = QMenu(w)
    w.menu_help.addAction(w.act_about)
    for m in (w.menu_file, w.menu_edit, w.menu_view, w.menu_round, w.menu_help):
        mb.addMenu(m)


def retranslate(w: MenuHost) -> None:
    w.menu_file.setTitle(w.tr("ファイル(&F)"))
    w.menu_recent.setTitle(w.tr("最近使ったファイル(&R)"))
    w.menu_edit.setTitle(w.tr("編集(&E)"))
    w.menu_view.setTitle(w.tr("表示(&V)"))
    w.menu_lang.setTitle(w.tr("言語 / Language(&L)"))
    w.menu_help.setTitle(w.tr("ヘルプ(&H)"))
    w.menu_round.setTitle(w.tr("年次作業(&R)"))
    w.act_handout.setText(w.tr("提出用ファイルの配布(&H)…"))
    w.act_collect.setText(w.tr("回収状況と取り込み(&C)…"))
    w.act_conflicts.setText(w.tr("競合の確認(&K)…"))
    w.act_audit.setText(w.tr("変更履歴（監査ログ）(&A)…"))
    w.act_board.setText(w.tr("進捗ボード（計画・課ごと）(&B)…"))
    w.act_year_lock.setText(w.tr("年度の確定と修正(&L)…"))
    w.act_plan_editor.setText(w.tr("計画の編集(&E)…"))
    w.act_open.setText(w.tr("ファイルを開く(&O)…"))
    w.act_connect.setText(w.tr("サーバーのデータベースに接続(&D)…"))
    w.act_save.setText(w.tr("保存(&S)"))
    w.act_save_as.setText(w.tr("名前を付けて保存(&A)…"))
    w.act_save_as.setStatusTip(w.tr("このファイルを別の場所に写して開き、そこに保存します（書き込めないフォルダーのとき）"))
    w.act_check.setText(w.tr("提出前チェック(&C)…"))
    w.act_submit.setText(w.tr("提出用に保存(&T)…"))
    w.act_name.setText(w.tr("担当者名の変更(&N)…"))
    w.act_pdf.setText(w.tr("印刷用PDF作成(&P)…"))
    w.act_xlsx.setText(w.tr("Excel出力(&X)…"))
    w.act_quit.setText(w.tr("終了(&Q)"))
    w.act_find.setText(w.tr("検索(&F)"))
    w.act_about.setText(w.tr("バージョン情報(&A)"))
    w.act_undo.setText(w.tr("元に戻す(&U)"))
    w.act_redo.setText(w.tr("やり直し(&R)"))
    w.dept_combo.setItemText(0, w.tr("（すべての課）"))
    w.search.setPlaceholderText(w.tr("検索（Ctrl+F）"))
    from kodaira_desk.ui.notes import field_notes

    field_notes.retranslate(w)
