"""The city merges 地域安全課 and 防災危機管理課 into 危機管理課 from 令和8年度 while that year's files are out
(`plan reorganise merge --year R8`), and hands out to 危機管理課 (`handout --year R8`: one new file). The
round now counts 11 課 handed out, the two 課 that no longer exist still 未返却 for ever, and `round remind`
writes 催促 mails to them too — asking 課 that are gone for files whose values would be taken as 担当外."""

from __future__ import annotations

from pathlib import Path

from tdiv_round import next_program_handed_out, run


def test_departments_merged_away_are_not_reminded(db_path: Path, tmp_path: Path) -> None:
    next_program_handed_out(db_path, tmp_path / "配布")
    done = run("--db", str(db_path), "plan", "reorganise", "merge", "--year", "R8", "--from", "地域安全課、防災危機管理課",
               "--to", "危機管理課", "--by", "政策課 山田", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run("--db", str(db_path), "handout", "--year", "R8", "--out", str(tmp_path / "配布"), cwd=tmp_path)
    assert done.returncode == 0 and "危機管理課" in done.stdout, done.stdout + done.stderr
    assert "差し替えた課: 地域安全課" in done.stdout and "差し替えた課: 防災危機管理課" in done.stdout, done.stdout

    mails = tmp_path / "催促"
    done = run("--db", str(db_path), "round", "remind", "--year", "R8", "--out", str(mails), cwd=tmp_path)
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    written = sorted(p.name for p in mails.glob("*.eml"))
    assert "催促_令和8年度_危機管理課.eml" in written, written
    assert not [n for n in written if "地域安全課" in n or "防災危機管理課" in n], written
