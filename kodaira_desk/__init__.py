"""Kodaira Desk: progress and KPI entry for Kodaira City's strategic plans."""

# The one source of the version: pyproject.toml reads it from here (tool.setuptools.dynamic), and
# the window, department files and PDF metadata show it. A literal, because importlib.metadata
# costs about 20 ms at start-up.
__version__ = "0.1.0"
