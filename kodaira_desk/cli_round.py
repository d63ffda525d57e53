"""`kodaira-desk round …`: the round as a year runs (issue 24), without a window.

    round status --year R8 [--json]          the board: deadline, who is missing, overdue, 要確認
    round remind --year R8 --out 催促/ [--attach] [--department 道路課] [--from seisaku@…]
    round set --year R8 [--deadline 2027-05-31 | --no-deadline] [--head-check | --no-head-check]
    round accept --year R8 --department 道路課    a return without the head's check taken as it is
    round lock --plan strategy-2015 --year R2      the division's 確定
    round correct KEY VALUE --reason …             a correction (修正) of a fixed year's field

`status` exits 1 when someone is missing or 要確認 (for a script run each morning), else 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kodaira_desk.cli_parser import out_path
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.round_year import parse_deadline
from kodaira_desk.services.rounds.overview import overview_json, overview_lines, round_overview
from kodaira_desk.services.rounds.reminders import make_reminders
from kodaira_desk.services.rounds.review import acknowledge
from kodaira_desk.services.rounds.settings import set_round
from kodaira_desk.services.rounds.status import still_owed
from kodaira_desk.services.year_locks import correct, lock_year, require_plan

YEAR_HELP = "年度（例: R8、令和8年度、2026）"


def add_round_commands(sub: Any) -> None:
    rd = sub.add_parser("round", help="年次作業: 回収状況・催促・提出期限・確定と修正")
    rs = rd.add_subparsers(dest="round_command", metavar="ROUND_COMMAND", required=True)
    st = rs.add_parser("status", help="年度の回収状況（提出期限、未返却、期限超過、要確認）を表示する")
    st.add_argument("--year", required=True, help=YEAR_HELP)
    st.add_argument("--json", action="store_true", help="スクリプト向けに JSON で出力する")
    rm = rs.add_parser("remind", help="未返却・要確認の課への催促メールの下書き（.eml）を作る（送信はしません）")
    rm.add_argument("--year", required=True, help="催促する年度（例: R8、令和8年度、2026）")
    rm.add_argument("--out", required=True, type=out_path, help="下書きを書き出すフォルダ")
    rm.add_argument("--department", action="append", help="この課だけ（複数可）")
    rm.add_argument("--attach", action="store_true", help="未返却の課には配布したファイルを添付する")
    rm.add_argument("--from", dest="sender", help="差出人のアドレス（既定: 課の一覧の政策課のアドレス）")
    se = rs.add_parser("set", help="年度の提出期限と課長確認の要否を変える")
    se.add_argument("--year", required=True, help="提出期限などを変える年度（例: R8、令和8年度、2026）")
    se.add_argument("--deadline", help="提出期限（例: 2027-05-31）")
    se.add_argument("--no-deadline", action="store_true", help="提出期限をなくす")
    se.add_argument("--head-check", action=argparse.BooleanOptionalAction, default=None,
                    help="課長確認を必須にする／しない")
    se.add_argument("--by", help="変更した人の名前（監査記録用）")
    ac = rs.add_parser("accept", help="課長確認のない返却をそのまま了承する")
    ac.add_argument("--year", required=True, help="了承する年度（例: R8、令和8年度、2026）")
    ac.add_argument("--department", required=True)
    ac.add_argument("--by", help="了承した人の名前（監査記録用）")
    lk = rs.add_parser("lock", help="計画の年度を確定する（以後の変更は修正として記録）")
    lk.add_argument("--plan", required=True, help="計画 id（kodaira-desk plans で確認）")
    lk.add_argument("--year", required=True, help="確定する年度（例: R2、令和2年度、2020）")
    lk.add_argument("--note", default="", help="確定の記録に残す言葉（例: 第2回推進委員会で報告）")
    lk.add_argument("--by", help="確定した人の名前（監査記録用）")
    lk.add_argument("--force", action="store_true",
                    help="未返却・未記入の課があっても確定する（後から届いたその課の値は反映されず要確認になります）")
    co = rs.add_parser("correct", help="確定した年度の値・文章を修正する（理由が必要）")
    co.add_argument("field", help="項目のキー（例: value:strategy-2015:g1.a1.k3:actual:2020:）")
    co.add_argument("value", help="新しい値（空文字で空欄に）")
    co.add_argument("--reason", required=True, help="修正の理由")
    co.add_argument("--by", help="修正した人の名前（監査記録用）")


def run_round(db: Any, args: argparse.Namespace) -> int:
    command = args.round_command
    if command == "status":
        return _status(db, args)
    if command == "remind":
        return _remind(db, args)
    if command == "set":
        return _set(db, args)
    if command == "accept":
        acknowledge(db, FiscalYear.parse(args.year), args.department, args.by)
        print(f"了承しました: {args.department}")
        return 0
    if command == "lock":
        return _lock(db, args)
    done = correct(db, args.field, args.value or None, args.reason, args.by)
    print(f"修正しました: {done.item}　{done.old or '（空欄）'} → {done.new or '（空欄）'}（理由: {done.reason}）")
    return 0


def _lock(db: Any, args: argparse.Namespace) -> int:
    """確定; while 課 still owe their file, only with --force (their late values would be held)."""
    year = FiscalYear.parse(args.year)
    require_plan(db, args.plan)  # an unknown plan said first, not as 課 that owe their file
    owed = still_owed(db, year)
    names = "、".join(f"{d}（{label}）" for d, label in owed)
    if owed and not args.force:
        print(f"エラー: {year.era_label()}の提出用ファイルがまだ返っていない課があります: {names}。確定すると、後から届いた"
              "この年度の値は反映されず要確認になります。回収してから確定するか、このまま確定するときは --force を"
              "付けてください。", file=sys.stderr)
        return 2
    lock = lock_year(db, args.plan, year, args.by, args.note)
    print(f"確定しました: {args.plan} {FiscalYear(lock.year).era_label()}（{lock.locked_at.replace('T', ' ')[:16]}）")
    if owed:
        print(f"注意: 提出用ファイルが返っていない課があるまま確定しました: {names}（後から届いたこの年度の値は要確認になります）")
    return 0


def _status(db: Any, args: argparse.Namespace) -> int:
    ov = round_overview(db, FiscalYear.parse(args.year))
    if args.json:
        for line in ov.finished.lines():  # beside the JSON, not in it: a script reads stdout
            print(line, file=sys.stderr)
        print(overview_json(ov))
    else:
        if not ov.lines:
            print(f"{ov.year.era_label()}はまだ配布していません。")
            return 0
        print("\n".join(overview_lines(ov)))
    return 1 if ov.needs_attention else 0


def _remind(db: Any, args: argparse.Namespace) -> int:
    year = FiscalYear.parse(args.year)
    made = make_reminders(db, year, Path(args.out), args.department, attach=args.attach, sender=args.sender)
    for r in made:
        to = ", ".join(r.to) or "宛先なし"
        print(f"{r.department}\t{r.path}\t{to}" + (f"\t添付: {r.attached}" if r.attached else ""))
        for note in r.notes:
            print(f"  ! {note}")
    print(f"{year.era_label()}: 催促メールの下書きを {len(made)} 件作りました（送信はしていません。"
          "メールソフトで開いて送ってください）。" if made else f"{year.era_label()}: 催促の必要な課はありません。")
    return 0


def _set(db: Any, args: argparse.Namespace) -> int:
    year = FiscalYear.parse(args.year)
    changes: dict[str, Any] = {}
    if args.no_deadline:
        changes["deadline"] = None
    elif args.deadline:
        changes["deadline"] = parse_deadline(args.deadline)
    settings = set_round(db, year, head_check_required=args.head_check, actor=args.by, **changes)
    due = settings.deadline.isoformat() if settings.deadline else "未設定"
    print(f"{year.era_label()}: 提出期限 {due}、課長確認 {'必須' if settings.head_check_required else '任意'}")
    return 0
