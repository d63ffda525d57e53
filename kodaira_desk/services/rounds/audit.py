"""The audit log in words: who changed which field, from what to what, by typing, import or resolution."""

from __future__ import annotations

from kodaira_desk.services.rounds.common import describe, trees_by_id
from kodaira_desk.store.database import Database
from kodaira_desk.store.round_repository import RoundRepository, decode


def audit_entries(db: Database, key_prefix: str = "", source: str | None = None) -> list[dict[str, str | None]]:
    trees = trees_by_id(db)
    with db.reading() as s:
        repo = RoundRepository(s)
        files = {str(r.id): r.file_name for r in repo.imports()}  # an import's source: the file's name
        return [{"at": a.at, "field": a.field_key, "item": describe(trees, a.field_key),
                 "old": decode(a.old), "new": decode(a.new),
                 "source": a.source, "source_id": a.source_id, "actor": a.actor, "note": a.note,
                 "file": files.get(a.source_id or "") if a.source == "import" else None}
                for a in repo.audit_rows(key_prefix, source)]
