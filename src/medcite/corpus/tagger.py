"""A token tagger for the arms of a trial: which words of a sentence name the intervention (I), the
comparator (C) or an outcome (O), else N. A shipped model (``models/arms``, see its MODEL_CARD.md), trained on
Evidence Inference prompts matched in their abstracts (``training/train_arms.py``); numpy only.

The study card uses it where its patterns name no arm (:mod:`medcite.corpus.comparison` first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medcite.corpus.linear import load_model
from medcite.domain.cards import Span

MODEL = "arms"
LABELS = ("N", "I", "C", "O")
THRESHOLD = 0.5  # a run of tokens whose probability of the label is at least this is a candidate
_TOKEN = re.compile(r"\w[\w'-]*|[^\w\s]")
_CUES = (
    ("vs", frozenset("versus vs compared or than".split())),
    ("rand", frozenset("randomized randomised assigned allocated receive received".split())),
    ("eff", frozenset("effect effects efficacy of".split())),
)
_NUMBER = re.compile("[0-9]+")
_UPPER = re.compile("[A-Z]+")
_LOWER = re.compile("[a-z]+")


def tokens(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the words and punctuation of a sentence."""
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(sentence)]


def token_features(words: list[str], i: int) -> list[str]:
    """The model's features of token ``i``: the word, its shape, its neighbours (three each side), the
    bigrams around it, whether it sits in parentheses, its position, and comparison, allocation and
    effect cues in the six words before and after it."""
    low = [w.lower() for w in words]
    shape = _LOWER.sub("a", _UPPER.sub("A", _NUMBER.sub("0", words[i])))
    feats = [f"w:{low[i]}", f"sh:{shape}"]
    for d in (-3, -2, -1, 1, 2, 3):
        j = i + d
        feats.append(f"w{d}:{low[j] if 0 <= j < len(low) else '<s>'}")
    feats.append(f"b-1:{low[i - 1] if i else '<s>'} {low[i]}")
    feats.append(f"b+1:{low[i]} {low[i + 1] if i + 1 < len(low) else '</s>'}")
    depth = low[:i].count("(") - low[:i].count(")")
    feats += [f"paren:{depth > 0}", f"pos:{min(i, 10)}"]
    for name, cue in _CUES:
        before = any(w in cue for w in low[max(0, i - 6) : i])
        after = any(w in cue for w in low[i + 1 : i + 7])
        feats.append(f"{name}:{before}{after}")
    return feats


def tagged_arms(text: str, sentences: Iterable[Span]) -> tuple[Span | None, Span | None]:
    """The likeliest intervention and comparator spans the tagger finds in ``sentences`` (offsets into
    ``text``): the run of tokens with the highest mean probability of the label, None where no token
    reaches :data:`THRESHOLD`."""
    model = load_model(MODEL)
    best: dict[int, tuple[float, int, int]] = {}
    for s in sentences:
        toks = tokens(s.text)
        words = [w for _, _, w in toks]
        probs = model.probabilities_many([token_features(words, i) for i in range(len(toks))])
        for k in (1, 2):
            i = 0
            while i < len(toks):
                if probs[i][k] < THRESHOLD:
                    i += 1
                    continue
                j = i
                while j + 1 < len(toks) and probs[j + 1][k] >= THRESHOLD:
                    j += 1
                score = sum(float(p[k]) for p in probs[i : j + 1]) / (j - i + 1)
                if k not in best or score > best[k][0]:
                    best[k] = (score, s.start + toks[i][0], s.start + toks[j][1])
                i = j + 1
    found = [
        Span(best[k][1], best[k][2], text[best[k][1] : best[k][2]]) if k in best else None for k in (1, 2)
    ]
    return found[0], found[1]
