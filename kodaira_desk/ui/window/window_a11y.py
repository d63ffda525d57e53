"""The main window for the keyboard and for screen readers (issue 28).

- every control has an accessible name (and the hint a sighted person reads as its description);
  the toolbar's labels are buddies with mnemonics (Alt+Y 入力年度, Alt+D 担当課);
- the toolbar is out of the Tab order (Ctrl+F, Alt+Y, Alt+D and a click still reach it), so Tab
  goes tree → the item's description → its tabs → the form, in reading order;
- F6 / Ctrl+Tab go from pane to pane (ui/panes.py), into the grid at its entry cell;
- 表示 > 文字の大きさ and 表示 > ハイコントラスト; ヘルプ > キーボード操作 (F1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFrame, QMainWindow, QMenu, QScrollArea, QToolBar, QWidget

from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.message_line import MessageBar
from kodaira_desk.ui.tasks import free_when_closed
from kodaira_desk.ui.window.menus import MenuHost
from kodaira_desk.ui.window.panes import Pane, PaneCycler

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTreeView

    from kodaira_desk.ui.forms.pages import NodePage
    from kodaira_desk.ui.settings import Settings


class A11yHost(MenuHost):
    """The main window as its accessibility parts see it: the menus' host (ui/menus.py) with the
    actions and menus made here, its page and tree, its settings, declared once: `MainWindow`
    derives from this class (the window's module is not imported: no import cycle,
    tests/test_code_shape.py)."""

    settings: Settings
    page: NodePage
    tree_view: QTreeView
    panes: PaneCycler
    menu_font: QMenu
    font_group: QActionGroup
    font_actions: dict[float, QAction]
    act_contrast: QAction
    act_keys: QAction


FONT_SCALE_LABELS = {1.0: "100%", 1.25: "125%", 1.5: "150%", 2.0: "200%"}


def setup(w: A11yHost) -> None:
    """After the menus and the toolbar are built."""
    for widget in (w.year_combo, w.dept_combo, w.search, w.missing):
        widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # out of the Tab order, not out of reach
    w.year_label.setBuddy(w.year_combo)
    w.dept_title.setBuddy(w.dept_combo)
    w.tree_view.setObjectName("planTree")
    w.page.tabs.tabBar().setObjectName("nodeTabBar")
    w.page.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its tab bar is the Tab stop (once):
    w.page.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)  # (Qt passed NoFocus on to it)
    # Ctrl+PgDown / Ctrl+PgUp switch the form's tab from anywhere in the window: a combo box would
    # otherwise take them as "next item" and change the 進捗状況
    for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
        shortcut = QShortcut(QKeySequence(keys), w)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda s=step: _next_tab(w, s))
    w.panes = PaneCycler(w, lambda: panes(w))
    w.installEventFilter(_ToolbarFitter(w))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        from kodaira_desk.ui import focus_ring

        focus_ring.install(app)  # (make_application does it; an application made elsewhere too)

    w.act_keys = QAction(w)
    w.act_keys.setObjectName("actionKeyboardHelp")
    w.act_keys.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    w.act_keys.triggered.connect(lambda: show_keyboard_help(w))
    w.menu_help.insertAction(w.act_about, w.act_keys)
    w.addAction(w.act_keys)

    w.menu_font = QMenu(w)
    w.menu_font.setObjectName("menuFontSize")
    w.font_group = QActionGroup(w)
    w.font_actions = {}
    for scale in theme.FONT_SCALES:
        a = QAction(FONT_SCALE_LABELS[scale], w, checkable=True)
        a.setChecked(abs(scale - w.settings.font_scale) < 0.01)
        a.triggered.connect(lambda _=False, s=scale: set_font_scale(w, s))
        w.font_group.addAction(a)
        w.menu_font.addAction(a)
        w.font_actions[scale] = a
    w.menu_view.addMenu(w.menu_font)
    w.act_contrast = QAction(w, checkable=True)
    w.act_contrast.setObjectName("actionHighContrast")
    w.act_contrast.setShortcut(QKeySequence("Ctrl+Alt+H"))
    w.act_contrast.setChecked(theme.is_high_contrast())
    w.act_contrast.toggled.connect(lambda on: set_high_contrast(w, on))
    w.menu_view.addAction(w.act_contrast)
    w.addAction(w.act_contrast)


class _ToolbarFitter(QObject):
    """The search toolbar under the first one when both do not fit side by side, and the search
    box never narrower than its placeholder (「検索（Ctrl+F）」 was cut at 150 %)."""

    def __init__(self, w: A11yHost) -> None:
        super().__init__(w)
        self.w = w
        self.broken = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.FontChange):
            self.fit()
        return False

    def fit(self) -> None:
        w = self.w
        if not isinstance(w, QMainWindow):
            return
        first = w.findChild(QToolBar, "mainToolbar")
        second = w.findChild(QToolBar, "searchToolbar")
        if first is None or second is None:
            return
        metrics = w.search.fontMetrics()
        w.search.setMinimumWidth(metrics.horizontalAdvance(w.search.placeholderText()) + 48)
        w.search.setMaximumWidth(max(260, w.search.minimumWidth()))
        wide = first.sizeHint().width() + second.sizeHint().width() + 24 > w.width()
        if wide and not self.broken:
            w.insertToolBarBreak(second)
        elif not wide and self.broken:
            w.removeToolBarBreak(second)
        self.broken = wide


def scrolled(page: QWidget) -> QWidget:
    """The item's page in a frameless scroll area: at a large font or a small screen it scrolls
    instead of squeezing its texts under their size (nothing cut off)."""
    area = QScrollArea()
    area.setObjectName("pageArea")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(page)
    return area


def _next_tab(w: A11yHost, step: int) -> None:
    tabs = w.page.tabs
    if tabs.isVisible() and tabs.count() > 1:
        tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())
        tabs.tabBar().setFocus(Qt.FocusReason.ShortcutFocusReason)


def apply_preferences(w: A11yHost) -> None:
    """The person's font size and contrast (or the system's), before the window is shown."""
    chosen = w.settings.high_contrast
    on = theme.system_wants_high_contrast() if chosen is None else chosen
    if on != theme.is_high_contrast():
        theme.set_high_contrast(on)
    app = QApplication.instance()
    if isinstance(app, QApplication) and abs(w.settings.font_scale - theme.font_scale()) > 0.01:
        theme.apply_font(app, app.font().family(), w.settings.font_scale)


def retranslate(w: A11yHost) -> None:
    w.year_label.setText(w.tr(" 入力年度(&Y) "))
    w.dept_title.setText(w.tr(" 担当課(&D) "))
    w.missing.setText(w.tr("今年度の未入力のみ(&M)"))
    a11y.name(w.year_combo, w.tr("入力年度"), w.tr("入力する年度。すべてのフォームがこの年度に切り替わります。"))
    a11y.name(w.dept_combo, w.tr("担当課"), w.tr("選んだ課の担当項目だけを左の一覧に出します。"))
    a11y.name(w.search, w.tr("検索"), w.tr("番号・名前・本文の一部を入力し、Enter で最初に一致した項目へ移ります（Ctrl+F）。"))
    a11y.name_clear_button(w.search, w.tr("検索語を消す"))
    a11y.name(w.missing, w.missing.text(), w.tr("入力年度の入力がまだない項目だけを一覧に出します。"))
    a11y.name(w.tree_view, w.tr("計画の一覧"), w.tr(
        "計画・目標・施策の階層。Enter で右のフォームへ移ります。各項目の説明は入力済みか未入力かを伝えます。"))
    a11y.name(w.page.header.description, w.tr("項目の説明"))
    a11y.name(w.page.tabs.tabBar(), w.tr("フォームの切り替え"), w.tr("Ctrl+PgDown / Ctrl+PgUp でも切り替えます。"))
    a11y.name(w.page.tabs, w.tr("フォームの切り替え"))
    w.menu_font.setTitle(w.tr("文字の大きさ(&Z)"))
    w.act_contrast.setText(w.tr("ハイコントラスト(&C)"))
    w.act_keys.setText(w.tr("キーボード操作(&K)"))


def panes(w: A11yHost) -> list[Pane]:
    """The window's panes in reading order, as they are now (forms not built yet are absent)."""
    page = w.page
    current = page.tabs.currentWidget() if page.tabs.isVisible() else None
    out = [Pane("tree", [w.tree_view, w.search])]
    form_roots: list[QWidget] = [page.header, page.tabs.tabBar()]
    entry: QWidget = page.tabs.tabBar() if page.tabs.isVisible() else page.header.description
    if page.has_form("measure") and current is page.measure:  # (a form not built yet is not made here)
        form_roots.append(page.measure)
        entry = page.measure.status
    if page.tabs.isVisible() or page.header.description.isVisible():  # nothing chosen: nothing to go to
        out.append(Pane("form", form_roots, entry))
    grids = [g for g in page.built_grids() if g is current]
    for grid in grids:
        out.append(Pane("grid", [grid.view], grid.view, on_enter=grid.focus_entry))
        pane = getattr(grid, "chart_pane", None)
        if pane is not None:
            table = pane.views.table
            out.append(Pane("chart", [pane], table if table.isVisible() else pane.list_view))
    lines: list[QWidget] = [g.message for g in grids if g.message.isVisible()]
    bar = w.statusBar()
    if isinstance(bar, MessageBar):  # (the window's, always)
        lines.append(bar.line)
    out.append(Pane("message", lines, remember=False))  # the grid's line while it has a message
    return out


def show_keyboard_help(w: A11yHost) -> QWidget:
    from kodaira_desk.ui.window.keyboard_help import KeyboardHelp

    w.act_save_as.setVisible(not w.editor.workspace.on_server)  # (as ファイル shows it)
    actions: list[QAction] = []  # every menu's commands, in the menus' order (none left out when added)
    for menu in (a.menu() for a in w.menuBar().actions()):
        if isinstance(menu, QMenu):
            actions.extend(a for a in menu.actions() if a not in actions and not a.isSeparator())
    dialog = free_when_closed(KeyboardHelp(actions, w))  # (else each F1 left one in the window)
    dialog.open()
    return dialog


def set_font_scale(w: A11yHost, scale: float) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    w.settings.font_scale = scale
    theme.apply_font(app, app.font().family(), scale)
    for s, a in w.font_actions.items():
        a.setChecked(abs(s - scale) < 0.01)


def set_high_contrast(w: A11yHost, on: bool) -> None:
    w.settings.high_contrast = on
    if on != theme.is_high_contrast():
        theme.set_high_contrast(on)
