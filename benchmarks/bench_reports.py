"""Each committee report for a whole plan, with the city data and with the plan enlarged ×10.

Beside it, measured in the same run on the same tables:
- LibreOffice turning the same tables, exported as a workbook (File > Excel出力), into PDF: what a
  clerk would otherwise do (target: ours at least 5× faster, at ×1 and ×10);
- a bare reportlab table of the same cells, no layout work (the floor; target: within 1.5×).

The workbook keeps only the sheets that hold what the report prints (SHEETS), so all three set the
same text.

Each figure is given twice: wall-clock time, and CPU time (this process's for ours and the bare
table, the LibreOffice processes' own from getrusage for LibreOffice). On a shared machine the wall
clock of a single-threaded Python build grows with every other job while LibreOffice's start-up
overlaps across its threads; the CPU ratio is the one that does not depend on the load.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decimal import Decimal

from benchmarks.scale import enlarge
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.io.workbook import export_workbook
from kodaira_desk.paths import resources_dir
from kodaira_desk.reports.common import register_fonts
from kodaira_desk.services.database import build_database, open_database
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.reports import REPORT_KINDS, default_options

PLANS = {"progress": "strategy-2015", "kpi": "strategy-2015", "sheets": "restructuring", "program": "program-2021",
         "program-year": "program-2021"}
SHEETS = {"progress": ("進捗状況一覧",), "kpi": ("達成状況", "概要・方針"), "sheets": ("年次計画", "取組内容"),
          "program": ("到達目標", "年次計画", "概要・方針"), "program-year": ("年度の取組状況",)}
YEAR = FiscalYear(2021)  # the program year printed by program-year


def program_year_filled(tree):  # type: ignore[no-untyped-def]
    """The program with 令和3年度 reported as the round would leave it: every 主要事業's 進捗状況, a
    実施内容 of three lines, a 決算額 (every third 25% under its plan, with the reason), and every
    成果指標's 実績."""
    import dataclasses

    from kodaira_desk.domain.entry import expects_progress, planned_cost
    from kodaira_desk.domain.model import IndicatorValue, ProgressEntry, ValueKind
    from kodaira_desk.domain.text import RichText
    from kodaira_desk.domain.values import Measured

    progress = list(tree.progress)
    for i, node in enumerate(n for n in tree.nodes if expects_progress(tree, n)):
        cost = planned_cost(node, YEAR)
        settled = cost
        note = ""
        if isinstance(cost, Measured) and i % 3 == 0:
            settled = Measured((cost.number * 3 / 4).quantize(1))
            note = "事業の一部を翌年度に実施したため、計画の費用を下回った。"
        text = (f"・{node.title}について、計画どおり実施した。\n・関係機関と連携し、利用者への周知を強化した。\n"
                "・実施状況を検証し、次年度の改善点を整理した。")
        progress.append(ProgressEntry(node.key, YEAR, "実施中", RichText.parse(text), None, settled, note))
    indicators = []
    for ind in tree.indicators:
        target = [v for v in ind.values if v.kind is ValueKind.TARGET and v.year == YEAR]
        value = target[-1].value if target and isinstance(target[-1].value, Measured) else Measured(Decimal(10))
        indicators.append(dataclasses.replace(ind, values=(*ind.values, IndicatorValue(ValueKind.ACTUAL, YEAR, value))))
    return dataclasses.replace(tree, progress=tuple(progress), indicators=tuple(indicators))
LO_TARGET, BARE_TARGET = 5.0, 1.5


