"""The KPI status list, the trend chart, its data as a table, and the grading reasons in the user's language."""
