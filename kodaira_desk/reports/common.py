"""What every handout shares: options, fonts, dates and years as the documents print them,
paragraph styles (no type under 6 pt), the department filter and cells, and tables that repeat
their header and never cut a long cell. The pages themselves are `reports.pages`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

from kodaira_desk.domain import era_text
from kodaira_desk.domain.errors import FiscalYearError, ReportError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    DepartmentLink,
    Indicator,
    Node,
    PlanTree,
    Role,
)
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.domain.text import BlockKind, RichText
from kodaira_desk.reports.cells import MINCHO as _CELL_FONT
from kodaira_desk.reports.tables import GRID as GRID
from kodaira_desk.reports.tables import HEAD_FILL as HEAD_FILL
from kodaira_desk.reports.tables import HandoutTable as HandoutTable
from kodaira_desk.reports.tables import data_table as data_table
from kodaira_desk.reports.tables import plain_table as plain_table
from kodaira_desk.reports.tables import spread as spread
from kodaira_desk.reports.typeset import Lines

Progress = Callable[[int, int], None]

GOTHIC: Final = "IPAexGothic"
MINCHO: Final = "IPAexMincho"
assert _CELL_FONT == MINCHO
_FONT_FILES: Final = {GOTHIC: "ipaexg.ttf", MINCHO: "ipaexm.ttf"}

A4_PORTRAIT: Final = A4
A4_LANDSCAPE: Final = landscape(A4)
MARGIN: Final = 12 * mm
GOAL_FILL: Final = colors.HexColor("#d0d0d0")
AREA_FILL: Final = colors.HexColor("#efefef")
MIN_TYPE: Final = 6.0  # no text is set smaller, on paper it stops being read


@dataclass(frozen=True)
class ReportOptions:
    """What the person printing chooses. `None` leaves a part out (no handout block, no filter)."""

    plan_id: str
    handout: str | None = None  # 資料3
    meeting: str | None = None  # 第２回小平市まち・ひと・しごと創生総合戦略推進委員会
    date: datetime.date | None = None  # the meeting's date
    draft: bool = False  # 未定稿
    department: str | None = None  # only what this department leads or is related to
    years: tuple[FiscalYear, ...] | None = None  # fiscal years shown (progress list, KPI table)
    # Fiscal years in the era in use on `date` (平成32年度 on a handout of 2016); False: today's era.
    era_of_date: bool = True
    # The year the KPI table reports up to; None: the latest year with values.
    as_of: FiscalYear | None = None
    # Headings the city's document does not print (「達成状況の概要」): off to print as the document.
    added_headings: bool = False
    # The KPI table's additions (issue 17): a status column (達成状況 of the table's latest year) and
    # a page of trend charts after each goal's table. Off: the table as the city prints it.
    status_column: bool = False
    chart_pages: bool = False
    # 修正版: printed after a correction of a fixed year (issue 24): the day of the latest correction,
    # boxed 修正版 beside 未定稿 with 「…修正」 under the date. services.reports fills it in.
    revised: datetime.date | None = None
    # Notes on the figures (issue 25) as numbered footnotes under each table: off, as the city prints.
    field_notes: bool = False


# --- Dates and digits -------------------------------------------------------------------------------


def plain_era_date(day: datetime.date) -> str:
    """平成28年8月25日: a date as 002 types it (half-width digits, no weekday)."""
    try:
        return era_text.era_date(day)
    except FiscalYearError as exc:
        raise ReportError(exc.message) from None


def era_date(day: datetime.date) -> str:
    """令和３年３月２９日（月）: a meeting date as handouts print it (full-width digits, 元年)."""
    try:
        return era_text.era_date(day, fullwidth=True, weekday=True)
    except FiscalYearError as exc:
        raise ReportError(exc.message) from None


def year_text(year: FiscalYear, options: ReportOptions, suffix: str = "年度", *,
              one_digit_fullwidth: bool = False) -> str:
    """A fiscal year as this handout prints it: in the era in use on its date unless asked otherwise.
    `one_digit_fullwidth`: a year of one digit in full width, two in half width, as 003's headings
    write them (平成26年度末, 令和２年度末)."""
    return era_text.fiscal_year_text(year, options.date if options.era_of_date else None, suffix=suffix,
                                     one_digit_fullwidth=one_digit_fullwidth)


# --- Fonts ------------------------------------------------------------------------------------------


def register_fonts(font_dir: Path) -> None:
    """Register the IPAex fonts once. TrueType fonts are embedded as subsets in every PDF."""
    for name, file in _FONT_FILES.items():
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = font_dir / file
        if not path.is_file():
            raise ReportError(f"フォントが見つかりません: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def require_fonts() -> None:
    missing = [n for n in _FONT_FILES if n not in pdfmetrics.getRegisteredFontNames()]
    if missing:
        raise ReportError("帳票用のフォント（IPAex）が登録されていません。")


# --- Paragraphs -------------------------------------------------------------------------------------


def style(name: str, font: str = MINCHO, size: float = 8, align: int = TA_LEFT, **kw: Any) -> ParagraphStyle:
    """A paragraph style; no type is set under MIN_TYPE (6 pt), whatever the scale."""
    # Lines never run past their width (typeset pushes a closing mark back), so no indent is kept for it.
    size = max(size, MIN_TYPE)
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=kw.pop("leading", size * 1.3), alignment=align,
        wordWrap="CJK", **kw,
    )


class Styles:
    """The paragraph styles of one report, scaled from a base size (points)."""

    def __init__(self, base: float = 8.0) -> None:
        b = self.base = base
        self.cell = style("cell", size=b)
        self.cell_center = style("cellc", size=b, align=TA_CENTER)
        self.number = style("num", size=b, align=TA_RIGHT)
        self.note_under = style("under", size=b * 0.8, align=TA_RIGHT)
        self.head = style("head", font=GOTHIC, size=b, align=TA_CENTER)
        self.label = style("label", font=GOTHIC, size=b)
        self.bullet = style("bullet", size=b, leftIndent=b, firstLineIndent=-b)
        self.subhead = style("subhead", font=GOTHIC, size=b)
        self.goal = style("goal", font=GOTHIC, size=b * 1.25)
        self.area = style("area", font=GOTHIC, size=b * 1.1)
        self.section = style("section", font=GOTHIC, size=b * 1.4, spaceBefore=b, spaceAfter=b * 0.5)
        self.title = style("title", font=GOTHIC, size=b * 1.7)
        self.text = style("text", size=b * 1.1)
        self.text_bullet = style("tbullet", size=b * 1.1, leftIndent=b * 1.1, firstLineIndent=-b * 1.1)
        self.footnote = style("fn", size=b * 0.95, leftIndent=b * 3.2, firstLineIndent=-b * 3.2)
        self.small_right = style("sright", size=b, align=TA_RIGHT)


def para(text: str, style: ParagraphStyle, keep: Iterable[str] = ()) -> Flowable:
    """A paragraph of plain text, line breaks kept, broken into lines by Japanese rules (typeset);
    the words in `keep` (department names) are not broken."""
    return Lines(text, style, keep=tuple(keep))


def rich(text: RichText | None, styles: Styles, *, large: bool = False) -> list[Flowable]:
    """One paragraph per printed line: ・ bullets hang, 《…》/【…】 headings in Gothic."""
    if not text:
        return []
    out: list[Flowable] = []
    for block in text.blocks:
        if block.kind is BlockKind.BULLET:
            out.append(para(block.printed(), styles.text_bullet if large else styles.bullet))
        elif block.kind is BlockKind.HEADING:
            out.append(para(block.text, styles.subhead))
        else:
            out.append(para(block.text, styles.text if large else styles.cell))
    return out


# --- Departments ------------------------------------------------------------------------------------


class DepartmentFilter:
    """Which nodes and indicators a department's handout keeps: the rule is domain.scope's (the
    same for the window, the handout, the merge, the workbook and the PDF); this adds headings.

    A node or indicator is kept when the department sees it. A node is also kept, as a heading, for
    the sake of a kept descendant or a kept indicator under it.
    """

    def __init__(self, tree: PlanTree, department: str | None) -> None:
        self.tree = tree
        self.department = department
        self.scope = DepartmentScope(tree, department)
        self._shown: dict[str, bool] = {}

    def node(self, node: Node) -> bool:
        if self.department is None:
            return True
        if node.key not in self._shown:
            self._shown[node.key] = (
                self.own(node)
                or any(self.indicator(i) for i in self.tree.indicators_of(node.key))
                or any(self.node(c) for c in self.tree.children(node.key))
            )
        return self._shown[node.key]

    def own(self, node: Node) -> bool:
        """Kept for its own departments (a measure, a project, an item), not for a descendant's."""
        return self.scope.linked(node)

    def indicator(self, indicator: Indicator) -> bool:
        return self.scope.sees_indicator(indicator)


