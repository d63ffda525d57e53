"""The whole database as JSON: for review, for open data, and to compare two databases.

The structure is described in docs/json-export.md. Output is deterministic: the same data gives
the same bytes.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from kodaira_desk import __version__
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import Absent, Measured
from kodaira_desk.io.atomic import write_text

FORMAT_VERSION = 1


def to_jsonable(obj: Any) -> Any:
    if isinstance(obj, FiscalYear):
        return {"year": obj.year, "label": obj.era_label()}
    if isinstance(obj, Measured):
        return {"text": str(obj), "number": str(obj.number), "unit": obj.unit,
                "sign": obj.sign, "prefix": obj.prefix, "suffix": obj.suffix}
    if isinstance(obj, Absent):
        return {"text": str(obj), "absence": obj.kind.value, "mark": obj.mark}
    if isinstance(obj, RichText):
        return [b.printed() for b in obj.blocks]
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):
        return obj.isoformat()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {
            (str(k.year) if isinstance(k, FiscalYear) else str(k)): to_jsonable(v)
            for k, v in obj.items()
        }
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    return obj


def trees_to_json(trees: list[PlanTree], *, info: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "format": "kodaira-desk-export",
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "data_version": (info or {}).get("data_version", ""),
        "plans": [to_jsonable(t) for t in trees],
    }


def dumps(data: dict[str, Any]) -> str:
    import json  # (not for the window's start-up, which imports this module: issue 27)

    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def export_json(trees: list[PlanTree], out: Path, *, info: dict[str, str] | None = None) -> None:
    """Write the export; the file appears whole or not at all."""
    write_text(out, dumps(trees_to_json(trees, info=info)))
