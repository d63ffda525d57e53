"""`kodaira-desk handout` run again for a year (the policy division's batch file): a 課 whose file
was collected (回収済み) is skipped unless --again, one line per 課 says so; nothing written exits 1
with one line saying why (0 once a file is written, 2 when refused); a year fixed (確定) in every plan
in force is refused. Re-issued, nothing collected is lost: the values stay in the master and in the
new file, the new file's changes are merged, a later save of the old file is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from round_helpers import FARM, PROGRESS_TEXT, edit, field_value, statuses

DEPT = "産業振興課"
ROOT = Path(__file__).resolve().parents[2]


def _cli(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "kodaira_desk", "--db", str(db_path), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=240, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def test_a_collected_department_is_skipped_and_said_then_reissued_with_again_losing_nothing(
        tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "配布"
    hand_out = ["handout", "--year", "R2", "--out", str(folder), "--department", DEPT, "--yes"]
    assert _cli(db_path, *hand_out).returncode == 0
    first = folder / f"提出用_令和2年度_{DEPT}.kdesk"
    old = tmp_path / "届いた" / first.name  # mailed to the department, filled in and sent back
    old.parent.mkdir()
    old.write_bytes(first.read_bytes())
    edit(old, {FARM: "365区画", PROGRESS_TEXT: "区画を増やした。"})
    assert _cli(db_path, "collect", str(old), "--by", "政策課 山田").returncode == 0
    assert statuses(db_path, DEPT) == ["merged"]
    handed = first.read_bytes()

    again = _cli(db_path, *hand_out)
    assert again.returncode == 1, again.stdout + again.stderr  # nothing written: a batch file can tell
    skipped = [line for line in again.stdout.splitlines() if line.startswith("飛ばした課")]
    assert len(skipped) == 1 and DEPT in skipped[0] and "回収済み" in skipped[0] and first.name in skipped[0], again.stdout
    assert "--again" in skipped[0] and "残り" in skipped[0], skipped
    said = again.stderr.strip().splitlines()
    assert len(said) == 1 and "1つも作りませんでした" in said[0] and "回収済み" in said[0], again.stderr
    assert statuses(db_path, DEPT) == ["merged"] and first.read_bytes() == handed  # nothing superseded or rewritten

    made = _cli(db_path, *hand_out, "--again")
    assert made.returncode == 0, made.stderr
    assert any(line.startswith("作り直した課") and DEPT in line and "回収済み" in line
               for line in made.stdout.splitlines()), made.stdout
    assert statuses(db_path, DEPT) == ["issued", "superseded"]
    # what was collected is in the master and in the new file
    for path in (db_path, first):
        assert field_value(path, FARM) is not None and "365" in str(field_value(path, FARM))
        assert "区画を増やした" in str(field_value(path, PROGRESS_TEXT))

    edit(first, {FARM: "400区画"})  # the clerk changes one value in the new file
    assert _cli(db_path, "collect", str(first)).returncode == 0
    assert "400" in str(field_value(db_path, FARM))
    assert "区画を増やした" in str(field_value(db_path, PROGRESS_TEXT))  # untouched in the new file: kept
    edit(old, {FARM: "380区画"})  # a later save of the old, collected file
    late = _cli(db_path, "collect", str(old))
    assert late.returncode == 1 and "差し替え済み" in late.stdout, late.stdout
    assert "400" in str(field_value(db_path, FARM))


def test_handout_exits_1_when_every_department_asked_for_still_has_its_file_out(
        tmp_path: Path, db_path: Path) -> None:
    args = ["handout", "--year", "R2", "--out", str(tmp_path / "配布"), "--department", DEPT,
            "--department", "子育て支援課", "--yes"]
    assert _cli(db_path, *args[:-3], "--yes").returncode == 0  # 産業振興課 only
    some = _cli(db_path, *args)
    assert some.returncode == 0, some.stderr  # 子育て支援課 written: 0
    assert "子育て支援課\t" in some.stdout and any(
        line.startswith("飛ばした課") and DEPT in line and "配布済み" in line for line in some.stdout.splitlines())
    none = _cli(db_path, *args)
    assert none.returncode == 1, none.stdout + none.stderr
    assert len([ln for ln in none.stdout.splitlines() if ln.startswith("飛ばした課")]) == 2, none.stdout
    assert len(none.stderr.strip().splitlines()) == 1 and "1つも作りませんでした" in none.stderr, none.stderr


def test_a_year_fixed_in_every_plan_in_force_is_refused_and_nothing_written(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "配布"
    for plan in ("strategy-2015", "restructuring"):  # the plans in force in 令和2年度
        assert _cli(db_path, "round", "lock", "--plan", plan, "--year", "R2", "--force").returncode == 0
    refused = _cli(db_path, "handout", "--year", "R2", "--out", str(folder), "--yes")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "確定済み" in refused.stderr and "令和2年度" in refused.stderr and "作りませんでした" in refused.stderr
    assert not folder.exists() and statuses(db_path, DEPT) == []


def test_a_plan_fixed_for_the_year_while_another_is_not_is_handed_out_and_named(tmp_path: Path, db_path: Path) -> None:
    assert _cli(db_path, "round", "lock", "--plan", "strategy-2015", "--year", "R2", "--force").returncode == 0
    done = _cli(db_path, "handout", "--year", "R2", "--out", str(tmp_path / "配布"), "--department", DEPT, "--yes")
    assert done.returncode == 0, done.stdout + done.stderr  # its fields travel locked (docs/round-year.md)
    assert "確定済みの計画（ファイルでは入力できません）: 小平市まち・ひと・しごと創生総合戦略" in done.stdout, done.stdout
    assert statuses(db_path, DEPT) == ["issued"]
