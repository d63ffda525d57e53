"""In English, the collection window's log says each file's outcome in English (it wrote the
collection's Japanese messages: a refused file's reason, a file taken in, 未記入); in Japanese the
collection's own messages, with their details. File and department names are data: as they are."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import pytest

from kodaira_desk.cli import main
from kodaira_desk.store import errors as store_errors
from kodaira_desk.ui.window.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "round"))
from round_helpers import edit, value_cell

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
DEPARTMENTS = ("産業振興課", "子育て支援課")


def _files(db_path: Path, tmp_path: Path) -> list[Path]:
    """産業振興課's file with a value typed and saved, 子育て支援課's never saved, an empty file and a
    text file named as department files."""
    assert main(["--db", str(db_path), "handout", "--year", "R2", "--out", str(tmp_path / "配布"),
                 *[a for d in DEPARTMENTS for a in ("--department", d)]]) == 0
    made = {p.name.split("_")[2].removesuffix(".kdesk"): p for p in (tmp_path / "配布").glob("*.kdesk")}
    edit(made["産業振興課"], {value_cell("g1.a1.k3"): "360区画"})  # 市内体験農園の区画数
    empty = tmp_path / "提出用_空っぽ.kdesk"
    empty.write_bytes(b"")
    text = tmp_path / "提出用_メモ.kdesk"
    text.write_text("これはメモです\n" * 40, encoding="utf-8")
    return [made["産業振興課"], made["子育て支援課"], empty, text]


def _collect(qtbot, window: MainWindow, files: list[Path]) -> list[str]:  # type: ignore[no-untyped-def]
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    collect.add_files(files)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60000)
    lines = collect.log.toPlainText().splitlines()
    collect.close()
    return lines


def test_the_collection_log_is_in_english(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = _files(db_path, tmp_path)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    window.translations.apply("en")
    lines = _collect(qtbot, window, files)
    for path in files:  # one line per file, naming it
        assert any(path.name in line for line in lines), (path.name, lines)
    for line in lines:
        words = line
        for name in [p.name for p in files] + list(DEPARTMENTS):
            words = words.replace(name, "")
        assert not JAPANESE.search(words), line
    said = "\n".join(lines)
    assert f"× {files[2].name}: the file is empty" in said
    assert f"! {files[1].name}: never saved by the department (nothing entered)" in said
    assert f"○ {files[0].name}: 産業振興課 taken in (1 applied, 0 to check)." in said


def test_in_japanese_the_log_has_the_collections_messages(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    files = _files(db_path, tmp_path)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    said = "\n".join(_collect(qtbot, window, files))
    assert f"○ {files[0].name}: 産業振興課 を取り込みました（第 1 版。反映 1 件、要確認 0 件）。" in said, said
    assert f"{files[1].name}: 子育て支援課 のファイルはまだ一度も保存されていません（未記入）。" in said
    assert f"× {files[2].name}: " in said and "空" in said


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A master another writer holds is said busy after 0.2 s, not 10 (set before the window opens it)."""
    monkeypatch.setattr(store_errors, "BUSY_TIMEOUT_S", 0.2)


def _busy_collection(qtbot, window: MainWindow, db_path: Path, files: list[Path]) -> list[str]:  # type: ignore[no-untyped-def]
    """The log of a collection while another writer holds the master (nothing is taken in)."""
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        collect.add_files(files)
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60000)
    finally:
        holder.rollback()
        holder.close()
    lines = collect.log.toPlainText().splitlines()
    collect.close()
    return lines


def test_a_collection_that_took_nothing_in_is_said_in_english(  # type: ignore[no-untyped-def]
        qtbot, quick_busy: None, window: MainWindow, db_path: Path, tmp_path: Path) -> None:
    files = _files(db_path, tmp_path)[:2]
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    window.translations.apply("en")
    said = [line for line in _busy_collection(qtbot, window, db_path, files) if line.startswith("× ")]
    assert said == [f"× {db_path.name} is in use by another window or process (a collection, a handout, a save), "
                    "so nothing was collected. Try again once it has finished. "
                    f"Files not taken in: {files[0].name}, {files[1].name}"], said


def test_in_japanese_it_is_the_collections_message(  # type: ignore[no-untyped-def]
        qtbot, quick_busy: None, window: MainWindow, db_path: Path, tmp_path: Path) -> None:
    files = _files(db_path, tmp_path)[:2]
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    said = [line for line in _busy_collection(qtbot, window, db_path, files) if line.startswith("× ")]
    assert len(said) == 1 and f"{db_path.name} は別のウィンドウまたは別の処理" in said[0], said
    assert said[0].endswith(f" 取り込まなかったファイル: {files[0].name}、{files[1].name}"), said
