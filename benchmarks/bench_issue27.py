"""Every row of issue 27's table, each beside its baseline from the same run, at ×1 and ×10 (×100 for
start-up, the form and the collection), with the load average: each benchmark in turn, in a process
of its own (one at a time: a benchmark must not share the machine with another), its output as it
prints it, then the issue's table again, each row with the lines that give its figures.

`bench_issue27.py` runs them all (some 30–60 min on a quiet 2-core machine: the collection ×100
writes 60 files of some 27 MB); `bench_issue27.py startup paste` only the rows named (see ROWS).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STDERR_TAIL = 15  # lines of a failed benchmark's stderr shown

# (row of the table, its short name, the benchmark and its arguments, what its figure lines start with)
ROWS: tuple[tuple[str, str, list[str], tuple[str, ...]], ...] = (
    ("start-up to the window shown: city data, ×10, ×100 (beside a bare PySide6 window)", "startup",
     ["bench_window.py", "startup", "10,100"], ("start-up to window", "  bare PySide6", "  Kodaira Desk")),
    ("select an item → form filled, ×1/×10/×100 (beside one frame)", "form",
     ["bench_window.py", "selection", "10,100"], ("select an item",)),
    ("the longest GUI-thread stall during each slow action (save, collect, 回収状況…, PDF, hand-out, export, "
     "plan import), ×1 and ×10 (beside one frame)", "stalls",
     ["bench_window.py", "stalls", "10"], ("longest GUI-thread stall", "  ")),
    ("進捗ボード opening, ×10/×100 (beside the plans read on the GUI thread)", "board",
     ["bench_window.py", "board", "10,100"], ("opening 進捗ボード", "  ")),
    ("the save's longest stall, ×1 and ×10, first and second save (beside one frame; the worker's CPU and "
     "statements)", "save", ["bench_save.py", "5", "1,10"], ("the save's longest", "  ×")),
    ("進捗ボード opening, scrolling and following a change, ×10/×100 (beside a bare QTableView of the same "
     "cells)", "board2", ["bench_board.py", "10,100", "3"], ("進捗ボード", "  ")),
    ("the round windows' first opening in a session after the window was idle (beside one frame; the idle "
     "window's own gaps)", "first", ["bench_first_openings.py", "3"], ("first opening", "  ")),
    ("opening a file with its whole-file check, ×1/×10/×100 (beside the opening without it)", "opening",
     ["bench_opening.py", "1,10,100"], ("scale", "×")),
    ("the tree's filters, ×1/×10/×100 (beside one frame and the city data)", "filters",
     ["bench_filter.py", "1,10,100"], ("filtering the tree", "  ")),
    ("hand out and collect the department files, ×1/×10/×100 (beside writing the same copies; a raw read)",
     "round", ["bench_round.py", "1,10,100"], ("data ×", "hand out", "collect", "  baseline", "  second baseline",
                                               "  load average")),
    ("paste 1,000 cells, ×1 and ×10 (beside a bare QTableView)", "paste",
     ["bench_grid.py", "1,10"], ("×1:", "×10:", "  paste", "  one typed", "    the bare", "    (the bare")),
    ("every PDF, ×1 and ×10 (beside LibreOffice and a bare reportlab table)", "pdf",
     ["bench_reports.py"], ("",)),
    ("the master on PostgreSQL: start-up ×1/×10 (beside the SQLite file and the bare window), through a 1 ms "
     "link, round trips; the server refresh's stall (beside one frame and the window idle); save; hand-out "
     "and collection", "server", ["bench_postgres.py"], ("",)),
)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    only = set(sys.argv[1:])
    unknown = only - {name for _, name, _, _ in ROWS}
    if unknown:
        raise SystemExit(f"unknown rows {sorted(unknown)}; the rows: {', '.join(name for _, name, _, _ in ROWS)}")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    found: list[tuple[str, str, list[str]]] = []
    for row, name, command, starts in ROWS:
        if only and name not in only:
            continue
        print(f"=== {row}\n    {' '.join(command)} (load average before: {load()})", flush=True)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], env=env, text=True,
                              capture_output=True, check=False)
        print(done.stdout, end="", flush=True)
        lines = [line for line in done.stdout.splitlines() if line.startswith(starts) and line.strip()]
        if done.returncode:  # why, in its own words: the last lines of its stderr (Qt's chatter before)
            tail = done.stderr.strip().splitlines()[-STDERR_TAIL:]
            print("\n".join(f"    ! {line}" for line in tail), flush=True)
            lines.append(f"(the benchmark failed: exit status {done.returncode}; its stderr ends: "
                         f"{tail[-1].strip() if tail else '(nothing)'})")
        found.append((row, f"{time.perf_counter() - t0:.0f} s, load average after: {load()}", lines))
    print("\n=== issue 27's table, each row's figures as printed above")
    for row, when, lines in found:
        print(f"- {row} ({when})")
        for line in lines:
            print(f"    {line.strip()}")


if __name__ == "__main__":
    main()
