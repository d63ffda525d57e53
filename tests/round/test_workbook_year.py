"""The department workbook (.xlsx hand-out) in the round as a year runs (issue 24): a clerk who fills
in the workbook gets what a .kdesk gives: the 令和8年度 workbook starts from the 令和7年度 texts,
each with a 変更なし cell, and the department head's check (name and day) on its first sheet; once
saved as Excel or LibreOffice saves it and collected, 変更なし and the head's check arrive in the
master, and an untouched carried text is no answer."""

from __future__ import annotations

import datetime
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from round_helpers import export, field_value
from workbook_helpers import MEASURES, find_cell, like_excel_desktop, soffice, through_libreoffice

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ProgressField, content_of, key_of, save_edits
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.status import round_status

PLAN = "strategy-2025"  # the comprehensive strategy's next period, 令和7–11年度 (plan copy)
R7, R8 = 2025, 2026
DEPT = "産業振興課"
# 産業振興課's first measures of the plan, with the 令和7年度 texts the 令和8年度 workbook starts from
CONFIRMED = ("g1.a1.m1", "市内農家の収入増に向けた取組の支援")
EDITED = ("g1.a1.m2", "農にふれあえる場の提供")
LEFT = ("g1.a1.m3", "地産地消の促進")
HEAD = "産業振興課長 佐藤"
CHECKED_ON = datetime.datetime(2026, 12, 4)
NEW_TEXT = "・体験農園の区画を10区画増やしました。\n・農業まつりを開催しました（来場 3,200人）。"
R8_TEXT = "令和8年度 実施等状況"
CONFIRM_HEAD = "前年度からの 引継ぎ"


def _last_year_text(node: str) -> str:
    return f"・{node} について計画どおり実施しました。\n・参加者は前年度並みでした。"


def _narrative(node: str, year: int) -> ProgressField:
    return ProgressField(PLAN, node, year, "narrative")


@pytest.fixture
def r8_book(db_path: Path, tmp_path: Path) -> Path:
    """A master in the 令和8年度 round: the next period copied, 産業振興課's 令和7年度 texts in it;
    the workbook handed out by the command line with a deadline and the head's check required."""
    from kodaira_desk.services import plan_editing as pe

    db = open_database(db_path, create=False)
    pe.copy_plan(db, "strategy-2015", PLAN, FiscalYear(R7), FiscalYear(2029), "小平市まち・ひと・しごと創生総合戦略（第二期）")
    edits = {_narrative(n, R7): _last_year_text(n) for n, _ in (CONFIRMED, EDITED, LEFT)}
    save_edits(db, {t: content_of(t, v) for t, v in edits.items()}, actor="政策課 山田")
    db.dispose()
    out = tmp_path / "配布"
    assert main(["--db", str(db_path), "handout", "--year", "R8", "--out", str(out), "--format", "xlsx",
                 "--department", DEPT, "--deadline", "2026-12-25", "--head-check", "--by", "政策課 山田"]) == 0
    (book,) = out.glob("*.xlsx")
    return book


def _head_cells(ws: object) -> tuple[str, str]:
    """The yellow cells under the head's check labels on the first sheet (name, day)."""
    rows = {str(c.value): c.row for c in ws["A"] if isinstance(c.value, str)}  # type: ignore[index]
    name = next(r for t, r in rows.items() if t.startswith("確認した人の氏名"))
    day = next(r for t, r in rows.items() if t.startswith("確認した日"))
    return f"A{name + 1}", f"A{day + 1}"


def _fill(book: Path, out: Path, *, confirm: str | None = "変更なし", head: str | None = HEAD,
          day: object = CHECKED_ON) -> Path:
    """What the clerk does in Excel: one carried text confirmed 変更なし, one rewritten, one left as
    it was; the head's name and day typed on the first sheet."""
    wb = openpyxl.load_workbook(book)
    ws = wb[MEASURES]
    if confirm is not None:
        ws[find_cell(ws, CONFIRMED[1], CONFIRM_HEAD)] = confirm
    ws[find_cell(ws, CONFIRMED[1], "令和8年度 進捗状況")] = "実施中"
    ws[find_cell(ws, EDITED[1], R8_TEXT)] = NEW_TEXT
    first = wb.worksheets[0]
    name_cell, day_cell = _head_cells(first)
    first[name_cell] = head
    first[day_cell] = day
    wb.save(out)
    return out


