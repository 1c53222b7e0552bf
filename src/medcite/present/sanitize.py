"""Text from the store or the user, made safe to print or to embed in medcite's own markup.

Stored records and questions are data, never commands: :func:`printable` drops terminal escape sequences
(CSI such as clear screen, OSC such as set title or hyperlinks, DCS/APC strings, their 8-bit C1 forms) and
every other control character except tab and newline; :func:`md_text` also turns what Markdown would read
as markup (a ``<`` that could open a tag, an ``&`` of a character reference, a ``>`` that starts a line)
into entities, so a Markdown renderer shows ``<script>`` instead of running it and "P<0.001" stays as written;
:func:`json_text` writes JSON whose text carries no raw control character (JSON already escapes C0; DEL,
C1 and the Unicode line separators are escaped too, which decodes to the same data).
"""

from __future__ import annotations

import json
import re

# ESC [ params intermediates final | ESC ] / P / X / ^ / _ string up to BEL or ST | ESC + one byte;
# the same with 8-bit introducers (CSI 0x9b, OSC 0x9d, DCS 0x90, SOS 0x98, PM 0x9e, APC 0x9f).
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029]")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# each match ends in the character to write as an entity (a quote's ">" after its indentation)
_MD_SIGNIFICANT = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)|(?m:^[ \t]*>)")


def printable(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline are kept)."""
    if text.isprintable():
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def md_text(text: str) -> str:
    """Printable text for Markdown, shown as itself and never run: a ``<`` that could open a tag, a comment
    or an autolink (before a letter, ``/``, ``!`` or ``?``), an ``&`` that would read as a character
    reference, and a ``>`` that would start a quote (first on a line) become entities; the others stay as
    they are, so "P<0.001" and ">/=10 cigarettes" read as the source writes them."""
    return _MD_SIGNIFICANT.sub(lambda m: m.group()[:-1] + _HTML[m.group()[-1]], printable(text))


def json_text(data: object) -> str:
    """``data`` as one line of JSON (UTF-8 text kept) with no raw control or line-separator character."""
    return safe_json(json.dumps(data, ensure_ascii=False))


def safe_json(raw: str) -> str:
    """JSON text with DEL, C1 controls and U+2028/2029 written as ``\\uXXXX`` escapes (same data)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)
