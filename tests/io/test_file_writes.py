"""Every file the app writes goes through io/atomic.py (issue 23): beside its place, fsynced,
renamed, the folder fsynced, with the person's normal file mode (a handed-out file was once 0600).

The first test reads the package's source for other ways of writing a file; the others write
each kind of file the app makes and look at what is left on disk."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

import kodaira_desk
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.io.atomic import TMP_PREFIX, AtomicWriteError, atomic_group, normal_mode
from kodaira_desk.services.database import open_database

PACKAGE = Path(kodaira_desk.__file__).parent

# Writers that write into a path their caller got from io.atomic (store/ cannot import io/: a
# sibling layer), and the one private working copy that never becomes a file a person gets.
ALLOWED = {
    ("store/department_file.py", "open:wb"): "private_copy: the received file's working copy in a folder of its own",
    ("store/transfer.py", "shutil.copyfile"): "copy_to_file: into the path its caller took from atomic_path",
    # reads, not writes: os.open with O_RDONLY | O_NONBLOCK, so a FIFO never blocks (issue 26)
    ("store/department_file.py", "os.open"): "open_regular: a received file read without blocking",
    ("store/database.py", "os.open"): "read_header: the master's header read without blocking",
    ("cli_pipe.py", "os.open"): "the null device as stdout once a command's reader has gone (no person's file)",
    ("store/department_image.py", "open:wb"): "a department file's bytes, into the path the hand-out took "
                                              "from atomic_group",
    # a cache beside the bytecode, as Python writes its .pyc (never a person's file; lost is harmless)
    ("ui/start_costs.py", "write_bytes"): "_write: the dataclasses' compiled code kept in __pycache__",
    ("ui/start_costs.py", "os.replace"): "_write: the cache whole or not at all, as a .pyc is written",
    # a pipe between two processes, no file: the server master's first screen read by its own process
    ("services/opening.py", "os.write"): "_write_all: the first screen's rows through a pipe, not a file",
    # the recovery journal: appended line by line and fsynced as each edit is made (a whole-file
    # replace per keystroke would be the wrong tool); a line cut by a crash is ignored when read
    ("services/recovery_journal.py", "os.open"): "write_append: the journal opened for appending; "
                                                 "the window's lock file (empty, never a person's)",
    ("services/recovery_journal.py", "os.write"): "append: one edit's line",
    # the empty mark beside a department file a window has open, locked while it is (services/open_files.py)
    ("services/open_files.py", "os.open"): "hold: the mark made and locked, never a person's file",
    # an empty probe made and removed at once, to learn whether a save could be written there
    ("io/writable.py", "os.open"): "cannot_write: the folder tried with an empty file (named as the temporaries)",
    ("services/recovery_journal.py", "os.replace"): "set_aside: a damaged journal renamed, never deleted",
    # openpyxl's save with its zip closed on a failure (a133957): each caller hands it the path it
    # took from atomic_path / atomic_group (export xlsx, the plan workbook, a 課's workbook)
    ("io/xlsx_save.py", "open:wb"): "save_workbook: into its caller's atomic temporary",
}
# Screenshot makers for the documentation, not the app.
NOT_THE_APP = ("tools/",)


def _mode(call: ast.Call, position: int) -> str | None:
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        return str(call.args[position].value)
    for kw in call.keywords:
        if kw.arg == "mode" and isinstance(kw.value, ast.Constant):
            return str(kw.value.value)
    return None


def _writes(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) of every call that writes a file other than through io.atomic."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id == "open":
            mode = _mode(node, 1) or "r"
            if set(mode) & set("wax+"):
                found.append((node.lineno, f"open:{mode}"))
        elif isinstance(f, ast.Attribute):
            owner = f.value.id if isinstance(f.value, ast.Name) else ""
            if f.attr == "open" and owner not in ("sqlite3", "os", "zipfile", "tarfile"):
                mode = _mode(node, 0) or "r"
                if set(mode) & set("wax+"):
                    found.append((node.lineno, f"open:{mode}"))
            elif f.attr in ("write_bytes", "write_text") and owner != "atomic":
                found.append((node.lineno, f.attr))
            elif owner == "shutil" and f.attr in ("copyfile", "copy", "copy2", "copytree", "move", "copyfileobj"):
                found.append((node.lineno, f"shutil.{f.attr}"))
            elif owner == "os" and f.attr in ("replace", "rename", "open", "write"):
                found.append((node.lineno, f"os.{f.attr}"))
            elif owner == "tempfile" and f.attr in ("mkstemp", "NamedTemporaryFile"):
                found.append((node.lineno, f"tempfile.{f.attr}"))
            elif f.attr == "rename":
                found.append((node.lineno, "rename"))
    return found


def test_no_file_is_written_outside_io_atomic() -> None:
    stray: list[str] = []
    allowed_seen: set[tuple[str, str]] = set()
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 100
    for path in files:
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "io/atomic.py" or rel.startswith(NOT_THE_APP):
            continue
        for line, what in _writes(ast.parse(path.read_text(encoding="utf-8"))):
            if (rel, what) in ALLOWED:
                allowed_seen.add((rel, what))
            else:
                stray.append(f"{rel}:{line} {what}")
    assert stray == []
    assert allowed_seen == set(ALLOWED)  # the list holds nothing that has gone


def test_the_scan_finds_each_kind_of_write() -> None:
    code = ("open(p, 'w')\nopen(p, mode='ab')\np.open('wb')\np.write_text('x')\nshutil.copyfile(a, b)\n"
            "os.replace(a, b)\ntempfile.mkstemp()\np.rename(q)\nopen(p)\np.open()\natomic.write_text(p, 'x')\n")
    assert [w for _, w in _writes(ast.parse(code))] == [
        "open:w", "open:ab", "open:wb", "write_text", "shutil.copyfile", "os.replace", "tempfile.mkstemp", "rename"]


def _no_leftovers(folder: Path) -> None:
    assert [p.name for p in folder.rglob(f"{TMP_PREFIX}*")] == []


def _normal(path: Path) -> None:
    assert path.stat().st_mode & 0o777 == normal_mode(), path


def test_handed_out_files_have_the_normal_mode(db_path: Path, tmp_path: Path) -> None:
    from kodaira_desk.services.rounds.handout import handout

    db = open_database(db_path, create=False)
    try:
        made = handout(db, FiscalYear(2020), tmp_path / "配布", ["産業振興課"], file_format="both")
    finally:
        db.dispose()
    assert sorted(f.path.suffix for f in made) == [".kdesk", ".xlsx"]
    for f in made:
        _normal(f.path)
    _no_leftovers(tmp_path / "配布")


def test_exports_reports_and_csv_have_the_normal_mode(db_path: Path, tmp_path: Path) -> None:
    from kodaira_desk.services import board, reports
    from kodaira_desk.services.achievement import export_open_data
    from kodaira_desk.services.export import export_json
    from kodaira_desk.services.plans import load_all
    from kodaira_desk.services.workbooks import export_xlsx

    out = tmp_path / "出力"
    db = open_database(db_path, create=False)
    try:
        written = [export_xlsx(db, "strategy-2015", out / "kpi.xlsx"),
                   reports.make_report(db, "kpi", reports.ReportOptions("strategy-2015"), out / "kpi.pdf"),
                   *export_open_data(db, "strategy-2015", out / "csv"),
                   board.export_board(board.load_board(db, FiscalYear(2020)), FiscalYear(2020), out / "board.csv")]
        export_json(load_all(db), out / "all.json")
        written.append(out / "all.json")
        written.append(reports.save_previewed(out / "kpi.pdf", out / "kpi-copy.pdf"))
    finally:
        db.dispose()
    assert len(written) == 8
    for p in written:
        _normal(p)
    _no_leftovers(out)


def test_a_file_replaced_keeps_its_mode_and_a_group_leaves_nothing_on_failure(tmp_path: Path) -> None:
    from kodaira_desk.io import atomic

    kept = tmp_path / "shared.csv"
    atomic.write_text(kept, "a")
    kept.chmod(0o664)
    atomic.write_text(kept, "b")
    assert kept.read_text() == "b" and kept.stat().st_mode & 0o777 == 0o664

    first, second = tmp_path / "one.kdesk", tmp_path / "two.kdesk"
    with pytest.raises(RuntimeError), atomic_group() as files:
        with files.path(first) as tmp:
            tmp.write_bytes(b"1")
        raise RuntimeError("the transaction failed")
    assert not first.exists() and not second.exists()
    _no_leftovers(tmp_path)
    with atomic_group() as files:
        for p in (first, second):
            with files.path(p) as tmp:
                tmp.write_bytes(p.name.encode())
    assert first.read_bytes() == b"one.kdesk" and second.read_bytes() == b"two.kdesk"
    _normal(first)
    _no_leftovers(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_an_unwritable_folder_names_the_file(tmp_path: Path) -> None:
    from kodaira_desk.io import atomic

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(AtomicWriteError) as caught:
            atomic.copy_file(Path(__file__), folder / "copy.py")
        assert "copy.py" in caught.value.message and "権限" in caught.value.message
    finally:
        folder.chmod(0o755)


def test_a_file_is_synced_through_a_handle_that_may_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.fsync is FlushFileBuffers on Windows, which refuses a read-only handle: every file synced
    is opened for writing, before it is made read-only (a received copy: 0444, a file replacing a
    read-only one); a folder still opens read-only (POSIX). Checked on each road: one file, a file
    moved into place, a group."""
    import threading

    from kodaira_desk.io import atomic

    seen: list[tuple[str, str]] = []  # (what, name) in the order it happened
    lock = threading.Lock()
    real_open, real_chmod = os.open, os.chmod

    def spy_open(path, flags, *args):  # type: ignore[no-untyped-def]
        p = Path(path)
        with lock:
            if p.is_dir():
                seen.append(("dir-rdonly" if flags & (os.O_WRONLY | os.O_RDWR) == 0 else "dir-write", p.name))
            else:
                seen.append(("open-write" if flags & (os.O_WRONLY | os.O_RDWR) else "open-rdonly", p.name))
        return real_open(path, flags, *args)

    def spy_chmod(path, mode, *args, **kw):  # type: ignore[no-untyped-def]
        with lock:
            seen.append((f"chmod-{mode:o}", Path(path).name))
        return real_chmod(path, mode, *args, **kw)

    monkeypatch.setattr(atomic.os, "open", spy_open)
    monkeypatch.setattr(atomic.os, "chmod", spy_chmod)
    received = tmp_path / "受信" / "提出用_令和8年度_道路課.kdesk"
    atomic.write_bytes(received, b"kept", mode=0o444)
    working = tmp_path / "受信" / "working.part"
    working.write_bytes(b"moved")
    atomic.move_into_place(working, tmp_path / "受信" / "moved.kdesk", mode=0o444)
    shared = tmp_path / "shared.csv"
    real_open(shared, os.O_WRONLY | os.O_CREAT, 0o444)  # an earlier version, read-only
    with atomic_group() as files, files.path(shared) as tmp:
        tmp.write_bytes(b"group")
    assert received.read_bytes() == b"kept" and received.stat().st_mode & 0o777 == 0o444
    assert shared.read_bytes() == b"group" and shared.stat().st_mode & 0o777 == 0o444
    synced = [(what, name) for what, name in seen if what.startswith(("open", "chmod"))]
    assert {what for what, _ in synced if what.startswith("open")} == {"open-write"}, seen  # mkstemp's too
    for what, name in synced:  # each file's sync comes before its mode
        if what.startswith("chmod"):
            assert ("open-write", name) in synced[:synced.index((what, name))], seen
    assert {what for what, _ in seen if what.startswith("dir")} == {"dir-rdonly"}, seen
