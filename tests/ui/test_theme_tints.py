"""表示 > ハイコントラスト after a window with coloured labels was closed: a label Qt deleted while
Python still held it is skipped, and every label still shown takes the new colours (the switch
raised RuntimeError half-way and the forms kept the light colours)."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtWidgets import QLabel

from kodaira_desk.ui import theme


def test_switching_contrast_skips_a_label_qt_deleted_and_colours_the_others(qtbot: Any) -> None:
    gone, kept = QLabel("閉じた窓の注記"), QLabel("開いている窓の注記")
    qtbot.addWidget(kept)
    theme.tint(gone, "muted")
    theme.tint(kept, "muted")
    shiboken6.delete(gone)  # its window closed; `gone` is still referenced here
    try:
        theme.set_high_contrast(True)
        assert theme.is_high_contrast()
        assert kept.styleSheet() == f"color:{theme.HIGH.muted.name()}"
    finally:
        theme.set_high_contrast(False)
    assert kept.styleSheet() == f"color:{theme.LIGHT.muted.name()}"
