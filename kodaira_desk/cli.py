"""`kodaira-desk [--db PATH] COMMAND …`: everything that runs without a window.

With no command the window opens. Heavy modules are imported inside the command that needs them
so that `kodaira-desk plans` and the window start quickly.

The command line speaks Japanese whatever the locale (LANG) says, as the window does until 表示 >
言語 is switched: its help and argparse's errors (cli_parser.py), its messages and a refused file's
reason alike (tests/test_cli_said_in_japanese.py); English is the window's alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kodaira_desk import __version__

if TYPE_CHECKING:
    import argparse

    from kodaira_desk.services.opening import Opening


def _parser() -> argparse.ArgumentParser:
    import argparse  # not needed when the window opens without a command (start-up time)

    from kodaira_desk.cli_parser import JapaneseArgumentParser, out_path  # its errors and help in Japanese

    p = JapaneseArgumentParser(
        prog="kodaira-desk",
        description="小平市 戦略計画の進捗・KPI入力（Kodaira Desk）。コマンドなしで画面を開きます。",
    )
    p.add_argument("--db", type=_target, help="使うデータベースファイル、またはサーバーのデータベース "
                   "postgresql://利用者@サーバー/データベース名（既定: 利用者ごとのデータファイル）")
    p.add_argument("--version", action="version", version=f"kodaira-desk {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("plans", help="計画の一覧（id と名称）")

    ex = sub.add_parser("export", help="データの書き出し")
    ex_sub = ex.add_subparsers(dest="format", metavar="FORMAT", required=True)
    ej = ex_sub.add_parser("json", help="データベース全体を JSON で書き出す")
    ej.add_argument("--out", type=out_path, required=True)
    ex_xlsx = ex_sub.add_parser("xlsx", help="計画の表を Excel ブックに書き出す")
    ex_xlsx.add_argument("--plan", required=True, help="計画 id（kodaira-desk plans で確認）")
    ex_xlsx.add_argument("--out", type=out_path, required=True)
    ex_xlsx.add_argument("--department", help="この課の項目だけ")
    # issue 17: open data
    ex_csv = ex_sub.add_parser("csv", help="計画の指標・値・達成率をオープンデータの CSV で書き出す")
    ex_csv.add_argument("--plan", required=True, help="計画 id（kodaira-desk plans で確認）")
    ex_csv.add_argument("--out", type=out_path, required=True, help="CSV を書き出すフォルダ")

    rp = sub.add_parser("report", help="委員会資料の PDF を作る")
    rp.add_argument("kind", choices=["progress", "kpi", "sheets", "program", "program-year"],
                    help="progress: 進捗状況一覧表, kpi: 達成状況, sheets: 取組シート, program: 実行プログラム, "
                         "program-year: 実行プログラムの年度の取組状況（--as-of で年度）")
    rp.add_argument("--plan", required=True, help="計画 id（kodaira-desk plans で確認）")
    rp.add_argument("--out", type=out_path, required=True)
    rp.add_argument("--handout", help="資料番号（例: 資料3）。省略するとその計画の資料の番号")
    rp.add_argument("--meeting", help="会議名（例: 第２回…推進委員会）")
    rp.add_argument("--date", help="会議の日付（例: 2021-03-29）")
    rp.add_argument("--draft", action=argparse.BooleanOptionalAction, default=None,
                    help="「未定稿」を付ける／付けない（既定: 画面の印刷ダイアログと同じく、その計画の資料のとおり）")
    rp.add_argument("--era-of-date", action=argparse.BooleanOptionalAction, default=True,
                    help="年度を資料の日付の元号で書く（例: 平成28年の資料では平成32年度）。--no-era-of-date で現在の元号")
    rp.add_argument("--as-of", help="達成状況の基準年度（この年度までの実績を載せる。既定: 値のある最新の年度）。"
                                    "program-year では報告する年度")
    rp.add_argument("--added-headings", action="store_true",
                    help="資料にない見出し（「達成状況の概要」など）を補う")
    rp.add_argument("--department", help="この課の項目だけ")
    rp.add_argument("--years", help="表示する年度（例: H28-H29、R2）")
    # issue 17: the achievement table's additions
    rp.add_argument("--status", action="store_true",
                    help="kpi: 達成状況（表の最新年度の判定と達成率）の列を付ける")
    rp.add_argument("--charts", action="store_true", help="kpi: 基本目標ごとに指標の推移のグラフの頁を付ける")
    rp.add_argument("--notes", action="store_true",
                    help="kpi, program: 値に付けたメモを表の下に注記として載せる（値に［1］などの印）")

    bd = sub.add_parser("build-db", help="db/city のデータから新しいデータベースを作る")
    bd.add_argument("--out", type=_target, required=True, help="ファイル、または postgresql://… のデータベース")
    bd.add_argument("--data", type=Path, help="データのフォルダ（既定: 同梱の db/city）")
    bd.add_argument("--force", action="store_true", help="既存のファイル（サーバーではその表）を置き換える")

    cp = sub.add_parser("copy", help="親データベースを SQLite ファイルとサーバーの間で写す（JSON の書き出しで一致を確認）")
    cp.add_argument("--from", dest="source", type=_target, required=True, help="元: ファイル、または postgresql://…")
    cp.add_argument("--to", dest="target", type=_target, required=True, help="先: ファイル、または postgresql://…")
    cp.add_argument("--force", action="store_true", help="先にあるファイル（サーバーではその表）を置き換える")

    from kodaira_desk.cli_handout import add_handout_command

    add_handout_command(sub)  # kodaira_desk/cli_handout.py

    co = sub.add_parser("collect", help="返ってきた提出用ファイルを取り込む（回収）",
                        epilog="終了コード: 0 = 渡したファイルをすべて取り込み、要確認は 0 件（未返却の課が"
                               "残っていても 0）、1 = 取り込まなかったファイル（拒否・未記入）か、要確認（競合など）がある、"
                               "2 = 回収そのものができなかった。")
    co.add_argument("files", nargs="+", type=Path)
    co.add_argument("--by", help="取り込んだ人の名前（監査記録用）")

    from kodaira_desk.cli_plan import add_plan_commands
    from kodaira_desk.cli_round import add_round_commands

    add_plan_commands(sub)  # issue 13: kodaira_desk/cli_plan.py
    add_round_commands(sub)  # issue 24: kodaira_desk/cli_round.py

    gui = sub.add_parser("gui", help="画面を開く")
    gui.add_argument("--department", help="担当課（この課の項目を先頭に表示）")
    gui.add_argument("file", nargs="?", type=Path,
                     help="開くファイル（提出用ファイル .kdesk なら課の入力画面で開きます）")
    return p


def _target(text: str) -> Path | str:
    """A database argument: a file's path, or a server URL kept as text."""
    from kodaira_desk.store.server import is_server_url

    return text if is_server_url(text) else Path(text)


