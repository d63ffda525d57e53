"""A next program copied from 004 (`kodaira-desk plan copy`) keeps its indicators' names with their
marks but none of their values: under its 成果指標 tables only the footnotes whose mark still
prints on the page (「女性相談等延べ人数(※2)」's note) print; the notes of the targets 004 reset
(目標値を再設定, marked on values the copy has not) do not. The budget's ※ (a note printed with its
project) prints as before, and 004 itself prints every one of its footnotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_reading import flat, page_texts

from kodaira_desk import cli
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.footnote_marks import marked_on
from kodaira_desk.domain.model import Footnote, Indicator, IndicatorKind, IndicatorValue, ValueKind
from kodaira_desk.domain.values import parse_value
from kodaira_desk.services.database import open_database
from kodaira_desk.services.field_words import trees_by_id

NOTE_LINE = re.compile(r"^(※\d*)\s*(.+)$")
GOALS = "到達目標"
# a project's note, printed in its name's cell (「生活支援体制整備事業 ※令和5年度までは…」): where the
# program year's narrow 事業名 column breaks it, a line of that cell begins with its ※
PROJECT_NOTE = "令和5年度までは介護保険事業特別会計で実施"


@pytest.fixture
def copied(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert cli.main(["--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                     "--period", "R7-R10"]) == 0
    assert "注記 9 件を引き継ぎました" in capsys.readouterr().out  # all of them: the copy keeps them
    return db_path


def _report(db_path: Path, kind: str, plan: str, out: Path) -> list[str]:
    assert cli.main(["--db", str(db_path), "report", kind, "--plan", plan, "--out", str(out)]) == 0
    return page_texts(out)


def _notes_without_their_mark(pages: list[str]) -> list[str]:
    """The footnote lines (「※2 …」 under a table) whose mark nothing else on their page prints."""
    out = []
    for page in pages:
        lines = page.splitlines()
        for i, line in enumerate(lines):
            found = NOTE_LINE.match(line.strip())
            if found is None or PROJECT_NOTE.startswith(found.group(2).split()[0]):
                continue
            rest = [other for j, other in enumerate(lines) if j != i and not NOTE_LINE.match(other.strip())]
            mark = found.group(1)
            if not any(re.search(re.escape(mark) + r"(?!\d)", other) for other in rest):
                out.append(line)
    return out


@pytest.mark.parametrize("kind", ["program-year", "program"])
def test_a_copied_program_prints_no_note_whose_mark_is_on_nothing_printed(
        copied: Path, tmp_path: Path, kind: str) -> None:
    pages = _report(copied, kind, "program-2025", tmp_path / f"{kind}.pdf")
    whole = flat("".join(pages))
    assert "目標値を再設定" not in whole  # the notes of 004's reset targets
    assert _notes_without_their_mark(pages) == []
    # the notes whose mark is on a name still print, under the table that prints the name
    assert "(※2)" in whole and "事業拡充に伴い、文言を修正した。" in whole
    assert "(※1)" in whole and "令和5年度までは累計の登録者数、令和6年度は新規登録者数" in whole
    if kind == "program":  # the budget's ※, printed with its project
        assert "生活支援体制整備事業※令和5年度までは介護保険事業特別会計で実施" in whole


def test_the_citys_program_still_prints_every_footnote(copied: Path, tmp_path: Path) -> None:
    db = open_database(copied, create=False)
    try:
        tree = trees_by_id(db)["program-2021"]
    finally:
        db.dispose()
    goals = [f for f in tree.footnotes if f.table == GOALS]
    assert len(goals) == 7
    for kind in ("program-year", "program"):
        whole = flat("".join(_report(copied, kind, "program-2021", tmp_path / f"{kind}.pdf")))
        assert [f.text for f in goals if flat(f.text) not in whole] == []


def _indicator(marks: tuple[str, ...] = (), values: tuple[IndicatorValue, ...] = ()) -> Indicator:
    return Indicator("p1.k1", "p", "p1", IndicatorKind.OUTCOME, "相談件数", "件", marks=marks, values=values)


def _note(mark: str | None, text: str) -> Footnote:
    return Footnote("p", "d", "p1", GOALS, mark, text)


def test_a_note_prints_where_its_mark_is_on_a_name_a_value_or_in_a_values_note() -> None:
    r6 = FiscalYear(2024)
    reset, renamed, moved, plain = (_note("※", "目標値を再設定"), _note("※2", "文言を修正した。"),
                                    _note("※1", "令和5年度までは累計"), _note(None, "[一部再掲]"))
    notes = [reset, renamed, moved, plain]
    assert marked_on(notes, [_indicator()]) == [plain]  # a copy: no value, no mark
    assert marked_on(notes, [_indicator(marks=("※2",))]) == [renamed, plain]
    target = IndicatorValue(ValueKind.TARGET, r6, parse_value("58"), marks=("※",))
    assert marked_on(notes, [_indicator(values=(target,))]) == [reset, plain]  # 「※」 is not 「※1」's
    noted = IndicatorValue(ValueKind.TARGET, r6, parse_value("50.0"), note="※ 目標値を再設定")
    assert marked_on(notes, [_indicator(values=(noted,)), _indicator(marks=("※1",))]) == [reset, moved, plain]
