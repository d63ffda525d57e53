"""`kodaira-desk export csv` on the city's data, and the grading settings kept in the database."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from kodaira_desk.cli import main
from kodaira_desk.domain.achievement import Direction
from kodaira_desk.services.achievement import (
    RATE_COLUMNS,
    VALUE_COLUMNS,
    SettingError,
    load_settings,
    set_direction,
    set_thresholds,
)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_export_csv_writes_tidy_files_with_the_real_rates(db_path: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "opendata"
    assert main(["--db", str(db_path), "export", "csv", "--plan", "strategy-2015", "--out", str(out)]) == 0
    assert "strategy-2015-achievement.csv" in capsys.readouterr().out
    raw = (out / "strategy-2015-values.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # UTF-8 with BOM, CRLF (RFC 4180)
    values = _read(out / "strategy-2015-values.csv")
    assert list(values[0]) == list(VALUE_COLUMNS)
    keys = [(v["indicator_key"], v["fiscal_year"], v["kind"], v["revision"]) for v in values]
    assert len(keys) == len(set(keys))  # one row per indicator, year, kind (and revision)
    green_r2 = next(v for v in values if v["indicator_key"] == "g1.t3" and v["fiscal_year"] == "2020"
                    and v["kind"] == "forecast")
    assert (green_r2["printed"], green_r2["absence"], green_r2["absence_mark"], green_r2["number"]) == \
        ("（※4）", "footnote", "※4", "")
    # printed as 003 prints them: 001's marks and periods (80.9%※, 62,600人※2, 平成26年中) stay in 001
    def printed(key: str, kind: str, year: str) -> dict[str, str]:
        return next(v for v in values if (v["indicator_key"], v["kind"], v["fiscal_year"]) == (key, kind, year))
    assert (printed("g1.t1", "baseline", "2014")["printed"], printed("g1.t1", "baseline", "2014")["marks"]) == \
        ("80.9%", "")
    assert printed("g1.a2.k2", "baseline", "2014")["printed"] == "62,600人"
    assert printed("g1.t2", "baseline", "2014")["as_of"] == ""  # 001's 平成26年中
    assert not any("※" in v["printed"] and v["absence"] != "footnote" for v in values)
    station = printed("g1.a3.k1", "actual", "2015")  # 003 dates each station figure
    assert (station["printed"], station["as_of"]) == ("185,872人", "平成26年度")
    assert printed("g1.a3.k1", "baseline", "2014")["as_of"] == "平成25年度"
    rates = _read(out / "strategy-2015-achievement.csv")
    assert list(rates[0]) == list(RATE_COLUMNS)
    # a rate below zero stays a number here (the handouts say what it means instead)
    green = next(r for r in rates if r["indicator_key"] == "g1.a2.k2" and r["fiscal_year"] == "2020")
    assert Decimal(green["rate_percent"]) < 0 and "逆の方向" in green["reason"]
    birth = {r["fiscal_year"]: r for r in rates if r["indicator_key"] == "g2.t2"}
    assert (birth["2015"]["rate_percent"], birth["2015"]["status"]) == ("100.0", "達成")
    assert birth["2020"]["status"] == "判定不能" and "※5" in birth["2020"]["reason"]
    farm = {r["fiscal_year"]: r for r in rates if r["indicator_key"] == "g1.a1.k1"}
    assert (farm["2020"]["rate_percent"], farm["2020"]["basis"], farm["2020"]["graded_kind"]) == \
        ("33.3", "ratio", "forecast")
    indicators = _read(out / "strategy-2015-indicators.csv")
    assert len(indicators) == 34
    volunteers = next(i for i in indicators if i["indicator_key"] == "g1.a1.k4")
    assert (volunteers["cumulative"], volunteers["direction"], volunteers["lead_departments"]) == \
        ("1", "higher", "産業振興課")
    assert next(i for i in indicators if i["indicator_key"] == "g3.t3")["part_of"] == "g3.t1"


def test_export_csv_of_an_unknown_plan_says_so(db_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "export", "csv", "--plan", "nope", "--out", str(tmp_path)]) == 2
    assert "計画 id が見つかりません: nope" in capsys.readouterr().err


def test_a_full_disk_leaves_no_half_set_of_files(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The disk fills while the second of the three files is written: none of them is left (a set
    of open data with its values missing would be published as whole), and the message names it."""
    import errno
    import os

    from kodaira_desk.io import atomic

    real = atomic.fsync_file

    def full_on_the_second(path: Path) -> None:
        if "values" in path.name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path)

    monkeypatch.setattr(atomic, "fsync_file", full_on_the_second)
    out = tmp_path / "opendata"
    assert main(["--db", str(db_path), "export", "csv", "--plan", "strategy-2015", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "strategy-2015-values.csv" in err and "ディスクの空き" in err
    assert sorted(p.name for p in out.iterdir()) == []


def test_settings_are_kept_in_the_database(db) -> None:  # type: ignore[no-untyped-def]
    assert load_settings(db, "strategy-2015").thresholds.on_track == Decimal(80)
    set_thresholds(db, "100", "70％")
    set_direction(db, "strategy-2015", "g1.a1.k1", Direction.LOWER)
    settings = load_settings(db, "strategy-2015")
    assert settings.thresholds.on_track == Decimal(70)
    assert settings.direction("g1.a1.k1") is Direction.LOWER
    assert load_settings(db, "program-2021").direction("g1.a1.k1") is None
    set_direction(db, "strategy-2015", "g1.a1.k1", None)
    assert load_settings(db, "strategy-2015").direction("g1.a1.k1") is None
    with pytest.raises(SettingError, match="概ね順調"):
        set_thresholds(db, "80", "90")
    with pytest.raises(SettingError):
        set_thresholds(db, "abc", "80")
