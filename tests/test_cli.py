"""The command line: `kodaira-desk [--db PATH] COMMAND`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kodaira_desk.cli import main


def test_plans_lists_ids_and_titles(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(db_path), "plans"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "strategy-2015\t小平市まち・ひと・しごと創生総合戦略" in lines
    assert "program-2021\t中期的な施策の取組方針・実行プログラム" in lines
    assert len(lines) == 3


def test_plans_lists_the_plan_in_force_first(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`plan copy` of the program for 令和7～10年度 (the year the city is in: 令和8年度): the new period
    is listed first, as the window lists it, not after the plans that ended."""
    from datetime import date

    from kodaira_desk.domain.fiscal_year import FiscalYear

    reiwa = FiscalYear.of(date.today()).year - 2018  # 8 in 令和8年度: a period around the year the city is in
    assert main(["--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                 "--period", f"R{reiwa - 1}-R{reiwa + 2}"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "plans"]) == 0
    ids = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert ids == ["program-2025", "strategy-2015", "program-2021", "restructuring"]


def test_export_json(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "city.json"
    assert main(["--db", str(db_path), "export", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "kodaira-desk-export"
    assert len(data["data_version"]) == 12
    titles = [n["appearances"][-1]["title"] for p in data["plans"] for n in p["nodes"]]
    assert "子育て中の女性の就労促進" in titles


def test_default_database_is_created_per_user(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # conftest points KODAIRA_DESK_DATA_DIR into tmp_path
    assert main(["plans"]) == 0
    assert (tmp_path / "userdata" / "kodaira-desk.sqlite").exists()
    assert "restructuring" in capsys.readouterr().out


def test_missing_database_is_a_clear_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(tmp_path / "nope.sqlite"), "plans"]) == 2
    assert "データベースが見つかりません" in capsys.readouterr().err


def test_foreign_file_is_a_clear_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "book.xlsx"
    f.write_bytes(b"PK\x03\x04" + b"\0" * 300)
    assert main(["--db", str(f), "plans"]) == 2
    assert "Kodaira Desk のデータベースではありません" in capsys.readouterr().err


def test_console_script_and_module_run(db_path: Path) -> None:
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-m", "kodaira_desk", "--db", str(db_path), "plans"],
                         capture_output=True, text=True, env=env, check=True)
    assert out.stdout.startswith("strategy-2015\t")


def test_a_truncated_database_is_named_and_said_to_be_cut(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A department file cut short on its way (a mail, a USB stick) is refused by name, before any read."""
    cut = db_path.with_name("提出用 市民課.kdesk")
    cut.write_bytes(db_path.read_bytes()[:40_960])
    assert main(["--db", str(cut), "plans"]) == 2
    err = capsys.readouterr().err
    assert "提出用 市民課.kdesk" in err and "途中で切れて" in err
    assert "Error" not in err


def test_a_database_damaged_inside_is_named(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Pages overwritten in the middle (the size is right): SQLite's "malformed" becomes a message naming the file."""
    data = bytearray(db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:page * 40] = b"\xa5" * (page * 39)  # the schema's pages and the first tables'
    db_path.write_bytes(bytes(data))
    assert main(["--db", str(db_path), "plans"]) == 2
    err = capsys.readouterr().err
    assert db_path.name in err and "壊れて" in err and "バックアップはまだない" in err  # no collection made one yet
    assert "Error" not in err and "malformed" not in err
    (db_path.parent / f"{db_path.stem}-バックアップ").mkdir()  # where a collection keeps its copies
    assert main(["--db", str(db_path), "plans"]) == 2
    assert f"「{db_path.stem}-バックアップ」" in capsys.readouterr().err


def test_a_zip_that_is_no_workbook_is_refused_without_a_python_word(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A .kdesk that is a zip with a workbook's name in it but no workbook: refused by name, and the
    clerk's message says what is wrong in words, not 「（KeyError）」."""
    import re
    import zipfile

    fake = tmp_path / "提出 市民課.kdesk"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert main(["--db", str(db_path), "collect", str(fake)]) != 0
    said = capsys.readouterr()
    text = said.out + said.err
    assert "提出 市民課.kdesk" in text and "ブックの中身が読めません" in text
    assert not re.search(r"[A-Z][a-z]+(Error|Exception)", text), text
