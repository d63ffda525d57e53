"""`kodaira-desk` and `kodaira-desk --db PATH` open the window without building the parser of every
command (start-up time, issue 18); the fast path must read exactly what the full parser reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from kodaira_desk.cli import _parser, window_only


@pytest.mark.parametrize("argv", [[], ["--db", "市.sqlite"], ["--db=市.sqlite"], ["--db", "/tmp/a b/x.db"],
                                  ["--db", "postgresql://seisaku@db.city.local/kodaira"],
                                  ["--db=postgresql:///kodaira?host=/run/postgresql"]])
def test_the_window_only_forms_read_as_the_parser_reads_them(argv: list[str]) -> None:
    fast = window_only(argv)
    assert fast is not None
    args = _parser().parse_args(argv)
    assert args.command is None and fast == (args.db,)


@pytest.mark.parametrize("argv", [["plans"], ["--db", "x.sqlite", "plans"], ["gui", "--department", "道路課"],
                                  ["--version"], ["--db"], ["--db", "--version"], ["--db="], ["-h"]])
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert window_only(argv) is None


def test_the_fast_path_keeps_the_path_as_typed() -> None:
    assert window_only(["--db", "データ/小平.sqlite"]) == (Path("データ/小平.sqlite"),)


@pytest.mark.parametrize("form", ["before", "after", "equals"])
def test_a_file_beside_db_is_said_not_taken_for_a_command(tmp_path: Path, form: str,  # the tester's 「c1.kdesk」はありません
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from kodaira_desk.cli import main

    file = tmp_path / "c1.kdesk"
    file.write_bytes(b"")  # it exists: argparse called it no command
    db = str(tmp_path / "m.sqlite")
    argv = {"before": ["--db", db, str(file)], "after": [str(file), "--db", db], "equals": [f"--db={db}", str(file)]}[form]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--db" in err and "同時に指定できません" in err and str(file) in err and db in err, err
    assert "はありません" not in err and "Traceback" not in err
    assert not Path(db).exists()  # nothing was made