def _fail(message: str) -> int:
    print(f"エラー: {message}", file=sys.stderr)
    return 2


COMMANDS = ("plans", "export", "report", "build-db", "copy", "handout", "collect", "gui", "round", "plan")  # = _parser()'s
MASTER_ONLY = ("handout", "collect", "plan", "round")  # refused in a department file (services/master_only.py)
FILE_SUFFIXES = (".kdesk", ".sqlite", ".db")


def window_file(argv: Sequence[str]) -> Path | None:
    """`kodaira-desk FILE.kdesk`: one plain argument naming a file, as a double-click or
    "Open with" passes it, opens the window on that file (a department file: clerk mode)."""
    if len(argv) != 1 or argv[0].startswith("-") or argv[0] in COMMANDS:
        return None
    path = Path(argv[0])
    return path if path.suffix.lower() in FILE_SUFFIXES or path.is_file() else None


def file_beside_db(argv: Sequence[str]) -> tuple[str, Path] | None:
    """`kodaira-desk --db MASTER FILE.kdesk`: a file to open given beside --db (the window opens one
    file: said so, naming both, rather than argparse's 「…はありません」 for a file that exists)."""
    rest, db = list(argv), None
    for flag in [a for a in rest if a.startswith("--db=")]:
        db = flag[len("--db="):]
        rest.remove(flag)
    while "--db" in rest and rest.index("--db") + 1 < len(rest):
        i = rest.index("--db")
        db = rest[i + 1]
        del rest[i:i + 2]
    file = window_file(rest) if db else None
    return (db, file) if db and file is not None else None


def may_open_window(argv: Sequence[str]) -> bool:
    """Whether these arguments may open the window (no command, `gui` or a file): only then is
    start-up's kept code read (ui/start_costs.py). A wrong guess costs time, never behaviour."""
    rest = list(argv)
    while rest and (rest[0] == "--db" or rest[0].startswith("--db=")):
        rest = rest[2 if rest[0] == "--db" else 1:]
    return not rest or rest[0] == "gui" or not (rest[0].startswith("-") or rest[0] in COMMANDS)


def window_only(argv: Sequence[str]) -> tuple[Path | str | None] | None:
    """`kodaira-desk` or `kodaira-desk --db PATH`: the window, read without building the parser
    of every command (start-up time). Anything else goes to the full parser."""
    if not argv:
        return (None,)
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        return (_target(argv[1]),)
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return (_target(argv[0][len("--db="):]),)
    return None


