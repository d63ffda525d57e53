"""A hand-out killed while its files took their names (tests/round/test_handout_killed.py kills it
for real) leaves a recorded file as a whole temporary beside its place: 回収状況と取り込み names it
as it opens, and says so, before it lists who has not returned a file."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.cli import main
from kodaira_desk.io.atomic import TMP_PREFIX
from kodaira_desk.ui.window.main_window import MainWindow


def test_the_collection_window_finishes_an_interrupted_hand_out(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    out = tmp_path / "配布"
    assert main(["--db", str(db_path), "handout", "--year", "R2", "--out", str(out),
                 "--department", "産業振興課", "--department", "子育て支援課"]) == 0
    left = out / "提出用_令和2年度_子育て支援課.kdesk"
    whole = left.read_bytes()
    left.rename(out / f"{TMP_PREFIX}{left.name}.k9x2.part")  # as the kill left it: recorded, not named
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: "中断された配布を完了しました" in collect.summary.text(), timeout=20000)
    assert left.name in collect.summary.text()
    assert left.read_bytes() == whole and not list(out.glob(f"{TMP_PREFIX}*"))
    assert "未返却: 子育て支援課、産業振興課" in collect.summary.text()
    collect.close()
