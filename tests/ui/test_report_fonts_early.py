"""The PDF fonts are read on the window's worker as the report dialog opens (issue 27): parsing the
IPAex files and loading reportlab (some 0.3 s on first use) happen while the person chooses, not on
the GUI thread and not after 保存 is pressed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from kodaira_desk.services import reports
from kodaira_desk.ui.main_window import MainWindow


def test_the_fonts_are_read_on_the_worker_when_the_dialog_opens(qtbot: Any, window: MainWindow, tmp_path: Path,
                                                                monkeypatch: Any) -> None:
    threads: list[int] = []
    real = reports.register_fonts

    def spy(font_dir: Path) -> None:
        threads.append(threading.get_ident())
        real(font_dir)

    monkeypatch.setattr(reports, "register_fonts", spy)
    window.select_node("strategy-2015", "g1")
    dialog = window.show_report_dialog()
    assert dialog is not None
    assert not window.tasks.busy  # a query: 保存 and 印刷 are not held back by it
    window.tasks.wait_idle()
    assert len(threads) == 1 and threads[0] != threading.get_ident()
    dialog.kind.setCurrentIndex(dialog.kind.findData("kpi"))
    op = dialog.save_to(tmp_path / "kpi.pdf")
    assert op is not None
    op.wait()
    assert (tmp_path / "kpi.pdf").stat().st_size > 10_000 and threading.get_ident() not in threads
    dialog.close()
