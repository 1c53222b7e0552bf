"""Contracts of EntailmentModel (the shipped ONNX NLI model and a double) and LiteratureSource (the
E-utilities client against a local server of real responses, and the static double)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest

from medcite.adapters.eutils import EutilsClient
from medcite.adapters.onnx_nli import NLIModel, shipped_model_dir
from medcite.config import load_settings
from medcite.corpus.detect import parse_path
from medcite.domain import SourceRecord
from medcite.errors import InputError
from medcite.ports import CONTRADICT, ENTAIL, EntailmentModel, LiteratureSource
from medcite.testing import FixedEntailment, StaticLiterature
from tests.eutils_server import FakePubmed, serve


@pytest.fixture(params=["onnx", "double"])
def nli(request: pytest.FixtureRequest) -> EntailmentModel:
    return NLIModel(shipped_model_dir()) if request.param == "onnx" else FixedEntailment()


def test_entailment_rows_are_probabilities_in_input_order(nli: EntailmentModel) -> None:
    # synthetic sentences (test fixtures, not evidence)
    premise = "The synthetic test group that received compound alpha had lower scores."
    pairs = [(premise, "The group that received compound alpha had lower scores."), (premise, "Zebras fly.")]
    p = nli.predict(pairs)
    assert p.shape == (2, 3) and p.dtype == np.float32
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-4) and (p >= 0).all()
    assert p[0, ENTAIL] > p[1, ENTAIL] and p[0, ENTAIL] > p[0, CONTRADICT]
    assert np.allclose(nli.predict(pairs[::-1]), p[::-1], atol=1e-5)
    assert nli.predict([]).shape == (0, 3)
    assert nli.model_id


def test_a_pairs_row_does_not_depend_on_the_pairs_beside_it(nli: EntailmentModel) -> None:
    """One pair read alone or among pairs of other lengths gets the same row, to the bit: a verdict is a
    function of its claim and its evidence (the int8 model quantises activations per call; batched, about
    5% of HealthVer dev verdicts changed with their neighbours)."""
    premise = "The synthetic test group that received compound alpha had lower scores at week four."
    pair = (premise, "Compound alpha lowered the scores.")
    others = [(f"{premise} Further synthetic words{' and more' * k}.", "Scores rose.") for k in range(12)]
    crowd = nli.predict([*others, pair, *others])
    alone = nli.predict([pair])
    assert np.array_equal(crowd[len(others)], alone[0])
    assert np.array_equal(crowd[: len(others)], crowd[len(others) + 1 :])


@pytest.fixture(params=["eutils", "static"])
def literature(request: pytest.FixtureRequest, shared: Path) -> Iterator[tuple[LiteratureSource, int]]:
    entrez = shared / "formats" / "eutils_samples_biopython" / "Entrez"
    if request.param == "static":
        recs = [r for r in parse_path(entrez / "pubmed4.xml") if isinstance(r, SourceRecord)]
        yield StaticLiterature(recs), len(recs)
        return
    state = FakePubmed(esearch=entrez / "esearch2.xml", efetch=[entrez / "pubmed4.xml"])
    with serve(state):
        settings = load_settings(pubmed_base_url=state.url, pubmed_batch_size=500)
        client = EutilsClient(settings, client=httpx.Client(), sleep=lambda s: None)
        yield client, 100
        client.close()


def test_literature_fetches_records_and_skips_stored_ones(literature: tuple[LiteratureSource, int]) -> None:
    source, _n = literature
    got = [r for r in source.fetch("the", 3, lambda k: False) if isinstance(r, SourceRecord)]
    assert len(got) >= 1 and all(r.key and r.title for r in got)
    assert list(source.fetch("the", 3, lambda k: True)) == []  # everything already stored: nothing fetched
    with pytest.raises(InputError):
        list(source.fetch("  ", 3, lambda k: False))
    source.close()
