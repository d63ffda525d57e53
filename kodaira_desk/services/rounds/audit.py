"""The audit log in words: who changed which field, from what to what, by typing, import or resolution."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.io.atomic import write_text
from kodaira_desk.services.rounds.common import describe, trees_by_id
from kodaira_desk.store.database import Database
from kodaira_desk.store.round_repository import decode

PLAN_SOURCE = "plan"  # services.plan_editing.common.AUDIT_SOURCE (not imported: no cycle to think about)


def audit_entries(db: Database, key_prefix: str = "", source: str | None = None) -> list[dict[str, str | None]]:
    trees = trees_by_id(db)
    with db.reading() as uow:
        files = {str(r.id): r.file_name for r in uow.rounds.imports()}  # an import's source: the file's name
        return [{"at": a.at, "field": a.field_key, "item": _item(trees, a.field_key, a.source),
                 "old": _words(trees, a.source, decode(a.old)), "new": _words(trees, a.source, decode(a.new)),
                 "source": a.source, "source_id": a.source_id, "actor": a.actor, "note": a.note,
                 "file": files.get(a.source_id or "") if a.source == "import" else None}
                for a in uow.audit.entries(key_prefix, source)]


def _item(trees: Mapping[str, PlanTree], key: str, source: str) -> str:
    """The audited thing in words; a plan the plan editor made: 計画「…」."""
    parts = key.split(":")
    if source == PLAN_SOURCE and len(parts) == 2 and parts[0] == "plan":
        tree = trees.get(parts[1])
        return f"計画「{tree.plan.title}」（{parts[1]}）" if tree else f"計画 {parts[1]}"
    return describe(trees, key)


def _words(trees: Mapping[str, PlanTree], source: str, value: str | None) -> str | None:
    """A plan's making (new, or the next period copied) as the plan editor recorded it (a JSON
    object) in words: 元の計画・計画期間・基準値・表の注記; anything else as it was recorded."""
    if source != PLAN_SOURCE or not value or not value.startswith("{"):
        return value
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if not isinstance(data, dict):
        return value
    words: list[str] = []
    order = ("title", "copied_from", "period", "levels", "documents", "round", "actuals_as_baselines", "footnotes")
    for name, v in sorted(data.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)):
        if name == "title":
            words.append(f"計画名: {v}")
        elif name == "copied_from":
            tree = trees.get(str(v))
            words.append(f"元の計画: {tree.plan.title}（{v}）" if tree else f"元の計画: {v}")
        elif name == "period" and isinstance(v, list) and len(v) == 2:
            words.append(f"計画期間: {FiscalYear(int(v[0])).era_label()}～{FiscalYear(int(v[1])).era_label()}")
        elif name == "actuals_as_baselines":
            words.append("基準値: 最新の実績" if v else "基準値: 元の計画のまま")
        elif name == "footnotes":
            words.append(f"表の注記: {v} 件を引き継ぎ")
        elif name == "levels" and isinstance(v, list):
            words.append("階層: " + "／".join(map(str, v)))
        elif name == "round":
            words.append(f"年度の作業: {v}")
        elif name == "documents" and isinstance(v, list):
            words.append(f"資料: {len(v)} 種類")
        else:
            words.append(f"{name}: {v}")
    return "、".join(words)


AUDIT_CSV_COLUMNS = ("日時", "項目", "変更前", "変更後", "経緯", "記録番号", "担当者", "理由・備考")


def write_audit_csv(entries: Iterable[Mapping[str, str | None]], out: Path) -> Path:
    """The audit entries shown (as audit_entries gives them) as CSV, UTF-8 with a BOM for Excel,
    written whole or not at all (io.atomic)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(AUDIT_CSV_COLUMNS)
    for e in entries:
        w.writerow([e["at"], e["item"], e["old"] or "", e["new"] or "", e["source"], e["source_id"] or "",
                    e["actor"] or "", e.get("note") or ""])
    write_text(out, buf.getvalue(), encoding="utf-8-sig")
    return out
