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
