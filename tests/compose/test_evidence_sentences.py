"""Evidence sentences of real abstracts: inline structured-abstract labels and sentence roles."""

from __future__ import annotations

import gzip
import json

from doubles import DATA_DIR

from medcite.compose.evidence import inline_sections, role_of


def test_inline_abstract_labels_give_sentence_roles() -> None:
    # real abstracts from the screening sets carry their structure inline: "... RESULTS: ..."
    found = 0
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("abstract") or ""
            if "CONCLUSIONS: " not in text or "RESULTS: " not in text:
                continue
            pieces = inline_sections(text)
            for _label, off, piece in pieces:
                assert text[off : off + len(piece)] == piece  # offsets point into the source text
                assert not piece.lstrip().startswith(("RESULTS:", "CONCLUSIONS:"))
            roles = [role_of(label, piece) for label, _off, piece in pieces]
            assert "results" in roles and "conclusions" in roles
            found += 1
            if found == 20:
                break
    assert found == 20
    assert inline_sections("No labels here. Just sentences.") == [("", 0, "No labels here. Just sentences.")]
