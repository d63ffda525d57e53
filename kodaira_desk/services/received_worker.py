"""A worker process of a collection (services.received_files, received_prepare): prepares the returned files its
collection asks for, one after the other, and answers each with its Prepared, pickled.

Run as `python -P -m kodaira_desk.services.received_worker` by the collection only. Its protocol
is on the stdin and stdout it was started with; whatever else would print goes to its stderr,
which the collection discards. Ctrl+C is for the collection, which ends its workers.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import suppress


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print cannot break the answers
    from kodaira_desk.services.received_prepare import serve  # after the signal: Ctrl+C during the import too

    with suppress(BrokenPipeError, EOFError):  # the collection ended before reading every answer
        serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    main()
