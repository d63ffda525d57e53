"""What a new indicator starts with: the next number among its item's indicators and their kind.

A new indicator was saved with no number and as a KPI under 成果指標 numbered 1, 2, 3 (tester): the
clerk's grid and every handout printed it unnumbered below them. Its form now starts with these
(both can be changed before it is saved); nothing here reads the database.
"""

from __future__ import annotations

import re
from collections import Counter

from kodaira_desk.domain.model import Indicator, IndicatorKind, PlanTree

_LAST_DIGITS = re.compile(r"^(.*?)(\d+)(\D*)$")  # 「3」「（3）」「指標３」: the last run of digits
_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def _after(number: str, value: int) -> str:
    """`number` with its last run of digits made `value`, in the same width and wrapping."""
    m = _LAST_DIGITS.match(number)
    assert m is not None
    head, digits, tail = m.groups()
    text = str(value)
    return head + (text.translate(_WIDE) if not digits.isascii() else text) + tail


def next_number(siblings: list[Indicator], plan: list[Indicator]) -> str | None:
    """The number after the highest of `siblings` (an item's indicators); None when they are
    there unnumbered (as the strategy's KPI are printed). An item's first indicator is numbered 1
    when the plan numbers most of its indicators."""
    numbered = [(int(m.group(2)), i.number) for i in siblings if i.number and (m := _LAST_DIGITS.match(i.number))]
    if numbered:
        value, number = max(numbered)
        return _after(number, value + 1)
    if siblings:
        return None
    styles = [i.number for i in plan if i.number and _LAST_DIGITS.match(i.number)]
    if len(styles) * 2 <= len(plan):
        return None
    return Counter(_after(n, 1) for n in styles).most_common(1)[0][0]


def _most(kinds: list[IndicatorKind]) -> IndicatorKind | None:
    return Counter(kinds).most_common(1)[0][0] if kinds else None


def new_indicator_defaults(tree: PlanTree, node_key: str) -> tuple[str | None, IndicatorKind]:
    """The number and kind a new indicator of the item `node_key` starts with: its siblings' kind,
    else that of the indicators of the items at its depth, else the plan's, else KPI."""
    siblings = tree.indicators_of(node_key)
    depth = tree.node(node_key).depth
    kind = (_most([i.kind for i in siblings])
            or _most([i.kind for i in tree.indicators if tree.node(i.node_key).depth == depth])
            or _most([i.kind for i in tree.indicators]) or IndicatorKind.KPI)
    return next_number(siblings, list(tree.indicators)), kind


def duplicate_number(tree: PlanTree, key: str, node_key: str, number: str | None) -> Indicator | None:
    """Another indicator of the item that already has `number` (printed twice, a reader could not
    tell them apart), or None."""
    if not number:
        return None
    return next((i for i in tree.indicators_of(node_key) if i.key != key and i.number == number), None)
