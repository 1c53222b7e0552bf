"""The shipped relevance model on real data: held-out PubMedQA dev questions (the odd indices, never trained
on) with their own abstract among unrelated PubMedQA abstracts."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from medcite.bootstrap import load_reranker
from medcite.config import load_settings
from medcite.corpus.detect import parse_path
from medcite.domain import SourceRecord
from medcite.ports import Reranker

N_QUESTIONS = 40
N_OTHERS = 9


@cache
def _model() -> Reranker:
    return load_reranker(load_settings())


def _cases(shared: Path) -> list[tuple[str, str, list[str]]]:
    """(question, its own abstract, N_OTHERS unrelated abstracts) for odd-index questions."""
    recs = {
        r.key: r for r in parse_path(shared / "pubmedqa" / "abstracts.jsonl") if isinstance(r, SourceRecord)
    }
    docs = {k: f"{r.title} {r.text}".strip() for k, r in recs.items()}
    keys = sorted(docs)
    lines = (shared / "pubmedqa" / "questions_dev.jsonl").read_text().splitlines()
    out = []
    for i in range(1, 2 * N_QUESTIONS, 2):
        q = json.loads(lines[i])
        pos = keys.index(q["pmid"])
        others = [keys[(pos + 37 * j) % len(keys)] for j in range(1, N_OTHERS + 1)]
        out.append((q["question"], docs[q["pmid"]], [docs[k] for k in others]))
    return out


def _top1(reranker: Reranker, cases: list[tuple[str, str, list[str]]]) -> float:
    wins = 0
    for question, own, others in cases:
        s = reranker.score(question, [own, *others])
        wins += int(s[0] > s[1:].max())
    return wins / len(cases)


@pytest.mark.slow
def test_held_out_questions_rank_their_own_abstract_first(shared: Path) -> None:
    cases = _cases(shared)
    share = _top1(_model(), cases)
    assert share >= 0.9, share  # measured 0.975 (39 of 40) with medcite-relevance-minilm-l6-v1 and -v2
    question, own, others = cases[
        1
    ]  # "A short stay or 23-hour ward in a general and academic children's ..."
    s = _model().score(question, [*others, own])
    assert int(s.argmax()) == len(others)
    assert float(s[-1]) > 0.5 > float(np.median(s[:-1]))
