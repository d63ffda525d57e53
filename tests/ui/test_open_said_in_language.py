"""A file that cannot be opened is said in the window's language, naming it (brief 2026-12-07):
every refusal on the opening path (File > Open, recent files, the file given at start-up) was
written in Japanese only, so an English window said 「ファイルが空です」. Each kind of file that is
refused is opened here the way a clerk opens it, in Japanese and in English: the message names the
file, says why in the language in use, the window keeps its own file, and the refused file is not
touched. A damaged file's advice fits its kind: a department's file has no backups beside it (the
clerk asks the policy division for a new one); a master's backups are named only when they exist."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from roundkit import hand_out

from kodaira_desk.store import errors
from kodaira_desk.store.database import APPLICATION_ID, SCHEMA_VERSION
from kodaira_desk.ui.window.main_window import MainWindow

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
DEPT = "産業振興課"
PAGE = 4096


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[10 * PAGE:10 * PAGE + 7000] = b"garbagegarbage" * 500
    path.write_bytes(bytes(data))


def _department_file(db_path: Path, tmp_path: Path) -> Path:
    return hand_out(db_path, tmp_path / "配布", [DEPT])[DEPT]


def damaged_department(db_path: Path, tmp_path: Path) -> Path:
    path = _department_file(db_path, tmp_path)
    _damage(path)
    return path


def damaged_master(db_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "他の親.sqlite"
    path.write_bytes(db_path.read_bytes())
    _damage(path)
    return path


def empty(_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "空.kdesk"
    path.write_bytes(b"")
    return path


def cut_short(db_path: Path, tmp_path: Path) -> Path:
    path = _department_file(db_path, tmp_path)
    path.write_bytes(path.read_bytes()[:20 * PAGE])
    return path


def not_sqlite(_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "メモ.kdesk"
    path.write_bytes("提出用のメモです。\n".encode() * 40)
    return path


def pdf(_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "資料3.kdesk"
    path.write_bytes(b"%PDF-1.4\n" + b"%" * 400)
    return path


def workbook(_db: Path, tmp_path: Path) -> Path:
    """A 課's Excel workbook of the round (handed out as .xlsx), given to the app by mistake."""
    import zipfile

    path = tmp_path / "提出用_令和2年度_産業振興課.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return path


def _sqlite_file(path: Path, table: str, identity: tuple[int, int] | None = None) -> Path:
    con = sqlite3.connect(path)
    con.execute(f"CREATE TABLE {table} (body TEXT)")
    if identity is not None:
        con.execute(f"PRAGMA application_id={identity[0]}")
        con.execute(f"PRAGMA user_version={identity[1]}")
    con.commit()
    con.close()
    return path


def other_app(_db: Path, tmp_path: Path) -> Path:
    return _sqlite_file(tmp_path / "住所録.sqlite", "people")


def newer(db_path: Path, tmp_path: Path) -> Path:
    path = _department_file(db_path, tmp_path)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.close()
    return path


