"""Evidence sentences with character offsets (the passage splitter), and their lexical overlap ranking."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from medcite.domain import Evidence
from medcite.text.sentences import split_sentences

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
STOPWORDS = frozenset(
    """a an the and or of in on to for with by from at as is are was were be been being that this these those
    it its than then there their which who whom whose what when where while into over under between among not
    no nor but if so such can could may might will would should shall do does did has have had also more most
    less least very both each other any all some many much per via using used use compared""".split()
)


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


def content_words(text: str) -> list[str]:
    """Lower-cased content words with a light plural strip, for overlap scoring."""
    words = []
    for w in _WORD.findall(text.lower()):
        if w in STOPWORDS or len(w) < 2:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.append(w)
    return words


def rank_sentences(claim: str, sentences: Sequence[Sentence]) -> list[tuple[float, Sentence]]:
    """Sentences scored by IDF-weighted overlap with the claim (IDF over these sentences), best first."""
    cw = set(content_words(claim))
    if not sentences:
        return []
    bags = [set(content_words(s.text)) for s in sentences]
    n = len(bags)
    df = {w: sum(1 for b in bags if w in b) for w in cw}
    scored: list[tuple[float, Sentence]] = []
    for bag, sent in zip(bags, sentences, strict=True):
        score = sum(math.log(1.0 + n / df[w]) for w in cw & bag)
        norm = math.log(1.0 + n) * max(1, len(cw))
        scored.append((score / norm, sent))
    scored.sort(key=lambda t: (-t[0], t[1].item, t[1].start))
    return scored