def _collect(db_path: Path, files: list[Path]):  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    try:
        return collect(db, files, actor="政策課 山田")
    finally:
        db.dispose()


def _text(db_path: Path, node: str) -> str | None:
    return field_value(db_path, _narrative(node, R8))


def test_the_workbook_for_reiwa_8_starts_from_last_years_texts_with_a_place_for_the_heads_check(
        r8_book: Path) -> None:
    wb = openpyxl.load_workbook(r8_book)
    ws = wb[MEASURES]
    for node, title in (CONFIRMED, EDITED, LEFT):
        entry = ws[find_cell(ws, title, R8_TEXT)]
        assert entry.value == _last_year_text(node) and not entry.protection.locked  # the starting text, to edit
        note = ws[find_cell(ws, title, "備考")].value
        assert note.startswith("【前年度から引継ぎ】令和7年度の実施等状況を入れてあります。")
        confirm = ws[find_cell(ws, title, CONFIRM_HEAD)]
        assert confirm.value is None and not confirm.protection.locked
        assert any(confirm.coordinate in dv.sqref and dv.formula1 == '"変更なし"'
                   for dv in ws.data_validations.dataValidation)  # a list with the one word
    first = wb.worksheets[0]
    texts = [str(c.value) for c in first["A"] if c.value]
    assert "■ 前年度からの引継ぎ" in texts and "■ 課長（所属長）の確認" in texts
    assert any("この年度は必須です" in t for t in texts)
    assert any("令和8年12月25日" in t for t in texts)  # the deadline under the title
    name_cell, day_cell = _head_cells(first)
    assert not first[name_cell].protection.locked and not first[day_cell].protection.locked
    assert first.print_area is not None and day_cell[1:] in str(first.print_area)  # printed with the page


@pytest.mark.parametrize("saved_by", ["excel", "libreoffice"])
def test_unchanged_and_the_heads_check_typed_in_the_workbook_arrive_in_the_master(
        r8_book: Path, db_path: Path, tmp_path: Path, saved_by: str) -> None:
    from kodaira_desk.services.board import load_board

    if saved_by == "libreoffice" and soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: installer/system-deps.sh installs it")
    typed = _fill(r8_book, tmp_path / "typed.xlsx")
    back = tmp_path / "返送"
    back.mkdir()
    if saved_by == "excel":  # Excel's own XML: every string shared, the day a serial number
        saved = like_excel_desktop(typed, back / r8_book.name)
    else:
        saved = through_libreoffice(typed, back)
    outcome = _collect(db_path, [saved]).outcomes[0]
    assert outcome.code == "merged", outcome.message
    assert outcome.unchanged == 1 and outcome.carried >= 1  # the untouched one (and the rest) not applied
    assert f"課長確認: {HEAD}" in outcome.message
    assert _text(db_path, CONFIRMED[0]) == _last_year_text(CONFIRMED[0])  # 変更なし: the text stands
    assert _text(db_path, EDITED[0]) == NEW_TEXT
    assert _text(db_path, LEFT[0]) is None  # left as carried, not confirmed: 未記入
    db = open_database(db_path, create=False)
    trail = audit_entries(db)
    state = {s.department: s for s in round_status(db, FiscalYear(R8))}[DEPT]
    rows = [r for r in load_board(db, FiscalYear(R8)) if r.plan_id == PLAN and r.department == DEPT]
    db.dispose()
    confirmed = [a for a in trail if a["field"] == key_of(_narrative(CONFIRMED[0], R8))]
    assert [(a["note"], a["source"]) for a in confirmed] == [("変更なし（前年度と同じ）", "import")]
    checks = [(a["new"], a["source"]) for a in trail if a["field"] == f"head-check:{DEPT}:{R8}"]
    assert checks == [(HEAD, "import")]
    assert state.label == "取込済" and state.reasons == ()  # the required check is there: not held
    assert state.last_return is not None and state.last_return.head_check_by == HEAD
    assert rows[0].measures_unchanged == 1


def test_a_workbook_without_the_required_check_is_held(r8_book: Path, db_path: Path, tmp_path: Path) -> None:
    saved = _fill(r8_book, tmp_path / r8_book.name, head=None, day=None)
    outcome = _collect(db_path, [saved]).outcomes[0]
    assert outcome.code == "needs_review" and outcome.flags == ("no_head_check",)
    assert _text(db_path, EDITED[0]) == NEW_TEXT  # merged, flagged
    db = open_database(db_path, create=False)
    state = {s.department: s for s in round_status(db, FiscalYear(R8))}[DEPT]
    db.dispose()
    assert state.label == "要確認" and state.reasons == ("課長確認なし",)


