"""Each committee report for a whole plan, with the city data and with the plan enlarged ×10.

Beside it, measured in the same run on the same tables:
- LibreOffice turning the same tables, exported as a workbook (File > Excel出力), into PDF: what a
  clerk would otherwise do (target: ours at least 5× faster, at ×1 and ×10);
- a bare reportlab table of the same cells, no layout work (the floor; target: within 1.5×).

The workbook keeps only the sheets that hold what the report prints (SHEETS), so all three set the
same text.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale import enlarge
from kodaira_desk.io.workbook import export_workbook
from kodaira_desk.paths import resources_dir
from kodaira_desk.reports.common import register_fonts
from kodaira_desk.services.database import build_database, open_database
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.reports import REPORT_KINDS, default_options

PLANS = {"progress": "strategy-2015", "kpi": "strategy-2015", "sheets": "restructuring", "program": "program-2021"}
SHEETS = {"progress": ("進捗状況一覧",), "kpi": ("達成状況", "概要・方針"), "sheets": ("年次計画", "取組内容"),
          "program": ("到達目標", "年次計画", "概要・方針")}
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


def median(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


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


def libreoffice(xlsx: Path, outdir: Path) -> float | None:
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        return None
    profile = f"-env:UserInstallation=file://{outdir}/lo-profile"
    cmd = [exe, profile, "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(xlsx)]
    subprocess.run(cmd, capture_output=True, check=True, timeout=300)  # first start creates the profile
    return median(lambda: subprocess.run(cmd, capture_output=True, check=True, timeout=300))


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-reports-"))
    db = open_database(build_database(tmp / "city.sqlite"), create=False)
    register_fonts(resources_dir() / "fonts")
    print(f"{'report':34s} {'data':>5s} {'ours':>8s} {'bare table':>11s} {'LibreOffice':>12s}")
    for kind, plan_id in PLANS.items():
        base_tree = load_plan(db, plan_id)
        options = default_options(db, kind, plan_id)
        for label, tree in (("×1", base_tree), ("×10", enlarge(base_tree, 10))):
            out = tmp / f"{kind}{label}.pdf"
            build = REPORT_KINDS[kind].build
            ours = median(lambda t=tree, o=out, b=build, opts=options: b(t, opts, o, None))
            xlsx = same_tables(tree, kind, tmp / f"{kind}{label}.xlsx")
            bare = median(lambda xlsx=xlsx: bare_table(xlsx, tmp / "bare.pdf"))
            lo = libreoffice(xlsx, tmp)
            lo_text = f"{lo * 1000:9.0f} ms" if lo is not None else "        —"
            verdict = []
            if lo is not None:
                verdict.append(f"LO/ours {lo / ours:.1f}× {'ok' if lo / ours >= LO_TARGET else 'BELOW 5×'}")
            verdict.append(f"ours/bare {ours / bare:.2f}× {'ok' if ours / bare <= BARE_TARGET else 'ABOVE 1.5×'}")
            ratio = "  (" + ", ".join(verdict) + ")"
            print(f"{REPORT_KINDS[kind].label:30s} {label:>5s} {ours * 1000:6.0f} ms {bare * 1000:8.0f} ms "
                  f"{lo_text}{ratio}")
    db.dispose()


if __name__ == "__main__":
    main()
