"""The OS's reason inside a message the window shows is in the window's language: a workbook written
where a folder of its name is was 「…: could not be written (Is a directory).」 in English and
「…: 書き込めませんでした（Is a directory）。」 in Japanese; the reason is now ours in both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kodaira_desk.io.atomic import AtomicWriteError, write_bytes
from kodaira_desk.ui.domain_words import message_of

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _refused(target: Path) -> AtomicWriteError:
    with pytest.raises(AtomicWriteError) as caught:
        write_bytes(target, b"x")
    return caught.value


def test_a_folder_where_the_file_goes_is_said_in_english(english: None, tmp_path: Path) -> None:
    folder = tmp_path / "book.xlsx"
    folder.mkdir()
    said = message_of(_refused(folder))
    assert said == f"{folder}: could not be written (a folder of that name is there).", said


def test_a_file_where_the_folder_goes_is_said_in_english(english: None, tmp_path: Path) -> None:
    a_file = tmp_path / "out"
    a_file.write_text("x", encoding="utf-8")
    said = message_of(_refused(a_file / "book.xlsx"))
    assert str(a_file) in said and not JAPANESE.search(said.replace(str(a_file), "")), said
    assert "a file of that name is there" in said, said


def test_the_same_in_japanese(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "book.xlsx"
    folder.mkdir()
    assert message_of(_refused(folder)) == f"{folder}: 書き込めませんでした（同じ名前のフォルダがあります）。"
