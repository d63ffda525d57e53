"""Start-up imports only what the first screen needs: the window with the city data, shown in a
process of its own, has not imported the ORM, migrations, spreadsheets, PDF or the dialogs behind
the menus (issue 18: start-up within 2× of a bare PySide6 window)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Whole packages (and their sub-modules) the first screen must not import.
HEAVY = (
    "sqlalchemy", "alembic", "openpyxl", "reportlab", "hypothesis", "yaml",
    "kodaira_desk.reports", "kodaira_desk.store.models", "kodaira_desk.store.round_repository",
    "kodaira_desk.store.repository", "kodaira_desk.services.reports", "kodaira_desk.services.workbooks",
    "kodaira_desk.services.rounds.audit", "kodaira_desk.services.rounds.collect",
    "kodaira_desk.services.rounds.handout", "kodaira_desk.ui.report_dialog",
    "kodaira_desk.ui.plan_editor", "kodaira_desk.ui.round_dialogs", "kodaira_desk.ui.board_dialog",
    "kodaira_desk.ui.conflict_dialog",
    # built when first needed, not for the first screen (the tree and the plan's header)
    "kodaira_desk.ui.grid_forms", "kodaira_desk.ui.grid_view", "kodaira_desk.ui.kpi_model",
    "kodaira_desk.ui.plan_tables", "kodaira_desk.ui.measure_form", "kodaira_desk.ui.clerk_mode",
    "kodaira_desk.domain.merge", "kodaira_desk.services.locks",
)

PROBE = """
import atexit, runpy, sys
atexit.register(lambda: print("MODULES", " ".join(sorted(sys.modules)), flush=True))
sys.argv = ["kodaira_desk", "--db", sys.argv[1]]
runpy.run_module("kodaira_desk", run_name="__main__")
"""


def _started_modules(db_path: Path, tmp_path: Path) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KODAIRA_DESK_BENCH_EXIT="1",
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert "shown" in lines, done.stderr  # the window was shown before anything was counted
    (modules,) = [line for line in lines if line.startswith("MODULES ")]
    return set(modules.split()[1:])


def test_window_with_city_data_starts_without_heavy_modules(db_path: Path, tmp_path: Path) -> None:
    modules = _started_modules(db_path, tmp_path)
    assert "kodaira_desk.ui.main_window" in modules  # the probe did start the window
    loaded = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert loaded == []


def test_round_names_still_resolve_lazily() -> None:
    """The round's package imports its jobs on first use; each name is the function, not its module."""
    code = ("import importlib, sys\n"
            "importlib.import_module('kodaira_desk.services.rounds.collect')\n"
            "from kodaira_desk.services import rounds\n"
            "from kodaira_desk.services.rounds import collect, handout, file_info, RoundError\n"
            "assert callable(collect) and collect.__module__.endswith('.collect'), collect\n"
            "assert callable(handout) and rounds.collect is collect and rounds.handout is handout\n"
            "assert issubclass(RoundError, Exception) and callable(file_info)\n"
            "assert set(rounds.__all__) <= set(dir(rounds))\n"
            "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.stdout.strip() == "ok", done.stderr
