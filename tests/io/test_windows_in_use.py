"""A file another program holds open on Windows (Excel, Acrobat) fails with PermissionError, errno 13,
like a missing permission: only its winerror (32, a sharing violation; 33, a lock violation) tells
them apart. The reviewer: it was said as 「権限がありません」 with the wrong advice (copy the file
elsewhere). It is said as in use, with the fix that works: close the program."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from kodaira_desk.domain.os_reasons import in_use, os_reason
from kodaira_desk.io.atomic import os_error_words
from kodaira_desk.store.department_file import unreadable


def windows_error(winerror: int) -> PermissionError:
    exc = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another process")
    exc.winerror = winerror  # type: ignore[attr-defined]  # (as Windows' OSError carries it)
    return exc


@pytest.mark.parametrize("winerror", [32, 33])
def test_a_file_open_in_another_program_is_said_as_in_use(winerror: int) -> None:
    exc = windows_error(winerror)
    assert in_use(exc)
    assert os_reason(exc) == "ほかのプログラムが使用中です"
    written = os_error_words(exc).format(path=Path("総合戦略.xlsx"))
    assert "開いているため書き込めませんでした" in written and "権限" not in written
    refused = unreadable("提出用_令和8年度_高齢者支援課.xlsx", exc)
    assert refused.message.startswith("提出用_令和8年度_高齢者支援課.xlsx: ほかのプログラム")
    assert "権限" not in refused.message and "閉じてから" in refused.message


def test_a_permission_missing_is_still_said_as_a_permission() -> None:
    exc = PermissionError(errno.EACCES, "Permission denied")
    assert not in_use(exc)
    assert os_reason(exc) == "権限がありません"
    assert "権限" in os_error_words(exc) and "権限" in unreadable("a.kdesk", exc).message
    other = windows_error(5)  # ERROR_ACCESS_DENIED: a permission indeed
    assert not in_use(other) and "権限" in unreadable("a.kdesk", other).message
