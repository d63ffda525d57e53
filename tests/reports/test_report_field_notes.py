"""Notes on the figures as footnotes in the KPI handout and the program layout (issue 25): an option,
off by default; the values get ［n］ and the notes are listed under the table. The open-data CSV
carries the note of each value in its own column."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from pdf_reading import flat, line_with, lines, page_texts, page_words, texts
from report_helpers import handout

from kodaira_desk.domain.annotations import AnnotationKey
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import AnnotationField, save_edits
from kodaira_desk.services.reports import make_report
from kodaira_desk.store.database import Database

FARM = "value:strategy-2015:g1.a1.k3:forecast:2020:"  # 市内体験農園の区画数 令和2年度 実績（見込） 360区画
CENTRE = "cost:program-2021:p2.j1:2021"  # 児童発達支援センターの整備 令和3年度 218,014千円
TALKS = "value:program-2021:p1.k1:target:2021:"  # 男女共同参画に関する啓発等の企画数 令和3年度 目標 17


@pytest.fixture(scope="module")
def noted_db(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Database:
    path = tmp_path_factory.mktemp("noted") / "noted.sqlite"
    shutil.copyfile(built_db_template, path)
    db = open_database(path, create=False)
    save_edits(db, {AnnotationField(str(AnnotationKey.note(FARM))): "市民農園を5区画増設したため増加",
                    AnnotationField(str(AnnotationKey.note(CENTRE))): "設計変更により増額",
                    AnnotationField(str(AnnotationKey.note(TALKS))): "講座の統合を反映"}, actor="政策課 山田")
    return db


def test_kpi_handout_lists_the_notes_under_the_table_when_asked(noted_db: Database, tmp_path: Path) -> None:
    pdf = make_report(noted_db, "kpi", handout("strategy-2015", field_notes=True), tmp_path / "kpi.pdf")
    row = line_with(pdf, "市内体験農園の区画数")
    assert "360区画［1］" in texts(row)
    page = flat(page_texts(pdf)[row[0].page - 1])
    assert "【メモ】" in page
    assert "［1］市内体験農園の区画数令和2年度実績（見込）:市民農園を5区画増設したため増加（政策課山田）" in page


def test_the_notes_read_apart_from_the_heading_that_follows_them(noted_db: Database, tmp_path: Path) -> None:
    """【メモ】 sits under 【留意事項】 and before the area's summary (①農のあるまちづくりの推進): a gap
    after the last note, wider than the notes' own spacing, so the heading does not read as a note."""
    pdf = make_report(noted_db, "kpi", handout("strategy-2015", field_notes=True), tmp_path / "kpi.pdf")
    page = lines(page_words(pdf)[line_with(pdf, "【メモ】")[0].page - 1])
    at = next(i for i, line in enumerate(page) if line[0].text.startswith("【メモ】"))
    heading, note, after = page[at], page[at + 1], page[at + 2]
    assert note[0].text.startswith("［1］") and after[0].text.startswith("①")
    assert after[0].top - note[0].top >= note[0].top - heading[0].top + 6


def test_the_option_is_off_by_default_and_the_handout_prints_as_the_city_does(noted_db: Database,
                                                                             tmp_path: Path) -> None:
    pdf = make_report(noted_db, "kpi", handout("strategy-2015"), tmp_path / "kpi.pdf")
    assert "360区画" in texts(line_with(pdf, "市内体験農園の区画数"))
    assert not any("【メモ】" in t or "［1］" in t for t in page_texts(pdf))


def test_program_layout_marks_a_target_and_a_cost_and_lists_both(noted_db: Database, tmp_path: Path) -> None:
    pdf = make_report(noted_db, "program", handout("program-2021", meeting=None, field_notes=True),
                      tmp_path / "program.pdf")
    assert texts(line_with(pdf, "218,014"))[1:3] == ["218,014", "千円［1］"]  # after the unit
    assert "17［1］" in texts(line_with(pdf, "男女共同参画に関する啓発等の企画数"))
    text = flat("".join(page_texts(pdf)))
    assert "［1］男女共同参画に関する啓発等の企画数令和3年度目標:講座の統合を反映（政策課山田）" in text
    assert "［1］1児童発達支援センターの整備令和3年度費用:設計変更により増額（政策課山田）" in text


def test_the_open_data_csv_carries_each_values_note(noted_db: Database) -> None:
    from kodaira_desk.services.achievement import load_settings, open_data_tables
    from kodaira_desk.services.plans import load_plan

    tree = load_plan(noted_db, "strategy-2015")
    rows = list(csv.DictReader(io.StringIO(open_data_tables(tree, load_settings(noted_db, "strategy-2015"))[
        "strategy-2015-values.csv"])))
    farm = next(r for r in rows if r["indicator_key"] == "g1.a1.k3" and r["fiscal_year"] == "2020"
                and r["kind"] == "forecast")
    assert (farm["printed"], farm["note"]) == ("360区画", "市民農園を5区画増設したため増加")
    assert sum(1 for r in rows if r["note"]) == 1


def test_the_command_line_takes_notes_for_the_two_layouts_only(noted_db: Database, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from kodaira_desk.cli import main

    db = str(noted_db.path)
    assert main(["--db", db, "report", "kpi", "--plan", "strategy-2015", "--out", str(tmp_path / "k.pdf"),
                 "--notes"]) == 0
    assert any("【メモ】" in t for t in page_texts(tmp_path / "k.pdf"))
    assert main(["--db", db, "report", "progress", "--plan", "strategy-2015", "--out", str(tmp_path / "p.pdf"),
                 "--notes"]) != 0
    out = capsys.readouterr()
    assert "--notes は達成状況（kpi）と実行プログラム（program）の帳票にだけ付けられます。" in out.out + out.err
    assert "Traceback" not in out.out + out.err and not (tmp_path / "p.pdf").exists()
