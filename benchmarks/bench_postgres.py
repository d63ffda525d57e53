"""The master on PostgreSQL against the master in a SQLite file, in one run (issue 16).

A throwaway PostgreSQL cluster is started for the run (tests/pg_cluster.py: Debian's `postgresql`
package, a Unix socket in a temporary folder). With the city data scaled ×10 (`bench_postgres.py
startup`: the first two rows only):

- start-up to the window shown, with `--db FILE` and with `--db postgresql://…`, at ×1 and ×10
  (baseline: a bare PySide6 window, as in bench_window.py); then the GUI thread's longest stall in
  the second after the window was shown, beside the same for the SQLite file (on a server the
  window's process imports the driver then, on its runner: services/opening.py);
- saving one edit (Ctrl+S: lock, read every field to compare, write, audit, commit);
- handing out and collecting 60 department files on each (as in bench_round.py; baseline: raw
  sqlite3 reading the 60 files).

Each PostgreSQL figure is printed beside the SQLite one measured in the same run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pg_cluster import Cluster  # noqa: E402

from benchmarks.bench_round import FILES, clerk_edits  # noqa: E402
from benchmarks.bench_window import BARE, Heartbeat, time_until_shown  # noqa: E402
from benchmarks.scale import build_scaled  # noqa: E402
from kodaira_desk.domain.fiscal_year import FiscalYear  # noqa: E402
from kodaira_desk.services.database import copy_database, open_database  # noqa: E402
from kodaira_desk.services.editing import content_of, key_of, save_edits, target_of  # noqa: E402
from kodaira_desk.services.plans import load_all  # noqa: E402
from kodaira_desk.services.rounds.collect import collect  # noqa: E402
from kodaira_desk.services.rounds.handout import handout  # noqa: E402
from kodaira_desk.services.rounds.yearly import plan_handout  # noqa: E402

RUNS = int(os.environ.get("KD_BENCH_RUNS", "3"))  # interleaved start-ups of each side
SAVES = 5
REFRESHES = 5
FARM = "value:strategy-2015:g1.a1.k3:actual:2020:"


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ, KODAIRA_DESK_BENCH_EXIT="1", XDG_CONFIG_HOME=str(tmp / "cfg"),
               KODAIRA_DESK_DATA_DIR=str(tmp / "userdata"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # both sides start from compiled bytecode
    return env


def startup(locations: dict[str, str], tmp: Path) -> dict[str, tuple[float, float]]:
    """Each side's (wall seconds until shown, the GUI thread's CPU seconds until then): medians."""
    env = _env(tmp)
    cmds = {"bare PySide6 window": [sys.executable, "-c", BARE]}
    cmds.update({name: [sys.executable, "-m", "kodaira_desk", "--db", loc] for name, loc in locations.items()})
    for cmd in cmds.values():  # warm the caches once
        time_until_shown(cmd, env)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(RUNS):  # interleaved: a change in load falls on every side
        for name, cmd in cmds.items():
            wall, _cpu, _rss, gui_cpu = time_until_shown(cmd, env)
            runs[name].append((wall, gui_cpu))
    return {name: (statistics.median(w for w, _ in v), statistics.median(g for _, g in v)) for name, v in runs.items()}


def over_link(locations: dict[str, str], cluster: Cluster, tmp: Path, delay_ms: float = 1.0) -> None:
    """Start-up on the server master through a link with `delay_ms` each way (benchmarks/latency_link.py:
    this kernel has no netem), interleaved with the same master on its Unix socket, the SQLite file and
    the bare window; and the round trips of one start-up counted on the wire, the connection's own
    included, until the process ended (it quits once shown)."""
    import glob

    (path,) = glob.glob(f"{cluster.socket_dir}/.s.PGSQL.*[0-9]")
    link = subprocess.Popen([sys.executable, str(Path(__file__).with_name("latency_link.py")), path, str(delay_ms)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert link.stdin is not None and link.stdout is not None
    try:
        port = int(link.stdout.readline().split()[1])

        def count() -> tuple[int, int]:
            link.stdin.write("count\n")  # type: ignore[union-attr]
            link.stdin.flush()  # type: ignore[union-attr]
            _, trips, _, connections = link.stdout.readline().split()  # type: ignore[union-attr]
            return int(trips), int(connections)

        sides = dict(locations)
        for name, url in locations.items():
            if url.startswith("postgresql"):
                sides[f"{name} over a {delay_ms:g} ms link"] = \
                    f"postgresql://{cluster.user}@127.0.0.1:{port}/{Cluster.dbname(url)}"
        env = _env(tmp)
        linked = [name for name in sides if name.endswith(" link")]
        trips: dict[str, tuple[int, int]] = {}
        for name in linked:
            count()
            time_until_shown([sys.executable, "-m", "kodaira_desk", "--db", sides[name]], env)
            trips[name] = count()
        shown = startup(sides, tmp)
    finally:
        link.stdin.close()
        link.wait(10)
    bare, bare_cpu = shown["bare PySide6 window"]
    print(f"start-up through a link of {delay_ms:g} ms each way (netem's delay on lo; made by a proxy: no netem "
          f"here), median of {RUNS} interleaved runs (load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}):")
    for name, (t, cpu) in shown.items():
        print(f"  {name + ':':40}{t * 1000:7.0f} ms  ({t / bare:.2f}× the bare window); GUI thread's CPU until"
              f" shown {cpu * 1000:5.0f} ms ({cpu / bare_cpu:.2f}×)")
    for name in linked:
        plain = name.rsplit(" over ", 1)[0]
        file = next(shown[k] for k in shown if "SQLite" in k and k.split()[0] == name.split()[0])
        t, cpu = shown[name]
        print(f"  {name}: {t / file[0]:.2f}× the SQLite file's wall ({shown[plain][0] / file[0]:.2f}× on the socket),"
              f" {cpu / file[1]:.2f}× its GUI CPU; round trips on the wire {trips[name][0]} on"
              f" {trips[name][1]} connections (target ≤ 1.3×, ≤ 10 round trips)")


AFTER_SHOWN = """
import runpy, sys, time
from kodaira_desk.services.workspace import Workspace
warm = []
def warm_up(self, up=Workspace.warm_up):
    warm.append(None); t0 = time.perf_counter(); up(self); warm[-1] = time.perf_counter() - t0
