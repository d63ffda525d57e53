"""Every visible string has its English translation, and the Japanese source compiles."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # reading our own file, not untrusted input

from kodaira_desk.paths import resources_dir


def forms(message: ET.Element) -> list[str]:
    """A message's translation: its text, or each of its plural forms (a %n text, numerus="yes")."""
    translation = message.find("translation")
    if translation is None:
        return [""]
    plural = [f.text or "" for f in translation.iter("numerusform")]
    if message.get("numerus") == "yes":
        return plural or [""]  # (no form at all: untranslated)
    return [translation.text or ""]


def test_every_string_is_translated() -> None:
    tree = ET.parse(resources_dir() / "translations" / "kodaira_desk_en.ts")
    messages = list(tree.iter("message"))
    assert len(messages) > 60
    untranslated = [
        m.findtext("source") for m in messages
        if not all(form.strip() for form in forms(m))
        or m.find("translation").get("type") in ("unfinished", "obsolete")  # type: ignore[union-attr]
    ]
    assert untranslated == []


def test_placeholders_survive_translation() -> None:
    import re

    tree = ET.parse(resources_dir() / "translations" / "kodaira_desk_en.ts")
    for m in tree.iter("message"):
        src = m.findtext("source") or ""
        for tr in forms(m):  # (each plural form of a %n text: "%n item", "%n items")
            assert sorted(re.findall(r"\{\w+\}", src)) == sorted(re.findall(r"\{\w+\}", tr)), src
            assert ("%n" in src) == ("%n" in tr), src


def test_every_text_in_the_code_has_a_translation(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """lupdate reads every tr()/translate() call in the code; each text must be translated in the .ts.

    Compared by text, not by context: lupdate names a context after the variable (`w.tr` → "w"), while
    PySide looks a text up in each class of the object's MRO.
    """
    import subprocess
    import sys
    from pathlib import Path

    import kodaira_desk

    package = Path(kodaira_desk.__file__).parent
    sources = sorted(str(p) for p in package.rglob("*.py"))
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    out = tmp_path / "extracted.ts"
    subprocess.run([str(lupdate), *sources, "-ts", str(out)], check=True, capture_output=True)
    in_code = {m.findtext("source") for m in ET.parse(out).iter("message")}
    shipped = ET.parse(resources_dir() / "translations" / "kodaira_desk_en.ts")
    translated = {m.findtext("source") for m in shipped.iter("message") if all(f.strip() for f in forms(m))}
    assert len(in_code) > 300
    assert sorted(t for t in in_code - translated if t) == []
