"""A plan in and out of Excel, in the template described in docs/plan-workbook.md."""

from kodaira_desk.io.plan_workbook.read import PlanWorkbookError, Problem, read_plan_workbook
from kodaira_desk.io.plan_workbook.write import write_plan_workbook

__all__ = ["PlanWorkbookError", "Problem", "read_plan_workbook", "write_plan_workbook"]
