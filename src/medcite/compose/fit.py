"""Sentence fit: how well one evidence sentence answers the question, by the relevance cross-encoder.

The relevance gate (:func:`medcite.compose.plan.on_topic`) judges whole studies; a study on topic still
holds background, methods and side findings that answer another question ("smoking relapse is common"
in a trial of bupropion for smoking cessation). The same model (``models/relevance``: question and study
text, trained on PubMedQA, Evidence Inference and MedQuAD pairs) scores each candidate sentence against
the question. The composer (:mod:`medcite.compose.draft`) ranks the sentences scored below ``LOW_FIT``
after all others in the findings sections and leaves them out of the other sections (and out of every
section where the model scores their whole source under ``OFF_SOURCE`` too); only a sentence scored
``ANSWERS_FIT`` or more can be shown "in contrast" or lead the bottom line by naming the intervention alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from medcite.compose.candidates import Candidate
from medcite.ports import Reranker

MAX_SCORED = 160  # candidates scored per answer (the rest keep fit None): bounds the added latency


def with_fit(question: str, cands: Sequence[Candidate], model: Reranker | None) -> list[Candidate]:
    """The candidates with :attr:`Candidate.fit` set by ``model`` (the first :data:`MAX_SCORED`), or as
    they are without a model."""
    if model is None or not cands:
        return list(cands)
    head = list(cands[:MAX_SCORED])
    scores = model.score(question, [c.text for c in head])
    scored = [replace(c, fit=float(s)) for c, s in zip(head, scores, strict=True)]
    return scored + list(cands[MAX_SCORED:])
