"""Which footnotes (※N) of a table of indicators print under it: those whose mark is still on
something the table prints.

The city's documents put a ※ on an indicator's name (「女性相談等延べ人数（※2）」), on a value (a
target 「58※」 that was reset, a baseline 「68.9※」) or write the note on the value itself; the
note under the table explains the mark. A plan copied for the next period (services/plan_editing/
next_period.copy_plan) keeps the names and their marks but none of the values: the note of a
reset target would print under a table with no target and no mark. A footnote is printed under a
table when one of the table's indicators carries its mark — on its name, on any of its values
(the year a report prints may show the value without the mark: the seeds print the notes of the
targets reset for 令和6年度 under 令和3年度's table), or in a value's own note that is the
footnote's text. A footnote without a mark is anchored to nothing and prints as before.
"""

from __future__ import annotations

from collections.abc import Iterable

from kodaira_desk.domain.model import Footnote, Indicator


def marked_on(footnotes: Iterable[Footnote], indicators: Iterable[Indicator]) -> list[Footnote]:
    """`footnotes` (in their order) less those whose mark no indicator of `indicators` carries."""
    marks: set[str] = set()
    notes: list[str] = []
    for ind in indicators:
        marks.update(ind.marks)
        for v in ind.values:
            marks.update(v.marks)
            if v.note:
                notes.append(v.note)
    return [f for f in footnotes if not f.mark or f.mark in marks or any(f.text in note for note in notes)]