def _window_start() -> None:
    """Before the window's modules load: no automatic garbage collection. Start-up makes almost no
    garbage, yet each collection scanned every new module, class and plan object again (about 5%
    of start-up); the window's GUI-thread collector (ui/tasks.py) collects from then on, and the
    start-up objects are frozen out of its scans once the window is shown (ui/app.py)."""
    import gc

    gc.disable()


def _load_qt_meanwhile() -> None:
    """Qt's libraries loaded on a thread while the GUI thread reads the kept code and imports the
    store (ui/start_libraries.py; once): not before a process is forked (services/opening.py)."""
    from kodaira_desk.ui import start_libraries

    start_libraries.prefetch()


def _opening(target: Path | str | None) -> Opening | None:
    """A master on a server starts opening in a process of its own (or on a thread) before the
    store and the window's modules are imported (services/opening.py); a file is opened by the
    window as before."""
    from kodaira_desk.store.server import is_server_url

    if not is_server_url(target):
        return None
    # what psycopg (on the opening's thread, where no process is forked) and the window's start-up
    # both import, imported before it starts: the two threads never import one module at once
    # (the window imports logging with Qt for Python, ctypes for ui/start_libraries.py)
    import ctypes  # noqa: F401
    import logging  # noqa: F401

    from kodaira_desk.services.opening import OpeningOnThread, opening

    started = opening(str(target))
    if not isinstance(started, OpeningOnThread):  # (forked: no process is forked after this)
        _load_qt_meanwhile()  # (on a thread, its imports are kept apart from the window's: not moved)
    return started


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; a reader that stops reading (`… | head`) ends it quietly (cli_pipe), and
    Ctrl+C with a line saying what was written and status 130, never a traceback (cli_interrupt)."""
    from kodaira_desk.cli_pipe import run_to_closed_pipe

    read: list[argparse.Namespace] = []  # the command's arguments, once read
    try:
        return run_to_closed_pipe(lambda a: _main(a, read), argv)
    except KeyboardInterrupt as exc:
        from kodaira_desk.cli_interrupt import end_interrupted

        return end_interrupted(exc, read[-1] if read else None)


def _main(argv: Sequence[str] | None, read: list[argparse.Namespace]) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    beside = file_beside_db(argv)
    if beside is not None:
        return _fail(f"--db（{beside[0]}）とファイル（{beside[1]}）は同時に指定できません。開くファイルをひとつだけ"
                     f"指定してください（このファイルを開くときは「kodaira-desk {beside[1]}」）。")
    window_start = may_open_window(argv)
    if window_start:  # before the start-up's imports
        _window_start()
        if not any("://" in arg for arg in argv):  # (a server's reading process is forked first: below)
            _load_qt_meanwhile()
    # the code `dataclasses` compiles for the window's classes, kept from one start-up to the next
    # (ui/start_costs.py; from here: `--db` imports the store to read its argument)
    from kodaira_desk.ui import start_costs

    if window_start:  # a command does not read the kept code (5–6 ms)
        start_costs.start()
    file = window_file(argv)
    if file is not None:
        _window_start()
        from kodaira_desk.ui.app import run_app

        return run_app(file.resolve(), create=False)
    window = window_only(argv)
    args: argparse.Namespace | None = None
    if window is None:
        try:
            args = _parser().parse_args(argv)
            read.append(args)
        finally:  # a command, --help or a wrong argument: `dataclasses` and `compile` as they were
            if args is None or args.command not in (None, "gui"):
                start_costs.finish(keep=False)
                if window_start:  # a guess gone wrong (may_open_window): a command collects garbage
                    import gc

                    gc.enable()
    opening: Opening | None = None
    if args is None or args.command in (None, "gui"):
        _window_start()
        opening = _opening(window[0] if window is not None else
                           None if getattr(args, "file", None) is not None else getattr(args, "db", None))
    from kodaira_desk.domain.errors import DataFileError, DomainError
    from kodaira_desk.store.database import StoreError

    try:
        if args is None or args.command in (None, "gui"):
            from kodaira_desk.ui.app import run_app

            if args is None:
                assert window is not None
                return run_app(window[0], opening=opening)
            file_arg: Path | None = getattr(args, "file", None)
            if file_arg is not None:
                if args.db is not None:
                    return _fail("--db とファイルは同時に指定できません。開くファイルをひとつだけ指定してください。")
                return run_app(file_arg.resolve(), create=False)
            return run_app(args.db, department=getattr(args, "department", None), opening=opening)
        if args.command == "build-db":
            return _build_db(args)
        if args.command == "copy":
            return _copy(args)
        db = _open(args.db)
        try:
            if args.command in MASTER_ONLY:  # a clerk's file given as --db: refused, nothing written
                from kodaira_desk.services.master_only import require_master

                sub = getattr(args, "plan_command", None) or getattr(args, "round_command", None)
                require_master(db, " ".join(("kodaira-desk", args.command, *((sub,) if sub else ()))))
            if args.command == "plans":  # the plans running this year first, as the window lists them
                from datetime import date

                from kodaira_desk.domain.fiscal_year import FiscalYear
                from kodaira_desk.domain.yearly import in_force_first
                from kodaira_desk.services.plans import plan_list

                for plan in in_force_first(plan_list(db), FiscalYear.of(date.today())):
                    print(f"{plan.id}\t{plan.title}")
                return 0
            if args.command == "report":
                return _report(db, args)
            if args.command == "export" and args.format in ("xlsx", "csv", "json"):
                return _export(db, args)
            if args.command == "handout":
                from kodaira_desk.cli_handout import run_handout

                return run_handout(db, args)
            if args.command == "collect":
                return _collect(db, args)
            if args.command == "plan":
                from kodaira_desk.cli_plan import run_plan

                return run_plan(db, args)
            if args.command == "round":
                from kodaira_desk.cli_round import run_round

                return run_round(db, args)
        finally:
            db.dispose()
    except DataFileError as exc:
        return _fail(str(exc))
    except (StoreError, DomainError) as exc:
        return _fail(exc.message)
    except BrokenPipeError:
        raise  # main: the reader stopped reading
    except OSError as exc:
        from kodaira_desk.domain.os_reasons import os_reason
        from kodaira_desk.io.atomic import os_error_message

        if not exc.filename:  # no file to name (not ".")
            return _fail(f"書き込めませんでした（{os_reason(exc)}）。")
        return _fail(os_error_message(Path(exc.filename), exc))
    except Exception as exc:
        return _fail(_unforeseen(exc))
    return _fail(f"不明なコマンドです: {args.command}")


def _export(db: Any, args: argparse.Namespace) -> int:
    """`export xlsx|csv|json`: a plan's tables in Excel, its open data, or the whole database."""
    if args.format == "json":
        from kodaira_desk.services.export import export_json
        from kodaira_desk.services.plans import database_info, load_all

        export_json(load_all(db), args.out, info=database_info(db))
        print(f"書き出しました: {args.out}")
        return 0
    try:
        if args.format == "xlsx":
            from kodaira_desk.services.workbooks import export_xlsx

            written = [export_xlsx(db, args.plan, args.out, department=args.department)]
        else:  # issue 17: open data
            from kodaira_desk.services.achievement import export_open_data

            try:
                written = export_open_data(db, args.plan, args.out)
            except OSError as exc:
                from kodaira_desk.domain.os_reasons import os_reason

                return _fail(f"{args.out} に書き出せません: {os_reason(exc)}")
    except KeyError:
        return _fail(f"計画 id が見つかりません: {args.plan}（kodaira-desk plans で確認できます）")
    print("\n".join(f"書き出しました: {p}" for p in written))
    return 0


