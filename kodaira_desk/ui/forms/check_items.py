"""One line of the pre-return check (提出前チェック): what an item still lacks, or why it is worth a
second look; built by clerk_mode and carried, listed by the check and the submit dialog."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckItem:
    plan_id: str
    node_key: str
    text: str
    blank: bool  # True: still to fill in; False: flagged (entered but worth a second look)
    # issue 24: a 実施等状況 still as carried over from the year before, not confirmed (前年度と同じ)
    same_as_last_year: bool = False
    key: str | None = None  # the field's key, for the 変更なし confirmation
    field_key: str | None = None  # a question not yet answered: the field it is about (issue 25)
