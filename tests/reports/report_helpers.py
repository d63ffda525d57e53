"""Options shared by the report tests."""

from __future__ import annotations

import datetime

from kodaira_desk.reports.common import ReportOptions

MEETING = "第２回小平市まち・ひと・しごと創生総合戦略推進委員会"
DATE_PRINTED = "令和３年３月２９日（月）"


def handout(plan_id: str, **changes: object) -> ReportOptions:
    """Options of a committee handout: 資料3, the meeting of 29 March 2021, marked 未定稿."""
    base: dict[str, object] = {
        "handout": "資料3", "meeting": MEETING, "date": datetime.date(2021, 3, 29), "draft": True,
    }
    base.update(changes)
    return ReportOptions(plan_id, **base)  # type: ignore[arg-type]
