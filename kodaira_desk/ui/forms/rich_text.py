"""A plan's rich text (paragraphs, bullets, headings) as the HTML Qt's text views show."""

from __future__ import annotations

import html

from kodaira_desk.domain.text import BlockKind, RichText


def rich_html(text: RichText) -> str:
    parts = []
    for b in text.blocks:
        t = html.escape(b.text)
        if b.kind is BlockKind.BULLET:
            parts.append(f"<div style='margin-left:1em;text-indent:-1em'>・{t}</div>")
        elif b.kind is BlockKind.HEADING:
            parts.append(f"<div><b>{t}</b></div>")
        else:
            parts.append(f"<p style='margin:0 0 4px 0'>{t}</p>")
    return "".join(parts)
