"""An X server for the accessibility and screen-size tests (issue 28), by Debian's python3 and the venv's."""

from __future__ import annotations

import os
import select
import subprocess
import time
from typing import Any


def start_xvfb(size: str, log: Any, timeout: float = 180.0) -> tuple[subprocess.Popen[bytes], str]:
    """An X server on a display number it picks itself (`-displayfd`: free of lock files and of
    sockets another server, another container's even, holds), and that number once it listens."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                              stdout=log, stderr=log, pass_fds=(write,))
    os.close(write)
    number = b""
    end = time.monotonic() + timeout
    try:
        while not number.endswith(b"\n"):  # the server writes its number and a newline once it listens
            if select.select([read], [], [], 0.2)[0]:
                chunk = os.read(read, 16)
                number += chunk
                if chunk:
                    continue
            if server.poll() is not None:
                raise RuntimeError(f"Xvfb ended (exit {server.returncode}) before it listened")
            if time.monotonic() > end:
                server.kill()
                raise TimeoutError(f"waited {timeout:.0f} s for the X server")
    finally:
        os.close(read)
    return server, f":{int(number)}"
