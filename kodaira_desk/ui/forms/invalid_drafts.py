"""Text a person typed that does not read as a value: kept, shown red, never silently dropped.

A draft belongs to a field (its Target), not to a form, so it outlives node changes, reloads and
saves; only correcting the cell, clearing it, or discarding the unsaved work removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from kodaira_desk.services.editing import Content, Target


@dataclass(frozen=True)
class InvalidDraft:
    """Input that cannot be read yet: what was typed and why it is refused."""

    text: str  # exactly what was typed or pasted
    said: str  # why it cannot be read, in the language of the moment it was typed
    reason: BaseException | None = field(default=None, compare=False, repr=False)  # the error, to say again

    @classmethod
    def of(cls, text: str, reason: BaseException) -> InvalidDraft:
        from kodaira_desk.ui import domain_words

        return cls(text, domain_words.message_of(reason), reason)

    @property
    def message(self) -> str:
        """Why it cannot be read, in the language in use now (a clerk who switched 表示 > 言語 after
        typing it read the reason in the other language; the field is named by the cell's `what`)."""
        if self.reason is None:
            return self.said
        from kodaira_desk.ui import domain_words

        return domain_words.message_of(self.reason)


@dataclass(frozen=True)
class InvalidCell:
    """One red cell, for Save to list and jump to: what, where and why."""

    target: Target
    what: str  # 「新規就農者数 令和2年度 実績」
    plan_id: str
    node_key: str | None  # the tree node whose form shows the cell
    text: str
    message: str


# What a cell holds in the edit session: a content to save, or an invalid draft that is not saved.
CellState = Union[Content, InvalidDraft]  # noqa: UP007


class InvalidDrafts:
    """The one place invalid drafts live, keyed by field; owned by the Editor."""

    def __init__(self) -> None:
        self._drafts: dict[Target, tuple[InvalidDraft, str]] = {}  # → (draft, what)
        self.version = 0  # counts the changes (what is worked out from the drafts is kept per version)

    def get(self, target: Target) -> InvalidDraft | None:
        found = self._drafts.get(target)
        return found[0] if found else None

    def what_of(self, target: Target) -> str:
        """The name a red cell was given when it was typed ("" when it is not red)."""
        found = self._drafts.get(target)
        return found[1] if found else ""

    def put(self, target: Target, draft: InvalidDraft | None, what: str) -> None:
        self.version += 1
        if draft is None:
            self._drafts.pop(target, None)
        else:
            self._drafts[target] = (draft, what or self.what_of(target))

    def items(self) -> list[tuple[Target, InvalidDraft, str]]:
        return [(t, d, what) for t, (d, what) in self._drafts.items()]

    def __bool__(self) -> bool:
        return bool(self._drafts)

    def __len__(self) -> int:
        return len(self._drafts)

    def clear(self) -> None:
        self.version += 1
        self._drafts.clear()
