"""`kodaira-desk [--db PATH] COMMAND …`: everything that runs without a window.

With no command the window opens. Heavy modules are imported inside the command that needs them
so that `kodaira-desk plans` and the window start quickly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kodaira_desk import __version__


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kodaira-desk",
        description="小平市 戦略計画の進捗・KPI入力（Kodaira Desk）。コマンドなしで画面を開きます。",
    )
    p.add_argument("--db", type=Path, help="使うデータベースファイル（既定: 利用者ごとのデータファイル）")
    p.add_argument("--version", action="version", version=f"kodaira-desk {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("plans", help="計画の一覧（id と名称）")

    ex = sub.add_parser("export", help="データの書き出し")
    ex_sub = ex.add_subparsers(dest="format", metavar="FORMAT", required=True)
    ej = ex_sub.add_parser("json", help="データベース全体を JSON で書き出す")
    ej.add_argument("--out", type=Path, required=True)

    bd = sub.add_parser("build-db", help="db/city のデータから新しいデータベースを作る")
    bd.add_argument("--out", type=Path, required=True)
    bd.add_argument("--data", type=Path, help="データのフォルダ（既定: 同梱の db/city）")
    bd.add_argument("--force", action="store_true", help="既存のファイルを置き換える")

    ho = sub.add_parser("handout", help="年度の提出用ファイルを担当課ごとに作る（配布）")
    ho.add_argument("--year", required=True, help="年度（例: 2021、R3、令和3年度）")
    ho.add_argument("--out", type=Path, required=True, help="ファイルを書き出すフォルダ")
    ho.add_argument("--department", action="append", help="この課だけ（複数可）。省略するとすべての課")

    co = sub.add_parser("collect", help="返ってきた提出用ファイルを取り込む（回収）")
    co.add_argument("files", nargs="+", type=Path)
    co.add_argument("--by", help="取り込んだ人の名前（監査記録用）")

    gui = sub.add_parser("gui", help="画面を開く")
    gui.add_argument("--department", help="担当課（この課の項目を先頭に表示）")
    return p


def _fail(message: str) -> int:
    print(f"エラー: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from kodaira_desk.domain.errors import DataFileError, DomainError
    from kodaira_desk.store.database import StoreError

    try:
        if args.command in (None, "gui"):
            from kodaira_desk.ui.app import run_app

            return run_app(args.db, department=getattr(args, "department", None))
        if args.command == "build-db":
            return _build_db(args)
        from kodaira_desk.services.database import open_database

        db = open_database(args.db, create=args.db is None)
        try:
            if args.command == "plans":
                from kodaira_desk.services.plans import list_plans

                for pid, title in list_plans(db):
                    print(f"{pid}\t{title}")
                return 0
            if args.command == "handout":
                return _handout(db, args)
            if args.command == "collect":
                return _collect(db, args)
            if args.command == "export" and args.format == "json":
                from kodaira_desk.services.export import export_json
                from kodaira_desk.services.plans import database_info, load_all

                export_json(load_all(db), args.out, info=database_info(db))
                print(f"書き出しました: {args.out}")
                return 0
        finally:
            db.dispose()
    except DataFileError as exc:
        return _fail(str(exc))
    except (StoreError, DomainError) as exc:
        return _fail(exc.message)
    return _fail(f"不明なコマンドです: {args.command}")


def _handout(db: object, args: argparse.Namespace) -> int:
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.rounds import handout

    year = FiscalYear.parse(args.year)
    made = handout(db, year, args.out, args.department)  # type: ignore[arg-type]
    for f in made:
        print(f"{f.department}\t{f.path}")
    print(f"{year.era_label()}: {len(made)} 課に配布ファイルを作りました。")
    return 0


def _collect(db: object, args: argparse.Namespace) -> int:
    """Exit 0: everything merged; 1: something needs a person (refused, conflicts, missing)."""
    from kodaira_desk.services.rounds import collect

    report = collect(db, args.files, actor=args.by)  # type: ignore[arg-type]
    counts = {"merged": 0, "needs_review": 0, "already_collected": 0, "refused": 0}
    for o in report.outcomes:
        counts["refused" if o.refused else o.code] += 1
        mark = "×" if o.refused else ("!" if o.conflicts else "○")
        print(f"{mark} {o.message}" + (f" [{o.code}]" if o.refused else ""))
    print(f"取込 {counts['merged']} 件、要確認 {counts['needs_review']} 件、"
          f"取込済み {counts['already_collected']} 件、拒否 {counts['refused']} 件")
    if report.missing:
        print(f"未返却: {'、'.join(report.missing)}")
    for st in report.states:
        print(f"  {st.department}\t{st.label}" + (f"\t競合 {st.open_conflicts} 件" if st.open_conflicts else ""))
    return 1 if report.needs_a_person or report.missing else 0


def _build_db(args: argparse.Namespace) -> int:
    from kodaira_desk.services.database import build_database

    if args.out.exists() and not args.force:
        return _fail(f"{args.out} はすでにあります（置き換えるには --force）")
    build_database(args.out, args.data)
    print(f"作成しました: {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
