"""The audit log in words: who changed which field, from what to what, by typing, import or resolution."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from kodaira_desk.io.atomic import write_text
from kodaira_desk.services.rounds.common import describe, trees_by_id
from kodaira_desk.store.database import Database
from kodaira_desk.store.round_repository import decode


def audit_entries(db: Database, key_prefix: str = "", source: str | None = None) -> list[dict[str, str | None]]:
    trees = trees_by_id(db)
    with db.reading() as uow:
        files = {str(r.id): r.file_name for r in uow.rounds.imports()}  # an import's source: the file's name
        return [{"at": a.at, "field": a.field_key, "item": describe(trees, a.field_key),
                 "old": decode(a.old), "new": decode(a.new),
                 "source": a.source, "source_id": a.source_id, "actor": a.actor, "note": a.note,
                 "file": files.get(a.source_id or "") if a.source == "import" else None}
                for a in uow.audit.entries(key_prefix, source)]


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