def _unforeseen(exc: BaseException) -> str:
    from kodaira_desk.store.database import is_busy, write_error_message

    if is_busy(exc):
        return "データベースが別のウィンドウまたは別の処理で使用中です。その処理が終わってから、もう一度実行してください。"
    written = write_error_message(Path("データベース"), exc)
    if written:
        return written
    text = str(getattr(exc, "orig", exc)).splitlines()[0][:120] if str(exc) else ""
    return f"処理を完了できませんでした（{type(exc).__name__}: {text}）。変更は書き込まれていません。"


def _report(db: object, args: argparse.Namespace) -> int:
    import dataclasses
    from datetime import date

    from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
    from kodaira_desk.services.reports import default_options, make_report

    options = default_options(db, args.kind, args.plan)  # type: ignore[arg-type]
    changes: dict[str, object] = {
        "draft": options.draft if args.draft is None else args.draft, "department": args.department,
        "era_of_date": args.era_of_date, "added_headings": args.added_headings,
        "status_column": args.status, "chart_pages": args.charts, "field_notes": args.notes,
    }
    if (args.status or args.charts) and args.kind != "kpi":
        return _fail("--status と --charts は達成状況（kpi）の帳票にだけ付けられます。")
    if args.notes and args.kind not in ("kpi", "program"):
        return _fail("--notes は達成状況（kpi）と実行プログラム（program）の帳票にだけ付けられます。")
    if args.as_of:
        changes["as_of"] = FiscalYear.parse(args.as_of)
    if args.handout:
        changes["handout"] = args.handout
    if args.meeting:
        changes["meeting"] = args.meeting
    if args.date:
        try:
            changes["date"] = date.fromisoformat(args.date)
        except ValueError:
            return _fail(f"日付は 2021-03-29 の形で書いてください: {args.date}")
    if args.years:
        first, _, last = args.years.replace("～", "-").replace("~", "-").partition("-")
        start, end = FiscalYear.parse(first), FiscalYear.parse(last or first)
        if start > end:
            return _fail(f"--years の範囲が逆です: {args.years}（{start.era_label()}が{end.era_label()}より後）。"
                         f"古い年度から書いてください: {end.short_label()}-{start.short_label()}")
        changes["years"] = tuple(fiscal_years(start, end))
    options = dataclasses.replace(options, **changes)  # type: ignore[arg-type]
    out = make_report(db, args.kind, options, args.out)  # type: ignore[arg-type]
    print(f"作成しました: {out}")
    return 0


