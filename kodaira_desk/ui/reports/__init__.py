"""The report dialog, its preview and printing."""
