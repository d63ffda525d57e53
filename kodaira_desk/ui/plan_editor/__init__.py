"""The plan editor: its model, forms, commands (undo), departments, round setting, workbook."""
