"""Plans in and out of Excel (issue 13, item 5): round trips of the city's plans, an import of
changes and its undo, and ten broken workbooks that each get their message and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.workbook.workbook import Workbook

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Revision, ValueKind
from kodaira_desk.domain.plan_outline import outline_of
from kodaira_desk.services.database import open_database
from kodaira_desk.services.export import dumps, to_jsonable, trees_to_json
from kodaira_desk.services.plan_editing import remove_plan
from kodaira_desk.services.plan_editing.workbook import (
    apply_plan_import,
    export_plan_workbook,
    preview_plan_import,
    undo_plan_import,
)
from kodaira_desk.services.plans import load_all, load_plan
from kodaira_desk.store.database import Database

SHIPPED = ("strategy-2015", "program-2021", "restructuring")


def everything(db: Database) -> str:
    return dumps(trees_to_json(load_all(db)))


@pytest.mark.parametrize("plan_id", SHIPPED)
def test_each_shipped_plan_comes_back_equal(db: Database, tmp_path: Path, plan_id: str) -> None:
    out = export_plan_workbook(db, plan_id, tmp_path / f"{plan_id}.xlsx")
    before_all = everything(db)
    # over itself: nothing to change, and nothing changes
    same = preview_plan_import(db, out, plan_id)
    assert same.changes == ()
    apply_plan_import(db, same)
    assert everything(db) == before_all
    # as a new plan, in place of the one it came from: the same plan, by JSON export of all the
    # workbook carries (docs/plan-workbook.md says what it does not)
    before = load_plan(db, plan_id)
    remove_plan(db, plan_id)
    preview = preview_plan_import(db, out)
    assert preview.new_plan and preview.plan_id == plan_id
    apply_plan_import(db, preview)
    after = load_plan(db, plan_id)
    assert dumps(to_jsonable(outline_of(after, ()))) == dumps(to_jsonable(outline_of(before, ())))
    assert after.plan.title == before.plan.title and len(after.nodes) == len(before.nodes)


def test_city_values_in_the_workbook(db: Database, tmp_path: Path) -> None:
    """The 003 table's revised R2 targets and 001's H31 originals are rows of their own."""
    out = export_plan_workbook(db, "strategy-2015", tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = list(wb["目標値"].iter_rows(min_row=2, values_only=True))
    assert {r[3] for r in rows} >= {"当初", "改訂"}
    assert ("g1.t1", "基準値", "平成26年度", None, "80.9%") in {r[:5] for r in rows}  # 定住意向
    assert ("g1.a1.k1", "目標", "令和2年度", "改訂", "3人") in {r[:5] for r in rows}
    names = {r[0] for r in wb["課"].iter_rows(min_row=2, values_only=True)}
    assert "産業振興課" in names
    wb.close()


def _drop(ws: object, pred: Callable[[tuple[object, ...]], bool]) -> None:
    rows = list(ws.iter_rows(min_row=2, values_only=True))  # type: ignore[attr-defined]
    ws.delete_rows(2, ws.max_row)  # type: ignore[attr-defined]
    for r in rows:
        if not pred(r):
            ws.append(list(r))  # type: ignore[attr-defined]


def test_import_of_changes_is_previewed_applied_and_undone(db: Database, tmp_path: Path) -> None:
    out = export_plan_workbook(db, "strategy-2015", tmp_path / "s.xlsx")
    before_all = everything(db)
    wb = openpyxl.load_workbook(out)
    tree = wb["体系"]
    gone = "g1.a2"  # a 施策 with its measures, KPIs, actuals and entries
    held = load_plan(db, "strategy-2015")
    assert held.progress_of("g1.a2.m1") and held.indicators_of(gone)

    def inside(key: object) -> bool:
        return key == gone or str(key).startswith(gone + ".")

    inds = [r[0] for r in wb["指標"].iter_rows(min_row=2, values_only=True) if inside(r[1])]
    _drop(tree, lambda r: inside(r[0]))
    _drop(wb["指標"], lambda r: r[0] in inds)
    _drop(wb["目標値"], lambda r: r[0] in inds)
    tree["D2"] = "住み続けたいまちをつくる"
    tree.append(["g1.new", "g1", "４", "新しい施策", "産業振興課", ""])
    values = wb["目標値"]
    row = next(r for r in values.iter_rows(min_row=2) if r[0].value == "g1.t1" and r[1].value == "目標")
    row[4].value = "95.0%"
    wb.save(tmp_path / "changed.xlsx")
    preview = preview_plan_import(db, tmp_path / "changed.xlsx", "strategy-2015")
    lines = [c.describe() for c in preview.changes]
    assert any("住み続けたいまちをつくる" in x and x.startswith("［体系］変更") for x in lines)
    assert any(x.startswith("［体系］追加 ４ 新しい施策") for x in lines)
    assert any(x.startswith("［体系］削除") and f"（{gone}）" in x for x in lines)
    assert any(x.startswith("［指標］変更") and "95.0%" in x for x in lines)
    assert everything(db) == before_all  # a preview writes nothing
    change = apply_plan_import(db, preview, actor="政策課 山田")
    after = load_plan(db, "strategy-2015")
    assert after.node("g1").title == "住み続けたいまちをつくる"
    assert after.node("g1.new").lead_departments() == ["産業振興課"]
    assert not after.has_node(gone) and not after.has_node("g1.a2.m1")
    year = FiscalYear.parse(str(row[2].value))
    revision = {"": Revision.CURRENT, "当初": Revision.ORIGINAL, "改訂": Revision.REVISED}[row[3].value or ""]
    target = after.indicator("g1.t1").value(ValueKind.TARGET, year, revision)
    assert target is not None and str(target.value) == "95.0%"
    assert after.indicator("g1.t1").values_of(ValueKind.ACTUAL)  # the actuals stay
    undo_plan_import(db, change.inverse)
    assert everything(db) == before_all


BROKEN: dict[str, tuple[Callable[[Workbook], None], tuple[str, ...]]] = {}


def _case(name: str, *expected: str) -> Callable[[Callable[[Workbook], None]], Callable[[Workbook], None]]:
    def register(fn: Callable[[Workbook], None]) -> Callable[[Workbook], None]:
        BROKEN[name] = (fn, expected)
        return fn
    return register


@_case("missing sheet", "シート「課」: シートがありません")
def _missing_sheet(wb: Workbook) -> None:
    del wb["課"]


@_case("unknown department", "シート「体系」 3行目 E列（所管課）: 課「存在しない課」が「課」シートにありません")
def _unknown_department(wb: Workbook) -> None:
    wb["体系"]["E3"] = "存在しない課"


@_case("duplicate number", "シート「体系」", "C列（番号）: 同じ親の下に番号")
def _duplicate_number(wb: Workbook) -> None:
    rows = list(wb["体系"].iter_rows(min_row=2))
    first = rows[1]  # the first 施策 under 基本目標１
    second = next(r for r in rows[2:] if r[1].value == first[1].value)
    second[2].value = first[2].value


@_case("bad unit", "シート「目標値」 2行目 E列（値）: ", "の単位「件」が指標の単位「%」と違います")
def _bad_unit(wb: Workbook) -> None:
    wb["目標値"]["E2"] = "12件"


@_case("内数 pointing nowhere", "シート「指標」 2行目 H列（内数の親）: 内数の親「どこにもない」の指標がありません")
def _part_of_nowhere(wb: Workbook) -> None:
    wb["指標"]["H2"] = "どこにもない"


@_case("circular parent", "シート「体系」 2行目 B列（親キー）: 親キーをたどると「g1」自身に戻ります")
def _circular(wb: Workbook) -> None:
    wb["体系"]["B2"] = "g1.a1"  # 基本目標１ under its own 施策


@_case("non-numeric target", "シート「目標値」", "E列（値）: 目標: 「増やす」は数値として読めません")
def _non_numeric(wb: Workbook) -> None:
    row = next(r for r in wb["目標値"].iter_rows(min_row=2) if r[1].value == "目標")
    row[4].value = "増やす"


@_case("formula cell", "シート「指標」 2行目 D列（指標名）: 数式が入っています")
def _formula(wb: Workbook) -> None:
    wb["指標"]["D2"] = '=HYPERLINK("http://example.com","x")'


@_case("empty name", "シート「体系」 3行目 D列（項目名）: 項目名が空です")
def _empty_name(wb: Workbook) -> None:
    wb["体系"]["D3"] = None


@_case("extra sheet", "シート「メモ」: 様式にないシートです")
def _extra_sheet(wb: Workbook) -> None:
    wb.create_sheet("メモ")["A1"] = "メモ"


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_workbook_gets_its_message_and_changes_nothing(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    good = tmp_path / "good.xlsx"
    assert main(["--db", str(db_path), "plan", "export", "--plan", "strategy-2015", "--out", str(good)]) == 0
    db = open_database(db_path, create=False)
    before = everything(db)
    db.dispose()
    break_it, expected = BROKEN[case]
    wb = openpyxl.load_workbook(good)
    break_it(wb)
    bad = tmp_path / "壊れた計画.xlsx"
    wb.save(bad)
    capsys.readouterr()
    for extra in ([], ["--plan", "strategy-2015"]):
        assert main(["--db", str(db_path), "plan", "import", str(bad), *extra]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "壊れた計画.xlsx は取り込めません" in err and "何も変更していません" in err
        for text in expected:
            assert text in err, err
    db = open_database(db_path, create=False)
    try:
        assert everything(db) == before
    finally:
        db.dispose()


def test_not_a_workbook_and_cli_round(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(db_path)]
    junk = tmp_path / "plan.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert main([*db, "plan", "import", str(junk)]) == 2
    err = capsys.readouterr().err
    assert "Excel ブック（.xlsx）として読めません" in err and "Traceback" not in err
    out = tmp_path / "kids.xlsx"
    assert main([*db, "plan", "export", "--plan", "program-2021", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    wb["計画"]["B3"] = "kids-2025"
    wb["計画"]["B4"] = "子ども計画"
    wb.save(out)
    assert main([*db, "plan", "import", str(out), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "新しい計画「子ども計画」（kids-2025）を作成します: 項目 46 件、指標 20 件" in printed
    assert "何も書き込んでいません" in printed
    d = open_database(db_path, create=False)
    try:
        assert "kids-2025" not in [p.plan.id for p in load_all(d)]
    finally:
        d.dispose()
    assert main([*db, "plan", "import", str(out), "--by", "政策課"]) == 0
    assert "取り込みました: kids-2025" in capsys.readouterr().out
    d = open_database(db_path, create=False)
    try:
        kids = load_plan(d, "kids-2025")
        program = load_plan(d, "program-2021")
        assert kids.plan.title == "子ども計画"
        assert [n.title for n in kids.nodes] == [n.title for n in program.nodes]
        assert [str(v.value) for v in kids.indicators[0].values] == [
            str(v.value) for v in program.indicators[0].values if v.kind is not ValueKind.ACTUAL]
    finally:
        d.dispose()


def test_undo_of_a_new_plan_takes_it_away_with_the_departments_it_brought(db: Database, tmp_path: Path) -> None:
    out = export_plan_workbook(db, "restructuring", tmp_path / "r.xlsx")
    before = everything(db)
    wb = openpyxl.load_workbook(out)
    wb["計画"]["B3"] = "restructuring-2"
    wb["体系"]["E2"] = "行革推進課"
    wb["課"].append(["行革推進課", "ぎょうかくすいしんか", "9001"])
    wb.save(out)
    preview = preview_plan_import(db, out)
    assert any(c.describe() == "［課］追加 行革推進課" for c in preview.changes)
    change = apply_plan_import(db, preview)
    assert load_plan(db, "restructuring-2").nodes[0].lead_departments() == ["行革推進課"]
    undo_plan_import(db, change.inverse)
    assert everything(db) == before
    from kodaira_desk.services.plan_editing import list_departments
    assert "行革推進課" not in [d.name for d in list_departments(db)]


def test_refused_in_a_department_file(db: Database, db_path: Path, tmp_path: Path) -> None:
    import sqlite3

    from kodaira_desk.services.plan_editing import PlanEditError

    out = export_plan_workbook(db, "strategy-2015", tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(out)
    wb["体系"]["D2"] = "変えたい名前"
    wb.save(out)
    preview = preview_plan_import(db, out, "strategy-2015")
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO meta(key, value) VALUES ('file_kind', 'department')")
    con.commit()
    con.close()
    with pytest.raises(PlanEditError, match="提出用ファイル"):
        apply_plan_import(db, preview)
    assert load_plan(db, "strategy-2015").node("g1").title != "変えたい名前"


_CELLS = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30), st.integers(-10**20, 10**20),
                   st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                   st.dates(), st.sampled_from(["=1+1", "=A1", "-", "—", "R7", "令和元年度", "○", "各課"]))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(["計画", "体系", "指標", "目標値", "課"]),
                                st.integers(1, 12), st.integers(1, 14), _CELLS), min_size=1, max_size=6))
def test_any_cell_anywhere_gives_an_outline_or_a_message(tmp_path_factory: pytest.TempPathFactory,
                                                         edits: list[tuple[str, int, int, object]]) -> None:
    """Whatever a person (or a hostile file) puts in the cells: an outline, or PlanWorkbookError
    naming where, never another exception."""
    from kodaira_desk.io.plan_workbook import PlanWorkbookError, read_plan_workbook
    from kodaira_desk.io.plan_workbook.write import build_workbook

    folder = tmp_path_factory.mktemp("fuzz")
    wb = build_workbook(_CITY_OUTLINE[0])
    for sheet, row, col, value in edits:
        cell = wb[sheet].cell(row=row, column=col)
        cell.value = value
    path = folder / "fuzz.xlsx"
    wb.save(path)
    try:
        read_plan_workbook(path)
    except PlanWorkbookError as exc:
        assert exc.problems and all(p.describe() for p in exc.problems)
        assert "fuzz.xlsx は取り込めません" in exc.message


def _program_outline() -> object:
    from kodaira_desk.io.city_data import load_city_data
    from kodaira_desk.paths import city_data_dir

    tree = next(t for t in load_city_data(city_data_dir()) if t.plan.id == "program-2021")
    return outline_of(tree, ())


_CITY_OUTLINE: list = []  # type: ignore[type-arg]


@pytest.fixture(autouse=True, scope="module")
def _city_outline() -> None:
    if not _CITY_OUTLINE:
        _CITY_OUTLINE.append(_program_outline())


def test_duplicate_indicator_numbers_are_refused_by_the_import_as_by_the_editor(
        db_path: Path, tmp_path: Path) -> None:
    """Two indicators of one item with one number: the plan editor refuses it (「番号…は同じ項目の指標
    …にもあります」); the workbook import took it. As a person runs it: `kodaira-desk plan import`
    refuses, naming the file, the sheet and the row (and the row it repeats), exit 2, no traceback,
    nothing written."""
    import subprocess
    import sys

    good = tmp_path / "good.xlsx"
    assert main(["--db", str(db_path), "plan", "export", "--plan", "strategy-2015", "--out", str(good)]) == 0
    db = open_database(db_path, create=False)
    before = everything(db)
    db.dispose()
    wb = openpyxl.load_workbook(good)
    rows = list(wb["指標"].iter_rows(min_row=2))
    first = next(r for r in rows if any(o is not r and o[1].value == r[1].value for o in rows))
    second = next(r for r in rows if r is not first and r[1].value == first[1].value)
    first[2].value, second[2].value = "9", "9"  # (numbers kept apart from every other indicator's)
    bad = tmp_path / "番号が二つ.xlsx"
    wb.save(bad)
    for extra in ([], ["--dry-run"]):
        ran = subprocess.run([sys.executable, "-m", "kodaira_desk", "--db", str(db_path), "plan", "import", str(bad),
                              "--plan", "strategy-2015", *extra], capture_output=True, text=True, timeout=300)
        assert ran.returncode == 2, (ran.stdout, ran.stderr)
        assert "Traceback" not in ran.stderr and "番号が二つ.xlsx は取り込めません" in ran.stderr, ran.stderr
        assert (f"シート「指標」 {second[0].row}行目 C列（番号）: 同じ項目「{first[1].value}」の指標に番号「9」が二つあります"
                f"（{first[0].row}行目）") in ran.stderr, ran.stderr
    db = open_database(db_path, create=False)
    try:
        assert everything(db) == before
    finally:
        db.dispose()
