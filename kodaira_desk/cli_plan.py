"""`kodaira-desk plan …`: plans made and changed without a window (issue 13).

    plan new --id kids-2025 --title 子ども計画 --period R7-R11 --levels 基本目標／施策
    plan copy --plan program-2021 --to program-2025 --period R7-R10 [--baselines] [--no-footnotes]
    plan reorganise rename|merge|split --year R7 --from 元の課 --to 新しい課
    plan departments                                  the 課 (in 五十音 order) and their history
    plan export --plan ID --out 計画.xlsx / plan import 計画.xlsx [--plan ID] [--dry-run]

Imported by cli.py when a command's arguments are read (never by the window's start-up). The
services are imported by the command that runs them, not to build the parser: `plan export/import`
needs openpyxl, which no other command should pay for (tests/test_cli_plan_imports.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from kodaira_desk.cli_parser import out_path
from kodaira_desk.domain.departments import ReorganisationKind
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.plan_structure import split_list
from kodaira_desk.domain.round_setting import RoundSetting, level_of


def add_plan_commands(sub: Any) -> None:
    pl = sub.add_parser("plan", help="計画の作成・次期計画・課の再編")
    pl_sub = pl.add_subparsers(dest="plan_command", metavar="PLAN_COMMAND", required=True)
    new = pl_sub.add_parser("new", help="新しい空の計画を作る")
    new.add_argument("--id", required=True, help="計画 id（半角英数字とハイフン）")
    new.add_argument("--title", required=True)
    new.add_argument("--period", required=True, help="計画期間（例: R7-R11）")
    new.add_argument("--levels", required=True, help="階層の名前（例: 基本目標／施策）")
    new.add_argument("--round-level", help="年次の報告をする階層（既定: いちばん下の階層）")
    new.add_argument("--asks", help="年次の報告の内容（、で区切る: 進捗状況、実施等状況 または 実施内容、決算額、実績。"
                                    "既定: 進捗状況、実施等状況、実績）")
    cp = pl_sub.add_parser("copy", help="既存の計画から次期計画を作る")
    cp.add_argument("--plan", required=True, help="元の計画 id")
    cp.add_argument("--to", required=True, help="新しい計画 id")
    cp.add_argument("--period", required=True, help="計画期間（例: R7-R11）")
    cp.add_argument("--title", help="新しい計画名（省略すると元の名前と期間）")
    cp.add_argument("--baselines", action="store_true", help="最新の実績（なければ元の計画の基準値）を新しい基準値にする")
    cp.add_argument("--no-footnotes", action="store_true", help="表の注記（※）を引き継がない")
    cp.add_argument("--yes", action="store_true",
                    help="期間が元の計画（または同じ種類の計画）と重なっても作る（重なる年度は各課に両方を尋ねます）")
    ro = pl_sub.add_parser("reorganise", help="課の再編（名称変更・統合・分割）を年度から記録する")
    ro.add_argument("kind", choices=["rename", "merge", "split"])
    ro.add_argument("--year", required=True, help="有効となる年度（例: R7）")
    ro.add_argument("--from", dest="sources", required=True, help="元の課（、で区切る）")
    ro.add_argument("--to", dest="targets", required=True, help="新しい課（、で区切る）")
    ro.add_argument("--by", help="記録した人の名前（監査記録用）")
    pl_sub.add_parser("departments", help="課の一覧（五十音順）と再編の履歴")
    px = pl_sub.add_parser("export", help="計画を Excel の計画ブックに書き出す（docs/plan-workbook.md）")
    px.add_argument("--plan", required=True, help="計画 id（kodaira-desk plans で確認）")
    px.add_argument("--out", required=True, type=out_path, help="書き出す .xlsx ファイル")
    pi = pl_sub.add_parser("import", help="計画ブックを取り込む（新しい計画として、または --plan の計画に）")
    pi.add_argument("file", type=Path, help="取り込む .xlsx ファイル")
    pi.add_argument("--plan", help="変更を取り込む既存の計画 id（省略すると新しい計画）")
    pi.add_argument("--dry-run", action="store_true", help="変更点を表示するだけで、何も書き込まない")
    pi.add_argument("--by", help="取り込んだ人の名前（監査記録用）")
    pi.add_argument("--reason", default="",
                    help="確定済みの年度の値を変えるときの修正の理由（修正として記録。ないと取り込みを断る）")


def _period(text: str) -> tuple[Any, Any]:
    first, _, last = text.replace("～", "-").replace("~", "-").partition("-")
    return FiscalYear.parse(first), FiscalYear.parse(last or first)


def run_plan(db: Any, args: argparse.Namespace) -> int:
    from kodaira_desk.services import plan_editing as pe

    if args.plan_command == "new":
        first, last = _period(args.period)
        levels = split_list(args.levels)
        new = pe.NewPlan(args.id, args.title, first, last, levels, round=_round_setting(levels, args))
        pe.create_plan(db, new)
        print(f"作成しました: {args.id}（年次の報告: {pe.load_round(db, args.id).describe(levels)}）")
    elif args.plan_command == "copy":
        first, last = _period(args.period)
        from kodaira_desk.services.plan_editing.next_period import overlapping_plans

        overlaps = [] if args.yes else overlapping_plans(db, args.plan, first, last)
        if overlaps:  # two programs in force for the same years: every 課 would be asked for both
            said = "、".join(f"{pid}「{title}」と {a.era_label()}～{b.era_label()}" for pid, title, a, b in overlaps)
            print(f"エラー: 計画期間 {first.era_label()}～{last.era_label()} が {said} で重なります"
                  "（その年度は両方の計画が実施中になり、各課に両方を尋ねます）。"
                  "次期計画なら元の計画の終わりの翌年度から始めてください。重ねてよいときは --yes を付けてください。",
                  file=sys.stderr)
            return 2
        change = pe.copy_plan(db, args.plan, args.to, first, last, args.title,
                              actuals_as_baselines=args.baselines, footnotes=not args.no_footnotes)
        print(f"作成しました: {args.to}（項目 {len(change.nodes)} 件、指標 {len(change.indicators)} 件）")
        for notice in change.notices:
            print(f"  要確認: {notice}")
    elif args.plan_command == "reorganise":
        change = pe.reorganise(db, ReorganisationKind(args.kind), FiscalYear.parse(args.year),
                               split_list(args.sources), split_list(args.targets), actor=args.by)
        print(f"記録しました: {'・'.join(change.departments)}")
    elif args.plan_command in ("export", "import"):
        return _plan_workbook(db, args)
    else:
        for d in pe.list_departments(db):
            print("\t".join(x for x in (d.name, d.reading, d.code)))
        for ev in pe.department_history(db).events:
            print(ev.describe())
    return 0


def _round_setting(levels: tuple[str, ...], args: argparse.Namespace) -> Any:
    """`--round-level 施策 --asks 進捗状況、実施内容、決算額、実績`, or None (the default)."""
    if not args.round_level and not args.asks:
        return None
    level = level_of(levels, args.round_level) if args.round_level else len(levels)
    words = split_list(args.asks) if args.asks else RoundSetting.default_for(levels).words()
    return RoundSetting.from_words(level, words)


def _plan_workbook(db: Any, args: argparse.Namespace) -> int:
    from kodaira_desk.services.plan_editing import workbook as pw

    if args.plan_command == "export":
        pw.export_plan_workbook(db, args.plan, args.out)
        print(f"書き出しました: {args.out}")
        return 0
    preview = pw.preview_plan_import(db, args.file, args.plan)
    print(preview.summary())
    for line in [c.describe() for c in preview.changes] + [c.describe() for c in preview.locked]:
        print(f"  {line}")
    if args.dry_run:
        print("（--dry-run: 何も書き込んでいません）")
        return 0
    if not preview.new_plan and not preview.changes:
        return 0
    done = pw.apply_plan_import(db, dataclasses.replace(preview, reason=args.reason), actor=args.by)
    corrected = len(done.inverse.corrected)
    print(f"取り込みました: {preview.plan_id}" + (f"（確定済みの年度の値 {corrected} 件を修正として記録）"
                                                  if corrected else ""))
    return 0