Workspace.warm_up = warm_up
from kodaira_desk.ui import app
beats = []
def after_shown(qapp):  # instead of quitting at once: a 5 ms heartbeat for a second, or to the warm-up's end
    from PySide6.QtCore import QTimer
    beat = QTimer(qapp); beat.setInterval(5)
    beat.timeout.connect(lambda: beats.append((time.perf_counter(), time.thread_time())))
    beat.start()
    def end():
        if (not warm or warm[-1] is None) and beats[-1][0] - beats[0][0] < 30 and server:
            QTimer.singleShot(100, qapp, end)  # the warm-up under way: measured to its end
            return
        try:
            pairs = list(zip(beats, beats[1:]))
            print("after-shown", max(b[0] - a[0] for a, b in pairs), max(b[1] - a[1] for a, b in pairs),
                  warm[-1] or 0.0 if warm else 0.0, flush=True)
        finally:
            qapp.quit()
    QTimer.singleShot(1000, qapp, end)
app._say_shown = after_shown
server = sys.argv[1].startswith("postgresql")
sys.argv = ["kodaira_desk", "--db", sys.argv[1]]
runpy.run_module("kodaira_desk", run_name="__main__")
"""


def after_shown(location: str, tmp: Path) -> tuple[float, float, float]:
    """(longest gap between two 5 ms beats of the GUI thread, the most GUI-thread CPU in one gap,
    the warm-up's duration) in the second after the window was shown, or until the warm-up ended
    if later (the first paint excluded: it is before the first beat)."""
    done = subprocess.run([sys.executable, "-c", AFTER_SHOWN, location], env=_env(tmp), capture_output=True,
                          text=True, timeout=300, check=True)
    (line,) = [one for one in done.stdout.splitlines() if one.startswith("after-shown ")]
    gap, cpu, warm = (float(x) for x in line.split()[1:])
    return gap, cpu, warm


def window_on_server(url: str) -> tuple[int, int, list[tuple[float, float, float]], list[tuple[float, float]]]:
    """(round trips to the server, statements sent) while the window starts on the server master:
    connecting, reading what the first screen shows, the window built. A statement outside a
    pipeline is one round trip; a pipeline (store/server.PgConnection.fetch_all) is one for all its
    statements; BEGIN, COMMIT and ROLLBACK are one each. Counted in this process by wrapping
    psycopg's cursor and its connection's commands (the connection itself is not counted).
    Then (longest GUI-thread stall, duration, the most GUI-thread CPU between two beats) of each of
    REFRESHES refreshes of the window after another person saved (ui/server_connect.py: the change
    mark, then the plans read again and the changed rows shown); and, after each, (longest stall, the
    most GUI-thread CPU between two beats) of the same window idle as long: the baseline of this run's
    load (a gap of an idle window is the machine's, not the window's)."""
    import psycopg
    from PySide6.QtCore import QSettings

    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import MainWindow

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="kd-bench-settings-"))
    counts = {"trips": 0, "statements": 0}
    refreshes: list[tuple[float, float, float]] = []
    idles: list[tuple[float, float]] = []
    base = psycopg.Connection.__mro__[1]  # BaseConnection: BEGIN, COMMIT, ROLLBACK go through _exec_command
    execute, executemany, pipeline = psycopg.Cursor.execute, psycopg.Cursor.executemany, psycopg.Connection.pipeline
    command = base._exec_command

    def counted(send: Any) -> Any:
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            counts["statements"] += 1
            if not self.connection._pipeline:
                counts["trips"] += 1
            return send(self, *args, **kwargs)
        return wrapper

    def counted_command(self: Any, *args: Any, **kwargs: Any) -> Any:
        counts["statements"] += 1
        if not self._pipeline:
            counts["trips"] += 1
        return command(self, *args, **kwargs)

    def one_trip(self: Any) -> Any:
        counts["trips"] += 1
        return pipeline(self)

    psycopg.Cursor.execute, psycopg.Cursor.executemany = counted(execute), counted(executemany)  # type: ignore[method-assign]
    psycopg.Connection.pipeline = one_trip  # type: ignore[method-assign]
    base._exec_command = counted_command
    try:
        app = make_application()
        tr = Translations(app)
        w = MainWindow(open_database(url, create=False), Settings(), tr)
        w.resize(1366, 768)
        w.show()
        app.processEvents()
        w.tasks.wait_idle()
        trips, statements = counts["trips"], counts["statements"]
        _settle(app, w)
        other = open_database(url, create=False)  # someone else saves (a field one_save leaves alone)
        target = target_of(FARM.replace(":2020:", ":2019:"))
        beat = Heartbeat()
        for i in range(REFRESHES):  # each a save of another person, then the window's refresh
            save_edits(other, {target: content_of(target, f"{123 + i}区画")}, actor="別の人", overwrite=True)
            stall, took = beat.span(lambda: (w.check_others(), _settle(app, w)))
            refreshes.append((stall, took, beat.cpu_stall))
            # the same window idle as long, the beats alike: what this machine's load alone makes of a gap
            idle, _ = beat.span(lambda took=took: _idle(app, took))
            idles.append((idle, beat.cpu_stall))
        other.dispose()
        w.stop_watching()
        w.close()
        w.db.dispose()
    finally:
        psycopg.Cursor.execute, psycopg.Cursor.executemany = execute, executemany  # type: ignore[method-assign]
        psycopg.Connection.pipeline = pipeline  # type: ignore[method-assign]
        base._exec_command = command
    return trips, statements, refreshes, idles


def _idle(app: Any, seconds: float) -> None:
    """The event loop turning for `seconds`, as `_settle` turns it, with nothing to do."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def _settle(app: Any, w: Any) -> None:
    """Turn the event loop until the window's runner has nothing left to do (its looks included)."""
    idle = 0
    while idle < 20:
        app.processEvents()
        idle = idle + 1 if w.tasks.idle else 0
        time.sleep(0.005)


def one_save(location: str | Path) -> float:
    """Median wall time of saving one edit, the way the window saves (with the loaded value)."""
    db = open_database(location, create=False)
    target = target_of(FARM)
    times = []
    with db.reading() as uow:  # what the window would have loaded: a second run starts from the first's value
        stored = content_of(target, uow.fields.current([key_of(target)]).get(key_of(target)))
    for i in range(SAVES):
        content = content_of(target, f"{300 + i}区画")
        t0 = time.perf_counter()
        save_edits(db, {target: content}, {target: stored}, actor="bench")
        times.append(time.perf_counter() - t0)
        stored = content
    db.dispose()
    return statistics.median(times)


def round_on(location: str | Path, chosen: list[str], out: Path) -> tuple[float, float, int]:
    db = open_database(location, create=False)
    t0 = time.perf_counter()
    files = handout(db, FiscalYear(2020), out, chosen)
    t_handout = time.perf_counter() - t0
    for f in files:
        clerk_edits(f.path, f.department)
    t0 = time.perf_counter()
    report = collect(db, [f.path for f in files])
    t_collect = time.perf_counter() - t0
    db.dispose()
    return t_handout, t_collect, sum(o.code == "merged" for o in report.outcomes)


def main() -> None:
    """`bench_postgres.py [startup,link,refresh,save,round]`: the parts named (all unless some are)."""
    parts = set(sys.argv[1].split(",")) if len(sys.argv) > 1 else {"startup", "link", "refresh", "save", "round"}
    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-pg-"))
    os.environ["KODAIRA_DESK_DATA_DIR"] = str(tmp / "userdata")
    cluster = Cluster().start()
    try:
        master = build_scaled(tmp / "master.sqlite", 10, distinct_department_copies=2)
        pristine = tmp / "pristine.sqlite"
        shutil.copyfile(master, pristine)
        url = cluster.create_database("bench")
        t0 = time.perf_counter()
        rows = copy_database(master, url)
        t_copy = time.perf_counter() - t0
        db = open_database(master, create=False)
        trees = load_all(db)
        db.dispose()
        # every department with something to fill in 令和2年度 (the hand-out refuses the others)
        chosen = list(plan_handout(trees, FiscalYear(2020)).departments)[:FILES]
        print(f"data ×10: {len(trees)} plans, {rows} rows; copy SQLite → PostgreSQL (with the JSON check): "
              f"{t_copy:.2f} s")

        if "startup" in parts:
            city = build_scaled(tmp / "city.sqlite", 1)
            city_url = cluster.create_database("city")
            copy_database(city, city_url)
            shown = startup({"×1 SQLite file": str(city), "×1 PostgreSQL": city_url,
                             "×10 SQLite file": str(master), "×10 PostgreSQL": url}, tmp)
            bare, bare_cpu = shown["bare PySide6 window"]
            print(f"start-up to window shown, median of {RUNS} interleaved runs (load average"
                  f" {' '.join(f'{x:.2f}' for x in os.getloadavg())}):")
            for name, (t, cpu) in shown.items():
                print(f"  {name + ':':28}{t * 1000:7.0f} ms  ({t / bare:.2f}× the bare window); GUI thread's CPU until"
                      f" shown {cpu * 1000:5.0f} ms ({cpu / bare_cpu:.2f}×)")
            for scale in ("×1", "×10"):
                (pg, pg_cpu), (file, file_cpu) = shown[f"{scale} PostgreSQL"], shown[f"{scale} SQLite file"]
                print(f"  {scale} PostgreSQL / SQLite: {pg / file:.2f}× wall, {pg_cpu / file_cpu:.2f}× the GUI thread's"
                      " CPU  (target ≤ 1.3×; before: 2.65× with ~22 queries per plan)")
            for name, location in (("×10 SQLite file", str(master)), ("×10 PostgreSQL", url)):
                gap, cpu, warm = after_shown(location, tmp)
                print(f"  the second after shown, {name}: longest GUI-thread gap {gap * 1000:.0f} ms (its CPU"
                      f" {cpu * 1000:.0f} ms)" + (f"; the driver's warm-up on the runner {warm * 1000:.0f} ms" if warm else ""))
        if "link" in parts:
            city = build_scaled(tmp / "city-link.sqlite", 1)
            city_url = cluster.create_database("citylink")
            copy_database(city, city_url)
            over_link({"×1 SQLite file": str(city), "×1 PostgreSQL": city_url,
                       "×10 SQLite file": str(master), "×10 PostgreSQL": url}, cluster, tmp)
        if "refresh" in parts:
            trips, statements, refreshes, idles = window_on_server(url)
            print(f"  round trips to the server while the window starts: {trips} ({statements} statements;"
                  f" {len(trees)} plans; target ≤ 10; each adds the link's round-trip time)")
            stalls = sorted(r[0] for r in refreshes)
            print(f"server refresh after another person's save, ×10, {len(refreshes)} refreshes (load average "
                  f"{os.getloadavg()[0]:.2f}): longest GUI-thread stall median {statistics.median(stalls) * 1000:.1f} ms,"
                  f" worst {stalls[-1] * 1000:.1f} ms; GUI-thread CPU between two beats at most "
                  f"{max(r[2] for r in refreshes) * 1000:.1f} ms; refresh {statistics.median(r[1] for r in refreshes) * 1000:.0f}"
                  " ms  (baseline: one frame, 16 ms)")
            print(f"  the same window idle as long, the same beats: longest gap median "
                  f"{statistics.median(i[0] for i in idles) * 1000:.1f} ms, worst {max(i[0] for i in idles) * 1000:.1f} ms;"
                  f" GUI-thread CPU between two beats at most {max(i[1] for i in idles) * 1000:.1f} ms")

        if "save" in parts:
            s_file, s_pg = one_save(master), one_save(url)
            print(f"saving one edit (median of {SAVES}): SQLite {s_file * 1000:6.0f} ms, PostgreSQL {s_pg * 1000:6.0f} ms"
                  f"  ({s_pg / s_file:.2f}×)")

        if "round" not in parts:
            return
        shutil.copyfile(pristine, master)  # both rounds start from the same master
        url2 = cluster.create_database("bench")
        copy_database(pristine, url2)
        h_file, c_file, m_file = round_on(master, chosen, tmp / "out-file")
        h_pg, c_pg, m_pg = round_on(url2, chosen, tmp / "out-pg")
        t0 = time.perf_counter()
        for f in sorted((tmp / "out-file").glob("*.kdesk")):
            con = sqlite3.connect(f"file:{f}?mode=ro", uri=True)
            con.execute("SELECT * FROM indicator_values").fetchall()
            con.close()
        t_raw = time.perf_counter() - t0
        print(f"hand out {len(chosen)} files: SQLite {h_file:6.2f} s, PostgreSQL {h_pg:6.2f} s  ({h_pg / h_file:.2f}×)")
        print(f"collect {len(chosen)} files:  SQLite {c_file:6.2f} s ({m_file} merged), PostgreSQL {c_pg:6.2f} s "
              f"({m_pg} merged)  ({c_pg / c_file:.2f}×)")
        print(f"  baseline raw sqlite3 reading the {len(chosen)} files: {t_raw:.2f} s "
              f"(SQLite {c_file / t_raw:.1f}×, PostgreSQL {c_pg / t_raw:.1f}×)")
        print(f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
