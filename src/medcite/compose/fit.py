"""Sentence fit: how well one evidence sentence answers the question, by the relevance cross-encoder.

The relevance gate (:func:`medcite.compose.plan.on_topic`) judges whole studies; a study on topic still
holds background, methods and side findings that answer another question ("smoking relapse is common"
in a trial of bupropion for smoking cessation). The same model (``models/relevance``: question and study
text, trained on PubMedQA, Evidence Inference and MedQuAD pairs) scores each candidate sentence against
the question. The composer (:mod:`medcite.compose.draft`) ranks the sentences scored below :data:`LOW_FIT`
after all others in the findings sections and leaves them out of the other sections (and out of every
section where the model scores their whole source under ``OFF_SOURCE`` too); only a sentence scored
:data:`ANSWERS_FIT` or more (:func:`answers`) can be shown "in contrast" or lead the bottom line by naming
the intervention alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from medcite.compose.candidates import Candidate
from medcite.ports import Reranker

MAX_SCORED = 160  # candidates scored per answer (the rest keep fit None): bounds the added latency
# a sentence the model scores below this comes after all others in a section of findings (a soft floor: it
# still fills one that has nothing better, and may vote on the stance) and is left out of the other sections
LOW_FIT = 0.05
ANSWERS_FIT = 0.5  # the relevance model's score at which a sentence counts as answering the question


def with_fit(question: str, cands: Sequence[Candidate], model: Reranker | None) -> list[Candidate]:
    """The candidates with :attr:`Candidate.fit` set by ``model`` (the first :data:`MAX_SCORED`), or as
    they are without a model."""
    if model is None or not cands:
        return list(cands)
    head = list(cands[:MAX_SCORED])
    scores = model.score(question, [c.text for c in head])
    scored = [replace(c, fit=float(s)) for c, s in zip(head, scores, strict=True)]
    return scored + list(cands[MAX_SCORED:])


def answers(c: Candidate) -> bool:
    """Scored by the relevance model at :data:`ANSWERS_FIT` or above (or not scored): reads as answering
    the question."""
    return c.fit is None or c.fit >= ANSWERS_FIT


def off_question(c: Candidate) -> bool:
    """Scored by the relevance model below :data:`LOW_FIT`: ranked after every sentence above it."""
    return c.fit is not None and c.fit < LOW_FIT


def closeness(c: Candidate) -> float:
    """How closely the sentence answers the question: the relevance model's score where it ran (0..1),
    else its word overlap with the question less 1 (so that scored sentences come first)."""
    return c.fit if c.fit is not None else c.relevance - 1.0