def department_cell(links: tuple[DepartmentLink, ...], style: ParagraphStyle, brackets: str = "（）") -> Flowable:
    """The 所管課 cell: one department per line, no name broken unless longer than the cell."""
    return para(department_lines(links, brackets), style, keep=[d.department for d in links])


def department_lines(links: tuple[DepartmentLink, ...], brackets: str = "（）") -> str:
    """Lead departments one per line, then each related one in `brackets` on its own line, as the city's
    tables print them (a department's own name may hold 「・」: 市民協働・男女参画推進課); 000 writes
    「(学務課)」 in half-width brackets, as it writes every bracket."""
    lead = [d.department for d in links if d.role is Role.LEAD]
    related = [f"{brackets[0]}{d.department}{brackets[1]}" for d in links if d.role is Role.RELATED]
    return "\n".join(lead + related)


def frame_width(pagesize: tuple[float, float]) -> float:
    return float(pagesize[0] - 2 * MARGIN)


def node_title(tree: PlanTree, node: Node, document_id: str | None) -> tuple[str, str]:
    """(number, title) as the given document prints the node; the latest printing otherwise."""
    if document_id is not None:
        for a in reversed(node.appearances):
            if a.document_id == document_id:
                return a.number, a.title
    return node.number, node.title


def in_document(node: Node, document_id: str | None) -> bool:
    return document_id is None or any(a.document_id == document_id for a in node.appearances)
