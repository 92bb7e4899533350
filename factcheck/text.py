"""Showing untrusted text (claims files, evidence, lock files arrive through pull requests).

Every piece of user text that reaches a terminal, a report or a CI log passes through
``printable`` so that it cannot start a terminal escape sequence or a GitHub workflow command.
"""

from __future__ import annotations

import re

# Marks a reader cannot see: zero-width space, non-joiner and joiner, the left-to-right,
# right-to-left and Arabic letter marks (which reorder text as the overrides do), the word
# joiner, the invisible operators and the zero-width no-break space (a BOM). Text that holds
# them reads as other text ("BA\u200bBA" as BABA).
_INVISIBLE = "\u061c\u200b-\u200f\u2060-\u2064\ufeff"
# C0 and C1 control characters, DEL, the Unicode line/paragraph separators and bidi
# overrides that reorder what a reader sees, and the invisible marks. Newlines are escaped too:
# one value, one line.
_CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069{_INVISIBLE}]")
# A GitHub workflow command starts a line with "::" (after optional whitespace). The runner's
# older form "##[name]" is read anywhere in a line (actions/runner ActionCommand.TryParse looks
# for it with IndexOf), so that one is neutralised wherever it stands.
_WORKFLOW = re.compile(r"^(\s*)(::)")
_LEGACY_COMMAND = "##["
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` / ``\\uNNNN`` escapes.

    Lone surrogates (from a file that was not valid UTF-8 decoded with ``surrogateescape``)
    are shown escaped as well, so the result always encodes as UTF-8.
    """
    if text.isprintable():
        # Every character ``_CONTROL`` and ``_SURROGATE`` match is unprintable (Cc, Cf, Cs, Zl,
        # Zp): the common case is settled by one C scan instead of a regex substitution.
        return text
    escaped = _CONTROL.sub(_escape, text)
    if _SURROGATE.search(escaped):  # a regex: a per-character loop was a tenth of a table
        escaped = "".join(f"\\u{ord(ch):04x}" if "\ud800" <= ch <= "\udfff" else ch
                          for ch in escaped)
    return escaped


def no_workflow_command(line: str) -> str:
    """A line that GitHub's runner cannot read as a workflow command (``::x`` or ``##[x``).

    A zero-width space is not used (invisible): a leading ``::`` gets a visible marker in front
    (``·::``), and every ``##[`` is shown as ``##\\x5b``, in the escape style of ``printable``.
    """
    if "::" not in line and _LEGACY_COMMAND not in line:
        return line  # neither form can occur: the common case, without the regex
    line = line.replace(_LEGACY_COMMAND, "##\\x5b")
    return _WORKFLOW.sub(lambda m: f"{m.group(1)}\u00b7{m.group(2)}", line)


def safe(text: str) -> str:
    """``printable`` and, line by line, ``no_workflow_command``: for any user text shown."""
    if text.isprintable() and "::" not in text and _LEGACY_COMMAND not in text:
        return text  # the shortcuts of both, in one call: a table makes several per row
    return no_workflow_command(printable(text))


# What ``inert_json`` writes as a \u escape: what ``printable`` escapes and JSON leaves raw (DEL,
# C1, separators, bidi controls, invisible marks), lone surrogates (not encodable as UTF-8),
# and the "[" of "##[".
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069{_INVISIBLE}"
                       "\ud800-\udfff]|(?<=##)\\[")


def inert_json(document: str) -> str:
    """A serialised JSON document with the same data but no dangerous raw character in its text.

    ``json.dumps`` escapes only C0 controls, quotes and backslashes; the rest of what
    ``printable`` escapes would reach a terminal or a CI log raw, and ``##[`` would be read as a
    GitHub workflow command. Each such character becomes a ``\\uXXXX`` escape, which every JSON
    parser decodes back to the same character, so consumers still get the text as written.
    Outside strings a JSON document holds none of these characters, so the rewrite is safe.
    """
    if document.isascii() and "\x7f" not in document and "##[" not in document:
        return document  # nothing to escape (checked in C, without the regex's lookbehind)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
