"""The bundled application (installer/kodaira-desk.spec), as a clerk gets it.

Builds the one-folder bundle with PyInstaller once for this module (about 25 s), starts it offscreen
with a fresh HOME, uses its command line, and removes it. A `make dist` build in dist/ is used
instead when it was made from the same clean commit as this tree (dist/kodaira-desk.source); that one
is left in place.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "kodaira-desk.spec"
PLAN_IDS = ("strategy-2015", "program-2021", "restructuring")

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the bundle is built and tested on Linux; for Windows see installer/README.md",
)


def _git(*args: str) -> str | None:
    try:
        r = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def _reusable_build() -> Path | None:
    """dist/kodaira-desk when `make dist` made it from this very commit and the tree is clean."""
    exe = ROOT / "dist" / "kodaira-desk" / "kodaira-desk"
    stamp = ROOT / "dist" / "kodaira-desk.source"
    if not (exe.exists() and stamp.exists()):
        return None
    head, status = _git("rev-parse", "HEAD"), _git("status", "--porcelain")
    if not head or status is None or status:
        return None
    return exe.parent if stamp.read_text().strip() == head else None


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    reused = _reusable_build()
    if reused is not None:
        yield reused
        return
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip("PyInstaller is not installed: .venv/bin/pip install -c constraints.txt -e '.[dev]'")
    # what PyInstaller needs from the system (`make dist` installs both: installer/packaging-deps.sh)
    if shutil.which("objdump") is None:
        pytest.skip("PyInstaller needs objdump on Linux: apt-get install binutils")
    from PyInstaller.depend.bindepend import get_python_library_path

    try:
        get_python_library_path()
    except (Exception, SystemExit):  # PyInstaller's PythonLibraryNotFoundError is a SystemExit
        pytest.skip("PyInstaller needs Python's shared library: apt-get install "
                    f"libpython{sys.version_info[0]}.{sys.version_info[1]}")
    if not list((ROOT / "resources" / "translations").glob("*.qm")):
        pytest.skip("no compiled translations in resources/translations: run `make translations`")
    work = tmp_path_factory.mktemp("bundle")
    try:
        r = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
            cwd=ROOT, capture_output=True, text=True, timeout=1200,
        )
        if r.returncode != 0:
            pytest.fail(f"PyInstaller failed ({r.returncode}):\n{r.stderr[-4000:]}")
        shutil.rmtree(work / "build")
        yield work / "dist" / "kodaira-desk"
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(bundle: Path, home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """The bundle's executable with a clean environment: a fresh HOME and nothing from this venv."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           **extra}
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run([str(bundle / "kodaira-desk"), *args], env=env, cwd=home, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_bundle_has_the_data_fonts_and_translations(bundle: Path) -> None:
    internal = bundle / "_internal"
    for rel in ("db/city/001_strategy.yaml", "db/migrations/env.py", "resources/fonts/ipaexg.ttf",
                "resources/fonts/ipaexm.ttf", "resources/icons/kodaira-desk.svg",
                "resources/translations/kodaira_desk_en.qm", "PySide6/Qt/translations/qtbase_ja.qm"):
        assert (internal / rel).is_file(), rel
    assert list((internal / "db" / "migrations" / "versions").glob("*.py"))
    assert not (internal / "tkinter").exists()


def test_window_opens_on_the_city_data_with_a_fresh_home(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    files_before = set(bundle.rglob("*"))
    r = _run(bundle, home, KODAIRA_DESK_BENCH_EXIT="1")
    assert r.returncode == 0, r.stderr
    assert "shown" in r.stdout.splitlines(), (r.stdout, r.stderr)
    # first run: the per-user data file is made from the built-in data (Alembic from the bundle)
    data_file = home / ".local" / "share" / "KodairaDesk" / "kodaira-desk.sqlite"
    assert data_file.is_file()
    r = _run(bundle, home, "plans")
    assert r.returncode == 0, r.stderr
    assert [line.split("\t")[0] for line in r.stdout.splitlines()] == list(PLAN_IDS)
    # installed under /opt the folder is read-only for its users: nothing (byte-code caches of the
    # migrations, say) may be written beside the bundle
    assert set(bundle.rglob("*")) == files_before


def test_command_line_lists_the_plans(bundle: Path, tmp_path: Path) -> None:
    r = _run(bundle, tmp_path / "home", "plans")
    assert r.returncode == 0, r.stderr
    ids = {line.split("\t")[0] for line in r.stdout.splitlines()}
    assert ids == set(PLAN_IDS)
    assert "小平市まち・ひと・しごと創生総合戦略" in r.stdout
    assert _run(bundle, tmp_path / "home", "--version").stdout.startswith("kodaira-desk ")


def test_pdf_from_the_command_line(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    out = tmp_path / "progress.pdf"
    r = _run(bundle, home, "report", "progress", "--plan", "strategy-2015", "--out", str(out))
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"IPAex" in data  # the bundled fonts are embedded
