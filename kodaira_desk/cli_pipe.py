"""A command whose reader stops reading (`kodaira-desk round status --json | head`) ends quietly, as
any Unix tool ended by SIGPIPE: no message (never 「.: 書き込めませんでした」), status 141."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence

PIPE_CLOSED = 128 + 13  # the status a shell gives a tool SIGPIPE ended


def run_to_closed_pipe(run: Callable[[Sequence[str] | None], int], argv: Sequence[str] | None) -> int:
    """`run(argv)`, its output flushed while a closed pipe can still be told apart."""
    try:
        code = run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # nothing more reaches the reader: stdout to the null device, so that Python's own flush
        # at exit does not complain either
        with contextlib.suppress(OSError, ValueError):  # (no file behind stdout: a test's capture)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PIPE_CLOSED
    return code