@pytest.mark.parametrize(("day", "why"), [
    (datetime.datetime(2025, 6, 1), "確認した日（2025/06/01）が2026/04/01から今日までの間にありません"),
    ("そのうち", "確認した日がないか、日付として読めません"),
])
def test_a_check_with_a_day_that_cannot_be_is_not_recorded_and_says_why(
        r8_book: Path, db_path: Path, tmp_path: Path, day: object, why: str) -> None:
    saved = _fill(r8_book, tmp_path / r8_book.name, day=day)
    outcome = _collect(db_path, [saved]).outcomes[0]
    assert outcome.code == "needs_review" and outcome.flags == ("no_head_check",)
    assert "課長確認（記入のしかた!" in outcome.message and "を記録していません" in outcome.message
    assert why in outcome.message


def test_a_check_typed_as_text_in_the_era_is_read(r8_book: Path, db_path: Path, tmp_path: Path) -> None:
    saved = _fill(r8_book, tmp_path / r8_book.name, day="令和8年12月4日")
    outcome = _collect(db_path, [saved]).outcomes[0]
    assert outcome.code == "merged" and f"課長確認: {HEAD}" in outcome.message


def test_a_confirm_cell_with_other_words_refuses_the_workbook_naming_the_cell(
        r8_book: Path, db_path: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(r8_book)
    cell = find_cell(wb[MEASURES], CONFIRMED[1], CONFIRM_HEAD)
    before = export(db_path)
    saved = _fill(r8_book, tmp_path / r8_book.name, confirm="たぶん同じ")
    outcome = _collect(db_path, [saved]).outcomes[0]
    assert outcome.code == "invalid_values"
    assert f"実施状況!{cell}" in outcome.message and "「変更なし」か空欄にしてください" in outcome.message
    assert export(db_path) == before  # nothing taken from a refused workbook


def test_an_untouched_workbook_with_carried_texts_is_unfilled(r8_book: Path, db_path: Path) -> None:
    before = export(db_path)
    outcome = _collect(db_path, [r8_book]).outcomes[0]
    assert outcome.code == "unfilled"
    assert export(db_path) == before


def test_a_workbook_the_previous_version_handed_out_still_collects(r8_book: Path, db_path: Path,
                                                                  tmp_path: Path) -> None:
    """The master keeps each workbook's layout; one an earlier version kept (layout 1) names
    neither the carried texts nor the head's check: its cells are read as before, nothing lost."""
    con = sqlite3.connect(db_path)
    (key, text), = con.execute("SELECT key, value FROM meta WHERE key LIKE 'workbook:%'").fetchall()
    old = json.loads(text)
    old["version"] = 1
    old.pop("carried"), old.pop("head_check")
    con.execute("UPDATE meta SET value = ? WHERE key = ?", (json.dumps(old, ensure_ascii=False), key))
    con.commit()
    con.close()
    saved = _fill(r8_book, tmp_path / r8_book.name)
    outcome = _collect(db_path, [saved]).outcomes[0]
    assert outcome.code == "needs_review" and outcome.flags == ("no_head_check",)  # read as before: no check
    assert _text(db_path, EDITED[0]) == NEW_TEXT
    assert _text(db_path, CONFIRMED[0]) == _last_year_text(CONFIRMED[0])  # a text in its cell is an answer


def test_a_reminder_for_a_workbook_says_to_fill_it_in_excel(r8_book: Path, db_path: Path, tmp_path: Path) -> None:
    import email
    from email import policy

    assert main(["--db", str(db_path), "round", "remind", "--year", "R8", "--out", str(tmp_path / "催促"),
                 "--attach"]) == 0
    (draft,) = (tmp_path / "催促").glob("*.eml")
    msg = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Excel でファイルを開き、黄色のセルに担当項目の実績と実施等状況を入力して保存し" in text
    assert "今年度は課長確認が必要です。「記入のしかた」シートの黄色のセルに、確認した課長の氏名と確認した日" in text
    assert "Kodaira Desk でファイルを開き" not in text
    assert [a.get_filename() for a in msg.iter_attachments()] == [r8_book.name]
