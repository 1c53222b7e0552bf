"""The README's stable JSON contract, written down once for the tests (independently of the code)."""

from __future__ import annotations

TOP_LEVEL = frozenset(
    {"question", "bottom_line", "stance", "certainty", "sections", "references", "status", "created_at"}
)
SECTION = frozenset({"title", "statements"})
STATEMENT = frozenset({"text", "citations", "verdict"})
REFERENCE = frozenset({"n", "pmid", "doi", "title", "journal", "year", "design"})
