"""Allow ``python -m factcheck``."""

from factcheck.cli import entry

entry()
