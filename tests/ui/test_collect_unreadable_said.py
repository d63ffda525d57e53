"""A returned file this account may not read, added in the collection window: its log said
「受け取ったファイルをコピーできません（…親-受領ファイル: Permission denied）」, the receipts folder
(writable) named with the OS's English; it says the file cannot be read, by its name, in the
window's language. (The window runs as root in the tests, who reads every file: the file's opening
refuses as it does for another account.)"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest
from test_collect_log_english import _collect, _files

from kodaira_desk.store import department_file
from kodaira_desk.ui.window.main_window import MainWindow

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _unreadable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    opened = department_file.open_regular

    def open_regular(p: Path, name: str | None = None):  # type: ignore[no-untyped-def]
        if Path(p) == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(p))
        return opened(p, name)

    monkeypatch.setattr(department_file, "open_regular", open_regular)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_an_unreadable_returned_file_is_said_by_its_name(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         language: str) -> None:
    farm = _files(db_path, tmp_path)[0]
    _unreadable(monkeypatch, farm)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    window.translations.apply(language)
    line = next(t for t in _collect(qtbot, window, [farm]) if farm.name in t)
    rest = line.replace(farm.name, "")
    assert line.startswith(f"× {farm.name}: "), line
    assert "受領ファイル" not in line and str(tmp_path) not in line, line
    if language == "ja":
        assert "読む権限がありません" in line and not re.search(r"[A-Za-z]{3,}", rest), line
    else:
        assert "cannot be read" in line and not JAPANESE.search(rest), line
