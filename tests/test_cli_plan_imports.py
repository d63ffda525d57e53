"""Building the command line's parser (any command, `kodaira-desk gui …`) imports no openpyxl or
PIL: they are for `plan export/import` (and the workbook commands) alone (a review found the split
of cli.py importing them for every command, some 1.7 s of CPU on a loaded machine)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from kodaira_desk import cli
cli._parser().parse_args(["plans"])
heavy = sorted(m for m in sys.modules
               if m.split(".")[0] in ("openpyxl", "PIL") or m == "kodaira_desk.services.plan_editing.workbook")
print(heavy)
"""


def test_the_parser_imports_no_openpyxl() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
