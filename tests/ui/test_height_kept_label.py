"""A wrapped label's height for a width, kept between a layout's questions (issue 27), is never the
height of another text, font or margin: the same label, asked after each change, answers as a
plain QLabel given the same text, font and margins does (a kept height that outlived its text would cut the
KPI grid's legend or the header's title, or leave a gap under them)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from kodaira_desk.ui.message_line import HeightKeptLabel, WrappedLine

TEXTS = ["", "一行", "数値は「1,234人」「80.9%」「+600人」のように入力できます（全角可）。" * 3,
         "A longer English sentence that wraps onto a few lines at a narrow width, then fewer at a wide one."]


def test_the_kept_height_follows_the_text_the_font_and_the_margins(qapp) -> None:  # type: ignore[no-untyped-def]
    for kind in (HeightKeptLabel, WrappedLine):
        label, plain = kind(), QLabel()
        plain.setWordWrap(True)
        font = QFont(label.font())
        for size in (10.0, 15.0):
            font.setPointSizeF(size)
            for each in (label, plain):
                each.setFont(font)
            for margins in (0, 12):
                for each in (label, plain):
                    each.setContentsMargins(margins, 0, margins, 0)
                for text in TEXTS:
                    for each in (label, plain):
                        each.setText(text)
                    plain.setMinimumHeight(label.minimumHeight())  # (a WrappedLine's follows its lines)
                    for width in (120, 300, 900, 120):
                        assert label.heightForWidth(width) == plain.heightForWidth(width), (kind, size, margins, text, width)
