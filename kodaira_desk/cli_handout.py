"""`kodaira-desk handout`: the yearly round's files, one per 課, without a window.

A 課 whose file of the year is out (配布済み) or was collected (回収済み) is skipped unless --again,
one line per 課 saying which and what re-issuing would do. Exit status, for the policy division's
batch file: 0 = at least one file written; 1 = none (every 課 asked for skipped: one line on stderr
says why); 2 = refused, nothing written (a year no plan runs in or fixed (確定) in every plan in force, an
unknown 課, a folder that cannot be written); 130 = Ctrl+C (cli_interrupt).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from kodaira_desk.cli_parser import out_path

if TYPE_CHECKING:
    from kodaira_desk.services.rounds.handout import HandedOut


def add_handout_command(sub: Any) -> None:
    ho = sub.add_parser("handout", help="年度の提出用ファイルを担当課ごとに作る（配布）",
                        epilog="配布済み（未回収）か回収済みの課は飛ばし、1 課 1 行で知らせます（作り直すときは --again）。"
                               "確定済みの年度には配布しません。終了コード: 0 = 1 つ以上の課にファイルを作った、"
                               "1 = 1 つも作らなかった（対象の課をすべて飛ばした）、"
                               "2 = 配布できなかった（年度・課・保存先の誤り、確定済みの年度など。ファイルは作っていません）、"
                               "130 = Ctrl+C で中断した。")
    ho.add_argument("--year", required=True, help="年度（例: 2021、R3、令和3年度）")
    ho.add_argument("--out", type=out_path, required=True, help="ファイルを書き出すフォルダ")
    ho.add_argument("--department", action="append", help="この課だけ（複数可）。省略するとすべての課")
    ho.add_argument("--format", choices=("kdesk", "xlsx", "both"), default="kdesk",
                    help="配布するファイルの形式: kdesk（Kodaira Desk の提出用ファイル、既定）、xlsx（Excel ブック）、both（両方）")
    ho.add_argument("--yes", action="store_true",
                    help="所管課の決まっていない指標（誰にも配布されない）があっても確認せずに配布する")
    ho.add_argument("--deadline", help="提出期限（例: 2027-05-31）。省略するとその年度にすでに決めた期限のまま")
    ho.add_argument("--head-check", action=argparse.BooleanOptionalAction, default=None,
                    help="返却に課長確認を必須にする／しない（省略するとその年度の設定のまま）")
    ho.add_argument("--by", help="配布した人の名前（監査記録用）")
    ho.add_argument("--again", action="store_true",
                    help="再配布: 配布済み（未回収）や回収済みの課にも作り直す（未回収の課に配ったファイルは差し替え済みとなり、"
                         "返ってきても取り込めません。回収済みの課の取り込んだ値は残ります）。省略するとその課は飛ばします")


NOTHING_HANDED_OUT = 1  # no file written: every 課 asked for was skipped (a batch file can tell)
REFUSED = 2  # as every command's refusal (cli._fail): nothing written


def run_handout(db: object, args: argparse.Namespace) -> int:
    """Exit 0: at least one file written; 1 (NOTHING_HANDED_OUT): none, every 課 skipped; 2: refused."""
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.domain.round_year import parse_deadline
    from kodaira_desk.services.plans import load_all
    from kodaira_desk.services.rounds.handout import fixed_years, handed_out, handout
    from kodaira_desk.services.rounds.settings import KEEP
    from kodaira_desk.services.rounds.yearly import plan_handout

    year = FiscalYear.parse(args.year)
    plan = plan_handout(load_all(db), year, args.department, fixed_years(db))  # type: ignore[arg-type]
    if plan.unassigned and not args.yes:
        print("所管課・担当課の決まっていない項目があります（このまま配布すると、どの課にも入力を頼みません）:")
        for line in plan.unassigned:
            print(f"  {line}")
        if not _confirm("このまま配布しますか？ [y/N] "):
            print("エラー: 配布しませんでした。計画の編集で所管課を決めるか、--yes を付けて実行してください。", file=sys.stderr)
            return REFUSED
    deadline = parse_deadline(args.deadline) if args.deadline else None
    held = handed_out(db, year)  # type: ignore[arg-type]
    made = handout(db, year, args.out, args.department, file_format=args.format,  # type: ignore[arg-type]
                   deadline=deadline or KEEP, head_check_required=args.head_check, actor=args.by,
                   again=args.again)
    done = {f.department for f in made}
    for f in made:
        print(f"{f.department}\t{f.path}")
    for f in made:
        if f.kept is not None:
            print(KEPT_LINE.format(department=f.department, file=f.path.name, kept=f.kept.name))
    if made:
        print(f"{year.era_label()}: {len(done)} 課に配布ファイルを作りました（実施中の計画: {'、'.join(plan.plans)}）。")
    if plan.fixed:
        print(f"確定済みの計画（ファイルでは入力できません）: {'、'.join(plan.fixed)}。")
    if plan.left_out:
        print(f"配布しなかった課: {plan.left_out_text()}。")
    for d in plan.departments:
        if d in held:
            print(_handed_out_line(held[d], d in done))
    if made:  # a 課 reorganised into one handed out now: its file is replaced by the new 課's
        after = handed_out(db, year)  # type: ignore[arg-type]
        for d in sorted(d for d in held if d not in after and d not in done):
            print(f"差し替えた課: {d}（{held[d].when()} に配った {held[d].file_name} は、組織改正後の課への配布で"
                  "差し替え済みとなり、返ってきても取り込めません）。")
    if deadline is not None:
        print(f"提出期限: {deadline.isoformat()}")
    if made:
        return 0
    skipped = [d for d in plan.departments if d in held]
    print(f"{year.era_label()}: 配布ファイルは1つも作りませんでした（対象の {len(skipped)} 課はすべて配布済みか回収済みです。"
          "作り直すときは --again を付けてください）。" if skipped else
          f"{year.era_label()}: 配布ファイルは1つも作りませんでした（担当する項目のある課がありません）。", file=sys.stderr)
    return NOTHING_HANDED_OUT


# a re-issue replaced a file its clerk had saved in and nobody collected (services/rounds/filled_kept.py)
KEPT_LINE = ("残した課のファイル: {department}（{file} には課が保存した、まだ回収していない入力があったため、{kept} として"
             "残しました。前の配布のファイルなので回収では取り込めません。入力を新しいファイルに写すか、課に確かめてください）。")


def _handed_out_line(h: HandedOut, again: bool) -> str:
    """One line per 課 that had a file of the year: skipped (without --again), or made again."""
    if not h.collected:
        if again:
            return f"作り直した課: {h.department}（{h.when()} に配った {h.file_name} は差し替え済みとなり、返ってきても取り込めません）。"
        return (f"飛ばした課: {h.department}（配布済み {h.when()} {h.file_name}、まだ回収していません。作り直すと、配った"
                "ファイルは返ってきても取り込めなくなります）。作り直すときは --again を付けてください。")
    review = f"。要確認 {h.open_conflicts} 件は競合の一覧に残ります" if h.open_conflicts else ""
    kept = (f"取り込んだ値は親データベースと新しいファイルに残り、次の回収では新しいファイルで変えた値だけを反映します。"
            f"前のファイルは取り込めなくなります{review}")
    if again:
        return f"作り直した課: {h.department}（回収済み {h.when()} {h.file_name}。{kept}）。"
    return (f"飛ばした課: {h.department}（回収済み {h.when()} {h.file_name}。作り直しても{kept}）。"
            "作り直すときは --again を付けてください。")


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        return input(question).strip().lower() in ("y", "yes", "はい")
    except (EOFError, KeyboardInterrupt):
        return False
