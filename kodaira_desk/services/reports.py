"""Printing committee handouts: the four report kinds and `make_report`, shared by the window and the
command line.

`make_report` runs for a second or less on the city's data; the window still runs it through its task
runner (it never touches Qt) and shows the `progress(done, total)` reports. Raising from the callback
cancels the build and leaves nothing at `out`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from kodaira_desk.domain.errors import ReportError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ALL_DEPARTMENTS, DocumentKind, PlanTree
from kodaira_desk.domain.scope import departments_named
from kodaira_desk.domain.yearly import in_force, period_label
from kodaira_desk.io.atomic import atomic_path, copy_file
from kodaira_desk.paths import resources_dir
from kodaira_desk.reports import kpi_table, plan_sheets, program_pages, program_year, progress_list
from kodaira_desk.reports.common import Progress, ReportOptions, register_fonts
from kodaira_desk.services.achievement import load_settings
from kodaira_desk.services.plan_editing import department_history, list_departments
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.year_locks import revised_on
from kodaira_desk.store.database import Database

Builder = Callable[[PlanTree, ReportOptions, Path, Progress | None], Path]


@dataclass(frozen=True)
class ReportKind:
    key: str
    label: str  # what the menu and messages call it
    document_kind: DocumentKind  # the city's document whose layout it imitates
    build: Builder
    fits: Callable[[PlanTree], bool]


REPORT_KINDS: dict[str, ReportKind] = {
    "progress": ReportKind("progress", "進捗状況一覧表", DocumentKind.PROGRESS_LIST,
                           progress_list.build, progress_list.fits),
    "kpi": ReportKind("kpi", "達成状況（数値目標・ＫＰＩ一覧）", DocumentKind.KPI_STATUS,
                      kpi_table.build, kpi_table.fits),
    "sheets": ReportKind("sheets", "取組項目シート", DocumentKind.PLAN_SHEETS,
                         plan_sheets.build, plan_sheets.fits),
    "program": ReportKind("program", "実行プログラム（施策ごとの頁）", DocumentKind.PROGRAM,
                          program_pages.build, program_pages.fits),
    # issue 31: a program year's results (成果指標の実績, 主要事業の決算額・進捗状況・実施内容)
    "program-year": ReportKind("program-year", "実行プログラムの年度の取組状況", DocumentKind.PROGRAM,
                               program_year.build, program_year.fits),
}


def report_kind(kind: str) -> ReportKind:
    try:
        return REPORT_KINDS[kind]
    except KeyError:
        names = "、".join(f"{k}（{v.label}）" for k, v in REPORT_KINDS.items())
        raise ReportError(
            f"帳票の種類「{kind}」はありません。{names} のいずれかを指定してください。"
        ) from None


def _load(db: Database, plan_id: str) -> PlanTree:
    try:
        return load_plan(db, plan_id)
    except KeyError:
        raise ReportError(f"計画「{plan_id}」が見つかりません。") from None


def report_year(tree: PlanTree, options: ReportOptions) -> FiscalYear:
    """The fiscal year a report is of: the one it reports up to, else the last it shows, else the
    plan's last year with anything in it."""
    if options.as_of is not None:
        return options.as_of
    if options.years:
        return max(options.years)
    return tree.last_active_year


def in_report_year(db: Database, tree: PlanTree, options: ReportOptions) -> PlanTree:
    """The plan with the department names of the report's year (after a reorganisation an R6
    report prints the 課 of R6)."""
    return department_history(db).plan_in(tree, report_year(tree, options))


def report_departments(db: Database, tree: PlanTree, options: ReportOptions,
                       today: str | None = None) -> tuple[list[str], str | None]:
    """The 課 a report of `options` can be limited to: those of the report's year, as it prints
    them (after 産業振興課 and 文化スポーツ課 merged into 地域振興課 from R7, an R2 report knows the
    two, not the merged one); and what today's `today` was called that year, when it is one of them.
    `tree` is the plan as the window holds it (today's names)."""
    history = department_history(db)
    year = report_year(tree, options)
    order = {d.name: i for i, d in enumerate(list_departments(db, include_retired=True))}  # 五十音
    names = sorted(departments_named(history.plan_in(tree, year)) - {ALL_DEPARTMENTS},
                   key=lambda name: (order.get(name, len(order)), name))
    then = history.name_in(today, year) if today is not None else None
    return names, then if then in names else None


def kinds_for(db: Database, plan_id: str) -> list[str]:
    """The report kinds that fit a plan, in menu order."""
    tree = _load(db, plan_id)
    return [k for k, spec in REPORT_KINDS.items() if spec.fits(tree)]


