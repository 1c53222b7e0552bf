"""What a result sentence reports: the direction of the finding (a shipped model) and its numbers.

:func:`finding_direction` reads a sentence with the model of ``models/direction`` (see its MODEL_CARD.md):
word uni- to trigrams -> increased / decreased / no_difference, or ``none`` (no comparison reported),
trained on Evidence Inference's evidence spans (``training/train_direction.py``). "increased" and
"decreased" are what Evidence Inference labels them: the outcome with the intervention against the
comparator, whether that is good or bad for the patient.
"""

from __future__ import annotations

import re

from medcite.corpus.linear import load_model, ngrams, tokens
from medcite.domain.cards import DIRECTIONS, Direction
from medcite.text import effect_direction
from medcite.text.direction_cues import DECREASE, INCREASE, NO_DIFFERENCE

MODEL = "direction"
NONE = "none"
_NEGATORS = frozenset("no not nor without neither non failed".split())


def direction_features(sentence: str) -> list[str]:
    """The model's features of a sentence: uni- to trigrams, the words within four of a negation, and
    the verifier's direction cues (:func:`medcite.text.effect_direction` and its cue counts)."""
    toks = tokens(sentence)
    feats = ngrams(toks, n=3)
    feats.append(f"rule:{effect_direction(sentence).value}")
    feats += [
        f"cue:{name}:{min(len(cue.findall(sentence)), 3)}"
        for name, cue in (("nodiff", NO_DIFFERENCE), ("up", INCREASE), ("down", DECREASE))
    ]
    for i, t in enumerate(toks):
        if t in _NEGATORS or t.endswith("n't"):
            feats += [f"neg:{w}" for w in toks[i + 1 : i + 5]]
    if re.search(r"\bp\s*[<≤]\s*0?\.0", sentence, re.I):
        feats.append("p:small")
    if re.search(r"\bp\s*[>≥=]\s*0?\.(?:0[5-9]|[1-9])", sentence, re.I):
        feats.append("p:large")
    return feats


def direction_probabilities(sentence: str) -> dict[str, float]:
    """The model's probability of each class (the three directions and ``none``)."""
    model = load_model(MODEL)
    p = model.probabilities(direction_features(sentence))
    return {c: float(v) for c, v in zip(model.classes, p, strict=True)}


# clauses a sentence sets side by side: "IL-4 ... were significantly lower in the patients with post-ERCP
# pancreatitis ..., while TNFalpha levels ... were higher in the complicated group" (tune36: a summary of
# findings said "decreased"); where they read opposite ways, the sentence reports no one direction
_SIDE_BY_SIDE = re.compile(r"(?:,|;)?\s+(?:while|whereas)\s+|;\s+(?:but|however,?)\s+", re.I)
MIXED_CLAUSES = True
# a later clause on the same outcome in the other arm is the contrast, not another finding: "Proteinuria
# significantly decreased in the enalapril group, whereas it tended to increase in the control group"
_OTHER_ARM = re.compile(
    r"^(?:it|they|that of|those of|(?:in )?(?:the )?(?:placebo|control|sham|comparison|usual[- ]care)\b)",
    re.I,
)


def finding_direction(sentence: str) -> tuple[Direction | None, float]:
    """The direction the sentence reports and the model's probability of it; ``(None, 0.0)`` when the
    model reads no comparison (``none`` is its likeliest class), or when its clauses (:data:`_SIDE_BY_SIDE`)
    read increased and decreased."""
    clauses = _SIDE_BY_SIDE.split(sentence) if MIXED_CLAUSES else []
    clauses = clauses[:1] + [c for c in clauses[1:] if not _OTHER_ARM.match(c)]
    if len(clauses) > 1 and {"increased", "decreased"} <= {_likeliest(c)[0] for c in clauses}:
        return None, 0.0
    best, p = _likeliest(sentence)
    if best == NONE or best not in DIRECTIONS:
        return None, 0.0
    return best, p


def _likeliest(text: str) -> tuple[str, float]:
    """The model's likeliest class for ``text`` and its probability."""
    probs = direction_probabilities(text)
    best = max(probs, key=lambda c: probs[c])
    return best, probs[best]
