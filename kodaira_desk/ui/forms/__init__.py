"""The forms of an item: the KPI grid and its model, the measure form, the budget and schedule forms, paste, invalid drafts, the rich text of 実施等状況, the cells' marks."""