def default_options(db: Database, kind: str, plan_id: str) -> ReportOptions:
    """Options as the city's own document of that kind was printed: its handout number, meeting, date
    and 未定稿 mark. The window pre-fills its dialog with them."""
    spec = report_kind(kind)
    doc = _load(db, plan_id).document(spec.document_kind)
    if doc is None:
        return ReportOptions(plan_id)
    return ReportOptions(plan_id, handout=doc.handout, meeting=doc.committee, date=doc.date, draft=doc.draft)


def with_revision(db: Database, tree: PlanTree, options: ReportOptions) -> ReportOptions:
    """The options with 修正版 and its day when a field of the plan, of a year the report shows,
    was corrected after the division fixed it (issue 24)."""
    if options.revised is not None:
        return options
    day = revised_on(db, options.plan_id, report_year(tree, options))
    return replace(options, revised=day) if day else options


OUTSIDE_PLAN = "{year}は「{plan}」の期間（{period}）の外です。報告する年度は、この期間の年度を指定してください。"
YEARS_OUTSIDE_PLAN = "{years}は「{plan}」の期間（{period}）の外です。表示する年度は、この計画の年度を指定してください。"


def refuse_outside(tree: PlanTree, options: ReportOptions, kind: str) -> None:
    """A report of a year the plan does not run in: a program year's pages of 令和30年度 (`--as-of R30`
    for R3), an achievement table as of 平成10年度, before any figure of the plan, or years none
    of which the plan runs in or holds a figure for (`--years R20-R30`): refused, naming the plan
    and its period (domain.yearly.active_years), before anything is written. A table as of a year
    after the plan's end is made (it prints the 課 as reorganised by then)."""
    period = period_label(tree)
    held = {v.year for i in tree.indicators for v in i.values}  # a 基準値's year before the period too
    year = options.as_of
    if year is not None and not (in_force(tree, year) if kind == "program-year"
                                 else year >= min(held | {tree.plan.period_from})):
        raise ReportError.of(OUTSIDE_PLAN, year=year.era_label(), plan=tree.plan.title, period=period)
    if options.years and not any(in_force(tree, y) or y in held for y in options.years):
        first, last = options.years[0].era_label(), options.years[-1].era_label()
        shown = first if first == last else f"{first}～{last}"
        raise ReportError.of(YEARS_OUTSIDE_PLAN, years=shown, plan=tree.plan.title, period=period)


def load_fonts() -> None:
    """The PDF fonts parsed once (some 0.1 s of the IPAex files, and reportlab loaded), before the
    first PDF is asked for: the report dialog has it done on the worker while the person chooses."""
    register_fonts(resources_dir() / "fonts")


def make_report(
    db: Database, kind: str, options: ReportOptions, out: Path, progress: Progress | None = None
) -> Path:
    """Write the `kind` report of the plan `options.plan_id` to `out` as a PDF and return `out`.

    Refuses (ReportError, in Japanese) a kind the plan has no data for, an unknown plan or department.
    The PDF is written beside `out` and renamed into place at the end, so `out` is never half written.
    """
    spec = report_kind(kind)
    if spec.key == "program-year" and options.as_of is None:  # the program year it prints, its 課 names
        options = dataclasses.replace(options, as_of=program_year.report_year(_load(db, options.plan_id), options))
    refuse_outside(_load(db, options.plan_id), options, spec.key)  # the years it reports: the plan's
    tree = in_report_year(db, _load(db, options.plan_id), options)
    options = with_revision(db, tree, options)
    if not spec.fits(tree):
        fitting = "、".join(v.label for v in REPORT_KINDS.values() if v.fits(tree))
        raise ReportError(
            f"「{tree.plan.title}」には{spec.label}がありません。この計画で作れる帳票: {fitting or 'なし'}"
        )
    if options.department is not None and options.department not in departments_named(tree):
        raise ReportError(f"担当課「{options.department}」は「{tree.plan.title}」にありません。")
    register_fonts(resources_dir() / "fonts")
    out = Path(out)
    with atomic_path(out) as tmp:
        if spec.key == "kpi" and (options.status_column or options.chart_pages):
            # graded as the window grades: the database's lower-is-better settings and thresholds
            grading = load_settings(db, options.plan_id)
            kpi_table.build(tree, options, tmp, progress, directions=grading.directions,
                            thresholds=grading.thresholds)
        elif spec.key == "program-year":
            grading = load_settings(db, options.plan_id)
            program_year.build(tree, options, tmp, progress, directions=grading.directions,
                               thresholds=grading.thresholds)
        else:
            spec.build(tree, options, tmp, progress)
    return out


def save_previewed(preview: Path, out: Path) -> Path:
    """The PDF already made for the preview, kept at `out`: whole or not at all (io.atomic)."""
    copy_file(preview, out)
    return out
