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
    "sqlalchemy", "alembic", "openpyxl", "reportlab", "hypothesis", "yaml", "hashlib",
    "kodaira_desk.reports", "kodaira_desk.store.models", "kodaira_desk.store.round_repository",
    "kodaira_desk.store.repository", "kodaira_desk.services.reports", "kodaira_desk.services.workbooks",
    "kodaira_desk.services.rounds.audit", "kodaira_desk.services.rounds.collect",
    "kodaira_desk.services.rounds.handout", "kodaira_desk.ui.reports.dialog",
    "kodaira_desk.ui.plan_editor.editor", "kodaira_desk.ui.round.dialogs", "kodaira_desk.ui.round.board_dialog",
    "kodaira_desk.ui.round.conflict_dialog", "kodaira_desk.ui.round.audit_dialog",
    # built when first needed, not for the first screen (the tree and the plan's header)
    "kodaira_desk.ui.forms.grid_forms", "kodaira_desk.ui.forms.grid_view", "kodaira_desk.ui.forms.kpi_model",
    "kodaira_desk.ui.plan_editor.tables", "kodaira_desk.ui.forms.measure_form", "kodaira_desk.ui.window.clerk_mode",
    "kodaira_desk.domain.merge", "kodaira_desk.services.locks",
    # the grading and its CSV/JSON: first used by a KPI form or a save (issue 27)
    "kodaira_desk.domain.achievement", "kodaira_desk.services.achievement", "csv", "json",
    # the threads that sync files behind a write (issue 27)
    "concurrent.futures",
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
    assert "kodaira_desk.ui.window.main_window" in modules  # the probe did start the window
    loaded = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert loaded == []


# The window shown, before anything else is done: Qt for Python has not built the Python class
# of every QWidget (or QObject) subclass it knows, as it does the first time it must find the
# class of an object Qt made (a scroll area's viewport) or when asked to find a child by a
# Python class (issue 27: 30–50 ms and 100 classes of start-up). These classes are the signs; and
# QAccessible (its enums: some 4 ms), imported when a message is first announced.
SEARCH_SIGNS = ("QCalendarWidget", "QColorDialog", "QFontDialog", "QMdiArea", "QWizard", "QLCDNumber", "QAccessible",
                # and the server dialog's (ui/window/server_dialog.py: made when it opens, ~5 ms)
                "QDialogButtonBox", "QFormLayout", "QListWidget", "QSpinBox")
PROBE_CLASSES = """
import gc, runpy, sys
from PySide6 import QtGui, QtWidgets
freeze, signs = gc.freeze, sys.argv[2].split(",")

def freeze_and_look():  # run_app freezes the objects right after the window is shown
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, lambda: print("BUILT", *[n for n in signs if n in vars(QtWidgets) or n in vars(QtGui)],
                                       flush=True))
    freeze()

gc.freeze = freeze_and_look
sys.argv = ["kodaira_desk", "--db", sys.argv[1]]
runpy.run_module("kodaira_desk", run_name="__main__")
"""


