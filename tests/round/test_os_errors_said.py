"""What tester2 found running the command line as a batch file would (session 2026-12-07): a
traceback on a full disk, the operating system's English inside Japanese messages, and a returned
file that cannot be read blamed on the receipts folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from test_tester2_batch_cli import _department_file

from kodaira_desk.cli import main

ROOT = Path(__file__).resolve().parents[2]
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command as a batch file runs it: its own process, its exit status and both streams."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kodaira_desk", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_plan_export_on_a_full_disk_says_so_without_a_traceback(db_path: Path, small_disk: Path) -> None:
    """On a full disk `plan export` said 「ディスクの空きが足りない」 and then printed Python's
    「Exception ignored in: <function ZipFile.__del__ …> Traceback …」 (the workbook left open)."""
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    (small_disk / "filler").write_bytes(b"\0" * max(free - 8192, 0))
    out = small_disk / "計画.xlsx"
    done = _run("--db", str(db_path), "plan", "export", "--plan", "program-2021", "--out", str(out),
                cwd=db_path.parent)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "ディスクの空き" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert not out.exists()


def test_the_operating_system_s_errors_are_said_in_japanese(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """「adir: 書き込めませんでした（Is a directory）」「run.sh: 書き込めませんでした（File exists）」:
    the OS's English words inside the Japanese messages of report, plan export, export json, export
    csv and round remind. Each message names the folder or the file in the way."""
    folder = tmp_path / "フォルダ"
    folder.mkdir()
    a_file = tmp_path / "ファイル.txt"
    a_file.write_text("x", encoding="utf-8")
    db_path_s = str(db_path)
    cases = [
        (["report", "program-year", "--plan", "program-2021", "--as-of", "R3", "--out", str(folder)], folder),
        (["plan", "export", "--plan", "program-2021", "--out", str(folder)], folder),
        (["export", "json", "--out", str(folder)], folder),
        (["export", "csv", "--plan", "program-2021", "--out", str(a_file)], a_file),
        (["round", "remind", "--year", "R2", "--out", str(a_file)], a_file),
    ]
    english: list[str] = []
    for args, named in cases:
        rc = main(["--db", db_path_s, *args])
        said = capsys.readouterr()
        assert rc == 2 and str(named) in said.err, (args, said.err)
        text = (said.out + said.err).replace(str(named), "").replace("program-2021", "")
        english += [f"{args[0]}: {text.strip()}" for _ in ASCII_WORD.findall(text)[:1]]
    assert english == []


def test_a_returned_file_that_cannot_be_read_is_said_by_its_name_in_japanese(db_path: Path) -> None:
    """A returned file the person may not read (chmod 000, another account's) was refused as
    「受け取ったファイルをコピーできません（…-受領ファイル: Permission denied）」: the receipts folder
    named (writable), not the file, and the OS's English. Run as nobody (root reads every file)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root to run the command as another account")
    probe = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                            "import kodaira_desk.cli"], cwd="/", capture_output=True, text=True, timeout=120,
                           check=False, env=dict(os.environ, PYTHONPATH=str(ROOT), HOME="/tmp"))
    if probe.returncode != 0:  # a checkout under /root (0700), as CI's: the other account cannot run it
        pytest.skip("the account 65534 cannot import this checkout (its folder is not readable to others)")
    place = Path(tempfile.mkdtemp(prefix="tester2-perm-", dir="/tmp"))
    try:
        place.chmod(0o777)
        clerk = _department_file(db_path, place / "配布")
        master = place / "親.sqlite"
        shutil.copyfile(db_path, master)
        unreadable = place / "届いた 提出用.kdesk"
        shutil.copyfile(clerk, unreadable)
        unreadable.chmod(0o000)
        for p in (master, place / "配布"):
            os.chown(p, 65534, 65534)
        env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(place))
        done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
                               "-m", "kodaira_desk", "--db", str(master), "collect", str(unreadable)],
                              cwd=place, env=env, capture_output=True, text=True, timeout=300, check=False)
        said = done.stdout + done.stderr
        line = next(t for t in said.splitlines() if unreadable.name in t)
        assert done.returncode == 1 and "Traceback" not in said, said
        assert "受領ファイル" not in line and "読" in line, line  # the file cannot be read, not the folder
        rest = line.replace(unreadable.name, "").replace("[unreadable]", "")
        assert not ASCII_WORD.findall(rest), line
    finally:
        subprocess.run(["chmod", "-R", "u+rwX", str(place)], check=False)
        shutil.rmtree(place, ignore_errors=True)