def _collect(db: object, args: argparse.Namespace) -> int:
    """Exit 0: all taken in, nothing to review (missing 課 are listed); 1: refused, unfilled or 要確認."""
    from kodaira_desk.cli_files import expand_file_arguments
    from kodaira_desk.services.rounds.collect import collect

    given = expand_file_arguments(args.files)  # cmd.exe leaves 配布\*.kdesk as it is
    for miss in given.misses:
        print(f"× {miss} [not_found]")
    if not given.files:
        print(f"取込 0 件、拒否 {len(given.misses)} 件")
        return 1
    report = collect(db, list(given.files), actor=args.by)  # type: ignore[arg-type]
    counts = {"merged": 0, "needs_review": 0, "already_collected": 0, "unfilled": 0, "refused": len(given.misses)}
    for o in report.outcomes:
        counts["refused" if o.refused else o.code] += 1
        print(f"{o.mark} {o.message}" + (f" [{o.code}]" if o.refused else ""))
    print(f"取込 {counts['merged']} 件、要確認 {counts['needs_review']} 件、"
          f"取込済み {counts['already_collected']} 件、未記入 {counts['unfilled']} 件、拒否 {counts['refused']} 件")
    if report.missing:
        print(f"未返却: {'、'.join(report.missing)}")
    if report.unfilled:
        print(f"未記入: {'、'.join(report.unfilled)}")
    for st in report.states:
        print(f"  {st.department}\t{st.label}" + (f"\t競合 {st.open_conflicts} 件" if st.open_conflicts else "")
              + (f"\t{st.taken}" if st.taken else ""))
    return 1 if given.misses or any(o.refused or o.conflicts or o.code in ("needs_review", "unfilled")
                                    for o in report.outcomes) else 0


def _build_db(args: argparse.Namespace) -> int:
    from kodaira_desk.services.database import build_database
    from kodaira_desk.services.master_only import refuse_department_target

    refuse_department_target(args.out)  # a clerk's typing is never replaced, even with --force
    if isinstance(args.out, Path) and args.out.exists() and not args.force:
        return _fail(f"{args.out} はすでにあります（置き換えるには --force）")
    build_database(args.out, args.data, force=args.force)
    print(f"作成しました: {_shown(args.out)}")
    return 0


def _shown(target: Path | str) -> str:
    from kodaira_desk.store.server import is_server_url, public_url

    return public_url(target) if isinstance(target, str) and is_server_url(target) else str(target)


def _open(target: Path | str | None) -> Any:
    """Open the database; a server that asks for a password gets one typed at the terminal
    (never echoed, never stored)."""
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.server import PasswordNeeded

    try:
        return open_database(target, create=target is None)
    except PasswordNeeded:
        password = _ask_password(target)
        if password is None:
            raise
        return open_database(target, create=False, password=password)


def _ask_password(target: object) -> str | None:
    import getpass

    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(f"{_shown(str(target))} のパスワード: ")
    except (EOFError, KeyboardInterrupt):
        return None


def _copy(args: argparse.Namespace) -> int:
    from kodaira_desk.services.database import copy_database
    from kodaira_desk.services.master_only import refuse_department_target

    refuse_department_target(args.source, source=True)
    refuse_department_target(args.target)
    n = copy_database(args.source, args.target, force=args.force,  # (where a replaced master is kept: at once)
                      said=lambda line: print(line, flush=True))
    print(f"写しました: {_shown(args.source)} → {_shown(args.target)}（{n} 行。JSON の書き出しが一致）")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
