"""Did-you-mean for symbols: a mistyped but well-formed symbol that no source knows is
compared with the symbols the project does know, those of its evidence folder and its cache.

Only a close match is offered (``BABBA`` -> ``BABA``, ``9989.HK`` -> ``9988.HK``): a listing
with a different code (``9618.HK``) is another company, and a wrong hint costs more than none.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

#: How alike two symbols must be (difflib's ratio) for one to be offered for the other.
#: ``BABBA``/``BABA`` is 0.89 and ``9989.HK``/``9988.HK`` 0.86; ``9618.HK``/``9988.HK`` (two
#: companies) is 0.71 and stays below.
CUTOFF = 0.8
#: Evidence files that sit beside ``<SYMBOL>.csv`` and name no further symbol.
_COMPANION_SUFFIXES = (".shares.csv", ".splits.csv")


def evidence_symbols(directory: Path | None) -> set[str]:
    """The symbols of an evidence folder: its ``<SYMBOL>.csv`` file names."""
    if directory is None or not directory.is_dir():
        return set()
    try:
        names = [p.name for p in directory.iterdir() if p.is_file()]
    except OSError:
        return set()  # a hint is never worth a failure
    return {name[:-4] for name in names
            if name.endswith(".csv") and not name.endswith(_COMPANION_SUFFIXES)}


def cache_symbols(directory: Path | None) -> set[str]:
    """The symbols of a bars cache folder: its file names, percent-decoded (``CNY%3DX.json``
    is ``CNY=X``; see ``factcheck.market.cache.file_name``)."""
    if directory is None or not directory.is_dir():
        return set()
    try:
        names = [p.name for p in directory.iterdir() if p.is_file()]
    except OSError:
        return set()
    return {unquote(name[:-5]) for name in names if name.endswith(".json")}


def closest(symbol: str, known: Iterable[str]) -> str | None:
    """The known symbol closest to ``symbol`` if one is close enough, else None.

    Only well-formed symbols are offered (a file name is not a symbol until it passes the
    claim grammar's check), and never ``symbol`` itself.
    """
    from factcheck.claims.grammar.words import ClaimSyntaxError, check_symbol

    candidates = []
    for name in known:
        if name == symbol:
            continue
        try:
            candidates.append(check_symbol(name))
        except ClaimSyntaxError:
            continue
    found = difflib.get_close_matches(symbol, sorted(candidates), n=1, cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(symbol: str, known: Iterable[str]) -> str:
    """`` (did you mean BABA?)`` to append to a message, or ``""`` without a close match."""
    match = closest(symbol, known)
    return f" (did you mean {match}?)" if match else ""
