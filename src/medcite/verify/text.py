"""Evidence sentences with character offsets (the passage splitter), and their lexical overlap ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medcite.domain import Evidence
from medcite.text import idf_overlap, split_sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one evidence item; ``start``/``end`` are offsets into the *source* text."""

    text: str
    start: int
    end: int
    item: int  # index of the Evidence item it came from
    source_key: str | None


def evidence_sentences(evidence: Sequence[Evidence]) -> list[Sentence]:
    out: list[Sentence] = []
    for i, ev in enumerate(evidence):
        for s, e in split_sentences(ev.text):
            out.append(Sentence(ev.text[s:e], ev.offset + s, ev.offset + e, i, ev.source_key))
    return out


def rank_sentences(claim: str, sentences: Sequence[Sentence]) -> list[tuple[float, Sentence]]:
    """Sentences scored by IDF-weighted overlap with the claim (:func:`medcite.text.idf_overlap`, IDF over
    these sentences), best first."""
    scores = idf_overlap(claim, [s.text for s in sentences])
    scored = list(zip(scores, sentences, strict=True))
    scored.sort(key=lambda t: (-t[0], t[1].item, t[1].start))
    return scored
