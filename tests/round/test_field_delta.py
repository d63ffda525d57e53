"""A returned file read as what differs from a reference file (store.field_delta, the collection's
workers after their first file) gives exactly what reading it whole gives: the same fields, or the
same refusal; and whatever it cannot promise is read whole."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from round_helpers import FARM, HALL, PROGRESS_STATUS, PROGRESS_TEXT, R2, edit, export

from kodaira_desk.services import received_files
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import _changes, _changes_by_differences, collect
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.store.department_file import FileRefused, inspect, open_untrusted
from kodaira_desk.store.field_delta import Reference, fields_against, keep_reference
from kodaira_desk.store.reader import read_fields

DEPARTMENTS = ["産業振興課", "子育て支援課", "保育課", "健康推進課", "水と緑と公園課"]

# changes made outside Kodaira Desk, as a clerk's tool or an attacker could (each on a fresh file)
RAW = {
    "a value retyped": ["UPDATE indicator_values SET text = '999件' WHERE rowid = (SELECT min(rowid) FROM indicator_values)"],
    "a value gone": ["DELETE FROM indicator_values WHERE rowid = (SELECT max(rowid) FROM indicator_values)"],
    "a value added": ["INSERT INTO indicator_values (indicator_id, kind, fiscal_year, revision, text, marks) "
                      "SELECT indicator_id, kind, 2031, revision, '12件', marks FROM indicator_values LIMIT 1"],
    "a status and a text": ["UPDATE progress_entries SET status = '達成', narrative = '外で書いた文' "
                            "WHERE rowid = (SELECT min(rowid) FROM progress_entries)"],
    "a progress row gone": ["DELETE FROM progress_entries WHERE rowid = (SELECT max(rowid) FROM progress_entries)"],
    "a cost": ["UPDATE budget_costs SET text = '1,234' WHERE rowid = (SELECT min(rowid) FROM budget_costs)"],
    "a schedule cell": ["UPDATE schedule_cells SET text = '実施' WHERE rowid = (SELECT min(rowid) FROM schedule_cells)",
                        "DELETE FROM schedule_cells WHERE rowid = (SELECT max(rowid) FROM schedule_cells)"],
    "a row moved to another rowid": ["UPDATE indicator_values SET id = 999999 "
                                     "WHERE rowid = (SELECT min(rowid) FROM indicator_values)"],
    "a value of another type": ["UPDATE indicator_values SET text = 5 WHERE rowid = (SELECT min(rowid) FROM indicator_values)"],
    "a value as bytes": ["UPDATE indicator_values SET text = CAST('12件' AS BLOB) "
                         "WHERE rowid = (SELECT min(rowid) FROM indicator_values)"],
    "text that is no value": ["UPDATE indicator_values SET text = 'たくさん' WHERE rowid = (SELECT min(rowid) FROM indicator_values)"],
    "a value of no indicator": ["UPDATE indicator_values SET indicator_id = 999999 "
                                "WHERE rowid = (SELECT max(rowid) FROM indicator_values)"],
    "a cost of no item": ["UPDATE budget_costs SET node_id = 999999 WHERE rowid = (SELECT max(rowid) FROM budget_costs)"],
    "an unknown kind": ["UPDATE indicator_values SET kind = 'guess' WHERE rowid = (SELECT max(rowid) FROM indicator_values)"],
}
# what the reference cannot vouch for: the file is read whole
WHOLE = {
    "an item renamed": ["UPDATE nodes SET key = 'zz' WHERE rowid = (SELECT min(rowid) FROM nodes)"],
    "an indicator renamed": ["UPDATE indicators SET key = 'k999' WHERE rowid = (SELECT max(rowid) FROM indicators)"],
    "a schedule row gone": ["DELETE FROM schedule_cells WHERE row_id = (SELECT max(id) FROM schedule_rows)",
                            "DELETE FROM schedule_rows WHERE rowid = (SELECT max(rowid) FROM schedule_rows)"],
    "a column added": ["ALTER TABLE indicator_values ADD COLUMN extra TEXT"],
    "an index dropped": ["DROP INDEX IF EXISTS ix_audit_log_field_key"],
}


def test_a_reference_whose_table_names_a_column_rowid_is_not_kept(files: list[Path], tmp_path: Path) -> None:
    """Its rows could not be matched by their rowid (the name would mean the column)."""
    odd = _changed(files[0], ["ALTER TABLE indicator_values ADD COLUMN RowID TEXT"], tmp_path)
    con = open_untrusted(odd)
    try:
        fields = read_fields(con, untrusted=True)
    finally:
        con.close()
    (tmp_path / "ref").mkdir()
    assert keep_reference(odd, tmp_path / "ref", "kd-received-", fields, open_untrusted) is None
    assert list((tmp_path / "ref").iterdir()) == []


@pytest.fixture
def files(db_path: Path, tmp_path: Path) -> list[Path]:
    db = open_database(db_path, create=False)
    handed = handout(db, R2, tmp_path / "out", DEPARTMENTS)
    db.dispose()
    for f in handed:
        if f.department == "産業振興課":
            edit(f.path, {FARM: "365区画", PROGRESS_STATUS: "順調", PROGRESS_TEXT: "区画を増やした。"})
        if f.department == "子育て支援課":
            edit(f.path, {HALL: "12,345人"})
    return [f.path for f in handed]


def _reference(first: Path, folder: Path) -> Reference:
    folder.mkdir(exist_ok=True)
    con = open_untrusted(first)
    try:
        fields = read_fields(con, untrusted=True)
    finally:
        con.close()
    ref = keep_reference(first, folder, "kd-received-", fields, open_untrusted)
    assert ref is not None
    return ref


def _changed(path: Path, statements: list[str], tmp_path: Path) -> Path:
    """A copy of `path` with `statements` run on it, as a tool other than Kodaira Desk would."""
    changed = tmp_path / "changed.kdesk"
    shutil.copyfile(path, changed)
    con = sqlite3.connect(changed)
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()
    return changed


def _outcome(fn: object) -> object:
    try:
        return fn()  # type: ignore[operator]
    except Exception as exc:  # the same refusal: its kind and what it names
        return type(exc).__name__, str(exc)


def _both(path: Path, ref: Reference) -> tuple[object, object]:
    con = open_untrusted(path)
    try:
        whole = _outcome(lambda: read_fields(con, untrusted=True))
        delta = _outcome(lambda: fields_against(con, ref))
    finally:
        con.close()
    return whole, delta


def test_every_returned_file_read_against_another_gives_the_fields_read_whole(files: list[Path], tmp_path: Path) -> None:
    for first in files[:2]:  # an edited file and an untouched one as the reference
        ref = _reference(first, tmp_path / "ref")
        for path in files:
            whole, delta = _both(path, ref)
            assert isinstance(whole, dict) and delta == whole
        ref.remove()


@pytest.mark.parametrize("change", sorted(RAW))
def test_a_file_changed_outside_the_app_gives_what_reading_it_whole_gives(
        files: list[Path], tmp_path: Path, change: str) -> None:
    ref = _reference(files[0], tmp_path / "ref")
    whole, delta = _both(_changed(files[1], RAW[change], tmp_path), ref)
    assert delta == whole
    before = _both(files[1], ref)[0]
    assert (whole == before) == (change == "a row moved to another rowid")  # a change read_fields sees, or refuses


@pytest.mark.parametrize("change", sorted(WHOLE))
def test_what_the_reference_cannot_vouch_for_is_read_whole(files: list[Path], tmp_path: Path, change: str) -> None:
    ref = _reference(files[0], tmp_path / "ref")
    whole, delta = _both(_changed(files[1], WHOLE[change], tmp_path), ref)
    assert delta is None and isinstance(whole, dict | tuple)


def test_a_value_changed_outside_the_app_is_still_refused_by_the_content_hash(files: list[Path], tmp_path: Path) -> None:
    ref = _reference(files[0], tmp_path / "ref")
    changed = tmp_path / "changed.kdesk"
    shutil.copyfile(files[0], changed)  # 産業振興課's, saved by its clerk: it carries a content hash
    con = sqlite3.connect(changed)
    con.execute("UPDATE indicator_values SET text = '366区画' WHERE text = '365区画'")
    con.commit()
    con.close()
    with pytest.raises(FileRefused) as refused:
        inspect(changed, reference=ref)
    assert refused.value.code == "tampered"
    assert inspect(files[0], reference=ref).fields == inspect(files[0]).fields


def test_workers_reading_against_their_first_file_merge_what_one_thread_merges(
        db_path: Path, tmp_path: Path, files: list[Path], workers: list[object],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole collection, its files prepared by two workers (each keeps its first file as its
    reference) and on one thread with every file read whole: the same master after, no reference
    left behind."""
    paths = files * 2  # the second time each is already collected
    other = tmp_path / "other.sqlite"
    shutil.copyfile(db_path, other)
    db = open_database(db_path, create=False)
    report = collect(db, paths)
    db.dispose()
    assert len(workers) == 2
    monkeypatch.setattr(received_files, "workers_for", lambda n, size=None: 0)
    monkeypatch.setattr(received_files, "keep_reference", lambda *args: None)
    db = open_database(other, create=False)
    alone = collect(db, paths)  # on one thread, each file read whole
    db.dispose()
    assert len(workers) == 2
    assert [(o.code, o.applied, o.conflicts) for o in report.outcomes] == \
        [(o.code, o.applied, o.conflicts) for o in alone.outcomes]
    assert export(db_path) == export(other)
    received = db_path.parent / f"{db_path.stem}-受領ファイル"
    assert not list(received.glob("kd-received-*"))


