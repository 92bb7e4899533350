"""Showing untrusted text (claims files, evidence, lock files arrive through pull requests).

Every piece of user text that reaches a terminal, a report or a CI log passes through
``printable`` so that it cannot start a terminal escape sequence or a GitHub workflow command.
"""

from __future__ import annotations

import re

# C0 and C1 control characters, DEL, and the Unicode line/paragraph separators and bidi
# overrides that reorder what a reader sees. Newlines are escaped too: one value, one line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# A GitHub workflow command starts a line with "::" or "##[" (after optional whitespace).
_WORKFLOW = re.compile(r"^(\s*)(::|##\[)")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` / ``\\uNNNN`` escapes.

    Lone surrogates (from a file that was not valid UTF-8 decoded with ``surrogateescape``)
    are shown escaped as well, so the result always encodes as UTF-8.
    """
    escaped = _CONTROL.sub(_escape, text)
    if any("\ud800" <= ch <= "\udfff" for ch in escaped):
        escaped = "".join(f"\\u{ord(ch):04x}" if "\ud800" <= ch <= "\udfff" else ch
                          for ch in escaped)
    return escaped


def no_workflow_command(line: str) -> str:
    """A line that GitHub's runner cannot read as a workflow command (``::x`` or ``##[x``).

    A zero-width space is not used (invisible); the line is indented by a visible marker.
    """
    return _WORKFLOW.sub(lambda m: f"{m.group(1)}\u00b7{m.group(2)}", line)


def safe(text: str) -> str:
    """``printable`` and, line by line, ``no_workflow_command``: for any user text shown."""
    return no_workflow_command(printable(text))
