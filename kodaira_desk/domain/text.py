"""Structured text: descriptions, bullet lists and yearly narratives.

Stored as lines exactly as printed: a line starting with ・ is a bullet, a line in 《…》 or 【…】 a
sub-heading, anything else a paragraph. Text from the PDF extraction may still carry HTML list
markup; `from_html` removes it and keeps the items.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum


class BlockKind(Enum):
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    HEADING = "heading"


@dataclass(frozen=True)
class Block:
    """One paragraph, bullet or sub-heading of a structured text."""

    kind: BlockKind
    text: str  # without the leading ・ for bullets, without brackets for headings

    def printed(self) -> str:
        if self.kind is BlockKind.BULLET:
            return f"・{self.text}"
        return self.text


_HEADING_RE = re.compile(r"^(《.*》|【.*】)$")


def _block(line: str) -> Block:
    if line.startswith("・"):
        return Block(BlockKind.BULLET, line[1:])
    if _HEADING_RE.match(line):
        return Block(BlockKind.HEADING, line)
    return Block(BlockKind.PARAGRAPH, line)


@dataclass(frozen=True)
class RichText:
    """A text as its blocks, printed line by line."""

    blocks: tuple[Block, ...]

    @classmethod
    def parse(cls, text: str) -> RichText:
        lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
        # a bullet with nothing after it is no line either: the 「・」 the form starts after Enter on
        # the last bullet would otherwise be saved and printed alone
        return cls(tuple(_block(ln) for ln in lines if ln and ln != "・"))

    def __str__(self) -> str:
        return "\n".join(b.printed() for b in self.blocks)

    def __bool__(self) -> bool:
        return bool(self.blocks)


_TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z]+)[^>]*>")


def from_html(text: str) -> RichText:
    """Turn extraction left-overs (<p>【平成28年度】</p><ul><li>…) into lines."""
    out: list[str] = []
    pos = 0
    current: list[str] = []
    in_item = False

    def flush() -> None:
        chunk = " ".join(" ".join(current).split())
        if chunk:
            out.append(("・" if in_item and not chunk.startswith("・") else "") + chunk)
        current.clear()

    for m in _TAG_RE.finditer(text):
        current.append(html.unescape(text[pos : m.start()]))
        pos = m.end()
        tag = m.group(2).lower()
        if tag in {"p", "li", "ul", "ol", "br", "div"}:
            flush()
            in_item = tag == "li" and not m.group(1)
    current.append(html.unescape(text[pos:]))
    flush()
    return RichText.parse("\n".join(out))
