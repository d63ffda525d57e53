"""The name an indicator is shown by: one place decides it for the grid, the lists, the PDFs and the
workbooks. A 累計 indicator says so after its name, once: a name that already says 累計 (the
program's 「自主防災組織の組織数（累計）」) gets nothing added."""

from __future__ import annotations

from kodaira_desk.domain.model import Indicator

CUMULATIVE = "（累計）"


def says_cumulative(name: str) -> bool:
    """Does the name itself already say it counts a running total?"""
    return "累計" in name


def shown_name(ind: Indicator, document_id: str | None = None, *, cumulative: str = CUMULATIVE,
               separator: str = "", marks: tuple[str, ...] = (), breakdown: str = "") -> str:
    """The indicator's name (as `document_id` prints it, if given), its `marks` in brackets, the
    `cumulative` word when it is a 累計 indicator whose name does not say so, and `breakdown`
    (「(内数)」) before it when it is a breakdown. `cumulative` is the word in the shown language."""
    name = ind.name_in(document_id) if document_id else ind.name
    name += "".join(f"{separator}（{m}）" for m in marks)
    if ind.cumulative and not says_cumulative(name):
        name += separator + cumulative
    return f"{breakdown}{name}" if ind.part_of else name
