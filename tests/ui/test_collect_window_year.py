"""The collection window follows the files it is given: files of another year than the one it shows
bring that year's board up, and a file returned with nothing typed is counted as 未記入 (still owed),
apart from the departments that have not returned theirs."""

from __future__ import annotations

import sys
from pathlib import Path

from kodaira_desk.cli import main
from kodaira_desk.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "round"))
from round_helpers import edit, value_cell


def test_files_of_another_year_bring_their_board_up_and_an_untouched_one_is_unfilled(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for year in ("R1", "R2"):
        assert main(["--db", str(db_path), "handout", "--year", year, "--out", str(tmp_path / year),
                     "--department", "産業振興課", "--department", "子育て支援課", "--department", "都市計画課"]) == 0
    r1 = {p.name.split("_")[2].removesuffix(".kdesk"): p for p in (tmp_path / "R1").glob("*.kdesk")}
    edit(r1["産業振興課"], {value_cell("g1.a1.k3", year=2019): "360区画"})  # 市内体験農園の区画数
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None and collect.year.currentText() == "令和2年度"
    collect.add_files([r1["産業振興課"], r1["子育て支援課"]])  # 子育て支援課's file was never saved
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30000)
    assert collect.year.currentText() == "令和元年度"  # the files' year, not the one it showed
    assert "令和元年度の回収状況を表示しています。" in collect.log.toPlainText()
    summary = collect.summary.text()
    assert "取込済 1" in summary and "未返却: 都市計画課" in summary and "未記入: 子育て支援課" in summary
    assert "未返却: 子育て支援課" not in summary and "未返却: 都市計画課、子育て支援課" not in summary
