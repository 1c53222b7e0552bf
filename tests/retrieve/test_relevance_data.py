"""The relevance model's title-query training groups (``training/relevance_data.title_groups``), on the real
shared corpora: licence-OK records only, no BioASQ gold document and no held-out Evidence Inference article
as a positive (by identifier and by title), and no leading "Abstract" label in a document."""

from __future__ import annotations

import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "training"))

from data_sources import ei_heldout_pmcids  # noqa: E402
from relevance_data import EXTRA_OK, _norm_title, bioasq_pmids, excluded_titles, title_groups  # noqa: E402


def test_title_groups_pair_a_title_with_its_own_abstract_only_from_allowed_records(shared: Path) -> None:
    groups, docs = title_groups(shared, random.Random(5), 400)
    assert len(groups) == 400
    assert len(docs) > 10_000  # every eligible record is a possible negative
    gold, held, banned = bioasq_pmids(shared), ei_heldout_pmcids(shared), excluded_titles(shared)
    assert len(gold) > 1_000 and len(held) > 100 and len(banned) > 1_000
    for g in groups:
        _, src, ident = g.positive.key.split(":", 2)
        assert src.startswith(EXTRA_OK), g.positive.key
        assert ident not in gold
        if src == "evidence_inference":
            assert ident.startswith("PMC") and ident.removeprefix("PMC") not in held
        assert _norm_title(g.query) not in banned
        assert not g.positive.text.lower().startswith("abstract")
        assert g.source == "titles"
    # the same article under another set's key is caught by its title (a held-out Evidence Inference trial
    # that a SYNERGY review set also holds)
    every, docs = title_groups(shared, random.Random(5), 10**6)
    twin = "t:synergy_van_der_Valk_2021:29855372"
    assert twin in {d.key for d in docs}  # eligible as a negative
    assert not [g for g in every if g.positive.key == twin]


def test_title_groups_are_the_same_for_a_seed(shared: Path) -> None:
    a, _ = title_groups(shared, random.Random(9), 50)
    b, _ = title_groups(shared, random.Random(9), 50)
    c, _ = title_groups(shared, random.Random(10), 50)
    assert [g.query for g in a] == [g.query for g in b]
    assert [g.query for g in a] != [g.query for g in c]
