"""Figures a person has confirmed: a yellow check (a figure out of scale, a 累計 going down, a 内数
above its total) is shown until someone says the figure is right.

A confirmation belongs to the figure as it was confirmed: it is kept per plan in the database's
`meta` table (as the grading settings are) as field key → the text confirmed, so every copy of
the master and the board agree, and a figure typed again differently is checked again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import IndicatorValue
from kodaira_desk.domain.values import format_value
from kodaira_desk.store.database import Database

_KEY = "figures.confirmed:{plan}"

Confirmed = Mapping[str, str]  # field key → the figure's text as confirmed


def value_key(plan_id: str, indicator_key: str, value: IndicatorValue) -> str:
    return str(FieldKey("value", plan_id, indicator_key, value.year.year, value.kind.value,
                        value.revision.value))


def is_confirmed(confirmed: Confirmed, key: str, text: str) -> bool:
    return confirmed.get(key) == text


def stored_is_confirmed(confirmed: Confirmed, plan_id: str, indicator_key: str, value: IndicatorValue) -> bool:
    """Whether a stored value is the figure someone confirmed."""
    return is_confirmed(confirmed, value_key(plan_id, indicator_key, value), format_value(value.value, value.marks))


def confirmed_figures(db: Database, plan_id: str) -> dict[str, str]:
    """Every confirmed figure of the plan (field key → text)."""
    with db.reader() as r:
        raw = r.meta(_KEY.format(plan=plan_id))
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    return {str(k): str(v["text"]) for k, v in data.items() if isinstance(v, dict) and "text" in v}


def confirm_figure(db: Database, key: str, text: str, actor: str | None = None) -> None:
    """Record that the figure `text` of the field `key` is right (who, when): its yellow goes."""
    fk = FieldKey.parse(key)
    FiscalYear(fk.year)  # a real field's key, not anything
    meta = _KEY.format(plan=fk.plan_id)
    with db.unit_of_work() as uow:
        current = json.loads(uow.meta.get(meta) or "{}")
        current[key] = {"text": text, "by": actor or "", "at": datetime.now().isoformat(timespec="seconds")}
        uow.meta.set(meta, json.dumps(dict(sorted(current.items())), ensure_ascii=False))
