"""Misspelt question words, read as the word the indexed literature uses.

A question word that no indexed source holds, one edit away (a letter left out, added, changed, or two
letters swapped) from a word that many sources hold, is read as that word: "Can antisense threapy be used for
Huntington's disease?" is searched and read as "antisense therapy" (a BioASQ question; the concept check
set aside every source, none of which says "threapy"). The article still shows the question as asked and
says how it was read.

Only plain words of at least :data:`MIN_LENGTH` letters are looked at: not abbreviations or gene symbols
("RUNX2", "rhEPO"), and not a word the MeSH vocabulary knows (a rare drug name absent from a small store is
no typo), and only in a store of at least :data:`MIN_INDEXED` sources. The neighbour must be held by at least
:data:`MIN_SOURCES` sources and by :data:`MARGIN` times as many as any other neighbour; otherwise the word
stays as asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from string import ascii_lowercase

MIN_LENGTH = 5
MIN_SOURCES = 5
MARGIN = 5.0
# a word absent from a large store is most likely a slip; from a small one, absence says little: on an index
# of 400 shared abstracts, 58 of 1,997 BioASQ and PubMedQA dev questions had a word "mended" ("Nobel" as
# "Novel", "suture" as "future"); on the 44,164 sources of every shared corpus, 10 had, each one right
MIN_INDEXED = 20_000

_WORD = re.compile(r"(?<![\w-])[A-Za-z][a-z]+(?![\w-])")


def edits(word: str) -> list[str]:
    """The lower-case strings one edit away from ``word`` (deletion, transposition, substitution,
    insertion) that keep its last two letters, in a fixed order, without ``word`` itself. A change at the
    end of a word is a change of form, not a slip: "cystoscopist" is no typo of "cystoscopis" (a form of
    "cystoscopy" to the stemmer), nor "kynureninase" of "kynureninate"."""
    w = word.lower()
    body = len(w) - 2  # letters an edit may touch
    out = [w[:i] + w[i + 1 :] for i in range(body)]
    out += [w[:i] + w[i + 1] + w[i] + w[i + 2 :] for i in range(body - 1)]
    out += [w[:i] + c + w[i + 1 :] for i in range(body) for c in ascii_lowercase]
    out += [w[:i] + c + w[i:] for i in range(body + 1) for c in ascii_lowercase]
    return [e for e in dict.fromkeys(out) if e != w]


def _best(options: Sequence[tuple[str, int]], known: Callable[[str], bool]) -> str | None:
    """The neighbour to read, if one stands out (:data:`MIN_SOURCES`, :data:`MARGIN`). Neighbours with the
    same count are taken as one word in several forms (the index stems): a known one first, then the
    shortest."""
    top = max((n for _w, n in options), default=0)
    if top < MIN_SOURCES:
        return None
    rest = max((n for _w, n in options if n != top), default=0)
    if top < MARGIN * rest:
        return None
    tied = [w for w, n in options if n == top]
    return min(tied, key=lambda w: (not known(w), len(w), w))


def misspellings(
    question: str,
    frequencies: Callable[[Sequence[str]], Sequence[int]],
    known: Callable[[str], bool],
    indexed: int,
    min_indexed: int = MIN_INDEXED,
) -> dict[str, str]:
    """Each misspelt word of ``question`` (as written) and the word to read it as. ``frequencies`` counts
    the sources that hold each word (:meth:`medcite.ports.LexicalIndex.document_frequencies`) among the
    ``indexed`` ones (none is read as misspelt under ``min_indexed``); ``known`` says whether a vocabulary
    knows a word."""
    if indexed < min_indexed:
        return {}
    words = [
        w
        for w in dict.fromkeys(m.group(0) for m in _WORD.finditer(question))
        if len(w) >= MIN_LENGTH and not known(w)
    ]
    if not words:
        return {}
    out: dict[str, str] = {}
    for w, n in zip(words, frequencies(words), strict=True):
        if n > 0:
            continue
        near = edits(w)
        best = _best(list(zip(near, frequencies(near), strict=True)), known)
        if best is not None:
            out[w] = best.capitalize() if w[0].isupper() else best
    return out


def respelled(question: str, fixes: Mapping[str, str]) -> str:
    """``question`` with each misspelt word (:func:`misspellings`) replaced."""
    if not fixes:
        return question
    return _WORD.sub(lambda m: fixes.get(m.group(0), m.group(0)), question)
