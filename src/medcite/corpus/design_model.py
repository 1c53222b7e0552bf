"""The trained text design classifier: title + abstract (+ the text cue rules' answer) -> study design.

Used by :func:`medcite.corpus.classify.classify` in step 3 only, i.e. where neither publication types nor
MeSH design descriptors decide (the JSON Lines corpora). A hashed word n-gram multinomial logistic
regression (:mod:`medcite.corpus.linear`, ``models/design/model.npz``), trained by
``training/train_design.py`` on records whose NLM indexing gives the design (see the model card). The
features are the title's and the abstract's words and word pairs (numbers as ``#``), a few shape flags (no
abstract, length, any digit), and the design the cue rules give, so the model learns when to trust them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from medcite.corpus.linear import load_model, ngrams, tokens
from medcite.domain import Design

MODEL = "design"
_ABSTRACT_TOKENS = 400  # the opening of a long abstract says what the study is


def design_features(title: str, text: str, rule: Design | None) -> list[str]:
    """The feature names of one record (``rule``: what the text cue rules say, None when they say nothing)."""
    title_toks = tokens(title)
    text_toks = tokens(text)[:_ABSTRACT_TOKENS]
    feats = ngrams(title_toks, "t:") + ngrams(text_toks, "a:")
    feats.append(f"rule:{rule.value if rule is not None else 'none'}")
    n = len(text_toks)
    feats.append("len:" + ("0" if n == 0 else "short" if n < 60 else "mid" if n < 200 else "long"))
    if n and "#" not in text_toks:
        feats.append("nodigit")
    if not title_toks:
        feats.append("notitle")
    return feats


def model_design(
    title: str, text: str, rule: Design | None, exclude: frozenset[Design] = frozenset()
) -> tuple[Design, float]:
    """The shipped model's most probable design for a record, other than ``exclude``, and its probability."""
    model = load_model(MODEL)
    probs = model.probabilities(design_features(title, text, rule))
    return best_design(model.classes, probs, exclude)


def best_design(
    classes: Sequence[str], probs: npt.NDArray[np.float64], exclude: frozenset[Design] = frozenset()
) -> tuple[Design, float]:
    """The most probable class not in ``exclude``, and its probability."""
    allowed = np.array([Design(c) not in exclude for c in classes])
    best = int(np.where(allowed, probs, -1.0).argmax())
    return Design(classes[best]), float(probs[best])
