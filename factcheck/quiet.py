"""Silencing the pandas deprecation warnings that third-party libraries trigger."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator


@contextlib.contextmanager
def pandas4_warnings_silenced() -> Iterator[None]:
    """Drop ``Pandas4Warning`` (pandas 3) raised inside the block; other warnings pass through.

    yfinance and exchange_calendars still use APIs pandas 3 deprecates. That is theirs to fix;
    left alone the warning would reach the user and fail tests that turn warnings into errors.
    """
    import pandas.errors

    with warnings.catch_warnings():
        pandas4 = getattr(pandas.errors, "Pandas4Warning", None)
        if pandas4 is not None:
            warnings.filterwarnings("ignore", category=pandas4)
        yield
