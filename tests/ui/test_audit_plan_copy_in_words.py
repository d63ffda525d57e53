"""変更履歴's row of a plan copy (tester): the plan named, what was recorded in words (元の計画, 計画期間,
基準値, 表の注記), never the JSON it is kept as, and its 経緯 「計画の編集」, not 「plan」."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from roundkit import close_window, open_window

from kodaira_desk.cli import main


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_the_audit_shows_a_plan_copy_in_words(qtbot, db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                 "--period", "R7-R10"]) == 0
    capsys.readouterr()
    w = open_window(db_path)
    try:
        qtbot.waitExposed(w)
        w.act_audit.trigger()
        from kodaira_desk.ui.round.audit_dialog import AuditDialog

        dialog = w.findChild(AuditDialog)
        assert dialog is not None
        qtbot.waitUntil(lambda: not dialog.reading and dialog.model.rowCount() > 0, timeout=30000)
        model = dialog.model
        rows = [[str(model.index(r, c).data() or "") for c in range(model.columnCount())]
                for r in range(model.rowCount())]
        row = next(r for r in rows if "program-2025" in r[1])
        assert row[1] == "計画「中期的な施策の取組方針・実行プログラム（令和7年度～令和10年度）」（program-2025）"
        assert row[3].startswith("元の計画: 中期的な施策の取組方針・実行プログラム（program-2021）、計画期間: 令和7年度～令和10年度、")
        assert "{" not in row[3] and "copied_from" not in row[3]
        assert row[4] == "計画の編集"
        dialog.close()
    finally:
        close_window(w)


def test_the_kind_filter_has_plan_edits(qtbot, db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """経緯 「計画の編集」 chosen from the list (keyboard): the plan copy's rows only, not a typed value's."""
    from PySide6.QtCore import Qt

    from kodaira_desk.services.editing import content_of, target_of
    from kodaira_desk.services.workspace import Workspace

    other = Workspace.open(db_path, create=False, actor="政策課 佐藤")  # a value typed and saved
    try:
        other.load_plans()
        target = target_of("value:strategy-2015:g1.a1.k3:actual:2020:")
        other.save({target: content_of(target, "365区画")}, {target: other.session.stored(target)})
    finally:
        other.close()
    assert main(["--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                 "--period", "R7-R10"]) == 0
    capsys.readouterr()
    w = open_window(db_path)
    try:
        qtbot.waitExposed(w)
        w.act_audit.trigger()
        from kodaira_desk.ui.round.audit_dialog import AuditDialog

        dialog = w.findChild(AuditDialog)
        assert dialog is not None
        qtbot.waitUntil(lambda: not dialog.reading and dialog.model.rowCount() > 0, timeout=30000)

        def kinds() -> set[str]:
            return {str(dialog.model.index(r, 4).data()) for r in range(dialog.model.rowCount())}

        assert {"入力", "計画の編集"} <= kinds()
        combo = dialog.source
        combo.setFocus()
        while combo.currentText() != "計画の編集" and combo.currentIndex() < combo.count() - 1:
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentText() == "計画の編集"
        qtbot.waitUntil(lambda: not dialog.reading and kinds() == {"計画の編集"}, timeout=30000)
        assert any("program-2025" in str(dialog.model.index(r, 1).data()) for r in range(dialog.model.rowCount()))
        dialog.close()
    finally:
        close_window(w)
