"""The operating system's reasons in words of ours: an OSError's strerror is the C library's English
(「Is a directory」「File exists」), which a Japanese message must not quote. One table for the
command line, the services and the window (ui/domain_words.py and ui/window/saving.py look the words
up in the context "OsReasons" of the translations for English). An errno not here keeps the OS's
own text: better than nothing."""

from __future__ import annotations

import errno

_BUSY = "ほかのプログラムが使用中です"

REASONS: dict[int, str] = {
    errno.EISDIR: "同じ名前のフォルダがあります",
    errno.EEXIST: "同じ名前のファイルがすでにあります",
    errno.ENOENT: "ファイルかフォルダが見つかりません",
    errno.EACCES: "権限がありません",
    errno.EPERM: "権限がありません",
    errno.EROFS: "読み取り専用の場所です",
    errno.ENOSPC: "ディスクの空きがありません",
    errno.EDQUOT: "使用できる容量の上限（クォータ）を超えています",
    errno.ENAMETOOLONG: "名前が長すぎます",
    errno.EBUSY: _BUSY,
    errno.ETXTBSY: _BUSY,
    errno.EXDEV: "別のドライブへは移せません",
    errno.EIO: "ディスクの読み書きでエラーが起きました",
    errno.ENOTDIR: "途中にフォルダではないものがあります",
}


# Windows says a file another program holds open (Excel, Acrobat) as errno 13, EACCES, like a
# missing permission: only its own number tells them apart (ERROR_SHARING_VIOLATION,
# ERROR_LOCK_VIOLATION), and the fix is to close the program, not to copy the file elsewhere
WINDOWS_IN_USE = (32, 33)


def in_use(exc: BaseException) -> bool:
    """Whether `exc` says that another program has the file open (Windows' sharing violation)."""
    return getattr(exc, "winerror", None) in WINDOWS_IN_USE


def os_reason(exc: BaseException) -> str:
    """Why `exc` happened, in Japanese for the errors a person meets; else the OS's own text."""
    if in_use(exc):
        return _BUSY
    number = getattr(exc, "errno", None)
    if isinstance(number, int) and number in REASONS:
        return REASONS[number]
    return str(getattr(exc, "strerror", None) or exc)
