"""db/ text → database → JSON gives back the same data; a bad file stops the loader cleanly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kodaira_desk.io.city_data import load_city_data
from kodaira_desk.io.yaml_nodes import DataFileError
from kodaira_desk.paths import city_data_dir
from kodaira_desk.services.database import build_database, open_database
from kodaira_desk.services.export import export_json, trees_to_json
from kodaira_desk.services.plans import load_all


def test_text_to_database_to_json_loses_nothing(db_path: Path, tmp_path: Path) -> None:
    from_text = trees_to_json(load_city_data(city_data_dir()))
    db = open_database(db_path, create=False)
    out = tmp_path / "export.json"
    export_json(load_all(db), out)
    db.dispose()
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["plans"] == from_text["plans"]
    # and the export is about the real data, not an empty shell
    strategy = next(p for p in exported["plans"] if p["plan"]["id"] == "strategy-2015")
    nursery = next(i for i in strategy["indicators"] if i["name"] == "市内保育施設等における保育定員")
    forecast = next(v for v in nursery["values"] if v["kind"] == "forecast")
    assert forecast["value"] == {"text": "7,944人", "number": "7944", "unit": "人", "sign": "",
                                 "prefix": "", "suffix": ""}
    assert forecast["year"] == {"year": 2020, "label": "令和2年度"}


def test_export_is_deterministic(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path, create=False)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    export_json(load_all(db), a)
    export_json(load_all(db), b)
    db.dispose()
    assert a.read_bytes() == b.read_bytes()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    d = tmp_path / "city"
    shutil.copytree(city_data_dir(), d)
    return d


def _break(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    idx = text.index(old)
    path.write_text(text[:idx] + new + text[idx + len(old):], encoding="utf-8")
    return text[:idx].count("\n") + 1


@pytest.mark.parametrize(
    ("file", "old", "new", "field_part", "message_part"),
    [
        ("003_kpi_status.yaml", "value: 7,944人", "value: 7,9四4人", "value", "数値として読めません"),
        ("003_kpi_status.yaml", "year: 令和２年度", "year: 令和X年度", "year", "年度"),
        ("000_progress.yaml", "平成29年度: 実施中", "平成99999年度: 実施中", "status", "年度"),
        ("004_program.yaml", "kind: 成果指標", "kind: 指標もどき", "kind", "使えません"),
        ("002_restructuring_sheets.yaml", "title: 協働推進体制の充実", "titel: 協働推進体制の充実",
         "titel", "知らないキー"),
    ],
)
def test_malformed_file_names_file_line_and_field(
    data_copy: Path, tmp_path: Path, file: str, old: str, new: str, field_part: str, message_part: str
) -> None:
    if old not in (data_copy / file).read_text(encoding="utf-8"):
        old = old.replace(": ", ": \"", 1) + "\""
        new = new.replace(": ", ": \"", 1) + "\""
    line = _break(data_copy / file, old, new)
    target = tmp_path / "out.sqlite"
    with pytest.raises(DataFileError) as err:
        build_database(target, data_copy)
    e = err.value
    assert e.file == file
    assert e.line == line
    assert field_part in e.field
    assert message_part in e.message
    assert str(e).startswith(f"{file}:{line}: ")
    assert not target.exists()
    assert not list(tmp_path.glob("out.sqlite*"))


def test_broken_yaml_syntax(data_copy: Path, tmp_path: Path) -> None:
    line = _break(data_copy / "001_strategy.yaml", "tree:", "tree: [unclosed")
    with pytest.raises(DataFileError) as err:
        build_database(tmp_path / "x.sqlite", data_copy)
    assert err.value.file == "001_strategy.yaml"
    assert err.value.line is not None and err.value.line >= line


def test_unknown_reference_is_reported(data_copy: Path, tmp_path: Path) -> None:
    _break(data_copy / "003_kpi_status.yaml", "part_of: g3.t1", "part_of: g3.t99")
    with pytest.raises(DataFileError) as err:
        build_database(tmp_path / "x.sqlite", data_copy)
    assert "g3.t99" in err.value.message and err.value.file == "003_kpi_status.yaml"


def test_conflicting_value_between_documents_is_reported(data_copy: Path, tmp_path: Path) -> None:
    # 003 prints the H26 baseline 1.40 again; a different figure there must not pass silently.
    _break(data_copy / "003_kpi_status.yaml", '"1.40"', '"1.41"')
    with pytest.raises(DataFileError) as err:
        build_database(tmp_path / "x.sqlite", data_copy)
    assert "1.40" in err.value.message


def test_a_failed_rebuild_leaves_the_existing_database_alone(data_copy: Path, db_path: Path) -> None:
    before = db_path.read_bytes()
    _break(data_copy / "004_program.yaml", "unit: 千円", "unit: [千円")
    with pytest.raises(DataFileError):
        build_database(db_path, data_copy)
    assert db_path.read_bytes() == before
