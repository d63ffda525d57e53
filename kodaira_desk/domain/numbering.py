"""The printed numbering of a plan's nodes (①, No. 3, （３）, 1), renumbered only on request."""

from __future__ import annotations

import re
import unicodedata

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_PATTERN = re.compile(r"^(?P<pre>\D*?)(?P<num>\d+)(?P<post>\D*)$")


def _style(sample: str) -> tuple[str, str, bool] | None:
    """(prefix, suffix, full width) of a number such as "No. 3" or "（３）"."""
    m = _PATTERN.match(unicodedata.normalize("NFKC", sample))
    if not m:
        return None
    full = any("０" <= c <= "９" for c in sample)
    pre_len = len(m.group("pre"))
    post_len = len(m.group("post"))
    return sample[:pre_len], sample[len(sample) - post_len:] if post_len else "", full


def number_at(position: int, sample: str | None) -> str:
    """The number of the node at `position` (1-based) in the style of `sample`."""
    if sample and sample[0] in _CIRCLED and position <= len(_CIRCLED):
        return _CIRCLED[position - 1]
    style = _style(sample) if sample else None
    if style is None:
        return str(position)
    pre, post, full = style
    digits = str(position).translate(_FULLWIDTH) if full else str(position)
    return f"{pre}{digits}{post}"


def renumbered(numbers: list[str]) -> list[str]:
    """Siblings numbered 1, 2, 3 … in the style of the first numbered one."""
    sample = next((n for n in numbers if n), None)
    return [number_at(i + 1, sample) for i in range(len(numbers))]


def next_number(numbers: list[str]) -> str:
    """The number for a node added after `numbers`."""
    sample = next((n for n in reversed(numbers) if n), None)
    return number_at(len(numbers) + 1, sample)
