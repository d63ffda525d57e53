"""A clerk's department file in English, the keyboard alone (tester 2026-12-07, real X server):
ファイル > 提出用に保存 — the step the banner tells the clerk to take — reads 「Save for Submission…」
with no underlined letter (its translation dropped the (&T) of 提出用に保存(&T)…), so Alt+F and a
letter cannot reach it; every other item of the File menu has one."""

from __future__ import annotations

from pathlib import Path

from roundkit import close_window, hand_out, open_window

from kodaira_desk.ui.a11y import mnemonic


def test_every_file_menu_item_of_a_clerk_has_a_mnemonic_in_english(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    w = open_window(path)
    try:
        w.translations.apply("en")
        qtbot.wait(10)
        menu = w.menuBar().actions()[0].menu()
        items = [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        assert "Save for Submission…" in [i.replace("&", "") for i in items]
        missing = [i for i in items if not mnemonic(i)]
        assert not missing, f"no mnemonic in English: {missing}"
    finally:
        w.translations.apply("ja")
        close_window(w)
