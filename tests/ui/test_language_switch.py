"""A switch of language retranslates everything at once: after 表示 > 言語 > English no text of the
window is left in Japanese where it has an English translation (the hint line, 低いほど良い指標,
the rate text…), and back again. Qt's own dialogs speak the language too: the file dialog in
English shows no Japanese, and in Japanese none of Qt's English (qtbase_ja with our qt_extra_ja)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # reading our own file
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from kodaira_desk.paths import resources_dir
from kodaira_desk.ui.window.main_window import MainWindow

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def _pattern(text: str) -> re.Pattern[str]:
    """A translated text with its placeholders ({n}, %1) standing for anything."""
    parts = re.split(r"\{\w+\}|%\d", text)
    return re.compile(".*".join(re.escape(p) for p in parts), re.DOTALL)


def _messages() -> list[tuple[str, str]]:
    tree = ET.parse(resources_dir() / "translations" / "kodaira_desk_en.ts")
    return [(m.findtext("source") or "", m.findtext("translation") or "") for m in tree.iter("message")]


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a person can read in the window now: labels, buttons, tabs,
    group titles, placeholders, tooltips, menus, combo items, table headers and cells."""
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, (QLabel, QAbstractButton)):
            yield name, w.text()
        if isinstance(w, QGroupBox):
            yield name, w.title()
        if isinstance(w, QLineEdit):
            yield name + ".placeholder", w.placeholderText()
        if w.toolTip():
            yield name + ".tooltip", w.toolTip()
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield name + ".tab", w.tabText(i)
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                yield name + ".item", w.itemText(i)
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for c in range(min(model.columnCount(), 40)):
                yield name + ".header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            for r in range(min(model.rowCount(), 20)):
                for c in range(min(model.columnCount(), 40)):
                    yield name + ".cell", str(model.data(model.index(r, c, QModelIndex())) or "")
                    yield name + ".celltip", str(model.data(model.index(r, c, QModelIndex()),
                                                            Qt.ItemDataRole.ToolTipRole) or "")
    for a in root.findChildren(QAction):
        yield f"QAction#{a.objectName()}", a.text()
    for m in root.findChildren(QMenu):
        yield f"QMenu#{m.objectName()}", m.title()


def _left_in(w: MainWindow, language: str) -> list[tuple[str, str]]:
    """Texts still in the other language that have a translation into `language`."""
    pairs = [(s, t) for s, t in _messages() if s and t and s != t]
    # a message all placeholders but one character ({year}の{word}), or but brackets and
    # punctuation ({d}（{state}）), would match any data with those in it: such messages are checked
    # by their own form tests, not by this sweep
    sources = [s if language == "en" else t for s, t in pairs]
    old = [_pattern(s) for s in sources if len(re.sub(r"\{\w+\}|%\d|\s|[（）()「」『』、。，．,.:：・/／-]", "", s)) >= 2]
    # the plans' own words are data, never translated, even where one reads as a source (項目)
    data = {level for t in w.editor.trees.values() for level in t.plan.levels}
    left = []
    for where, text in _texts(w):
        text = text.strip()
        if not text:
            continue
        if language == "en" and not JAPANESE.search(text):
            continue
        if language == "ja" and not ENGLISH_WORD.search(text):
            continue
        for line in re.split(r"[\n　]", text):  # lines, and the parts a details line joins with 「　」
            if line.strip() and line.strip() not in data and any(p.fullmatch(line.strip()) for p in old):
                left.append((where, line.strip()))
    return left


FORMS = [
    ("strategy-2015", "g1.a1.m1", "measure"),  # 進捗状況 and 実施等状況, the hint line
    ("strategy-2015", "g1.a1", "kpi"),  # the KPI grid, its legend, the chart pane: 低いほど良い指標, the rate
    ("program-2021", "p1.j1", "budget"),  # a main project's 費用
    ("restructuring", "r.1.1.n1", "schedule"),  # a plan sheet item's 年次計画
]


@pytest.mark.parametrize(("plan", "node", "form"), FORMS, ids=[f[2] for f in FORMS])
def test_a_switch_retranslates_everything_at_once(qtbot, window: MainWindow, plan: str, node: str, form: str) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    if not w.select_node(plan, node):
        pytest.skip(f"{plan} {node} is not in the tree")
    if w.page.has_form(form):
        w.page.tabs.setCurrentWidget(w.page._form(form))
    w.search.setText("見つからない言葉")  # the no-match hint under the tree
    w.search.clear()
    w.lang_actions["en"].trigger()
    qtbot.wait(10)
    left = _left_in(w, "en")
    assert left == [], "\n".join(map(str, left))
    w.lang_actions["ja"].trigger()
    qtbot.wait(10)
    left = _left_in(w, "ja")
    assert left == [], "\n".join(map(str, left))


def _open_dialog_texts(w: MainWindow) -> list[str]:
    """What File > Open's dialog shows (the window's own, modal until answered), then cancelled."""
    seen: list[str] = []

    def look() -> None:
        dialogs = [d for d in w.findChildren(QFileDialog, "openDialog") if d.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, look)
            return
        seen.extend(t for _w, t in _texts(dialogs[0]) if t)
        dialogs[0].reject()

    QTimer.singleShot(0, look)
    w.act_open.trigger()  # File > Open…
    return seen


def test_the_file_dialog_speaks_english_then_japanese(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.settings.last_folder = resources_dir()  # where File > Open starts
    w.lang_actions["en"].trigger()
    japanese = [t for t in _open_dialog_texts(w) if JAPANESE.search(t)]
    assert japanese == []

    w.lang_actions["ja"].trigger()
    shown = _open_dialog_texts(w)
    folder = resources_dir()
    names = {p.name for p in folder.rglob("*")} | set(folder.parts) | {Path.home().name}  # not words
    # Qt's English (「&Look in:」, 「Files of &type:」, 「Drive」…); paths and filters are not words either
    english = [t for t in shown if ENGLISH_WORD.search(t) and str(folder) not in t and not t.startswith("/")
               and "(*" not in t and t not in names and t != "OK"]
    assert english == []
    assert any("ファイルの場所" in t for t in shown)
