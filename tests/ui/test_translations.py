"""Every visible string has its English translation, and the Japanese source compiles."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # reading our own file, not untrusted input

from kodaira_desk.paths import resources_dir


def test_every_string_is_translated() -> None:
    tree = ET.parse(resources_dir() / "translations" / "kodaira_desk_en.ts")
    messages = list(tree.iter("message"))
    assert len(messages) > 60
    untranslated = [
        m.findtext("source") for m in messages
        if not (m.findtext("translation") or "").strip()
        or m.find("translation").get("type") in ("unfinished", "obsolete")  # type: ignore[union-attr]
    ]
    assert untranslated == []


def test_placeholders_survive_translation() -> None:
    import re

    tree = ET.parse(resources_dir() / "translations" / "kodaira_desk_en.ts")
    for m in tree.iter("message"):
        src, tr = m.findtext("source") or "", m.findtext("translation") or ""
        assert sorted(re.findall(r"\{\w+\}", src)) == sorted(re.findall(r"\{\w+\}", tr)), src
