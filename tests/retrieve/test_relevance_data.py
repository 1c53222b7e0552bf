"""The relevance model's title-query training groups (``training/relevance_data.title_groups``), on the real
shared corpora: licence-OK records only, no BioASQ gold document as a positive, no held-out Evidence
Inference article, and no title inside a document."""

from __future__ import annotations

import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "training"))

from relevance_data import EXTRA_OK, bioasq_pmids, title_groups  # noqa: E402


def test_title_groups_pair_a_title_with_its_own_abstract_only_from_allowed_records(shared: Path) -> None:
    groups, docs = title_groups(shared, random.Random(5), 400)
    assert len(groups) == 400
    assert len(docs) > 10_000  # every eligible record is a possible negative
    gold = bioasq_pmids(shared)
    assert len(gold) > 1_000
    for g in groups:
        _, src, ident = g.positive.key.split(":", 2)
        assert src.startswith(EXTRA_OK), g.positive.key
        assert ident not in gold
        assert not g.positive.text.lower().startswith("abstract")
        assert g.query.lower() not in g.positive.text.lower()[: len(g.query) + 5]
        assert g.source == "titles"


def test_title_groups_are_the_same_for_a_seed(shared: Path) -> None:
    a, _ = title_groups(shared, random.Random(9), 50)
    b, _ = title_groups(shared, random.Random(9), 50)
    c, _ = title_groups(shared, random.Random(10), 50)
    assert [g.query for g in a] == [g.query for g in b]
    assert [g.query for g in a] != [g.query for g in c]
