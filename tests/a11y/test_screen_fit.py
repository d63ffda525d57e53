"""Nothing cut off at 1366×768 with 150 % scale, nor with the high-contrast palette and a 150 %
font (issue 28): the window with its forms and every large dialog on a real X server (Xvfb),
checked by kodaira_desk/tools/screenshots_a11y.py (a text control narrower than its text, a
wrapped label shorter than its lines, a window larger than the screen, a control outside its
window), which also leaves the screenshots to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "atspi"))
from xserver import start_xvfb  # (beside the bus scripts: Debian's python3 runs it too)


def _xvfb(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: run `make setup` (installer/system-deps.sh installs xvfb)", pytrace=False)
    log = open(folder / "xvfb.log", "wb")  # noqa: SIM115 - the server's own output, kept for a failure
    return start_xvfb("1366x768", log)


@pytest.mark.parametrize(("scale", "options"), [("1.5", []), ("1", ["--high-contrast", "--font", "1.5"])],
                         ids=["150%-scale", "high-contrast-150%-font"])
def test_nothing_is_cut_off(tmp_path: Path, scale: str, options: list[str]) -> None:
    server, display = _xvfb(tmp_path)
    try:
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": scale,
                    "HOME": str(tmp_path / "home")})
        run = subprocess.run([sys.executable, "-m", "kodaira_desk.tools.screenshots_a11y", str(tmp_path / "shots"),
                              *options], env=env, capture_output=True, text=True, timeout=1800)
    finally:
        server.terminate()
        server.wait(30)
    lines = run.stdout.splitlines()
    cut = [line for line in lines if line.startswith("cut off:")]
    assert cut == [], "\n".join(cut)
    assert run.returncode == 0, run.stderr[-3000:]
    shots = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert {"measure.png", "kpi.png", "report.png", "plan-editor.png", "board.png"} <= set(shots)


def test_the_main_window_fills_a_screen_its_size_meets(qtbot) -> None:  # type: ignore[no-untyped-def]
    """As run_app shows it: a window clamped to the screen (1280×720 on a 910×512 one, 150 % on
    1366×768) is shown maximized over the whole screen; one with room to spare keeps its size."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMainWindow

    from kodaira_desk.ui import screen_fit

    available = QGuiApplication.primaryScreen().availableGeometry()
    big = QMainWindow()
    qtbot.addWidget(big)
    big.resize(available.width() + 400, available.height() + 200)
    screen_fit.clamp(big)  # what the main window does with its first or remembered size
    screen_fit.show_main(big)
    qtbot.waitExposed(big)
    assert big.isMaximized()
    assert big.frameGeometry().height() >= available.height() - 1
    small = QMainWindow()
    qtbot.addWidget(small)
    small.resize(available.width() // 2, available.height() // 2)
    screen_fit.show_main(small)
    qtbot.waitExposed(small)
    assert not small.isMaximized() and small.height() == available.height() // 2
