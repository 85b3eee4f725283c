"""fairscreen (明鉴背调): compliance-first pre-employment background screening."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fairscreen")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
