"""Each class's texts have their English in that class's context. A window's widget looks a text
up in the contexts of its own classes only (its class, then its bases): a text translated for
another class (「回答」 for FieldNotesDialog) stays Japanese in this one (QuestionsDialog's answer box
was named 回答 in English; SubmitDialog's button read キャンセル(C)). test_translations.py compares
by text alone, since lupdate names a context after the variable when tr() is called on one
(`w.tr` → "w"); the contexts named after a class or given to translate() are checked here."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET  # reading our own files, not untrusted input
from pathlib import Path

import kodaira_desk
from kodaira_desk.paths import resources_dir


def _pairs(path: Path) -> set[tuple[str, str]]:
    return {(c.findtext("name") or "", m.findtext("source") or "")
            for c in ET.parse(path).iter("context") for m in c.iter("message")}


def test_every_text_of_a_class_is_translated_in_its_own_context(tmp_path: Path) -> None:
    package = Path(kodaira_desk.__file__).parent
    out = tmp_path / "extracted.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *sorted(str(p) for p in package.rglob("*.py")), "-ts", str(out)],
                   check=True, capture_output=True)
    in_code = {(c, s) for c, s in _pairs(out) if c[:1].isupper() and "." not in c and s}  # a class, not a variable
    shipped = _pairs(resources_dir() / "translations" / "kodaira_desk_en.ts")
    assert len(in_code) > 600
    assert sorted(in_code - shipped) == []
