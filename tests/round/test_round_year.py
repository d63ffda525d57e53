"""The round as a year runs (issue 24), through the services and the command line, on both backends:
a deadline and the board that counts it, reminders as .eml drafts read back, the department head's
check, the division's lock and corrections, next year's file started from this year's texts."""

from __future__ import annotations

import datetime
import email
import json
from email import policy
from pathlib import Path

import pytest
from round_helpers import FARM, HALL, PROGRESS_STATUS, PROGRESS_TEXT, R2, S, edit, field_value

from kodaira_desk.cli import main
from kodaira_desk.domain.round_year import YearLockedError
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ProgressField, content_of, key_of
from kodaira_desk.services.rounds import overview as overview_service
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.common import RoundError
from kodaira_desk.services.rounds.conflicts import open_conflicts, resolve
from kodaira_desk.services.rounds.status import round_status

DEPTS = ["産業振興課", "子育て支援課", "都市計画課"]
LAST_YEAR_TEXT = ProgressField(S, "g1.a1.m2", 2019, "narrative")  # 産業振興課's measure, the year before
CARRIED = "・市内農業者と連携し、体験農園の区画を維持しました。\n・農業まつりを開催しました。"


def _open(master: Path | str):  # type: ignore[no-untyped-def]
    return open_database(master, create=False)


