"""Kodaira Desk: progress and KPI entry for Kodaira City's strategic plans."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kodaira-desk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
