"""Clauses of a sentence: the main clause after an opening concession."""

from __future__ import annotations

import re

# "Although X, Y", "While X, Y", "Despite X, Y": a concession of two words or more, with no comma or
# semicolon in it, then a comma and a space ("Although 12,345 patients ..." is no concession ending at "12,")
_OPENING_CONCESSION = re.compile(
    r"^(?:although|though|even though|while|whereas|despite|in spite of)\s+[^,;\s]+\s[^,;]{1,240},\s+",
    re.I,
)


def main_clause(text: str) -> str:
    """The main clause of a sentence that opens with a concession ("Although treatment was well tolerated,
    neither X nor Y demonstrated efficacy" -> "Neither X nor Y demonstrated efficacy"), capitalised, where it
    has 4 words or more; the sentence otherwise."""
    m = _OPENING_CONCESSION.match(text)
    rest = text[m.end() :] if m else ""
    return rest[:1].upper() + rest[1:] if len(rest.split()) >= 4 else text