def _on(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    monkeypatch.setattr(overview_service, "today", lambda: day)


def _hand_out(master: Path | str, folder: Path, *args: str) -> dict[str, Path]:
    assert main(["--db", str(master), "handout", "--year", "R2", "--out", str(folder),
                 *[a for d in DEPTS for a in ("--department", d)], *args]) == 0
    return {p.name.split("_")[2].removesuffix(".kdesk"): p for p in folder.glob("*.kdesk")}


def _addresses(master: Path | str) -> None:
    from kodaira_desk.domain.departments import Department
    from kodaira_desk.services.plan_editing import save_department

    db = _open(master)
    for name, address in (("産業振興課", "sangyo@city.kodaira.lg.jp"), ("子育て支援課", "kosodate@city.kodaira.lg.jp"),
                          ("政策課", "seisaku@city.kodaira.lg.jp")):
        save_department(db, Department(name, email=address), actor="政策課 山田")
    db.dispose()


# --------------------------------------------------------------------------- deadline and the board


def test_a_deadline_is_set_with_the_handout_and_the_board_counts_the_days(
        master: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    files = _hand_out(master, tmp_path / "配布", "--deadline", "2027-05-31")
    edit(files["産業振興課"], {FARM: "365区画"})
    db = _open(master)
    collect(db, [files["産業振興課"]], actor="政策課 山田")
    db.dispose()
    _on(monkeypatch, datetime.date(2026, 12, 6))
    capsys.readouterr()
    assert main(["--db", str(master), "round", "status", "--year", "R2"]) == 1  # two still out
    out = capsys.readouterr().out
    assert "提出期限: 令和9年5月31日（月）（2027-05-31）　あと 176 日" in out
    assert "期限超過" not in out
    _on(monkeypatch, datetime.date(2027, 6, 3))
    assert main(["--db", str(master), "round", "status", "--year", "R2", "--json"]) == 1
    board = json.loads(capsys.readouterr().out)
    assert board["deadline"] == "2027-05-31" and board["days_left"] == -3
    assert board["overdue"] == ["子育て支援課", "都市計画課"] and board["missing"] == ["子育て支援課", "都市計画課"]
    assert board["unfilled"] == []
    sangyo = next(d for d in board["departments"] if d["department"] == "産業振興課")
    assert sangyo["overdue"] is False and sangyo["last_return"]["revision"] == 1
    assert sangyo["last_return"]["saved_by"] == "テスト"  # the clerk who saved the file (round_helpers.edit)
    assert main(["--db", str(master), "round", "status", "--year", "R2"]) == 1
    text = capsys.readouterr().out
    assert "提出期限: 令和9年5月31日（月）（2027-05-31）　期限を 3 日過ぎています" in text
    assert "×\t子育て支援課\t未返却\t返却なし\t期限超過" in text
    assert "○\t産業振興課\t取込済\t第1版" in text and "テスト" in text


def test_the_board_counts_a_file_returned_untouched_as_unfilled_not_as_missing(
        master: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    files = _hand_out(master, tmp_path / "配布", "--deadline", "2027-05-31")
    edit(files["産業振興課"], {FARM: "365区画"})
    capsys.readouterr()
    assert main(["--db", str(master), "collect", str(files["産業振興課"]), str(files["子育て支援課"])]) == 1
    out = capsys.readouterr().out  # 子育て支援課's file was never saved
    assert "未返却: 都市計画課\n未記入: 子育て支援課\n" in out
    _on(monkeypatch, datetime.date(2026, 12, 6))
    assert main(["--db", str(master), "round", "status", "--year", "R2"]) == 1  # one out, one owed
    text = capsys.readouterr().out
    assert "配布 3 課　取込済 1　未返却 1（都市計画課）　未記入 1（子育て支援課）" in text
    assert main(["--db", str(master), "round", "status", "--year", "R2", "--json"]) == 1
    board = json.loads(capsys.readouterr().out)
    assert board["missing"] == ["都市計画課"] and board["unfilled"] == ["子育て支援課"]


def test_the_deadline_travels_in_the_file_and_in_the_workbook(master: Path | str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from kodaira_desk.services.rounds.submission import file_round

    assert main(["--db", str(master), "handout", "--year", "R2", "--out", str(tmp_path), "--format", "both",
                 "--department", "産業振興課", "--deadline", "令和9年5月31日", "--head-check"]) == 0
    db = _open(tmp_path / "提出用_令和2年度_産業振興課.kdesk")
    known = file_round(db)
    db.dispose()
    assert known.deadline == "2027-05-31" and known.head_check_required
    wb = load_workbook(tmp_path / "提出用_令和2年度_産業振興課.xlsx")
    assert wb.worksheets[0]["A2"].value == "提出期限: 令和9年5月31日（月）"


def test_a_deadline_that_is_no_date_is_refused_by_the_cli_without_a_traceback(master: Path | str, tmp_path: Path,
                                                                                capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(master), "handout", "--year", "R2", "--out", str(tmp_path), "--deadline", "5月末"]) == 2
    err = capsys.readouterr().err
    assert "提出期限として読めない日付です: 「5月末」" in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.kdesk"))


# --------------------------------------------------------------------------- reminders


def test_two_late_departments_get_drafts_that_read_back(master: Path | str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    _addresses(master)
    files = _hand_out(master, tmp_path / "配布", "--deadline", "2027-05-31")
    edit(files["産業振興課"], {FARM: "365区画"})
    db = _open(master)
    collect(db, [files["産業振興課"]])
    db.dispose()
    _on(monkeypatch, datetime.date(2027, 6, 3))
    capsys.readouterr()
    assert main(["--db", str(master), "round", "remind", "--year", "R2", "--out", str(tmp_path / "催促"),
                 "--attach"]) == 0
    out = capsys.readouterr().out
    drafts = sorted((tmp_path / "催促").glob("*.eml"))
    assert [p.name for p in drafts] == ["催促_令和2年度_子育て支援課.eml", "催促_令和2年度_都市計画課.eml"]
    assert "都市計画課 のメールアドレスが課の一覧にありません" in out
    raw = drafts[0].read_bytes()
    assert raw.isascii() and b"\r\n" in raw  # RFC 5322: 7-bit, CRLF lines
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == "【催促】令和2年度 進捗状況・指標実績の提出について（子育て支援課）"
    assert msg["To"].addresses[0].addr_spec == "kosodate@city.kodaira.lg.jp"
    assert msg["To"].addresses[0].display_name == "子育て支援課"
    assert msg["From"].addresses[0].addr_spec == "seisaku@city.kodaira.lg.jp"
    assert msg["X-Unsent"] == "1" and msg["Date"] and msg["Message-ID"]
    text = msg.get_body(("plain",)).get_content()
    assert "提出期限: 令和9年5月31日（月）（期限を 3 日過ぎています）" in text
    assert "まだ提出を確認できていません（未返却）" in text
    (part,) = list(msg.iter_attachments())
    assert part.get_filename() == "提出用_令和2年度_子育て支援課.kdesk"
    assert part.get_content() == files["子育て支援課"].read_bytes()
    city = email.message_from_bytes(drafts[1].read_bytes(), policy=policy.default)
    assert city["To"] is None and city["Subject"].endswith("（都市計画課）")


def test_a_department_with_a_check_missing_is_reminded_without_its_file(master: Path | str, tmp_path: Path) -> None:
    _addresses(master)
    files = _hand_out(master, tmp_path / "配布", "--head-check")
    edit(files["産業振興課"], {FARM: "365区画"})
    db = _open(master)
    collect(db, [files["産業振興課"]])
    from kodaira_desk.services.rounds.reminders import make_reminders

    made = {r.department: r for r in make_reminders(db, R2, tmp_path / "催促", ["産業振興課"], attach=True)}
    db.dispose()
    assert made["産業振興課"].attached is None
    msg = email.message_from_bytes(made["産業振興課"].path.read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()
    assert "要確認: 課長確認なし" in text and "課長の確認を受けてから" in text
    assert not list(msg.iter_attachments())


def test_a_reminder_names_a_department_not_handed_out(master: Path | str, tmp_path: Path) -> None:
    from kodaira_desk.services.rounds.reminders import make_reminders

    _hand_out(master, tmp_path / "配布")
    db = _open(master)
    with pytest.raises(RoundError) as told:
        make_reminders(db, R2, tmp_path, ["存在しない課"])
    db.dispose()
    assert "存在しない課" in told.value.message


# --------------------------------------------------------------------------- the head's check


def test_a_file_without_the_required_check_is_held_and_accepted_by_a_person(master: Path | str, tmp_path: Path) -> None:
    files = _hand_out(master, tmp_path / "配布", "--head-check")
    edit(files["産業振興課"], {FARM: "365区画"})
    db = _open(master)
    outcome = collect(db, [files["産業振興課"]]).outcomes[0]
    assert outcome.code == "needs_review" and outcome.flags == ("no_head_check",)
    assert "課長確認がありません" in outcome.message
    assert field_value(master, FARM) == "365区画"  # merged, flagged
    state = {s.department: s for s in round_status(db, R2)}["産業振興課"]
    assert state.label == "要確認" and state.reasons == ("課長確認なし",)
    assert main(["--db", str(master), "round", "accept", "--year", "R2", "--department", "産業振興課",
                 "--by", "政策課 山田"]) == 0
    state = {s.department: s for s in round_status(db, R2)}["産業振興課"]
    trail = [a for a in audit_entries(db) if a["field"] == "head-check:産業振興課:2020"]
    db.dispose()
    assert state.label == "取込済" and state.reasons == ()
    assert [(a["new"], a["source"], a["actor"]) for a in trail] == [("課長確認なしで了承", "acknowledged", "政策課 山田")]


def test_a_check_given_with_the_submission_comes_back_with_its_revision(master: Path | str, tmp_path: Path) -> None:
    from kodaira_desk.services.rounds.submission import file_round, submit

    files = _hand_out(master, tmp_path / "配布", "--head-check")
    f = files["産業振興課"]
    db = _open(f)
    _saved, check = submit(db, {FARM: content_of(FARM, "365区画")}, {FARM: None}, "産業振興課 田中", "産業振興課長 佐藤")
    assert check is not None and check.revision == 1 and file_round(db).head_check == check
    file_audit = [a for a in audit_entries(db) if a["source"] == "head_check"]
    db.dispose()
    assert [(a["new"], a["actor"]) for a in file_audit] == [("産業振興課長 佐藤", "産業振興課 田中")]
    db = _open(master)
    outcome = collect(db, [f]).outcomes[0]
    assert outcome.code == "merged" and "課長確認: 産業振興課長 佐藤" in outcome.message
    state = {s.department: s for s in round_status(db, R2)}["産業振興課"]
    assert state.last_return is not None and state.last_return.head_check_by == "産業振興課長 佐藤"
    assert state.last_return.saved_by == "産業振興課 田中"
    trail = [a for a in audit_entries(db) if a["field"] == "head-check:産業振興課:2020"]
    db.dispose()
    assert [(a["new"], a["source"]) for a in trail] == [("産業振興課長 佐藤", "import")]
    edit(f, {HALL: None, PROGRESS_STATUS: "実施中"})  # saved again after the check: no longer checked
    db = _open(master)
    again = collect(db, [f]).outcomes[0]
    db.dispose()
    assert again.code == "needs_review" and again.flags == ("no_head_check",)


# --------------------------------------------------------------------------- the division's lock


def test_a_locked_year_refuses_a_save_a_collection_and_a_resolution(master: Path | str, tmp_path: Path,
                                                                    capsys) -> None:  # type: ignore[no-untyped-def]
    files = _hand_out(master, tmp_path / "配布")  # handed out before the lock
    edit(master, {HALL: "35,000人"})
    edit(files["子育て支援課"], {HALL: "36,000人"})
    db = _open(master)
    assert collect(db, [files["子育て支援課"]]).outcomes[0].code == "needs_review"  # a conflict, still open
    db.dispose()
    capsys.readouterr()
    # 産業振興課 has not returned its file: not fixed without --force, the 課 named
    assert main(["--db", str(master), "round", "lock", "--plan", S, "--year", "R2", "--by", "政策課 山田"]) == 2
    assert "産業振興課（未返却）" in capsys.readouterr().err
    assert main(["--db", str(master), "round", "lock", "--plan", S, "--year", "R2", "--by", "政策課 山田",
                 "--note", "第2回推進委員会で報告", "--force"]) == 0  # not 確定済み: the refusal fixed nothing
    assert "返っていない課があるまま確定しました: 産業振興課（未返却）" in capsys.readouterr().out
    with pytest.raises(YearLockedError) as refused:
        edit(master, {FARM: "370区画"})
    assert "確定済みのため保存できません（市内体験農園の区画数 令和2年度 実績）" in refused.value.message
    edit(files["産業振興課"], {FARM: "365区画", PROGRESS_STATUS: "実施中"})
    db = _open(master)
    outcome = collect(db, [files["産業振興課"]]).outcomes[0]
    assert outcome.code == "needs_review"
    assert "確定済みの年度の変更（" in outcome.message
    assert field_value(master, FARM) is None and field_value(master, PROGRESS_STATUS) is None
    state = {s.department: s for s in round_status(db, R2)}["産業振興課"]
    assert state.label == "要確認" and state.reasons == ("確定済みの年度の変更 2 件",)
    held = {c.key: c for c in open_conflicts(db)}
    assert held[key_of(FARM)].kind == "locked" and held[key_of(FARM)].department_value == "365区画"
    hall = held[key_of(HALL)]
    with pytest.raises(RoundError) as no_reason:
        resolve(db, hall.id, "take", actor="政策課 山田")
    assert "確定済みのため、課の値にするには修正の理由が必要です" in no_reason.value.message
    assert field_value(master, HALL) == "35,000人"
    resolve(db, hall.id, "take", actor="政策課 山田", reason="課の集計が正しいと確認")
    resolve(db, held[key_of(PROGRESS_STATUS)].id, "keep", actor="政策課 山田")  # keeping is always fine
    trail = [(a["source"], a["old"], a["new"], a["note"]) for a in audit_entries(db) if a["field"] == key_of(HALL)]
    db.dispose()
    assert field_value(master, HALL) == "36,000人"
    assert trail[-1] == ("correction", "35,000人", "36,000人", "課の集計が正しいと確認")
    capsys.readouterr()
    assert main(["--db", str(master), "round", "correct", key_of(FARM), "365区画", "--reason", "委員会後に確定値を受領",
                 "--by", "政策課 山田"]) == 0
    assert "修正しました: 市内体験農園の区画数 令和2年度 実績　（空欄） → 365区画（理由: 委員会後に確定値を受領）" in \
        capsys.readouterr().out
    assert field_value(master, FARM) == "365区画"


def test_a_file_handed_out_after_the_lock_cannot_change_the_fixed_year(master: Path | str, tmp_path: Path) -> None:
    db = _open(master)
    from kodaira_desk.services.year_locks import lock_year

    lock_year(db, S, R2, "政策課 山田")
    db.dispose()
    files = _hand_out(master, tmp_path / "配布")
    with pytest.raises(YearLockedError) as refused:
        edit(files["産業振興課"], {FARM: "365区画"})
    assert "政策課が確定したため、このファイルでは変更できません" in refused.value.message


def test_locking_a_year_twice_or_outside_the_plan_is_refused(master: Path | str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(master), "round", "lock", "--plan", S, "--year", "R2"]) == 0
    assert main(["--db", str(master), "round", "lock", "--plan", S, "--year", "R2"]) == 2
    assert "確定済みです" in capsys.readouterr().err
    assert main(["--db", str(master), "round", "lock", "--plan", S, "--year", "R9"]) == 2
    assert "期間" in capsys.readouterr().err
    assert main(["--db", str(master), "round", "correct", key_of(HALL), "1人", "--reason", ""]) == 2
    assert "修正の理由を入力してください" in capsys.readouterr().err


def test_a_report_printed_after_a_correction_says_revised_with_the_date(master: Path | str, tmp_path: Path) -> None:
    from kodaira_desk.services.year_locks import correct, lock_year, revised_on

    db = _open(master)
    assert revised_on(db, S) is None
    lock_year(db, S, R2, "政策課 山田")
    correct(db, key_of(FARM), "365区画", "確定値に差し替え", "政策課 山田")
    assert revised_on(db, S) == datetime.date.today()
    db.dispose()
    out = tmp_path / "kpi.pdf"
    assert main(["--db", str(master), "report", "kpi", "--plan", S, "--out", str(out)]) == 0
    import subprocess

    first = subprocess.run(["pdftotext", "-l", "1", "-layout", str(out), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "修正版" in first
    today = datetime.date.today()
    from kodaira_desk.domain.era_text import era_date

    assert f"{era_date(today, fullwidth=True)}修正" in first


# --------------------------------------------------------------------------- next year starts from this year


def _carry_setup(master: Path | str, tmp_path: Path) -> Path:
    edit(master, {LAST_YEAR_TEXT: CARRIED})
    return _hand_out(master, tmp_path / "配布")["産業振興課"]


def _narrative(path: Path | str) -> str | None:
    return field_value(path, PROGRESS_TEXT)


def test_next_years_file_starts_from_this_years_text_and_an_untouched_one_is_not_an_answer(
        master: Path | str, tmp_path: Path) -> None:
    from kodaira_desk.services.rounds.carry import carried_texts

    f = _carry_setup(master, tmp_path)
    assert _narrative(f) == CARRIED  # the starting text
    db = _open(f)
    (carried,) = carried_texts(db).values()
    db.dispose()
    assert carried.key == key_of(PROGRESS_TEXT) and carried.from_year == 2019 and not carried.confirmed
    edit(f, {FARM: "365区画"})  # something else typed; the carried text left as it was
    db = _open(master)
    outcome = collect(db, [f]).outcomes[0]
    state = {s.department: s for s in round_status(db, R2)}["産業振興課"]
    db.dispose()
    assert outcome.code == "merged" and outcome.carried == 1 and outcome.applied == 1
    assert "引き継いだまま確認されていない実施等状況 1 件は反映していません" in outcome.message
    assert _narrative(master) is None  # 未記入 in the master
    assert state.last_return is not None and state.last_return.carried == 1


def test_a_confirmed_unchanged_text_arrives_as_the_departments_answer(master: Path | str, tmp_path: Path) -> None:
    from kodaira_desk.services.board import load_board
    from kodaira_desk.services.rounds.carry import confirm_unchanged

    f = _carry_setup(master, tmp_path)
    edit(f, {FARM: "365区画"})
    db = _open(master)
    collect(db, [f])  # first return: untouched, not applied
    db.dispose()
    db = _open(f)
    assert confirm_unchanged(db, [key_of(PROGRESS_TEXT)], "産業振興課 田中") == 1
    db.dispose()
    edit(f, {PROGRESS_STATUS: "実施中"})
    db = _open(master)
    outcome = collect(db, [f]).outcomes[0]
    trail = [a for a in audit_entries(db) if a["field"] == key_of(PROGRESS_TEXT)]
    rows = [r for r in load_board(db, R2) if r.plan_id == S and r.department == "産業振興課"]
    db.dispose()
    assert outcome.code == "merged" and outcome.unchanged == 1 and outcome.carried == 0
    assert _narrative(master) == CARRIED
    assert trail[-1]["note"] == "変更なし（前年度と同じ）" and trail[-1]["source"] == "import"
    assert rows[0].measures_unchanged == 1


def test_an_edited_carried_text_is_applied_like_any_edit(master: Path | str, tmp_path: Path) -> None:
    f = _carry_setup(master, tmp_path)
    edit(f, {PROGRESS_TEXT: "・体験農園の区画を10区画増やしました。"})
    db = _open(master)
    outcome = collect(db, [f]).outcomes[0]
    db.dispose()
    assert outcome.code == "merged" and outcome.carried == 0 and outcome.unchanged == 0
    assert _narrative(master) == "・体験農園の区画を10区画増やしました。"


def test_no_text_is_carried_over_one_the_master_has_for_the_year(master: Path | str, tmp_path: Path) -> None:
    edit(master, {LAST_YEAR_TEXT: CARRIED, PROGRESS_TEXT: "・政策課が先に書いた文"})
    f = _hand_out(master, tmp_path / "配布")["産業振興課"]
    assert _narrative(f) == "・政策課が先に書いた文"


# --------------------------------------------------------------------------- files of the previous version


def test_a_file_the_previous_version_handed_out_still_collects_with_nothing_lost(db_path: Path,
                                                                                 tmp_path: Path) -> None:
    """A .kdesk of schema 5 (before the round's year): no carried texts, no head check, no saver's
    name. Upgraded on the private copy, it merges every value it carries."""
    import shutil
    import sqlite3

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from kodaira_desk.paths import migrations_dir

    f = _hand_out(db_path, tmp_path / "配布")["産業振興課"]
    edit(f, {FARM: "365区画", PROGRESS_STATUS: "実施中", PROGRESS_TEXT: "・区画を拡充しました。"})
    old = tmp_path / "前の版" / f.name
    old.parent.mkdir()
    shutil.copyfile(f, old)
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as conn:  # what the previous version's file holds: schema 5
        cfg = Config()
        cfg.set_main_option("script_location", str(migrations_dir()))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    engine.dispose()
    con = sqlite3.connect(old)
    con.execute("PRAGMA user_version=5")
    con.execute("DELETE FROM meta WHERE key IN ('saved_by', 'deadline', 'head_check_required')")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    con.commit()
    con.close()
    assert "carried_texts" not in tables and "year_locks" not in tables
    before = old.read_bytes()
    db = _open(db_path)
    outcome = collect(db, [old]).outcomes[0]
    state = {s.department: s for s in round_status(db, R2)}["産業振興課"]
    db.dispose()
    assert outcome.code == "merged" and outcome.applied == 3, outcome.message
    assert field_value(db_path, FARM) == "365区画" and _narrative(db_path) == "・区画を拡充しました。"
    assert state.last_return is not None and state.last_return.saved_by is None  # an earlier file names nobody
    assert old.read_bytes() == before  # upgraded on a private copy, never in place
