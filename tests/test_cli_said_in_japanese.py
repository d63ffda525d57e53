"""What the tester found at the command line: a reversed --years range was taken (exit 0, a report of
no year); a damaged returned file was refused with SQLite's English in the message."""

from __future__ import annotations

import re
from pathlib import Path

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.handout import handout

ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


def test_a_reversed_years_range_is_refused_in_japanese(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "進捗.pdf"
    assert main(["--db", str(db_path), "report", "progress", "--plan", "strategy-2015", "--years", "R2-H28",
                 "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("エラー: --years の範囲が逆です: R2-H28") and "H28-R2" in err
    assert not out.exists()
    assert main(["--db", str(db_path), "report", "progress", "--plan", "strategy-2015", "--years", "H28-R2",
                 "--out", str(out)]) == 0
    assert out.exists()


def test_a_damaged_returned_file_is_refused_in_japanese_only(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    try:
        path = handout(db, FiscalYear(2020), tmp_path / "handout", ["産業振興課"])[0].path
    finally:
        db.dispose()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:page * 40] = b"\xa5" * (page * 39)  # pages overwritten in the middle (the size is right)
    path.write_bytes(bytes(data))
    main(["--db", str(db_path), "collect", str(path)])
    said = capsys.readouterr()
    line = next(t for t in (said.out + said.err).splitlines() if path.name in t)
    assert "壊れて" in line or "開けません" in line, line
    assert not ASCII_WORD.findall(line.replace(path.name, "").replace("[corrupt]", "")), line


def test_the_command_line_speaks_japanese_whatever_lang_says_and_the_readme_says_so(tmp_path: Path) -> None:
    """English is the window's (表示 > 言語); the command line's help and errors stay Japanese under an
    English locale, as the README tells the person who reads it."""
    import os
    import subprocess
    import sys

    import kodaira_desk

    root = Path(kodaira_desk.__file__).resolve().parents[1]
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8", LANGUAGE="en", PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-m", "kodaira_desk", "--db", str(tmp_path / "無い.sqlite"), "plans"],
                          capture_output=True, text=True, timeout=120, check=False, env=env)
    assert done.returncode == 2 and done.stderr.startswith("エラー: データベースが見つかりません"), done.stderr
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert re.search(r"command line speaks Japanese whatever `LANG` says.*English is the window's.*表示 > 言語",
                     readme), "README: the command line's language"
