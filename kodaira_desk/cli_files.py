"""File arguments with wildcards the shell left as they were.

cmd.exe (a Windows batch: `kodaira-desk-cli collect 配布\\*.kdesk`) passes `*` and `?` to the program
unexpanded; a POSIX shell does the same for a pattern that matches nothing or that was quoted. The
command expands them itself, as a shell would (sorted), and a pattern that matches nothing is said with
its folder and pattern, not as a file called 「*.kdesk」.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_WILD = ("*", "?", "[")


@dataclass(frozen=True)
class Expanded:
    files: tuple[Path, ...]
    misses: tuple[str, ...]  # one sentence per pattern that matched nothing


def expand_file_arguments(args: Sequence[Path]) -> Expanded:
    """Each argument as given, or, when it holds a wildcard and names no file as written, the files
    it matches in name order (a file really called 「[1].kdesk」 is still taken as itself)."""
    files: list[Path] = []
    misses: list[str] = []
    for arg in args:
        text = str(arg)
        if not any(c in text for c in _WILD) or arg.exists():
            files.append(arg)
            continue
        found = sorted(glob.glob(text))
        if found:
            files.extend(Path(f) for f in found)
            continue
        folder = arg.parent.absolute()
        where = f"フォルダ {folder}" if folder.is_dir() else f"フォルダ {folder} がありません"
        misses.append(f"{text}: 一致するファイルがありません（{where}、パターン {arg.name}）")
    return Expanded(tuple(files), tuple(misses))
