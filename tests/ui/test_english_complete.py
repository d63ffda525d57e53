"""In English, every string the window asks Qt to translate has its translation.

The .ts file can only say that the entries it holds are translated. This test watches the lookups
themselves: a recording translator sits in front of ours while the window, every form kind and every
dialog are shown in English, and notes each Japanese source text that came back untranslated, with
the context Qt looked it up in (a mixin's `self.tr` looks up in its window's class, not the mixin's).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget

from kodaira_desk.paths import resources_dir
from kodaira_desk.ui.window.main_window import MainWindow

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")


class RecordingTranslator(QTranslator):
    """Answers with our English .qm and remembers every Japanese text it could not translate."""

    def __init__(self) -> None:
        super().__init__()
        self.inner = QTranslator()
        assert self.inner.load("kodaira_desk_en", str(resources_dir() / "translations"))
        self._missed: set[tuple[str, str]] = set()
        self._found: set[str] = set()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        out = self.inner.translate(context, source, disambiguation, n)
        self.asked.add((context, source))
        if out:
            self._found.add(source)
        elif source and JAPANESE.search(source):
            self._missed.add((context, source))
        return out or None  # None is a null QString: Qt then asks the next translator or keeps the source

    @property
    def misses(self) -> set[tuple[str, str]]:
        """Texts no lookup translated. PySide's `tr` asks each class of the object's MRO in turn
        (a mixin's name, then the window's, then QWidget's…), so a text counts as missing only when
        none of those lookups found it."""
        return {(c, s) for c, s in self._missed if s not in self._found}

    def isEmpty(self) -> bool:
        return False


def _walk_tabs(widget: QWidget, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Show every tab of every tab widget, so lazily built pages are built (and translated)."""
    for tabs in widget.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(1)


def _round_with_a_conflict(db_path: Path, folder: Path) -> None:
    """A hand-out collected with a conflict: the round's tables then have rows, whose words are made
    in code (the board's 理由・版 said 「競合 1 件」 in English: no lookup, so no miss recorded)."""
    from roundkit import CHILDREN, hand_out, write

    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.rounds.collect import collect

    files = hand_out(db_path, folder, ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    write(db_path, CHILDREN, "37,000人")
    db = open_database(db_path, create=False)
    try:
        assert collect(db, [files["子育て支援課"]]).outcomes[0].conflicts == 1
    finally:
        db.dispose()


def _japanese_made_in_code(top: QWidget) -> list[str]:
    """The texts of the round's tables that are words (not data: a 課's name, a file's name, who saved)
    still in Japanese."""
    from kodaira_desk.ui.round.status_model import RoundStatusModel

    out = []
    for model in top.findChildren(RoundStatusModel):
        data = {0, 3, RoundStatusModel.FILE_COLUMN}
        out += [f"{model.headerData(c, Qt.Orientation.Horizontal)}: {model.index(r, c).data()}"
                for r in range(model.rowCount()) for c in range(model.columnCount())
                if c not in data and JAPANESE.search(str(model.index(r, c).data() or ""))]
    return out


def _round_rows(top: QWidget) -> int:
    from kodaira_desk.ui.round.status_model import RoundStatusModel

    return sum(model.rowCount() for model in top.findChildren(RoundStatusModel))


def test_every_string_shown_in_english_is_translated(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    w = window
    _round_with_a_conflict(db_path, tmp_path / "配布")
    made_in_code: list[str] = []
    round_rows = 0
    app = QCoreApplication.instance()
    assert isinstance(app, QApplication)
    recorder = RecordingTranslator()
    w.lang_actions["en"].trigger()
    app.installTranslator(recorder)  # the last installed is asked first
    try:
        assert w.menu_file.title() == "&File"
        # every menu, as a person opening each of them
        for menu in w.menuBar().findChildren(type(w.menu_file)):
            menu.aboutToShow.emit()
        # every kind of node: a goal, an area, a measure with its KPI, budget and schedule forms
        for plan_id, tree in w.editor.trees.items():
            shown = 0
            for node in tree.nodes:
                if shown < 12 and w.select_node(plan_id, node.key):
                    shown += 1
                    w.tasks.wait_idle()
                    _walk_tabs(w, qtbot)
        # every dialog a person can open from the menus of the master
        from kodaira_desk.ui.window.window_a11y import show_keyboard_help

        w.year_combo.setCurrentIndex(w.year_combo.findData(2020))  # the round's year (its rows on the board)
        w.tasks.wait_idle()
        openers = [w.show_report_dialog, w.show_handout, w.show_collect, w.show_conflicts,
                   w.show_audit, w.show_board, w.show_plan_editor, w.show_submission_check, w.show_year_lock,
                   lambda: show_keyboard_help(w)]
        for open_dialog in openers:
            before = set(QApplication.topLevelWidgets())
            dialog = open_dialog()
            w.tasks.wait_idle()
            for top in set(QApplication.topLevelWidgets()) - before:
                if top.isVisible():
                    _walk_tabs(top, qtbot)
                    made_in_code += _japanese_made_in_code(top)
                    round_rows += _round_rows(top)
            if isinstance(dialog, QDialog):
                dialog.reject()
            w.tasks.wait_idle()
        w.retranslate()
    finally:
        app.removeTranslator(recorder)
        w.lang_actions["ja"].trigger()
    contexts = {c for c, _ in recorder.asked}
    assert {"MainWindow", "ReportDialog", "HandoutDialog", "BoardDialog", "PlanEditorDialog"} <= contexts
    assert len(recorder.asked) > 200
    assert sorted(recorder.misses) == []
    assert round_rows > 0  # the board had a row to say its words
    assert made_in_code == []


def test_the_recorder_sees_a_missing_translation(window: MainWindow) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    recorder = RecordingTranslator()
    app.installTranslator(recorder)
    try:
        assert window.tr("訳のない文") == "訳のない文"
        assert window.tr("保存(&S)") == "&Save"
    finally:
        app.removeTranslator(recorder)
    assert {s for _c, s in recorder.misses} == {"訳のない文"}
    assert ("MainWindow", "訳のない文") in recorder.misses
