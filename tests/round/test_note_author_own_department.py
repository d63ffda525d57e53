"""Who signs a note typed in a department file (the tester at Xvfb, 2026-12-07): the name kept on the
PC is asked once for every file, and a clerk who had typed it with their 課 (「高齢者支援課 佐藤」, as the
question's own example 「政策課 山田」 shows) signed notes in another 課's file 「文化スポーツ課 高齢者支援課
佐藤」. A name that begins with a 課 is kept as typed; a bare name is signed with the file's 課."""

from __future__ import annotations

from pathlib import Path

import pytest
from notes_helpers import annotations_of
from round_helpers import FARM, R2

from kodaira_desk.domain.annotations import AnnotationKey
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import AnnotationField, content_of, key_of
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.workspace import Workspace

FARM_NOTE = AnnotationField(str(AnnotationKey.note(key_of(FARM))))  # 市内体験農園の区画数 R2 実績, 産業振興課


@pytest.mark.parametrize(("typed", "signed"), [
    ("高齢者支援課 佐藤", "高齢者支援課 佐藤"),
    ("高齢者支援課　佐藤", "高齢者支援課　佐藤"),  # a full-width space, as a Japanese keyboard types it
    ("政策課 山田", "政策課 山田"),
    ("佐藤", "産業振興課 佐藤"),
    ("産業振興課 佐藤", "産業振興課 佐藤"),
    ("課長 佐藤", "産業振興課 課長 佐藤"),  # a title, not a 課
])
def test_a_note_is_signed_with_one_department(db_path: Path, tmp_path: Path, typed: str, signed: str) -> None:
    db = open_database(db_path, create=False)
    try:
        f = {h.department: h.path for h in handout(db, R2, tmp_path / "配布", ["産業振興課"])}["産業振興課"]
    finally:
        db.dispose()
    clerk = Workspace.open(f, create=False, actor=typed)
    try:
        clerk.load_plans()
        clerk.session.put(FARM, content_of(FARM, "365区画"))
        clerk.session.put(FARM_NOTE, "R2は区画を5つ増設したため増加。")
        clerk.save_session()
    finally:
        clerk.close()
    note = annotations_of(f)["strategy-2015"].note(key_of(FARM))
    assert note is not None and note.author == signed
