"""The window helpers of tests/ui and tests/reports, shared here (loaded by path: tests/ is not a
package), and the program's keys."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


_TESTS = Path(__file__).parents[1]
pdf = _module("pdf_reading_for_program", _TESTS / "reports" / "pdf_reading.py")
clerk = _module("clerk_for_program", _TESTS / "ui" / "test_clerk.py")
kit = _module("roundkit_for_program", _TESTS / "ui" / "roundkit.py")
workbooks = _module("workbook_helpers_for_program", _TESTS / "round" / "workbook_helpers.py")
