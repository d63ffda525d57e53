"""Ctrl+C ends any command with one Japanese line and status 130 (as a shell reports a program
SIGINT ended), never a traceback: what was written and what was not, by the kind of command. A
database is written in one transaction (all of it or nothing), a file beside its name and renamed
once whole (io.atomic), a hand-out's files renamed into place only after its records are committed.
Where a command knows more (copy onto a server: stopped before its commit, or while comparing after
it), it raises `Interrupted` with its own line."""

from __future__ import annotations

import signal
import sys
import threading
from typing import TYPE_CHECKING

from kodaira_desk.domain.errors import Interrupted
from kodaira_desk.store.server import is_server_url, public_url

if TYPE_CHECKING:
    import argparse

INTERRUPTED = 128 + signal.SIGINT  # 130

STOPPED = "中断しました（Ctrl+C）。"
_NOTHING = "何も書き込んでいません。"
_DATABASE = "親データベースへの書き込みはひとつのまとまりで、全部書いたか何も書いていないかのどちらかです（途中までの変更は残りません）。"
_FILES = "書きかけのファイルは残していません（書き終えたファイルだけが置かれます）。"
_WRITES_DATABASE = {("collect", None), ("round", "set"), ("round", "accept"), ("round", "lock"), ("round", "correct"),
                    ("plan", "new"), ("plan", "copy"), ("plan", "reorganise"), ("plan", "import")}
_WRITES_FILES = {("export", None), ("report", None), ("plan", "export"), ("round", "remind")}


def interrupted_line(args: argparse.Namespace | None) -> str:
    """What the command `args` (None: not yet read) had written when Ctrl+C stopped it."""
    command = getattr(args, "command", None)
    sub = getattr(args, "round_command", None) or getattr(args, "plan_command", None)
    if command is None or (command, sub) in {("plans", None), ("round", "status"), ("plan", "departments")}:
        return STOPPED + _NOTHING
    if command == "gui":
        return STOPPED
    if (command, sub) in _WRITES_DATABASE:  # (plan import --dry-run writes nothing)
        return STOPPED + (_NOTHING if getattr(args, "dry_run", False) else _DATABASE)
    if command == "handout":
        return STOPPED + _DATABASE + "配布ファイルは記録が書き込まれてから置かれます。"
    if command in ("build-db", "copy"):
        target = getattr(args, "out" if command == "build-db" else "target", "")
        target = public_url(target) if isinstance(target, str) and is_server_url(target) else target  # (no password)
        return STOPPED + (f"{target}: 書きかけのデータベースは残していません（ファイルは書き終えてから置き、"
                          "サーバーにはひとつのまとまりで書きます）。")
    if (command, sub) in _WRITES_FILES:
        return STOPPED + _FILES
    return STOPPED + _DATABASE


def end_interrupted(exc: KeyboardInterrupt, args: argparse.Namespace | None) -> int:
    """Say how Ctrl+C left things (a second Ctrl+C meanwhile waits: the line is said whole); 130."""
    main = threading.current_thread() is threading.main_thread()
    before = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        line = exc.said if isinstance(exc, Interrupted) else interrupted_line(args)
        print(line, file=sys.stderr, flush=True)
    finally:
        if main and before is not None:
            signal.signal(signal.SIGINT, before)
    return INTERRUPTED