def test_the_window_is_shown_before_qt_for_python_builds_every_widget_class(db_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KODAIRA_DESK_BENCH_EXIT="1",
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", PROBE_CLASSES, str(db_path), ",".join(SEARCH_SIGNS)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert "shown" in lines, done.stderr
    (built,) = [i for i, line in enumerate(lines) if line.startswith("BUILT")]
    assert built < lines.index("shown")  # looked at as the window was shown
    assert lines[built] == "BUILT", lines[built]


def test_the_rounds_package_imports_none_of_its_modules() -> None:
    """Importing the round's package imports none of its jobs: each caller imports the module it
    uses, so the window's idle imports (ui/window/idle_imports.py) take the round windows' modules
    one a turn instead of the whole package (its ORM and every job) in one turn (issue 27)."""
    code = ("import sys\n"
            "import kodaira_desk.services.rounds\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('kodaira_desk.services.rounds.',"
            " 'sqlalchemy')))))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


# Imports made inside functions outside ui/ (issue 23): each is here because the first screen, or a
# common action, must not pay for what it loads. Anything else is imported at the top of its module.
# The list is exact: an import that is no longer lazy leaves it (it can only shrink or be argued for).
DELIBERATE = {
    # the window opens from the same entry point (`kodaira-desk FILE`): each command imports its own
    "cli.py": {"argparse", "dataclasses", "datetime", "gc", "getpass",
               "kodaira_desk.domain.errors", "kodaira_desk.domain.fiscal_year",
               "kodaira_desk.domain.yearly", "kodaira_desk.domain.os_reasons",  # the OS's reason in our words
               "kodaira_desk.io.atomic", "kodaira_desk.cli_round", "kodaira_desk.cli_plan", "kodaira_desk.cli_handout",
               "kodaira_desk.cli_parser", "kodaira_desk.cli_pipe",  # Japanese argparse; a closed pipe ends quietly
               "kodaira_desk.cli_interrupt",  # Ctrl+C: a line, no traceback
               "kodaira_desk.cli_files",  # collect's file patterns a Windows shell leaves unexpanded
               "kodaira_desk.services.achievement",
               "kodaira_desk.services.database", "kodaira_desk.services.export",
               "kodaira_desk.services.master_only",  # a department file refused as the master
               "kodaira_desk.services.plans", "kodaira_desk.services.reports",
               "kodaira_desk.services.rounds.collect",
               "kodaira_desk.services.server", "kodaira_desk.services.workbooks", "kodaira_desk.store.database",
               "kodaira_desk.services.opening",  # a master on a server opened elsewhere (issue 27)
               "ctypes", "logging",  # (imported before its thread starts: both import them)
               "kodaira_desk.store.server", "kodaira_desk.ui.app",
               "kodaira_desk.ui"},  # ui.start_costs: before `--db` is read (issue 27)
    # the parser of `plan …` is built for every command: its services (openpyxl for the workbook)
    # only for the command that runs them (tests/test_cli_plan_imports.py)
    "cli_plan.py": {"kodaira_desk.services", "kodaira_desk.services.plan_editing",
                    "kodaira_desk.services.plan_editing.next_period"},  # plan copy's overlapping periods
    # the plans in force beside the copy, read only by plan copy; the hand-outs of an item's 課, only by
    # a removal (the services' package imports every module of plan_editing)
    "services/plan_editing/next_period.py": {"kodaira_desk.services.plans"},
    "services/plan_editing/structure.py": {"kodaira_desk.domain.round"},
    # the parser of `handout` is built for every command: the round's services only when it runs
    "cli_handout.py": {"kodaira_desk.domain.fiscal_year", "kodaira_desk.domain.round_year",
                       "kodaira_desk.services.plans", "kodaira_desk.services.rounds.handout",
                       "kodaira_desk.services.rounds.settings", "kodaira_desk.services.rounds.yearly"},
    "paths.py": {"platformdirs",  # only when no data folder is given
                 "hashlib"},  # loads OpenSSL's library (~3.5 ms): the window's start-up hashes nothing
    "store/reader.py": {"hashlib"},  # (the same: a department file's hash, at its save)
    "io/atomic.py": {"concurrent.futures"},  # the syncs behind a write (the window's start-up writes nothing)
    "domain/evidence.py": {"hashlib"},  # (the same: an attached file's hash)
    # SQLAlchemy, Alembic, psycopg, PyYAML: when a database is built, upgraded, written or on a server
    "store/database.py": {"alembic", "alembic.config", "sqlalchemy", "sqlalchemy.pool", "sqlalchemy.orm",
                          "sqlalchemy.exc", "kodaira_desk.store.unit_of_work"},
    # on a server, opening and reading go through psycopg alone; SQLAlchemy for the first write
    "store/server.py": {"sqlalchemy", "psycopg", "psycopg.pq", "kodaira_desk.store.server_wait"},
    # the ORM's models (backup before an upgrade, build-db) and YAML (build-db) (issue 27: a
    # server's start-up loads no SQLAlchemy)
    "services/server.py": {"kodaira_desk.store", "kodaira_desk.store.transfer", "kodaira_desk.io.city_data"},
    # a master on a server: the process that reads it is forked before the window's modules (and
    # the store) are imported; the thread's route imports them before its thread starts (issue 27)
    "services/opening.py": {"datetime", "kodaira_desk.domain.fiscal_year", "kodaira_desk.services",
                            "kodaira_desk.services.clerk_file",
                            "kodaira_desk.services.workspace", "kodaira_desk.store", "kodaira_desk.store.database",
                            "kodaira_desk.store.errors", "kodaira_desk.store.first_screen",
                            "kodaira_desk.store.reader"},
    "store/server_trips.py": {"sqlalchemy"},
    "services/database.py": {"kodaira_desk.services.server", "kodaira_desk.store.transfer",
                             "kodaira_desk.io.city_data", "sqlalchemy.exc"},
    # the round's ORM, reportlab, openpyxl: when the action is first used
    "services/workspace.py": {"kodaira_desk.services", "kodaira_desk.services.workbooks",
                              "kodaira_desk.services.year_locks", "kodaira_desk.services.rounds.carry",
                              "kodaira_desk.services.rounds.collect", "kodaira_desk.services.rounds.conflicts",
                              "kodaira_desk.services.rounds.handout",
                              "kodaira_desk.services.rounds.overview", "kodaira_desk.services.rounds.reminders",
                              "kodaira_desk.services.rounds.review", "kodaira_desk.services.rounds.settings",
                              "kodaira_desk.services.rounds.submission",
                              # a plan's grading, first on a KPI form; the confirmed figures (JSON)
                              "kodaira_desk.services.achievement", "kodaira_desk.services.figure_checks",
                              # the collected plans untracked (ctypes: not for start-up)
                              "kodaira_desk.services.plan_memory",
                              # a department file read back after its save (only a clerk's file)
                              "kodaira_desk.services.file_place"},
    # a department file's lineage (the chain of its saves) only when a department file is saved
    "services/editing.py": {"kodaira_desk.domain"},
    "services/export.py": {"json"},  # the JSON export: the window imports the module, not json
    "services/session.py": {"kodaira_desk.services.locks"},  # clerk mode only
    # a department file's open mark, in clerk mode only (a master and the server's opening thread: none)
    "services/clerk_file.py": {"kodaira_desk.services.open_files"},
    "services/open_files.py": {"ctypes"},  # Windows only: the mark made hidden
    # the grading (its dataclasses, CSV and JSON): the window starts with no grading change
    "services/grading_edits.py": {"kodaira_desk.domain.achievement", "kodaira_desk.services.achievement"},
    # openpyxl only when a workbook is handed out or comes back (a .kdesk round never loads it)
    "services/rounds/workbook.py": {"kodaira_desk.io.dept_workbook.read", "kodaira_desk.io.dept_workbook.write",
                                    "kodaira_desk.io.dept_workbook.program_sheet"},
    "io/dept_workbook/read.py": {"openpyxl", "openpyxl.utils.cell", "openpyxl.reader.strings", "defusedxml",
                                 "defusedxml.ElementTree"},
    "io/dept_workbook/formulas.py": {"openpyxl.formula.translate", "defusedxml.ElementTree"},
    "io/dept_workbook/props.py": {"defusedxml", "defusedxml.ElementTree"},
    # a collection's worker process ignores Ctrl+C before it imports the checks (issue 27)
    "services/received_worker.py": {"kodaira_desk.services.received_prepare"},
    # a worker tells a SQLite file from its first bytes: the workbook's reader only for another file
    "services/received_prepare.py": {"kodaira_desk.io.dept_workbook.guard"},
}


def _imports_inside_functions() -> dict[str, set[str]]:
    import ast

    import kodaira_desk

    package = Path(kodaira_desk.__file__).parent
    found: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel.startswith(("ui/", "tools/")):  # the window's own (#23's later ui part), the screenshot makers
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.ImportFrom) and sub.module:
                        found.setdefault(rel, set()).add(sub.module)
                    elif isinstance(sub, ast.Import):
                        found.setdefault(rel, set()).update(a.name for a in sub.names)
    return found


def test_imports_inside_functions_are_the_deliberate_ones() -> None:
    assert _imports_inside_functions() == DELIBERATE
