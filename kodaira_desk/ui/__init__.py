"""The window: Qt models, views, forms and dialogs. The only package that imports Qt."""
