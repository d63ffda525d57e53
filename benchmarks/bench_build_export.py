"""Time to build the built-in database from db/city and to export it as JSON.

Baselines in the same run: raw sqlite3 writing the same number of rows into one table in one
transaction, and json.dumps of the same export dictionary. Prints medians of several runs.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kodaira_desk.services.database import build_database
from kodaira_desk.services.export import dumps, export_json, trees_to_json
from kodaira_desk.services.plans import load_all
from kodaira_desk.store.database import Database

RUNS = 5


def median_time(fn, runs: int = RUNS) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    target = tmp / "city.sqlite"

    def build() -> None:
        target.unlink(missing_ok=True)
        build_database(target)

    t_build = median_time(build)
    con = sqlite3.connect(target)
    rows = sum(
        con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    )
    con.close()

    def raw_sqlite() -> None:
        p = tmp / "raw.sqlite"
        p.unlink(missing_ok=True)
        c = sqlite3.connect(p)
        c.execute("PRAGMA synchronous=FULL")
        c.execute("CREATE TABLE t (a INTEGER, b TEXT, c TEXT)")
        with c:
            c.executemany("INSERT INTO t VALUES (?,?,?)", ((i, "値" * 20, "x" * 40) for i in range(rows)))
        c.close()

    t_raw = median_time(raw_sqlite)

    db = Database(target)
    out = tmp / "export.json"
    t_export = median_time(lambda: export_json(load_all(db), out))
    data = trees_to_json(load_all(db))
    t_dumps = median_time(lambda: json.dumps(data, ensure_ascii=False, indent=1))
    t_ours_dumps = median_time(lambda: dumps(data))
    db.dispose()

    print(f"rows in the built database: {rows}")
    print(f"build database from db/city (parse, check, migrate, write): {t_build * 1000:8.1f} ms")
    print(f"  baseline raw sqlite3, {rows} rows in one transaction:     {t_raw * 1000:8.1f} ms")
    print(f"export JSON (read every plan + serialise + write):          {t_export * 1000:8.1f} ms "
          f"({out.stat().st_size // 1024} KiB)")
    print(f"  baseline json.dumps of the same dictionary:               {t_dumps * 1000:8.1f} ms "
          f"(ours {t_ours_dumps * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
