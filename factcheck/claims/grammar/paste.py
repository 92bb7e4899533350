"""What journalists paste, read as the claim language writes it.

Articles write ``\u22124%`` (U+2212, a typographic minus), ``+9 %`` (a space before the
sign, often a non-breaking one), ``$3.2 bn`` or ``US$10bn`` (a currency sign before the
amount, the scale glued to it) and ``3.2 bn yuan`` (a currency word). ``canonical_words``
rewrites the words of a line into the canonical ones before the forms read them, so that
a pasted line gives the same spec as its canonical line and ``format_claim`` writes the
canonical one. Only words that no form accepts are rewritten: every line that parsed before
keeps its meaning.

What cannot be read safely is refused with the exact way to write it: ``¥`` (yen or yuan?)
here, the decimal comma (``8,9%``) in ``words.figure``.
"""

from __future__ import annotations

import re

from factcheck.claims.grammar.words import SCALES, ClaimSyntaxError, is_number, quote
from factcheck.text import printable

#: Dashes that articles print for a minus sign: U+2212 MINUS SIGN, U+2013 EN DASH, U+2012
#: FIGURE DASH, U+FE63 SMALL HYPHEN-MINUS and U+FF0D FULLWIDTH HYPHEN-MINUS. Read as ``-``
#: only at the start of a number (``\u22124%``, ``\u2013$600bn``), where nothing else could
#: be meant.
MINUS_SIGNS = "\u2212\u2013\u2012\ufe63\uff0d"
#: A currency sign before an amount -> its ISO code. Longest first, so ``US$`` wins over ``$``.
#: ``$`` alone is read as US dollars, as financial news in English writes them.
CURRENCY_SIGNS: dict[str, str] = {
    "US$": "USD",
    "HK$": "HKD",
    "CN¥": "CNY",
    "JP¥": "JPY",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
}
#: Signs that name more than one currency (the fullwidth form too): refused with the codes.
AMBIGUOUS_SIGNS = ("¥", "￥")
_SIGNED = re.compile(r"([+-]?)(.*)", re.DOTALL)
#: A number with a scale glued to it, lowercase only: ``10bn``, ``140m``, ``1.5tn``. Uppercase
#: (``10BN``) is a well-formed Yahoo symbol and so is left alone.
_SCALE_WORDS = "|".join(sorted((s for s in SCALES if s.islower()), key=len, reverse=True))
_GLUED_SCALE = re.compile(r"([+-]?[0-9][0-9,.]*)(" + _SCALE_WORDS + r")")
_CODE = re.compile(r"[A-Z]{3}")


def _minus(word: str) -> str:
    """``\u22124%`` -> ``-4%``: a typographic minus before a digit or a currency sign."""
    if len(word) > 1 and word[0] in MINUS_SIGNS and (
            word[1].isdigit() or any(word[1:].startswith(s) for s in CURRENCY_SIGNS)):
        return "-" + word[1:]
    return word


#: The currency signs, longest first (``US$`` before ``$``), and the characters they start
#: with: a word starting otherwise (nearly all of them) needs no further look.
_SIGNS = tuple(sorted(CURRENCY_SIGNS, key=len, reverse=True))
_SIGN_STARTS = frozenset(s[0] for s in (*CURRENCY_SIGNS, *AMBIGUOUS_SIGNS))


def _currency_sign(body: str) -> tuple[str, str] | None:
    """(ISO code, rest) if ``body`` starts with a currency sign; raises for ``¥``."""
    if body[:1] not in _SIGN_STARTS:
        return None
    for sign in AMBIGUOUS_SIGNS:
        if body.startswith(sign):
            rest = body[len(sign):][:20]
            glued = _GLUED_SCALE.fullmatch(rest)
            amount = printable(f"{glued.group(1)} {glued.group(2)}" if glued else rest)
            amount = amount or "3.2 bn"
            raise ClaimSyntaxError(
                f"'{sign}' is both yen and yuan: write {amount} JPY for yen or {amount} CNY "
                "for yuan")
    for sign in _SIGNS:
        if body.startswith(sign) and len(body) > len(sign):
            rest = body[len(sign):]
            if rest[0].isdigit():
                return CURRENCY_SIGNS[sign], rest
    return None