def same_tables(tree, kind: str, out: Path) -> Path:  # type: ignore[no-untyped-def]
    """The workbook of the tables the report prints, and nothing else."""
    from openpyxl import load_workbook

    export_workbook(tree, out)
    wb = load_workbook(out)
    for ws in list(wb.worksheets):
        if ws.title not in SHEETS[kind]:
            wb.remove(ws)
    wb.save(out)
    return out


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def median(fn, runs: int = 3, *, children: bool = False) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median (wall, CPU) seconds of `fn()`; CPU of the child processes when `children`."""
    walls, cpus = [], []
    for _ in range(runs):
        c0 = _children_cpu() if children else time.process_time()
        t0 = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append((_children_cpu() if children else time.process_time()) - c0)
    return statistics.median(walls), statistics.median(cpus)


def bare_table(xlsx: Path, out: Path) -> None:
    """The workbook's cells as plain reportlab tables, one per sheet, same font, no layout work."""
    from openpyxl import load_workbook
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    style = ParagraphStyle("c", fontName="IPAexGothic", fontSize=7, leading=9, wordWrap="CJK")
    story = []
    for ws in load_workbook(xlsx, read_only=True).worksheets:
        rows = [[Paragraph(str(v), style) if v is not None else "" for v in row]
                for row in ws.iter_rows(values_only=True)]
        if rows:
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            story.append(Table(rows, colWidths=[800 / width] * width, repeatRows=1))
    SimpleDocTemplate(str(out), pagesize=landscape(A4)).build(story)


def libreoffice(xlsx: Path, outdir: Path) -> tuple[float, float] | None:
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        return None
    profile = f"-env:UserInstallation=file://{outdir}/lo-profile"
    cmd = [exe, profile, "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(xlsx)]
    subprocess.run(cmd, capture_output=True, check=True, timeout=300)  # first start creates the profile
    return median(lambda: subprocess.run(cmd, capture_output=True, check=True, timeout=300), children=True)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-reports-"))
    db = open_database(build_database(tmp / "city.sqlite"), create=False)
    register_fonts(resources_dir() / "fonts")
    print(f"{'report':30s} {'data':>5s} {'ours':>17s} {'bare table':>17s} {'LibreOffice':>17s}   "
          f"(each: wall / CPU ms; targets LO/ours ≥ {LO_TARGET:g}×, ours/bare ≤ {BARE_TARGET:g}×)")

    def ratios(what: str, ours: float, bare: float, lo: float | None) -> str:
        out = []
        if lo is not None:
            out.append(f"LO/ours {lo / ours:4.1f}× {'ok' if lo / ours >= LO_TARGET else 'BELOW'}")
        out.append(f"ours/bare {ours / bare:.2f}× {'ok' if ours / bare <= BARE_TARGET else 'ABOVE'}")
        return f"{what}: " + ", ".join(out)

    only = set(sys.argv[1:])  # e.g. `bench_reports.py program`: only those reports
    for kind, plan_id in PLANS.items():
        if only and kind not in only:
            continue
        base_tree = load_plan(db, plan_id)
        options = default_options(db, kind, plan_id)
        if kind == "program-year":
            base_tree = program_year_filled(base_tree)
            options = dataclasses.replace(options, as_of=YEAR)
        for label, tree in (("×1", base_tree), ("×10", enlarge(base_tree, 10))):
            out = tmp / f"{kind}{label}.pdf"
            build = REPORT_KINDS[kind].build
            ours = median(lambda t=tree, o=out, b=build, opts=options: b(t, opts, o, None))
            xlsx = same_tables(tree, kind, tmp / f"{kind}{label}.xlsx")
            bare = median(lambda xlsx=xlsx: bare_table(xlsx, tmp / "bare.pdf"))
            lo = libreoffice(xlsx, tmp)

            def ms(t: tuple[float, float] | None) -> str:
                return f"{t[0] * 1000:7.0f} /{t[1] * 1000:6.0f}" if t is not None else f"{'—':>15s}"

            print(f"{REPORT_KINDS[kind].label:30s} {label:>5s} {ms(ours):>17s} {ms(bare):>17s} {ms(lo):>17s}   "
                  f"{ratios('wall', ours[0], bare[0], lo[0] if lo else None)}; "
                  f"{ratios('CPU', ours[1], bare[1], lo[1] if lo else None)}; load average "
                  f"{os.getloadavg()[0]:.2f}", flush=True)
    db.dispose()


if __name__ == "__main__":
    main()
