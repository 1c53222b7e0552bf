"""The Reranker contract: the shipped ONNX relevance cross-encoder and the term-overlap double pass the same
suite. The documents are synthetic test fixtures, not evidence."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from medcite.bootstrap import load_reranker
from medcite.config import load_settings
from medcite.ports import Reranker
from medcite.testing import TermOverlapReranker

QUESTION = "Does drug X lower blood pressure in adults with hypertension?"
ON_TOPIC = (
    "Synthetic test fixture, not evidence. Drug X for blood pressure in adults with hypertension: a trial "
    "of drug X against placebo measured systolic blood pressure in adults with hypertension."
)
OFF_TOPIC = (
    "Synthetic test fixture, not evidence. Migration timing of zebras across a river was recorded by "
    "field observers over two dry seasons."
)


@cache
def _onnx() -> Reranker:
    return load_reranker(load_settings())


@pytest.fixture(params=["onnx", "term-overlap"])
def reranker(request: pytest.FixtureRequest) -> Reranker:
    return _onnx() if request.param == "onnx" else TermOverlapReranker()


def test_scores_one_per_document_in_order_in_unit_interval(reranker: Reranker) -> None:
    docs = [OFF_TOPIC, ON_TOPIC, OFF_TOPIC]
    s = reranker.score(QUESTION, docs)
    assert s.shape == (3,) and s.dtype == np.float32
    assert np.all((s > 0.0) & (s < 1.0))
    assert s[1] > s[0]  # the document about the question ranks above the unrelated one
    assert s[0] == s[2]  # the same document scores the same in one call
    assert reranker.model_id


def test_order_of_the_documents_does_not_change_their_scores(reranker: Reranker) -> None:
    a = reranker.score(QUESTION, [ON_TOPIC, OFF_TOPIC])
    b = reranker.score(QUESTION, [OFF_TOPIC, ON_TOPIC])
    assert np.array_equal(a, b[::-1])


def test_a_score_does_not_depend_on_the_documents_scored_beside_it(reranker: Reranker) -> None:
    """Scored alone or among documents of other lengths, a document gets the same score, to the bit (an
    int8 model quantises its activations per call: batched, each score moved with its neighbours)."""
    others = [f"{OFF_TOPIC} Extra words for length {'and more ' * k}." for k in range(1, 12)]
    crowd = reranker.score(QUESTION, [*others, ON_TOPIC, *others])
    alone = reranker.score(QUESTION, [ON_TOPIC])
    assert crowd[len(others)] == alone[0]
    assert np.array_equal(crowd[: len(others)], crowd[len(others) + 1 :])


def test_no_documents_no_scores(reranker: Reranker) -> None:
    out = reranker.score(QUESTION, [])
    assert out.shape == (0,) and out.dtype == np.float32


def test_a_very_long_document_is_read_in_bounded_time(reranker: Reranker) -> None:
    s = reranker.score(QUESTION, [ON_TOPIC + " filler" * 200_000, OFF_TOPIC])
    assert s.shape == (2,) and np.all(np.isfinite(s))