def altered(db_path: Path, tmp_path: Path) -> Path:
    """A department file whose 年度 row was rewritten with a tool: no year (ValueError as read)."""
    path = _department_file(db_path, tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = 'R2' WHERE key = 'fiscal_year'")
    con.commit()
    con.close()
    return path


def no_tables(_db: Path, tmp_path: Path) -> Path:
    """Another app's SQLite file that took our application id and version, and none of our tables."""
    return _sqlite_file(tmp_path / "別のアプリ.kdesk", "notes", (APPLICATION_ID, SCHEMA_VERSION))


def older_read_only(_db: Path, tmp_path: Path) -> Path:
    """A file an earlier version made (schema 5), where the copy kept before its upgrade cannot be
    written (a folder by that name: as a read-only folder refuses it, which root is never refused)."""
    import gzip

    fixture = Path(__file__).parent.parent / "fixtures" / "schema5" / "提出用_令和3年度_市民協働・男女参画推進課.kdesk.gz"
    path = tmp_path / fixture.name.removesuffix(".gz")
    path.write_bytes(gzip.decompress(fixture.read_bytes()))
    (tmp_path / f"{path.stem}.v5-backup{path.suffix}").mkdir()
    return path


def folder(_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "提出用.kdesk"
    path.mkdir()
    return path


def missing(_db: Path, tmp_path: Path) -> Path:
    return tmp_path / "なくなった.kdesk"


def unreadable(db_path: Path, tmp_path: Path) -> Path:
    path = _department_file(db_path, tmp_path)
    path.chmod(0)  # (root reads it anyway: the test's `denied` says what the system would)
    return path


def locked(db_path: Path, tmp_path: Path) -> Path:
    return _department_file(db_path, tmp_path)  # held by another writer: the test's `held`


CASES: dict[str, tuple[Callable[[Path, Path], Path], str, str]] = {
    # kind: (the file, a word the Japanese message has, one the English message has)
    "damaged_department": (damaged_department, "政策課", "policy division"),
    "damaged_master": (damaged_master, "壊れ", "damaged"),
    "empty": (empty, "空", "empty"),
    "cut_short": (cut_short, "途中で切れ", "cut short"),
    "not_sqlite": (not_sqlite, "SQLite", "not a Kodaira Desk"),
    "pdf": (pdf, "PDF ファイル", "is a PDF file"),
    "workbook": (workbook, "Excel で開いて", "open it in Excel"),
    "other_app": (other_app, "Kodaira Desk のデータベースではありません", "not a Kodaira Desk"),
    "newer": (newer, "新しい版", "newer version"),
    "altered": (altered, "Kodaira Desk が書いた形", "not as Kodaira Desk writes it"),
    "no_tables": (no_tables, "Kodaira Desk が書いた形", "not as Kodaira Desk writes it"),
    "older_read_only": (older_read_only, "以前の版", "earlier version"),
    "folder": (folder, "フォルダ", "folder"),
    "missing": (missing, "見つかりません", "not found"),
    "unreadable": (unreadable, "権限", "permission"),
    "locked": (locked, "使用中", "in use"),
}


@contextmanager
def denied(path: Path) -> Iterator[None]:
    """Reading `path` refused as the system refuses it to an account without the right."""
    real = os.open

    def guarded(name: object, *args: object, **kwargs: object) -> int:
        if os.fspath(name) == os.fspath(path):  # type: ignore[call-overload]
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    os.open = guarded  # type: ignore[assignment]
    try:
        yield
    finally:
        os.open = real


@contextmanager
def held(path: Path) -> Iterator[None]:
    """Another process writing to `path`, its change under way (an exclusive lock, a journal)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN EXCLUSIVE")
    con.execute("UPDATE meta SET value = value")
    try:
        yield
    finally:
        con.execute("ROLLBACK")
        con.close()


@contextmanager
def as_it_is(kind: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if kind == "locked":
        monkeypatch.setattr(errors, "BUSY_TIMEOUT_S", 0.2)  # (the person waits 10 s: the test less)
        with held(path):
            yield
    elif kind == "unreadable":
        with denied(path):
            yield
    else:
        yield


def _contents(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _english_only(text: str, path: Path) -> bool:
    return not JAPANESE.search(text.replace(str(path), "").replace(path.name, "").replace(path.stem, ""))


def _open_with_ctrl_o(qtbot, w: MainWindow, target: Path, monkeypatch: pytest.MonkeyPatch) -> str:  # type: ignore[no-untyped-def]
    from open_helpers import ctrl_o

    return ctrl_o(qtbot, w, target, monkeypatch)[0]


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("kind", list(CASES))
def test_a_file_that_cannot_be_opened_is_said_in_the_windows_language(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        kind: str, language: str) -> None:
    make, ja_word, en_word = CASES[kind]
    target = make(db_path, tmp_path)
    before, master = _contents(target), db_path.read_bytes()
    w = window
    if language == "en":
        w.lang_actions["en"].trigger()  # 表示 > 言語 > English
    with as_it_is(kind, target, monkeypatch):
        said = _open_with_ctrl_o(qtbot, w, target, monkeypatch)
    assert target.name in said, said
    if language == "ja":
        assert ja_word in said and "Traceback" not in said, said
    else:
        assert en_word.lower() in said.lower() and _english_only(said, target), said
    assert w.db.path == db_path and w.clerk is None  # the window keeps its own file
    assert _contents(target) == before and db_path.read_bytes() == master  # neither written to


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_damaged_department_file_says_to_ask_the_policy_division_not_for_backups(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        language: str) -> None:
    """A clerk's file has no 「…-バックアップ」 folder beside it: today's message sends the clerk there."""
    target = damaged_department(db_path, tmp_path)
    if language == "en":
        window.lang_actions["en"].trigger()
    said = _open_with_ctrl_o(qtbot, window, target, monkeypatch)
    assert "バックアップ" not in said and "backup" not in said.lower(), said
    assert ("政策課" in said and "配布" in said) if language == "ja" else "policy division" in said, said


def test_a_damaged_master_names_its_backup_folder_only_when_there_is_one(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = damaged_master(db_path, tmp_path)
    said = _open_with_ctrl_o(qtbot, window, target, monkeypatch)
    assert f"{target.stem}-バックアップ" not in said and "政策課に連絡" not in said, said  # none made yet
    backups = target.with_name(f"{target.stem}-バックアップ")
    backups.mkdir()  # a collection made one
    (backups / f"{target.stem}-20270601-101500.sqlite").write_bytes(b"")
    QApplication.processEvents()
    said = _open_with_ctrl_o(qtbot, window, target, monkeypatch)
    assert f"{target.stem}-バックアップ" in said, said


def _told_in_english(w: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """表示 > 言語 > English, and the messages the window shows from now on."""
    w.lang_actions["en"].trigger()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: told.append(text))
    return told


def _said_in_english(qtbot, w: MainWindow, told: list[str], target: Path, en_word: str,  # type: ignore[no-untyped-def]
                     db_path: Path) -> None:
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert target.name in told[0] and en_word.lower() in told[0].lower() and _english_only(told[0], target), told
    assert w.db.path == db_path and w.clerk is None


@pytest.mark.parametrize("kind", ["damaged_department", "missing"])
def test_a_file_from_recent_files_is_said_in_english(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        kind: str) -> None:
    make, _ja, en_word = CASES[kind]
    target = make(db_path, tmp_path)
    if kind == "missing":  # opened once, then moved away
        target.write_bytes(b"")
        window.settings.add_recent(target)
        target.unlink()
    else:
        window.settings.add_recent(target)
    w = window
    told = _told_in_english(w, monkeypatch)
    w._refresh_recent()
    next(a for a in w.menu_recent.actions() if a.text() == str(target)).trigger()
    _said_in_english(qtbot, w, told, target, en_word, db_path)


@pytest.mark.parametrize("kind", ["damaged_department", "empty", "newer"])
def test_a_file_given_at_start_up_in_an_english_app_is_said_in_english(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], kind: str) -> None:
    """`kodaira-desk FILE` (a double-click) with 表示 > 言語 English kept: the box in English; the
    command line's one line stays Japanese (the CLI speaks Japanese whatever the settings say)."""
    from open_helpers import started_with

    make, ja_word, en_word = CASES[kind]
    target = make(db_path, tmp_path)
    code, boxes, _shown = started_with([str(target)], tmp_path, monkeypatch, language="en")
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and target.name in err and ja_word in err, err
    assert boxes and target.name in boxes[0] and en_word in boxes[0].lower() and _english_only(boxes[0], target), boxes


@pytest.mark.parametrize("kind", ["damaged_department", "not_sqlite"])
def test_a_file_dropped_on_an_english_window_is_said_in_english(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        kind: str) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    make, _ja, en_word = CASES[kind]
    target = make(db_path, tmp_path)
    w = window
    told = _told_in_english(w, monkeypatch)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(target))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(w, QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, buttons, keys))
    _said_in_english(qtbot, w, told, target, en_word, db_path)


@pytest.mark.parametrize("identity", [None, (APPLICATION_ID, SCHEMA_VERSION + 1)])
def test_a_server_database_not_ours_or_newer_is_said_in_english(english: None, identity: tuple[int, int] | None) -> None:
    """A master on a server refused by its identity (the window says it as File > Open does; a
    server for the whole test is tests/test_server_opening.py's)."""
    from kodaira_desk.store.database import check_identity
    from kodaira_desk.store.errors import StoreError
    from kodaira_desk.ui.domain_words import message_of

    with pytest.raises(StoreError) as refused:
        check_identity("kodaira@db.city.local", identity)
    said = message_of(refused.value)
    assert said.startswith("kodaira@db.city.local") and not JAPANESE.search(said), said
    assert ("newer version" if identity else "not a Kodaira Desk database") in said, said
    assert "kodaira@db.city.local" in refused.value.message and JAPANESE.search(refused.value.message)
