"""The division removes an indicator from the next program while the 令和8年度 files are out (計画の
編集 > 指標を削除: 相談窓口の認知度 is dropped mid-year); 防災危機管理課 returns its file with that
indicator and another one filled in. `collect` refused the whole file (「親データベースにない項目に値
があります（value:program-2025:p7.k3:actual:2026:）。取り込みません。」): the 自主防災組織の組織数 the clerk
typed is not taken, the only way on is a new file the clerk fills in again, and the message names an
internal key instead of the indicator."""

from __future__ import annotations

from pathlib import Path

from tdiv_round import NEXT, clerk_saves, master_text, next_program_handed_out, run, value

from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_editing.indicators import remove_indicator
from kodaira_desk.services.rounds.common import RoundError
from kodaira_desk.services.rounds.conflicts import open_conflicts, resolve


def test_a_file_with_a_value_for_an_indicator_removed_since_is_still_taken(db_path: Path, tmp_path: Path) -> None:
    files = next_program_handed_out(db_path, tmp_path / "配布")
    returned = files["防災危機管理課"]
    clerk_saves(returned, {value("p7.k1"): "120", value("p7.k3"): "45%"})
    db = open_database(db_path, create=False)
    try:  # 計画の編集 > 指標を削除, as the plan editor's button does
        remove_indicator(db, NEXT, "p7.k3", actor="政策課 山田")
    finally:
        db.dispose()

    done = run("--db", str(db_path), "collect", str(returned), "--by", "政策課 山田", cwd=tmp_path)
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    assert "value:program-2025" not in said, said  # the indicator by its name, not by an internal key
    assert master_text(db_path, "p7.k1") == "120", said  # the rest of the clerk's work is not lost
    assert "相談窓口の認知度の割合（世論調査） 令和8年度 実績" in said, said  # held for a person, by the name it had
    assert master_text(db_path, "p7.k3") is None, said

    db = open_database(db_path, create=False)
    try:  # 要確認, listed by its name; 課の値 cannot be written where the plan has no place for it
        held = [c for c in open_conflicts(db) if c.kind == "removed"]
        assert [(c.label, c.department_value) for c in held] == [("相談窓口の認知度の割合（世論調査） 令和8年度 実績", "45%")]
        try:
            resolve(db, held[0].id, "take", actor="政策課 山田")
        except RoundError as exc:
            assert "相談窓口の認知度" in exc.message
        else:
            raise AssertionError("a value written for a removed indicator")
        resolve(db, held[0].id, "keep", actor="政策課 山田")
        assert not [c for c in open_conflicts(db) if c.kind == "removed"]
    finally:
        db.dispose()
