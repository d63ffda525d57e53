"""The plan workbook's sheets, their columns and the words in its cells (docs/plan-workbook.md).

The writer and the reader both take them from here, so the two cannot drift apart.
"""

from __future__ import annotations

from kodaira_desk.domain.model import DocumentKind, ValueKind
from kodaira_desk.domain.plan_outline import REVISION_WORDS

__all__ = ["REVISION_WORDS"]  # the words of 区分, shared with the preview's diff

FORMAT = "kodaira-desk 計画ブック 1"

PLAN = "計画"
TREE = "体系"
INDICATORS = "指標"
VALUES = "目標値"
DEPARTMENTS = "課"
SHEETS = (PLAN, TREE, INDICATORS, VALUES, DEPARTMENTS)

PLAN_HEADER = ("項目", "値")
# the 計画 sheet's rows, by the words in column A
P_FORMAT = "様式"
P_ID = "計画ID"
P_TITLE = "計画名"
P_FROM = "計画期間の初年度"
P_TO = "計画期間の最終年度"
P_LEVELS = "階層の名前"
P_KINDS = "資料の種類"
PLAN_ROWS = (P_FORMAT, P_ID, P_TITLE, P_FROM, P_TO, P_LEVELS, P_KINDS)
# what the yearly round asks (domain.round_setting); optional (a workbook written before has neither)
P_ROUND_LEVEL = "年次報告の階層"
P_ROUND_ASKS = "年次報告の内容"
ROUND_ROWS = (P_ROUND_LEVEL, P_ROUND_ASKS)
NO_LEVEL = "なし"

TREE_HEADER = ("キー", "親キー", "番号", "項目名", "所管課", "関連課")
INDICATOR_HEADER = ("キー", "項目キー", "番号", "指標名", "種類", "単位", "累計", "内数の親",
                    "所管課", "関連課", "調査", "記号")
VALUE_HEADER = ("指標キー", "種別", "年度", "区分", "値", "記号", "時点", "注記")
DEPARTMENT_HEADER = ("課名", "よみ", "コード", "メールアドレス")
# Columns at the end of a sheet that a workbook of an earlier version does not have (its values then
# stay as they are in the database): the 課's addresses for reminders (issue 24).
OPTIONAL_TAIL = {DEPARTMENTS: 1}
HEADERS = {PLAN: PLAN_HEADER, TREE: TREE_HEADER, INDICATORS: INDICATOR_HEADER, VALUES: VALUE_HEADER,
           DEPARTMENTS: DEPARTMENT_HEADER}

KIND_WORDS = {
    DocumentKind.STRATEGY: "計画書",
    DocumentKind.PROGRESS_LIST: "進捗状況一覧表",
    DocumentKind.KPI_STATUS: "達成状況",
    DocumentKind.PLAN_SHEETS: "取組項目シート",
    DocumentKind.PROGRAM: "実行プログラム",
}
VALUE_KIND_WORDS = {ValueKind.BASELINE: "基準値", ValueKind.TARGET: "目標"}
YES = "○"
LIST_SEPARATOR = "、"  # between 課 in one cell (・ is part of names such as 市民協働・男女参画推進課)
