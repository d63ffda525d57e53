"""The round in the year the city is in (令和8年度), prepared for looking at it in the window:

    .venv/bin/python -m kodaira_desk.tools.round_year_scenario OUT [--deadline 2026-12-25]

1. a master from the built-in data, with the comprehensive strategy's next period copied for
   令和7–11年度 (plan copy), and the 課 list's mail addresses (some left out);
2. the 令和7年度 round played and collected: every measure's 実施等状況 and status filled in, then
   fixed (確定) after the committee, and one figure corrected with a reason;
3. the 令和8年度 hand-out (deadline, head's check required): each department's file starts from
   its 令和7年度 texts;
4. returns: 産業振興課 with the head's check (one text edited, one confirmed 変更なし, one left as
   carried), 子育て支援課 without the check, 都市計画課 untouched; all collected.

Prints the paths: OUT/master.sqlite and OUT/配布_令和8年度/*.kdesk (the clerk's file of 高齢者支援課
and 健康推進課 are not returned yet). `tools/screenshots_round_year.sh` shows them under X.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

PLAN = "strategy-2025"
R7, R8 = 2025, 2026
ADDRESSES = {"政策課": "seisaku", "産業振興課": "sangyo", "子育て支援課": "kosodate", "都市計画課": "toshikeikaku",
             "健康推進課": "kenko", "保育課": "hoiku", "市民協働・男女参画推進課": "kyodo", "文化スポーツ課": "bunka",
             "水と緑と公園課": "midori", "防災危機管理課": "bosai"}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--deadline", default="2026-12-25", help="the 令和8年度 round's 提出期限")
    args = p.parse_args(argv)
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    from kodaira_desk.domain.departments import Department
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services import plan_editing as pe
    from kodaira_desk.services.database import build_database, open_database
    from kodaira_desk.services.rounds.collect import collect
    from kodaira_desk.services.rounds.handout import handout
    from kodaira_desk.services.year_locks import correct, lock_year

    master = out / "master.sqlite"
    build_database(master)
    db = open_database(master, create=False)
    pe.copy_plan(db, "strategy-2015", PLAN, FiscalYear(R7), FiscalYear(2029),
                 "小平市まち・ひと・しごと創生総合戦略（第二期）")
    for name, local in ADDRESSES.items():
        pe.save_department(db, Department(name, email=f"{local}@city.kodaira.lg.jp"), actor="政策課 山田")
    _last_year(db, master, out)
    lock_year(db, PLAN, FiscalYear(R7), "政策課 山田", "第2回推進委員会（令和8年8月）で報告")
    key = _first_value_key(db)
    correct(db, key, "372区画", "委員会の後、産業振興課から確定値の報告があったため", "政策課 山田")
    from kodaira_desk.domain.round_year import parse_deadline

    made = handout(db, FiscalYear(R8), out / "配布_令和8年度", file_format="kdesk",
                   deadline=parse_deadline(args.deadline), head_check_required=True, actor="政策課 山田")
    files = {f.department: f.path for f in made}
    _returns(files)
    collect(db, [files[d] for d in ("産業振興課", "子育て支援課", "都市計画課")], actor="政策課 山田")
    db.dispose()
    print(master)
    for d in ("高齢者支援課", "健康推進課", "産業振興課"):
        if d in files:
            print(files[d])
    return 0


def _last_year(db: object, master: Path, out: Path) -> None:
    """The 令和7年度 round, filled in by every department and collected (the texts R8 starts from)."""
    from kodaira_desk.domain.entry import expects_progress
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.editing import ProgressField, content_of
    from kodaira_desk.services.plans import load_plan
    from kodaira_desk.services.rounds.collect import collect
    from kodaira_desk.services.rounds.handout import handout
    from kodaira_desk.services.rounds.submission import submit

    files = {f.department: f.path for f in handout(db, FiscalYear(R7), out / "配布_令和7年度")}  # type: ignore[arg-type]
    tree = load_plan(db, PLAN)  # type: ignore[arg-type]
    from kodaira_desk.domain.scope import DepartmentScope
    from kodaira_desk.services.database import open_database

    for dept, path in files.items():
        scope = DepartmentScope(tree, dept)
        edits: dict[object, object] = {}
        for node in tree.nodes:
            if scope.owns_node(node.key) and expects_progress(tree, node):
                text = f"・{node.title[:40]}について、計画どおり実施しました。\n・令和7年度の参加者は前年度並みでした。"
                for part, value in (("status", "実施中"), ("narrative", text)):
                    target = ProgressField(PLAN, node.key, R7, part)
                    edits[target] = content_of(target, value)
        if edits:
            f = open_database(path, create=False)
            submit(f, edits, {}, f"{dept} 担当", f"{dept}長")  # type: ignore[arg-type]
            f.dispose()
    collect(db, list(files.values()), actor="政策課 山田")  # type: ignore[arg-type]


def _first_value_key(db: object) -> str:
    from kodaira_desk.services.plans import load_plan

    tree = load_plan(db, PLAN)  # type: ignore[arg-type]
    ind = next(i for i in tree.indicators if i.name.startswith("市内体験農園"))
    return f"value:{PLAN}:{ind.key}:actual:{R7}:"


def _returns(files: dict[str, Path]) -> None:
    """Three departments send their 令和8年度 file back in three ways."""
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.editing import ProgressField, content_of
    from kodaira_desk.services.rounds.carry import carried_texts, confirm_unchanged
    from kodaira_desk.services.rounds.submission import submit

    f = open_database(files["産業振興課"], create=False)
    keys = sorted(carried_texts(f))
    confirm_unchanged(f, keys[1:2], "産業振興課 田中")  # the second text stands as last year's
    edited = ProgressField(PLAN, keys[0].split(":")[2], R8, "narrative")
    status = ProgressField(PLAN, edited.node_key, R8, "status")
    submit(f, {edited: content_of(edited, "・体験農園の区画を10区画増やしました。\n・農業まつりを開催しました（来場 3,200人）。"),
               status: content_of(status, "実施中")}, {}, "産業振興課 田中", "産業振興課長 佐藤")
    f.dispose()
    f = open_database(files["子育て支援課"], create=False)
    keys = sorted(carried_texts(f))
    target = ProgressField(PLAN, keys[0].split(":")[2], R8, "status")
    submit(f, {target: content_of(target, "実施中")}, {}, "子育て支援課 鈴木", None)  # sent without the check
    f.dispose()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