def _amount_with_sign(word: str, code: str, rest: str, sign: str,
                      following: list[str]) -> tuple[list[str], int]:
    """``[sign]$3.2bn [scale] [CODE]`` as the words ``[sign]3.2 [bn] USD``, and how many of
    the ``following`` words they took."""
    glued = _GLUED_SCALE.fullmatch(rest)
    number, scale = (glued.group(1), glued.group(2)) if glued else (rest, "")
    if not is_number(number):
        raise ClaimSyntaxError(
            f"malformed amount {quote(word)}: expected an amount like $3.2bn, $140 m or "
            "3.2 bn USD")
    out = [sign + number]
    taken = 0
    if scale:
        out.append(scale)
    elif following and following[0].lower() in SCALES:
        out.append(following[0])
        taken = 1
    nxt = following[taken] if len(following) > taken else ""
    if _CODE.fullmatch(nxt):
        if nxt != code:
            raise ClaimSyntaxError(
                f"amount {quote(word)} names two currencies, {code} and {quote(nxt)}: "
                "keep one")
        taken += 1  # "$3.2 bn USD": the code written twice is the same amount
    out.append(code)
    return out, taken


#: What every rewrite below needs in a line of words joined by single spaces, besides a lone
#: ``%`` word: a minus sign, the mark of a currency sign (each sign holds one: ``$``, ``€``,
#: ``£``, ``¥``) or the end of a word with a glued scale (a digit, ``,`` or ``.`` and the
#: scale). A line without any (nearly every line) is left as it is at the cost of one search.
_MARK_CHARS = MINUS_SIGNS + "".join(sorted(
    {c for sign in (*CURRENCY_SIGNS, *AMBIGUOUS_SIGNS) for c in sign if not c.isalpha()}))
_MARKS = "[" + re.escape(_MARK_CHARS) + "]"
#: The only mark an ASCII line can hold (every other is not ASCII; a test holds the list to
#: it): looked for with ``in``, no search.
ASCII_MARK = "$"
_GLUED_END = "[0-9,.](?:" + _SCALE_WORDS + ")"
_PASTED = re.compile(_MARKS + "|" + _GLUED_END + "(?: |$)")
#: The halves of ``_PASTED`` for the line as written, whose words are split at any white
#: space (``\s`` is exactly what ``str.split`` splits at): two searches of one half each take
#: half the time of one search of the alternation, and the words are not joined again.
_PASTED_MARK = re.compile(_MARKS)
_PASTED_SCALE = re.compile(_GLUED_END + r"(?:\s|$)")


def canonical_words(words: list[str], line: str | None = None) -> list[str]:
    """The words of a claim line with pasted forms rewritten to canonical ones; ``line`` is
    the line they were split from (``line.split()``), when the caller has it.

    Raises ClaimSyntaxError for a sign that cannot be read safely (``¥``) or an amount after a
    currency sign that is not one.
    """
    if "%" in words:
        return _rewrite(words)
    if line is None:
        if not _PASTED.search(" ".join(words)):
            return words
    elif (not (ASCII_MARK in line if line.isascii() else _PASTED_MARK.search(line))
          and not _PASTED_SCALE.search(line)):
        return words
    return _rewrite(words)


def _rewrite(words: list[str]) -> list[str]:
    """``canonical_words`` of any line, word by word."""
    words = [_minus(w) for w in words]
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "%" and out and out[-1][-1:].isdigit():
            out[-1] += "%"  # "+9 %": the space before % (French and German style)
            i += 1
            continue
        match = _SIGNED.fullmatch(word)
        assert match is not None  # the pattern matches any text
        sign, body = match.groups()
        skip = 1
        if body in CURRENCY_SIGNS and i + 1 < len(words) and words[i + 1][:1].isdigit():
            body, skip = body + words[i + 1], 2  # "US$ 3.2bn": a space after the sign
        priced = _currency_sign(body)
        if priced is not None:
            amount, taken = _amount_with_sign(word, priced[0], priced[1], sign,
                                              words[i + skip:])
            out.extend(amount)
            i += skip + taken
            continue
        glued = _GLUED_SCALE.fullmatch(word)
        if glued and is_number(glued.group(1).lstrip("+-")):
            out.extend((glued.group(1), glued.group(2)))  # "10bn" -> "10 bn"
        else:
            out.append(word)
        i += 1
    return out
