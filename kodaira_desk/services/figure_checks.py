"""Figures a person has confirmed: a yellow check (a figure out of scale, a 累計 going down, a 内数
above its total) is shown until someone says the figure is right.

A confirmation belongs to the figure as it was confirmed: it is kept per plan in the database's
`meta` table (as the grading settings are) as field key → the text confirmed, so every copy of
the master and the board agree, and a figure typed again differently is checked again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime

from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import IndicatorValue
from kodaira_desk.domain.values import format_value
from kodaira_desk.store.database import Database

_KEY = "figures.confirmed:{plan}"
CONFIRMED_SOURCE = "confirmed"  # audit_log.source of a confirmation (経緯 確認済み)

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
        return _parsed(r.meta(_KEY.format(plan=plan_id)))


def confirmed_of(db: Database, plan_ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """Several plans' confirmed figures in one read (a look for others' confirmations)."""
    ids = list(plan_ids)
    found = db.facts(*(_KEY.format(plan=p) for p in ids)) if ids else {}
    return {p: _parsed(found.get(_KEY.format(plan=p))) for p in ids}


def _parsed(raw: str | None) -> dict[str, str]:
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v["text"]) for k, v in data.items() if isinstance(v, dict) and "text" in v}


def confirm_figure(db: Database, key: str, text: str, actor: str | None = None) -> dict[str, str]:
    """Record that the figure `text` of the field `key` is right (who, when): its yellow goes. An
    audit row says who (経緯 確認済み), and tells the other windows on the master to look again.
    Returns the plan's confirmed figures as they now are."""
    fk = FieldKey.parse(key)
    FiscalYear(fk.year)  # a real field's key, not anything
    meta = _KEY.format(plan=fk.plan_id)
    with db.unit_of_work() as uow:
        current = json.loads(uow.meta.get(meta) or "{}")
        current[key] = {"text": text, "by": actor or "", "at": datetime.now().isoformat(timespec="seconds")}
        written = json.dumps(dict(sorted(current.items())), ensure_ascii=False)
        uow.meta.set(meta, written)
        uow.audit.add(key, text, text, CONFIRMED_SOURCE, None, actor)
    return _parsed(written)