_keys = st.sampled_from([f"value:p:k{i}:actual:2020:" for i in range(8)])
_values = st.one_of(st.none(), st.sampled_from(["1件", "2件", "3件"]))


@given(base=st.dictionaries(_keys, _values), reference=st.dictionaries(_keys, _values),
       changed=st.dictionaries(_keys, _values), lacks=st.lists(_keys))
@settings(max_examples=500)
def test_a_files_changes_from_a_workers_differences_are_its_changes_worked_out_whole(
        base: dict[str, str | None], reference: dict[str, str | None], changed: dict[str, str | None],
        lacks: list[str]) -> None:
    dept = dict(reference)
    dept.update(changed)
    for k in lacks:
        dept.pop(k, None)
    assert _changes_by_differences(base, _changes(base, reference), changed, lacks) == _changes(base, dept)


def test_a_collection_on_one_thread_reads_against_its_first_file_and_leaves_no_reference(
        db_path: Path, tmp_path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from kodaira_desk.store import department_file

    seen: list[bool] = []
    real = department_file.fields_and_changes

    def spy(con: sqlite3.Connection, ref: Reference) -> tuple[dict[str, str | None], set[str]] | None:
        found = real(con, ref)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(department_file, "fields_and_changes", spy)
    monkeypatch.setattr(received_files, "workers_for", lambda n, size=None: 0)
    db = open_database(db_path, create=False)
    report = collect(db, files)
    db.dispose()
    assert seen == [True] * (len(files) - 1)  # every file after the first, none read whole again
    assert [o.code for o in report.outcomes].count("merged") >= 2
    assert not list((db_path.parent / f"{db_path.stem}-受領ファイル").glob("kd-received-*"))


# a row copied outside the app with a year that is no whole number: read_fields once made it the
# field of 2024 a second time (int(2024.5)), the unique index letting it in (issue 27, review)
HALF_YEAR = ("indicator_values", "progress_entries", "budget_costs", "schedule_cells")
VALUE_COPY = ("INSERT INTO indicator_values (indicator_id, kind, fiscal_year, revision, text, marks) "
              "SELECT indicator_id, kind, fiscal_year + 0.5, revision, text, marks FROM indicator_values "
              "WHERE rowid = (SELECT min(rowid) FROM indicator_values WHERE text <> '')")


def _half_year(table: str) -> list[str]:
    if table == "indicator_values":
        return [VALUE_COPY]
    # the copy's year made 0.5 more through a scratch table (its primary key then holds)
    return [f"CREATE TEMP TABLE t AS SELECT * FROM {table} LIMIT 1", "UPDATE t SET fiscal_year = fiscal_year + 0.5",
            f"INSERT INTO {table} SELECT * FROM t"]


@pytest.mark.parametrize("table", HALF_YEAR)
def test_a_year_that_is_no_whole_number_is_refused_read_whole_or_against_a_reference(
        files: list[Path], tmp_path: Path, table: str) -> None:
    ref = _reference(files[1], tmp_path / "ref")
    changed = _changed(files[2], _half_year(table), tmp_path)
    whole, delta = _both(changed, ref)
    assert isinstance(whole, tuple) and whole[0] == "ValueError" and delta == whole
    with pytest.raises(FileRefused) as refused:
        inspect(changed)
    assert refused.value.code == "corrupt" and changed.name in str(refused.value)


def test_a_schedule_row_at_a_position_that_is_no_whole_number_is_refused(files: list[Path], tmp_path: Path) -> None:
    changed = _changed(files[2], ["UPDATE schedule_rows SET position = position + 0.5 "
                                  "WHERE rowid = (SELECT min(rowid) FROM schedule_rows)"], tmp_path)
    ref = _reference(files[1], tmp_path / "ref")
    whole, delta = _both(changed, ref)
    assert isinstance(whole, tuple) and whole[0] == "ValueError" and delta is None  # its structure differs
    with pytest.raises(FileRefused):
        inspect(changed)


def test_a_file_with_a_copied_row_of_another_year_is_refused_and_the_next_are_merged(
        db_path: Path, files: list[Path], tmp_path: Path) -> None:
    """The copied row once made the same field twice, was merged and became a worker's reference,
    and every untouched file after it was refused as changed outside the app."""
    hostile = tmp_path / "提出用_産業振興課_外で変更.kdesk"
    shutil.copyfile(_changed(files[0], _half_year("indicator_values"), tmp_path), hostile)
    genuine = next(f for f in files if "子育て支援課" in f.name)
    db = open_database(db_path, create=False)
    try:
        report = collect(db, [hostile, genuine, *files[2:]])
    finally:
        db.dispose()
    codes = [o.code for o in report.outcomes]
    assert codes[0] == "corrupt" and hostile.name in report.outcomes[0].message
    assert "tampered" not in codes and codes[1] == "merged"


def test_a_copied_row_at_a_lower_rowid_gives_what_reading_it_whole_gives(files: list[Path], tmp_path: Path) -> None:
    ref = _reference(files[2], tmp_path / "ref")
    changed = _changed(files[2], [VALUE_COPY.replace("text, marks FROM", "'1件', marks FROM"),
                                  "UPDATE indicator_values SET id = -5 "
                                  "WHERE rowid = (SELECT max(rowid) FROM indicator_values)"], tmp_path)
    whole, delta = _both(changed, ref)
    assert isinstance(whole, tuple) and delta == whole


# two schedule rows of one item at the same position (their cells make the same fields): a file
# changed outside the app; read_fields keeps the later row's cell
SAME_POSITION = ["INSERT INTO schedule_rows (id, node_id, position, label) SELECT -7, node_id, position, label "
                 "FROM schedule_rows WHERE id = (SELECT min(row_id) FROM schedule_cells WHERE text <> '')",
                 "INSERT INTO schedule_cells (row_id, fiscal_year, text) SELECT -7, fiscal_year, '外' "
                 "FROM schedule_cells WHERE row_id = (SELECT min(row_id) FROM schedule_cells WHERE text <> '') "
                 "AND text <> '' LIMIT 1"]


def test_a_file_where_two_rows_make_the_same_field_is_no_reference(files: list[Path], tmp_path: Path) -> None:
    odd = _changed(files[0], SAME_POSITION, tmp_path)
    con = open_untrusted(odd)
    try:
        fields = read_fields(con, untrusted=True)
    finally:
        con.close()
    (tmp_path / "ref").mkdir()
    assert keep_reference(odd, tmp_path / "ref", "kd-received-", fields, open_untrusted) is None
    assert list((tmp_path / "ref").iterdir()) == []


def test_a_row_making_a_field_another_row_of_the_file_makes_is_read_whole(files: list[Path], tmp_path: Path) -> None:
    """What a file changed outside the app could hold behind an index that no longer holds: here a
    reference saying its rows already make the field the file's new row makes."""
    from dataclasses import replace

    ref = _reference(files[0], tmp_path / "ref")
    changed = _changed(files[1], RAW["a value added"], tmp_path)
    whole, delta = _both(changed, ref)
    assert isinstance(whole, dict) and delta == whole
    added = {k for k in whole if ":2031:" in k}
    assert len(added) == 1
    claimed = replace(ref, rows=ref.rows | {added.pop()})
    con = open_untrusted(changed)
    try:
        assert fields_against(con, claimed) is None
    finally:
        con.close()
