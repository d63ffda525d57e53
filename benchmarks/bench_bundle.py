"""The bundled application next to the source tree: size on disk and start-up time.

Builds the one-folder bundle (installer/kodaira-desk.spec) and its .deb (installer/build-deb.sh) into a
temporary folder, prints their sizes, then the time from process start to the main window shown on
the city data (median of several runs, KODAIRA_DESK_BENCH_EXIT=1) for
  - the bundle's executable, and
  - `python -m kodaira_desk` from the source tree (what `make run` starts),
measured in the same run on the same database file. Also the first start of each with an empty
data folder (the data file is built from the built-in data). Everything it built is removed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 7
MB = 1024 * 1024


def disk_usage(path: Path) -> tuple[int, int, int]:
    """(bytes on disk, apparent bytes, files) of a folder; symlinks count as themselves."""
    on_disk = apparent = count = 0
    for p in [path, *path.rglob("*")]:
        st = p.lstat()
        on_disk += st.st_blocks * 512
        if not p.is_dir():
            apparent += st.st_size
            count += 1
    return on_disk, apparent, count


def time_until_shown(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert p.stdout is not None
    for line in p.stdout:
        if line.strip() == "shown":
            t = time.perf_counter() - t0
            p.wait()
            return t
    p.wait()
    raise RuntimeError(f"{cmd} never said it was shown (exit {p.returncode})")


def _run(cmd: list[str]) -> float:
    """Run a build step quietly; its output is shown only when it fails."""
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"bench_bundle: {' '.join(cmd)} failed ({r.returncode}):\n{r.stdout[-2000:]}{r.stderr[-4000:]}")
    return time.perf_counter() - t0


def build(tmp: Path) -> tuple[Path, Path, float, float]:
    bundle = tmp / "dist" / "kodaira-desk"
    t_bundle = _run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                     "--distpath", str(tmp / "dist"), "--workpath", str(tmp / "build"),
                     str(ROOT / "installer" / "kodaira-desk.spec")])
    t_deb = _run(["sh", str(ROOT / "installer" / "build-deb.sh"), str(bundle), str(tmp / "deb")])
    (deb,) = (tmp / "deb").glob("kodaira-desk_*.deb")
    return bundle, deb, t_bundle, t_deb


def main() -> None:
    from kodaira_desk.services.database import build_database

    if not list((ROOT / "resources" / "translations").glob("*.qm")):
        sys.exit("bench_bundle: run `make translations` first")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("bench_bundle: skipped, PyInstaller is not installed (pip install -c constraints.txt -e '.[dev]')")
        return
    if sys.platform.startswith("linux") and shutil.which("objdump") is None:
        print("bench_bundle: skipped, PyInstaller needs objdump: apt-get install binutils")
        return
    from PyInstaller.depend.bindepend import get_python_library_path

    try:
        get_python_library_path()
    except (Exception, SystemExit):  # PyInstaller's PythonLibraryNotFoundError is a SystemExit
        print("bench_bundle: skipped, PyInstaller needs Python's shared library: apt-get install "
              f"libpython{sys.version_info[0]}.{sys.version_info[1]}")
        return
    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-bundle-"))
    try:
        bundle, deb, t_bundle, t_deb = build(tmp)
        on_disk, apparent, files = disk_usage(bundle)
        print(f"one-folder bundle kodaira-desk/: {on_disk / MB:6.1f} MB on disk ({apparent / MB:.1f} MB in "
              f"{files} files), built in {t_bundle:.0f} s")
        print(f"Debian package {deb.name}:   {deb.stat().st_size / MB:6.1f} MB, built in {t_deb:.0f} s")

        db = build_database(tmp / "city.sqlite")
        exe = str(bundle / "kodaira-desk")
        source = [sys.executable, "-m", "kodaira_desk"]
        env = dict(os.environ, KODAIRA_DESK_BENCH_EXIT="1", XDG_CONFIG_HOME=str(tmp / "cfg"),
                   KODAIRA_DESK_DATA_DIR=str(tmp / "unused"))

        # first start: no data file yet, it is built from the built-in data (Alembic, YAML)
        first = {}
        for label, cmd in (("bundle", [exe]), ("source", source)):
            first_env = dict(env, KODAIRA_DESK_DATA_DIR=str(tmp / f"first-{label}"))
            first[label] = time_until_shown(cmd, first_env)

        # warm the file cache once for both, then alternate so both see the same machine state
        time_until_shown([exe, "--db", str(db)], env)
        time_until_shown([*source, "--db", str(db)], env)
        times: dict[str, list[float]] = {"bundle": [], "source": []}
        for _ in range(RUNS):
            times["bundle"].append(time_until_shown([exe, "--db", str(db)], env))
            times["source"].append(time_until_shown([*source, "--db", str(db)], env))
        b, s = statistics.median(times["bundle"]), statistics.median(times["source"])
        print(f"start-up to window shown with the city data, median of {RUNS} (min–max):")
        print(f"  bundle (kodaira-desk/kodaira-desk):       {b * 1000:6.0f} ms "
              f"({min(times['bundle']) * 1000:.0f}–{max(times['bundle']) * 1000:.0f})")
        print(f"  source tree (python -m kodaira_desk):     {s * 1000:6.0f} ms "
              f"({min(times['source']) * 1000:.0f}–{max(times['source']) * 1000:.0f})   "
              f"bundle/source = {b / s:.2f}")
        print(f"first start, building the per-user data file: bundle {first['bundle'] * 1000:.0f} ms, "
              f"source tree {first['source'] * 1000:.0f} ms (one run each)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
