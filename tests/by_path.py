"""One loader for a helper module of another test folder, by its path (tests/ is not a package; its
folders' helpers are shared by loading them under a name of the loading folder's own)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TESTS = Path(__file__).resolve().parent


def load(name: str, relative: str) -> ModuleType:
    """tests/`relative` as the module `name` (registered in sys.modules: its dataclasses look
    themselves up there)."""
    spec = importlib.util.spec_from_file_location(name, TESTS / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
