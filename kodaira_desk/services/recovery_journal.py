"""The recovery journal: what a person typed into an open file and has not saved yet, kept on disk
so that a crash, a `kill -9` or a power cut between typing and the save's commit loses nothing.

One journal per open file, in the per-user folder beside the settings, named by a hash of the file's
location. Its first line names the file (its location and identity: a department file's hand-out
and 課, or the master); each later line is one accepted edit, appended and fsynced before the edit
is shown as made (`{"edits": {field key: field text or null}}`, a later line winning). When a save
commits, the journal is written again with what is still unsaved (atomically), or removed.

Reading is bounded and never trusts the file: anything that is not what this module writes (a
garbled, truncated or hostile journal) raises JournalError, and the caller sets the journal aside
and opens the file anyway. A last line without its newline is an append cut short (the edit it held
was never reported as kept) and is left out, not taken as damage.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from pathlib import Path

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.io.atomic import fsync_dir, write_text

VERSION = 1
MAX_BYTES = 64 * 1024 * 1024  # a journal larger than this is not one of ours
MAX_KEY = 400  # a field key is some 60 characters
Edits = dict[str, str | None]


class JournalError(DomainError):
    """A journal that cannot be read as one (damaged or not ours)."""


def _header(location: str, identity: str) -> str:
    return json.dumps({"kodaira_desk_journal": VERSION, "location": location, "identity": identity},
                      ensure_ascii=False) + "\n"


class Journal:
    """The journal of one open file (`location`: its path or server URL without password)."""

    def __init__(self, folder: Path, location: str, identity: str) -> None:
        self.location = location
        self.identity = identity
        digest = hashlib.sha256(location.encode("utf-8")).hexdigest()[:24]
        self.path = folder / f"{digest}.journal"
        self._started = False  # this process wrote the header line
        self.checked = False  # what an earlier run left was looked at (offered, discarded, set aside)

    # ----------------------------------------------------------------- writing
    def append(self, edits: Mapping[str, str | None]) -> None:
        """One accepted edit (any number of fields), durable when this returns."""
        if not edits:
            return
        line = json.dumps({"edits": dict(edits)}, ensure_ascii=False) + "\n"
        new = not self._started or not self.path.exists()  # (removed by another window on the file)
        if new:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.checked and self.path.exists():
                self.set_aside()  # an edit before the earlier run's journal was looked at: kept
            # a journal of this file left by an earlier run was read (and restored, discarded or set
            # aside) before this window took the file: this run's journal starts afresh
            line = _header(self.location, self.identity) + line
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if new else 0), 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            fsync_dir(self.path.parent)  # the new file's name is durable too
            self._started = True

    def rewrite(self, edits: Mapping[str, str | None]) -> None:
        """What is still unsaved after a save (or a discard): the journal holds only that."""
        if not edits:
            self.remove()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = _header(self.location, self.identity) + json.dumps({"edits": dict(edits)}, ensure_ascii=False) + "\n"
        write_text(self.path, text)
        self._started = True

    def remove(self) -> None:
        self._started = False
        try:
            self.path.unlink()
        except FileNotFoundError:
            return
        fsync_dir(self.path.parent)

    def set_aside(self) -> Path | None:
        """Keep a journal that could not be used beside it under another name (never deleted)."""
        aside = self.path.with_name(f"{self.path.stem}.{time.strftime('%Y%m%d-%H%M%S')}.aside")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return None
        self._started = False
        return aside

    # ----------------------------------------------------------------- reading
    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> Edits:
        """The unsaved edits the journal holds (a later line wins); raises JournalError when the
        journal is not one of ours or belongs to another file that now sits at this path."""
        try:
            size = self.path.stat().st_size
            if size > MAX_BYTES:
                raise JournalError(f"{self.path}: too large ({size} bytes)")
            data = self.path.read_bytes()
        except OSError as exc:
            raise JournalError(f"{self.path}: {exc}") from exc
        lines = data.split(b"\n")
        lines.pop()  # after the last newline: "" or an append cut short
        if not lines:
            return {}
        try:
            header = json.loads(lines[0])
            if not isinstance(header, dict) or header.get("kodaira_desk_journal") != VERSION:
                raise JournalError(f"{self.path}: not a journal")
            if header.get("location") != self.location or header.get("identity") != self.identity:
                raise JournalError(f"{self.path}: of another file ({header.get('identity')!r})")
            edits: Edits = {}
            for raw in lines[1:]:
                entry = json.loads(raw)
                body = entry.get("edits") if isinstance(entry, dict) else None
                if not isinstance(body, dict):
                    raise JournalError(f"{self.path}: a line without edits")
                for key, value in body.items():
                    if len(key) > MAX_KEY or not (value is None or isinstance(value, str)):
                        raise JournalError(f"{self.path}: a bad field {key[:40]!r}")
                    edits[key] = value
        except (ValueError, RecursionError) as exc:  # (json's errors are ValueErrors)
            raise JournalError(f"{self.path}: {exc}") from exc
        return edits
