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


def _build_db(args: argparse.Namespace) -> int:
    from kodaira_desk.services.database import build_database

    if args.out.exists() and not args.force:
        return _fail(f"{args.out} はすでにあります（置き換えるには --force）")
    build_database(args.out, args.data)
    print(f"作成しました: {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
