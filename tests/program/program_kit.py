"""The window helpers of tests/ui and tests/reports, shared here (loaded by path: tests/ is not a
package), and the program's keys."""

from __future__ import annotations

from by_path import load

pdf = load("pdf_reading_for_program", "reports/pdf_reading.py")
clerk = load("clerk_for_program", "ui/test_clerk.py")
kit = load("roundkit_for_program", "ui/roundkit.py")
workbooks = load("workbook_helpers_for_program", "round/workbook_helpers.py")
