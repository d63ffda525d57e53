"""The window helpers of tests/ui and tests/reports, shared here (loaded by path: tests/ is not a
package), and the program's keys."""

from __future__ import annotations

import re

from by_path import load

pdf = load("pdf_reading_for_program", "reports/pdf_reading.py")
clerk = load("clerk_for_program", "ui/test_clerk.py")
kit = load("roundkit_for_program", "ui/roundkit.py")
workbooks = load("workbook_helpers_for_program", "round/workbook_helpers.py")


def head_text(value: object) -> str:
    """A sheet's head read on one line, as the tests name it: 「令和3年度\n計画の費用\n（千円）」 (broken
    between words to fit its column) is 「令和3年度 計画の費用（千円）」."""
    text = str(value)
    return re.sub(r"年度\n", "年度 ", text).replace("\n", "")
