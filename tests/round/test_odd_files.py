"""Files that are not what their names say (issue 26): a FIFO, a folder, a device or a socket named
.kdesk or .xlsx is refused at once from its status, never opened (reading a FIFO waits for ever);
a received file is opened without blocking even if it became a FIFO after it was looked at; a full
disk leaves no partial copy in 受領ファイル; a master that cannot be read says so (not 書き込み).

The collections that meet a FIFO run in a subprocess with a time-out: a regression fails the test,
it cannot hang the suite."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from round_helpers import FARM, R2, edit, export, field_value
from workbook_helpers import INDICATORS, clerk_edit, hand_out

from kodaira_desk.cli import main
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.store.department_file import FileRefused, open_regular

ROOT = Path(__file__).resolve().parents[2]
FARM_ACTUAL = (INDICATORS, "市内体験農園の区画数", "令和2年度 実績")


def _cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kodaira_desk.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.fixture
def odd(tmp_path: Path) -> dict[str, Path]:
    """Odd things with a returned file's name."""
    folder = tmp_path / "届いたファイル"
    folder.mkdir()
    out = {}
    for name in ("fifo.kdesk", "fifo.xlsx"):
        os.mkfifo(folder / name)
        out[name] = folder / name
    (folder / "folder.kdesk").mkdir()
    out["folder.kdesk"] = folder / "folder.kdesk"
    (folder / "zero.xlsx").symlink_to("/dev/zero")  # a device that never ends
    out["zero.xlsx"] = folder / "zero.xlsx"
    (folder / "link-to-fifo.xlsx").symlink_to(folder / "fifo.xlsx")
    out["link-to-fifo.xlsx"] = folder / "link-to-fifo.xlsx"
    sock = folder / "s.kdesk"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(sock))
        out["s.kdesk"] = sock
    except OSError:  # a path too long for a socket: the others say enough
        pass
    finally:
        server.close()
    return out


def test_fifos_folders_and_devices_are_refused_at_once_and_the_others_merge(db_path: Path, tmp_path: Path,
                                                                            odd: dict[str, Path]) -> None:
    books = hand_out(db_path, tmp_path / "配布", ["産業振興課"])
    good = clerk_edit(books["産業振興課"], {FARM_ACTUAL: 365})
    before = export(db_path)
    done = _cli("--db", str(db_path), "collect", *[str(p) for p in odd.values()], str(good))
    out = done.stdout + done.stderr
    assert "Traceback" not in out
    assert done.returncode == 1, out
    for name in odd:
        line = next(ln for ln in done.stdout.splitlines() if ln.startswith(f"× {name}:"))
        assert line.endswith("[not_regular]") and "通常のファイルではありません" in line, line
        # a FIFO or a device would block if read; a folder would not, it is only not the file
        assert ("読むと止まってしまう" in line) == ("フォルダです" not in line), line
    assert any(ln.startswith(f"○ {good.name}:") for ln in done.stdout.splitlines()), done.stdout
    assert field_value(db_path, FARM) == "365区画" and export(db_path) != before
    # nothing was kept of them, nothing left behind
    kept = list((db_path.parent / f"{db_path.stem}-受領ファイル").iterdir())
    assert len(kept) == 1 and kept[0].name.endswith(good.name)


def test_a_fifo_as_the_master_is_refused_at_once(tmp_path: Path) -> None:
    master = tmp_path / "master.sqlite"
    os.mkfifo(master)
    done = _cli("--db", str(master), "collect", str(tmp_path / "x.xlsx"), timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
    assert "データベースのファイルではありません" in done.stderr and str(master) in done.stderr


def test_a_received_file_that_became_a_fifo_is_opened_without_blocking(tmp_path: Path) -> None:
    """Between the look at its status and the open, a file may be replaced by a FIFO: the open does
    not wait for a writer, and the file is refused once open."""
    fifo = tmp_path / "late.xlsx"
    os.mkfifo(fifo)
    result: list[object] = []

    def run() -> None:
        try:
            open_regular(fifo)
        except FileRefused as exc:
            result.append(exc)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(30)
    if t.is_alive():  # unblock it, so that the suite goes on, then fail
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("opening a FIFO blocked")
    (exc,) = result
    assert isinstance(exc, FileRefused) and exc.code == "not_regular" and "late.xlsx" in exc.message


def test_the_unreadable_master_says_it_could_not_read(db_path: Path, tmp_path: Path) -> None:
    """The master's file cannot be read by this account: the message says 読む, not 書き込み."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run as another account")
    probe = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                            "import kodaira_desk.cli"], cwd="/", capture_output=True, text=True, timeout=120,
                           check=False, env={**os.environ, "HOME": str(tmp_path)})
    if probe.returncode != 0:  # a checkout under /root (0700): the other account cannot run the program
        pytest.skip("the account 65534 cannot import this checkout (its folder is not readable to others)")
    db_path.chmod(0o600)
    for p in (tmp_path, *tmp_path.parents):
        if p == Path("/"):
            break
        p.chmod(p.stat().st_mode | 0o055)
    done = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m",
                           "kodaira_desk.cli", "--db", str(db_path), "collect", str(tmp_path / "x.xlsx")],
                          cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
                          env={**os.environ, "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"})
    err = done.stdout + done.stderr
    assert done.returncode == 2 and "Traceback" not in err, err
    assert "データベースを読む権限がありません" in err and "書き込み" not in err and str(db_path) in err


def test_a_folder_as_the_master_is_not_a_write_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "master.sqlite").mkdir()
    assert main(["--db", str(tmp_path / "master.sqlite"), "collect", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "フォルダです" in err and "書き込" not in err


# ---------------------------------------------------------------- a full disk
def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_a_full_disk_leaves_no_partial_copy_of_any_received_file(db_path: Path, tmp_path: Path, small_disk: Path,
                                                                  capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    (kdesk,) = handout(db, R2, tmp_path / "配布k", ["産業振興課"])
    db.dispose()
    edit(kdesk.path, {FARM: "365区画"})
    book = clerk_edit(hand_out(db_path, tmp_path / "配布x", ["子育て支援課"])["子育て支援課"],
                      {(INDICATORS, "児童館の利用者数", "令和2年度 実績"): 36000})
    master = small_disk / "master.sqlite"
    shutil.copyfile(db_path, master)
    before = export(master)
    sources = {_digest(p) for p in (kdesk.path, book)}
    rc = main(["--db", str(master), "collect", str(kdesk.path), str(book)])
    out = capsys.readouterr()
    text = out.out + out.err
    assert rc in (1, 2) and "Traceback" not in text
    assert "ディスクの空き" in text and (kdesk.path.name in text or book.name in text)
    assert export(master) == before
    received = small_disk / "master-受領ファイル"
    leftovers = [p.name for p in small_disk.rglob("*") if p.name.startswith((".kd-tmp-", "kd-received-"))]
    assert leftovers == []
    for p in received.iterdir() if received.exists() else []:
        assert p.is_file() and _digest(p) in sources, f"a partial copy: {p.name} ({p.stat().st_size} bytes)"
    # the workbook's copy fitted and is kept whole; the .kdesk's did not, and nothing of it is left
    assert "拒否 2 件" in text
    assert sorted(_digest(p) for p in received.iterdir()) == [_digest(book)]
