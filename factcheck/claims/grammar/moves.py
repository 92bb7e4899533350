"""Moves: ``SYMBOL [HEDGE] ±N% [BASIS] on DATE`` (the form a line takes when no keyword after
the symbol names another one)."""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.words import ClaimSyntaxError, Words, hedged, percent, quote
from factcheck.claims.model import Basis, Hedge, Move


def parse(words: Words, symbol: str, date: dt.date) -> Move:
    """The rest of a move after its symbol."""
    hedge, hedge_text = words.hedge()
    word = words.take("a signed percentage like +8.6%")
    if not word.endswith("%"):
        raise ClaimSyntaxError(
            f"unexpected word {quote(word)}: expected a signed percentage (+8.6%), 'closed at', "
            "'highest close since', 'lowest close since', 'biggest gain in', 'biggest drop in', "
            "'market cap' or 'limit up/down'"
        )
    change = percent(word)
    basis_word = words.peek()
    if basis_word is not None:
        try:
            basis = Basis(words.take("a basis").lower())
        except ValueError:
            raise ClaimSyntaxError(
                f"unexpected word {quote(basis_word)}: expected a basis (close, open, intraday, "
                "ytd) or 'on DATE'"
            ) from None
        written = True
    else:
        basis = Basis.INTRADAY if hedge is Hedge.UP_TO else Basis.CLOSE
        written = False
    words.end()
    if change.value == 0 and hedge is not Hedge.EXACT:
        raise ClaimSyntaxError("a hedged move needs a non-zero figure")
    return Move(symbol, hedge, change, basis, written, date, hedge_text)


def format_move(spec: Move) -> str:
    """The line of a move, without ``on DATE``."""
    body = hedged(spec.hedge, spec.hedge_text, spec.percent.text)
    if spec.basis_written:
        body = f"{body} {spec.basis.value}"
    return f"{spec.symbol} {body}"
