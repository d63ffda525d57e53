"""A department's workbook: the Excel path of the yearly round, for departments that cannot install
the app (issue 15; shared MERGE.md).

- `write`: the workbook handed out — that department's indicators and measures, context locked,
  only the entry year's cells of its scope unlocked, validation, units, instructions, and a
  veryHidden identity sheet with a checksum of the locked content. It returns the `Layout` (every
  cell written, with its field key and text), which the master keeps: collection reads the cells
  the master knows, never a map carried inside the returned file.
- `guard`: the checks made on the bytes and the zip directory before openpyxl opens anything.
- `read`: the cells of a returned workbook, read by openpyxl in read-only mode (defusedxml
  installed), with each formula's text so a service can decide which cached values to trust.

Reading values into field values is the service's job (services/rounds/workbook.py): it owns the
domain's parser and the merge.
"""

from kodaira_desk.io.dept_workbook.layout import (
    IDENTITY_SHEET,
    INDICATOR_SHEET,
    INSTRUCTIONS_SHEET,
    MEASURE_SHEET,
    CarriedCell,
    CellSpec,
    HeadCheckCells,
    Layout,
    RawCell,
    RoundYear,
    WorkbookRefused,
    locked_checksum,
)

__all__ = ["IDENTITY_SHEET", "INDICATOR_SHEET", "INSTRUCTIONS_SHEET", "MEASURE_SHEET", "CarriedCell", "CellSpec",
           "HeadCheckCells", "Layout", "RawCell", "RoundYear", "WorkbookRefused", "locked_checksum"]
